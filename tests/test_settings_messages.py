"""A bad `KEHOACH_*` (or bot) variable is named with what is wrong, in Vietnamese, and the
command ends cleanly: no traceback, no pydantic English, never the value of a key."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from api.settings import load_api_settings
from bot.settings import load_bot_settings
from ingest.errors import ConfigurationError
from ingest.settings import load_settings
from kehoach.cli import app

ENGLISH = ("Input should", "Value error", "valid integer", "For further information", "is not")


def test_a_bad_variable_ends_the_command_with_a_vietnamese_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KEHOACH_EMBED_BATCH_SIZE", "ba mươi hai")
    result = CliRunner().invoke(app, ["documents"])
    assert result.exit_code == 1
    assert "KEHOACH_EMBED_BATCH_SIZE: phải là số nguyên" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not any(word in result.output for word in ENGLISH)


@pytest.mark.parametrize(
    ("load", "values", "expected"),
    [
        (load_settings, {"max_question_chars": "nhiều"}, "KEHOACH_MAX_QUESTION_CHARS: phải là số"),
        (load_api_settings, {"api_rate_per_ip": -1}, "KEHOACH_API_RATE_PER_IP: phải lớn hơn"),
        (load_api_settings, {"trusted_proxies": "proxy"}, "không phải địa chỉ IP hay dải mạng"),
        (load_bot_settings, {"telegram_allowed_ids": "abc"}, "TELEGRAM_ALLOWED_IDS: cần các mã số"),
        (load_bot_settings, {"telegram_api_base_url": "ftp://x"}, "không phải địa chỉ http(s)"),
    ],
)
def test_each_settings_problem_reads_in_vietnamese(load, values: dict, expected: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        load(**values)
    message = str(caught.value)
    assert expected in message and "không hợp lệ — " in message
    assert not any(word in message for word in ENGLISH), message
