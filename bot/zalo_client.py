"""Sending text through Zalo's OA message API (v3 "cs": replies to a user who wrote in)."""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx

from bot.errors import BotConfigurationError, ZaloApiError
from bot.settings import BotSettings

logger = logging.getLogger(__name__)

TokenSource = Callable[[], str]
_TIMEOUT = httpx.Timeout(10.0)


def access_token_source(settings: BotSettings) -> TokenSource:
    """Where each reply reads its access token: the file when one is set, else the setting.

    The file is read for every reply so that a refresher (see the README) can rotate the
    token — Zalo's access tokens last about a day — without restarting the server.
    """
    path, fixed = settings.zalo_access_token_file, settings.zalo_access_token

    def read() -> str:
        if path is not None:
            try:
                token = path.read_text(encoding="utf-8").strip()
            except OSError as error:
                raise BotConfigurationError(
                    f"không đọc được ZALO_ACCESS_TOKEN_FILE {path}: {error}"
                ) from error
            if token:
                return token
        if fixed is None:
            raise BotConfigurationError(
                "chưa có access token Zalo: hãy đặt ZALO_ACCESS_TOKEN hoặc ZALO_ACCESS_TOKEN_FILE"
            )
        return fixed.get_secret_value()

    return read


class ZaloClient:
    """`POST {base}/v3.0/oa/message/cs` with the `access_token` header, one text at a time."""

    def __init__(self, base_url: str, token: TokenSource) -> None:
        self._url = f"{base_url.rstrip('/')}/v3.0/oa/message/cs"
        self._token = token

    async def send_texts(self, user_id: str, texts: list[str]) -> None:
        """Send the texts in order; stop at the first one Zalo refuses (`ZaloApiError`)."""
        async with httpx.AsyncClient(timeout=_TIMEOUT) as http:
            for text in texts:
                await self._send(http, user_id, text)

    async def _send(self, http: httpx.AsyncClient, user_id: str, text: str) -> None:
        response = await http.post(
            self._url,
            headers={"access_token": self._token()},
            json={"recipient": {"user_id": user_id}, "message": {"text": text}},
        )
        # Zalo answers HTTP 200 with {"error": 0, ...} on success and a negative error code
        # (-216: access token invalid or expired) otherwise.
        try:
            payload = response.json()
        except ValueError:
            payload = {}
        if response.status_code >= 400 or not isinstance(payload, dict):
            raise ZaloApiError(response.status_code, response.text[:200])
        code = int(payload.get("error", 0) or 0)
        if code != 0:
            raise ZaloApiError(code, str(payload.get("message", "")))
        logger.debug("zalo message sent to %s (%d chars)", user_id, len(text))
