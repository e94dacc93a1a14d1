"""Errors raised by the chat bots.

KehoachError (ingest.errors)
├── InputError
│   └── ChatInputError        a message the bot cannot act on; str() is the Vietnamese reply
└── ConfigurationError
    └── BotConfigurationError a bot setting is missing or malformed; names the variables
"""

from __future__ import annotations

from ingest.errors import ConfigurationError, InputError, KehoachError


class ChatInputError(InputError):
    """The user's message cannot be acted on; the message is a polite reply in Vietnamese."""


class BotConfigurationError(ConfigurationError):
    """A bot is not configured (or badly configured); the message names what to set."""


class ZaloApiError(KehoachError):
    """Zalo's OA API did not accept a message; `code` is Zalo's error number."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"Zalo OA API error {code}: {message}")
        self.code = code
