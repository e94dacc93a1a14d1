"""A fake Telegram Bot API: the methods python-telegram-bot calls, updates fed by the test."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from typing import Any

import httpx
from aiohttp import web
from telegram.request import HTTPXRequest

from tests.fakes.server import FakeServer

BOT_USER = {
    "id": 777000,
    "is_bot": True,
    "first_name": "Kế hoạch",
    "username": "kehoach_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
_TRUE_METHODS = {
    "deleteWebhook",
    "setWebhook",
    "setMyCommands",
    "sendChatAction",
    "answerCallbackQuery",
}
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class LoopbackOnlyRequest(HTTPXRequest):
    """PTB's HTTPX transport that refuses any host but 127.0.0.1 (in the spirit of PTB's
    own `OfflineRequest`), so a misconfigured test can never talk to the real Telegram."""

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> Any:
        host = httpx.URL(url).host
        if host not in _LOOPBACK:
            raise AssertionError(f"the bot under test tried to reach {host}")
        return await super().do_request(url, method, *args, **kwargs)


class FakeTelegram(FakeServer):
    """Serves `/bot<token>/<method>`; `push_*` queue updates that `getUpdates` hands out."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._new_update: asyncio.Condition | None = None
        self._closing = False
        self.failing: set[str] = set()  # methods that answer like a Telegram outage

    @property
    def api_base_url(self) -> str:
        """What goes in TELEGRAM_API_BASE_URL (PTB appends the token)."""
        return f"{self.base_url}/bot"

    def make_app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        return app

    async def closing(self) -> None:
        self._closing = True
        if self._new_update is not None:
            async with self._new_update:
                self._new_update.notify_all()

    # ---- feeding updates ----------------------------------------------------------------------

    def push_message(self, chat_id: int, text: str, user_id: int | None = None) -> int:
        """A user's text message (a command when it starts with "/"); returns its update id."""
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": 1_700_000_000,
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": _user(user_id or abs(chat_id)),
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self._push({"message": message})

    def push_photo(self, chat_id: int) -> int:
        """A user's photo without a caption."""
        message = {
            "message_id": next(self._message_ids),
            "date": 1_700_000_000,
            "chat": {"id": chat_id, "type": "private"},
            "from": _user(chat_id),
            "photo": [{"file_id": "p1", "file_unique_id": "u1", "width": 10, "height": 10}],
        }
        return self._push({"message": message})

    def push_callback(self, chat_id: int, data: str, message_id: int = 1) -> int:
        """A press on an inline button carrying `data`."""
        query = {
            "id": f"cb{next(self._message_ids)}",
            "from": _user(chat_id),
            "chat_instance": "instance",
            "data": data,
            "message": {
                "message_id": message_id,
                "date": 1_700_000_000,
                "chat": {"id": chat_id, "type": "private"},
                "from": BOT_USER,
                "text": "…",
            },
        }
        return self._push({"callback_query": query})

    def _push(self, update: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        self.run_in_loop(self._add({"update_id": update_id, **update}))
        return update_id

    async def _add(self, update: dict[str, Any]) -> None:
        condition = self._condition()
        async with condition:
            self._updates.append(update)
            condition.notify_all()

    def _condition(self) -> asyncio.Condition:
        if self._new_update is None:
            self._new_update = asyncio.Condition()
        return self._new_update

    # ---- the API ------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return _reply(False, status=401, description="Unauthorized")
        params = dict(await request.post()) if request.can_read_body else {}
        params.update(request.query)
        for key, value in list(params.items()):
            if isinstance(value, web.FileField):  # an upload (sendDocument): its text
                params[key] = value.file.read().decode("utf-8")
                params[f"{key}_name"] = value.filename
        self.record(method, {k: str(v) for k, v in params.items()}, dict(request.headers))
        if method in self.failing:
            return _reply(False, status=502, description="Bad Gateway")
        if method == "getMe":
            return _reply(BOT_USER)
        if method == "getUpdates":
            return _reply(await self._get_updates(params))
        if method == "getWebhookInfo":
            return _reply({"url": "", "has_custom_certificate": False, "pending_update_count": 0})
        if method in _TRUE_METHODS:
            return _reply(True)
        if method in ("sendMessage", "editMessageText", "sendDocument"):
            return _reply(self._sent_message(params))
        return _reply(False, status=404, description=f"Not Found: method {method} not faked")

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        condition = self._condition()
        async with condition:
            if not self._closing and timeout > 0:
                await _wait(condition, lambda: self._closing or self._pending(offset), timeout)
            return self._pending(offset)

    def _pending(self, offset: int) -> list[dict[str, Any]]:
        return [u for u in self._updates if u["update_id"] >= offset]

    def _sent_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": 1_700_000_000,
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": BOT_USER,
            "text": params.get("text", ""),
        }
        if "reply_markup" in params:
            message["reply_markup"] = json.loads(params["reply_markup"])
        return message


async def _wait(condition: asyncio.Condition, predicate: Any, timeout: float) -> None:
    with contextlib.suppress(TimeoutError):  # a long poll that ends empty
        await asyncio.wait_for(condition.wait_for(predicate), timeout)


def _user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Cán bộ", "language_code": "vi"}


def _reply(result: Any, status: int = 200, description: str = "") -> web.Response:
    body: dict[str, Any] = {"ok": status == 200, "result": result}
    if status != 200:
        body = {"ok": False, "error_code": status, "description": description}
    return web.json_response(body, status=status)
