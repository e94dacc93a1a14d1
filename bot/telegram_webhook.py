"""`POST /telegram/webhook`: the same Telegram bot, fed by Telegram's webhook instead of polling.

The router's lifespan starts the bot's `Application` with the API and stops it after; when
`TELEGRAM_WEBHOOK_URL` is set it also registers that URL (with the secret token) at Telegram.
Telegram being unreachable must not stop the API from starting: a failed start is logged and
retried on the next webhook call. Telegram sends the secret back in
`X-Telegram-Bot-Api-Secret-Token`; requests without it get 401.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from telegram import Update
from telegram.error import TelegramError

from bot.service import ChatService
from bot.settings import BotSettings
from bot.telegram_app import RequestFactory, build_application, publish_commands
from bot.webhook_errors import webhook_error
from ingest.json_depth import JsonTooDeepError, loads_limited

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WEBHOOK_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "not a Telegram update, or JSON nested too deep"},
    401: {"description": f"missing or invalid {SECRET_HEADER}"},
    413: {"description": "request body over the limit"},
    429: {"description": "too many requests from this address"},
    503: {"description": "the bot is not configured, or could not start (retried later)"},
}


class _BotLifecycle:
    """Starts the `Application` once (retrying after a failure) and stops it on shutdown."""

    def __init__(self, application: Any, settings: BotSettings) -> None:
        self.application = application
        self._settings = settings
        self._lock = asyncio.Lock()
        self.running = False

    async def ensure_started(self) -> bool:
        """Whether the bot runs, starting it now if it is not running yet."""
        async with self._lock:
            if not self.running:
                try:
                    await self._start()
                except TelegramError as error:
                    logger.error("the Telegram bot could not start: %s", error)
            return self.running

    async def stop(self) -> None:
        async with self._lock:
            if self.running:
                await self.application.stop()
                await self.application.shutdown()
                self.running = False

    async def _start(self) -> None:
        application = self.application
        await application.initialize()  # asks Telegram who the bot is (getMe)
        await publish_commands(application)
        await application.start()
        self.running = True
        url = self._settings.telegram_webhook_url
        secret = self._settings.telegram_webhook_secret
        if url and secret:
            try:
                await application.bot.set_webhook(
                    url,
                    secret_token=secret.get_secret_value(),
                    allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY],
                )
                logger.info("telegram webhook registered")
            except TelegramError as error:  # a webhook set earlier may still be in place
                logger.error("could not register the Telegram webhook: %s", error)


def telegram_webhook_router(
    service: ChatService,
    bot_settings: BotSettings,
    *,
    request_factory: RequestFactory | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> APIRouter:
    """A router with `POST /telegram/webhook`; it answers 503 until the bot is configured."""
    missing = bot_settings.telegram_missing(webhook=True)
    if missing:
        return _unavailable_router(f"bot Telegram chưa được cấu hình: hãy đặt {', '.join(missing)}")
    assert bot_settings.telegram_webhook_secret is not None
    secret = bot_settings.telegram_webhook_secret.get_secret_value().encode()
    bot = _BotLifecycle(
        build_application(
            service, bot_settings, webhook=True, request_factory=request_factory, clock=clock
        ),
        bot_settings,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await bot.ensure_started()
        try:
            yield
        finally:
            await bot.stop()

    router = APIRouter(tags=["telegram"], lifespan=lifespan)

    @router.post("/telegram/webhook", responses=WEBHOOK_RESPONSES)
    async def telegram_webhook(request: Request) -> JSONResponse:
        """Queue one Telegram update for the bot; it is answered asynchronously."""
        supplied = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(supplied, secret):
            logger.warning("telegram webhook: rejected a request with a missing or bad secret")
            return webhook_error(401, "unauthorized", f"thiếu hoặc sai {SECRET_HEADER}")
        try:
            data: Any = loads_limited(await request.body())
        except JsonTooDeepError as error:
            return webhook_error(400, "json_too_deep", str(error))
        except ValueError:  # malformed JSON, or not UTF-8
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return webhook_error(
                400, "not_an_update", "nội dung không phải một bản cập nhật Telegram"
            )
        if not await bot.ensure_started():
            # Telegram re-sends the update later; by then the bot may be reachable again.
            return webhook_error(
                503, "bot_not_started", "bot Telegram chưa khởi động được (xem nhật ký máy chủ)"
            )
        await bot.application.update_queue.put(Update.de_json(data, bot.application.bot))
        return JSONResponse({"ok": True})

    return router


def _unavailable_router(reason: str) -> APIRouter:
    router = APIRouter(tags=["telegram"])

    @router.post("/telegram/webhook", responses=WEBHOOK_RESPONSES)
    async def telegram_webhook() -> JSONResponse:
        """The Telegram bot is not configured: say what to set."""
        return webhook_error(503, "not_configured", reason)

    return router
