"""Bot settings from `TELEGRAM_*`, `ZALO_*` and `BOT_*` environment variables.

Read once at the edge (`kehoach bot telegram`, `create_app`) with `load_bot_settings()` and
passed down. Tokens are `SecretStr` so that they never show in a repr or a log line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.errors import BotConfigurationError
from ingest.validation_messages import settings_problems

TELEGRAM_API_BASE_URL = "https://api.telegram.org/bot"
ZALO_API_BASE_URL = "https://openapi.zalo.me"

# Telegram accepts 1-256 characters A-Z, a-z, 0-9, _ and - as a webhook secret token.
_TELEGRAM_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


class BotSettings(BaseSettings):
    """Telegram and Zalo settings; each transport checks that its own part is complete."""

    model_config = SettingsConfigDict(extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = TELEGRAM_API_BASE_URL  # the token is appended to it
    telegram_webhook_secret: SecretStr | None = None  # checked on /telegram/webhook
    telegram_webhook_url: str | None = None  # set → the API registers this webhook on start
    # Chat or user ids allowed to use the Telegram bot; empty lets everyone in.
    telegram_allowed_ids: Annotated[frozenset[int], NoDecode] = frozenset()

    zalo_app_id: str | None = None
    zalo_oa_secret_key: SecretStr | None = None  # the OA secret key (not the app secret key)
    zalo_access_token: SecretStr | None = None
    # A file holding the access token, re-read for every reply so that a refresher can rotate it.
    zalo_access_token_file: Path | None = None
    zalo_api_base_url: str = ZALO_API_BASE_URL
    zalo_allowed_user_ids: Annotated[frozenset[str], NoDecode] = frozenset()
    # A signed event whose own timestamp is further than this from now (either way) is
    # refused: a captured event cannot be replayed later.
    zalo_event_max_age_s: float = Field(default=300.0, gt=0)

    bot_rate_limit: int = Field(default=10, ge=1)  # questions per chat per window
    bot_rate_window_seconds: float = Field(default=60.0, gt=0)

    @field_validator("telegram_api_base_url", "zalo_api_base_url", "telegram_webhook_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"{value!r} không phải địa chỉ http(s)")
        return value.rstrip("/") if value else value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _telegram_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _TELEGRAM_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("dùng 1–256 ký tự trong A-Z, a-z, 0-9, _ và -")
        return value

    @field_validator("telegram_allowed_ids", mode="before")
    @classmethod
    def _int_ids(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return frozenset(int(part) for part in _comma_separated(value))
            except ValueError as error:
                raise ValueError(
                    f"cần các mã số cách nhau bởi dấu phẩy, nhận được {value!r}"
                ) from error
        return value

    @field_validator("zalo_allowed_user_ids", mode="before")
    @classmethod
    def _str_ids(cls, value: object) -> object:
        return frozenset(_comma_separated(value)) if isinstance(value, str) else value

    # ---- completeness per transport ------------------------------------------------------

    def telegram_missing(self, webhook: bool = False) -> list[str]:
        """The variables still needed to run the Telegram bot (by polling, or by webhook)."""
        missing = [] if self.telegram_bot_token else ["TELEGRAM_BOT_TOKEN"]
        if webhook and not self.telegram_webhook_secret:
            missing.append("TELEGRAM_WEBHOOK_SECRET")
        return missing

    def zalo_missing(self) -> list[str]:
        """The variables still needed to answer on Zalo."""
        missing = [] if self.zalo_app_id else ["ZALO_APP_ID"]
        if not self.zalo_oa_secret_key:
            missing.append("ZALO_OA_SECRET_KEY")
        if not (self.zalo_access_token or self.zalo_access_token_file):
            missing.append("ZALO_ACCESS_TOKEN (or ZALO_ACCESS_TOKEN_FILE)")
        return missing

    def telegram_allows(self, *ids: int | None) -> bool:
        """Whether a chat or user may use the Telegram bot (everyone when no list is set)."""
        return not self.telegram_allowed_ids or any(i in self.telegram_allowed_ids for i in ids)

    def zalo_allows(self, user_id: str) -> bool:
        """Whether a Zalo user may use the OA bot (everyone when no list is set)."""
        return not self.zalo_allowed_user_ids or user_id in self.zalo_allowed_user_ids


def load_bot_settings(**overrides: object) -> BotSettings:
    """Bot settings from the environment (and overrides), or a `BotConfigurationError`."""
    try:
        return BotSettings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        problems = settings_problems(error, _variable)
        raise BotConfigurationError(f"cấu hình bot không hợp lệ — {problems}") from error


def _comma_separated(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _variable(location: Sequence[int | str]) -> str:
    # the bots' variables carry no prefix (TELEGRAM_BOT_TOKEN, ZALO_ALLOWED_USER_IDS)
    return ".".join(str(part) for part in location).upper() or "cấu hình bot"
