"""A fake Zalo OA API (`POST /v3.0/oa/message/cs`) and signed webhook events for tests."""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

from aiohttp import web

from bot.zalo_signature import zalo_mac
from tests.fakes.server import FakeServer


class FakeZalo(FakeServer):
    """Records each message sent; `error` makes it answer like Zalo refusing (e.g. -216)."""

    def __init__(self, access_token: str) -> None:
        super().__init__()
        self.access_token = access_token
        self.error: tuple[int, str] | None = None
        self._ids = itertools.count(1)

    def make_app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3.0/oa/message/cs", self._send)
        return app

    def texts_to(self, user_id: str) -> list[str]:
        """The texts sent to one user, in order."""
        return [
            call.params["message"]["text"]
            for call in self.calls_of("message/cs")
            if call.params["recipient"]["user_id"] == user_id
        ]

    async def _send(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.record("message/cs", body, dict(request.headers))
        if request.headers.get("access_token") != self.access_token:
            return web.json_response({"error": -216, "message": "Access token is invalid"})
        if self.error is not None:
            return web.json_response({"error": self.error[0], "message": self.error[1]})
        data = {"message_id": f"m{next(self._ids)}", "user_id": body["recipient"]["user_id"]}
        return web.json_response({"error": 0, "message": "Success", "data": data})


def text_event(
    user_id: str, text: str, msg_id: str, app_id: str, timestamp: str | None = None
) -> dict[str, Any]:
    """A `user_send_text` event shaped like Zalo's, stamped now (ms) unless told otherwise."""
    if timestamp is None:
        timestamp = str(int(time.time() * 1000))
    return {
        "app_id": app_id,
        "user_id_by_app": f"app-{user_id}",
        "event_name": "user_send_text",
        "timestamp": timestamp,
        "sender": {"id": user_id},
        "recipient": {"id": "oa-1"},
        "message": {"text": text, "msg_id": msg_id},
    }


def signed(event: dict[str, Any], app_id: str, oa_secret_key: str) -> tuple[bytes, dict[str, str]]:
    """The raw body and the headers Zalo would send for this event."""
    body = json.dumps(event, ensure_ascii=False).encode()
    mac = zalo_mac(app_id, body, str(event["timestamp"]), oa_secret_key)
    return body, {"X-ZEvent-Signature": f"mac={mac}", "Content-Type": "application/json"}
