"""Fake third-party servers (Telegram Bot API, Zalo OA API) served on 127.0.0.1 for tests."""
