"""API-only settings: keys, rate limits, CORS and body limits (`KEHOACH_*` variables).

They sit beside `ingest.settings.Settings` (index, model, home), read once at the edge and
passed to `create_app`. Keys are `SecretStr`, so they never show in a repr or a log line.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from ingest.errors import ConfigurationError
from ingest.validation_messages import settings_problems
from retrieval.plan_scope import PlanScope, ScopeError, parse_scope

MIN_KEY_CHARS = 16  # shorter keys are guessable; refuse them at start-up

KeyList = Annotated[list[SecretStr], NoDecode]
TextList = Annotated[list[str], NoDecode]


class ApiSettings(BaseSettings):
    """Settings of the HTTP API; lists are comma-separated in the environment."""

    model_config = SettingsConfigDict(env_prefix="KEHOACH_", extra="ignore")

    admin_keys: KeyList = Field(default_factory=list)  # may upload and delete documents
    read_keys: KeyList = Field(default_factory=list)  # when set, reads need a key too
    # Token buckets: sustained requests per second and burst size; a rate of 0 disables.
    api_rate_per_key: float = Field(default=20.0, ge=0)
    api_burst_per_key: int = Field(default=40, ge=1)
    api_rate_per_ip: float = Field(default=50.0, ge=0)
    api_burst_per_ip: int = Field(default=100, ge=1)
    api_cors_origins: TextList = Field(default_factory=list)
    api_max_upload_bytes: int = Field(default=20 * 1024 * 1024, ge=1)
    api_max_request_bytes: int = Field(default=64 * 1024, ge=1024)  # every other body
    api_conversation_ttl_s: float = Field(default=30 * 60, gt=0)
    api_max_conversations: int = Field(default=10_000, ge=1)
    api_max_pending_jobs: int = Field(default=8, ge=1)
    api_ingest_bundled_corpus: bool = True  # on start-up, when nothing is ingested yet
    # Proxies (addresses or networks, comma-separated) whose X-Forwarded-For is believed.
    # Empty (the default): the header is ignored and the connecting address counts, so a
    # client cannot pick its own address to dodge the per-address rate limit.
    trusted_proxies: TextList = Field(default_factory=list)
    # The plans each API key may read, by the key's fingerprint (the 12 hex digits the
    # logs show): JSON, e.g. {"3fa9c1d2e4b5": "tỉnh Ninh Bình", "a1b2c3d4e5f6": "cấp xã"}
    key_scopes: dict[str, str] = Field(default_factory=dict)

    @field_validator("admin_keys", "read_keys", mode="before")
    @classmethod
    def _split_keys(cls, value: object) -> object:
        return _split(value)

    @field_validator("api_cors_origins", "trusted_proxies", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        return _split(value)

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses(cls, proxies: list[str]) -> list[str]:
        for proxy in proxies:
            if proxy == "*":
                continue
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                raise ValueError(
                    f"{proxy!r} không phải địa chỉ IP hay dải mạng (ví dụ 10.0.0.5, 10.0.0.0/24)"
                ) from None
        return proxies

    @field_validator("admin_keys", "read_keys")
    @classmethod
    def _long_enough(cls, keys: list[SecretStr]) -> list[SecretStr]:
        for number, key in enumerate(keys, start=1):
            if len(key.get_secret_value()) < MIN_KEY_CHARS:
                raise ValueError(
                    f"khoá thứ {number} ngắn hơn {MIN_KEY_CHARS} ký tự; tạo khoá bằng "
                    '`python -c "import secrets; print(secrets.token_urlsafe(32))"`'
                )
        return keys

    @field_validator("key_scopes")
    @classmethod
    def _readable_scopes(cls, scopes: dict[str, str]) -> dict[str, str]:
        for fingerprint, text in scopes.items():
            if not re.fullmatch(r"[0-9a-f]{12}", fingerprint):
                raise ValueError(f"{fingerprint!r} is not a key fingerprint (12 hex digits)")
            try:
                parse_scope(text)
            except ScopeError as error:
                raise ValueError(f"scope of key {fingerprint}: {error}") from None
        return scopes

    def scope_of(self, key_id: str | None) -> PlanScope | None:
        """The scope a key is held to (`key_scopes`), or None."""
        text = self.key_scopes.get(key_id or "")
        return parse_scope(text) if text else None

    @model_validator(mode="after")
    def _distinct_roles(self) -> ApiSettings:
        admin = {key.get_secret_value() for key in self.admin_keys}
        if any(key.get_secret_value() in admin for key in self.read_keys):
            raise ValueError("một khoá vừa là khoá quản trị vừa là khoá đọc; mỗi khoá một vai trò")
        return self


def load_api_settings(**overrides: object) -> ApiSettings:
    """API settings from the environment (and overrides), or a `ConfigurationError`.

    The message names each bad variable and what is wrong, never the value given: a
    rejected key must not end up in a terminal or a log.
    """
    try:
        return ApiSettings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        problems = settings_problems(error, _variable)
        raise ConfigurationError(f"cấu hình API không hợp lệ — {problems}") from None


def _variable(location: Sequence[int | str]) -> str:
    if not location:
        return "KEHOACH_ADMIN_KEYS / KEHOACH_READ_KEYS"  # the only check across fields
    return "KEHOACH_" + str(location[0]).upper()


def _split(value: object) -> object:
    """A comma-separated string as a list (`"a, b"` → `["a", "b"]`); lists pass through."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value
