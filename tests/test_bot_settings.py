"""Bot settings: environment names, parsing, fail-fast validation, completeness per transport."""

from __future__ import annotations

import pytest

from bot.errors import BotConfigurationError
from bot.settings import BotSettings, load_bot_settings


def test_reads_the_documented_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/bot/")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "s3cret_-")
    monkeypatch.setenv("TELEGRAM_ALLOWED_IDS", "42, -100123")
    monkeypatch.setenv("ZALO_APP_ID", "app")
    monkeypatch.setenv("ZALO_OA_SECRET_KEY", "oa")
    monkeypatch.setenv("ZALO_ACCESS_TOKEN", "tok")
    monkeypatch.setenv("ZALO_ALLOWED_USER_IDS", "u1,u2")
    monkeypatch.setenv("BOT_RATE_LIMIT", "3")
    settings = load_bot_settings()
    assert settings.telegram_bot_token is not None
    assert settings.telegram_bot_token.get_secret_value() == "123:abc"
    assert "123:abc" not in repr(settings)
    assert settings.telegram_api_base_url == "http://127.0.0.1:8081/bot"
    assert settings.telegram_allowed_ids == frozenset({42, -100123})
    assert settings.zalo_allowed_user_ids == frozenset({"u1", "u2"})
    assert settings.bot_rate_limit == 3
    assert settings.telegram_missing(webhook=True) == []
    assert settings.zalo_missing() == []


def test_defaults_point_at_the_real_services_and_let_everyone_in() -> None:
    settings = BotSettings()
    assert settings.telegram_api_base_url == "https://api.telegram.org/bot"
    assert settings.zalo_api_base_url == "https://openapi.zalo.me"
    assert settings.telegram_allows(1, 2) and settings.zalo_allows("anyone")
    assert settings.telegram_missing() == ["TELEGRAM_BOT_TOKEN"]
    assert settings.telegram_missing(webhook=True) == [
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_WEBHOOK_SECRET",
    ]
    assert settings.zalo_missing() == [
        "ZALO_APP_ID",
        "ZALO_OA_SECRET_KEY",
        "ZALO_ACCESS_TOKEN (or ZALO_ACCESS_TOKEN_FILE)",
    ]


def test_allow_list_matches_chat_or_user() -> None:
    settings = BotSettings(telegram_allowed_ids="42", zalo_allowed_user_ids="u1")
    assert settings.telegram_allows(42, None) and settings.telegram_allows(-5, 42)
    assert not settings.telegram_allows(7, 8)
    assert settings.zalo_allows("u1") and not settings.zalo_allows("u2")


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"telegram_allowed_ids": "42,abc"}, "TELEGRAM_ALLOWED_IDS"),
        ({"telegram_webhook_secret": "has space"}, "TELEGRAM_WEBHOOK_SECRET"),
        ({"telegram_api_base_url": "api.telegram.org/bot"}, "TELEGRAM_API_BASE_URL"),
        ({"bot_rate_limit": 0}, "BOT_RATE_LIMIT"),
        ({"bot_rate_window_seconds": 0}, "BOT_RATE_WINDOW_SECONDS"),
    ],
)
def test_bad_settings_fail_fast_naming_the_variable(
    overrides: dict[str, object], named: str
) -> None:
    with pytest.raises(BotConfigurationError, match=named):
        load_bot_settings(**overrides)
