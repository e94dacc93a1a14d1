"""The Telegram bot as a python-telegram-bot `Application` over the shared `ChatService`.

`build_application` configures it (used by long polling here and by the webhook router);
`run_polling` is `kehoach bot telegram`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, BaseUpdateProcessor, Defaults
from telegram.request import BaseRequest

from bot.errors import BotConfigurationError
from bot.list_pages import SharedListPages
from bot.service import ChatService, runtime_access
from bot.settings import BotSettings
from bot.telegram_handlers import TelegramHandlers
from ingest.home_claim import claim_home
from ingest.settings import Settings
from ingest.state_db import StateDatabase

logger = logging.getLogger(__name__)

RequestFactory = Callable[[], BaseRequest]

MAX_CONCURRENT_UPDATES = 8
_COMMANDS = (
    BotCommand("start", "Lời chào và câu hỏi mẫu"),
    BotCommand("help", "Cách dùng"),
    BotCommand("tailieu", "Các kế hoạch đã nạp"),
    BotCommand("chitieu", "Tra chỉ tiêu theo số: /chitieu 6.6 [văn bản]"),
    BotCommand("phamvi", "Phạm vi: /phamvi xã Văn Bàn, /phamvi cấp xã, /phamvi tất cả"),
)


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Different chats concurrently; one chat's updates in the order they came.

    Order matters for follow-ups ("còn thời hạn thì sao?" after "chỉ tiêu 6.6") and for the
    rate limit; concurrency keeps one slow answer from holding up everyone else.
    """

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int | None, asyncio.Lock] = {}
        self._users: Counter[int | None] = Counter()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Await the update's handlers while holding its chat's lock."""
        chat = update.effective_chat if isinstance(update, Update) else None
        key = chat.id if chat is not None else None
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] += 1
        try:
            async with lock:
                await coroutine
        finally:
            self._users[key] -= 1
            if not self._users[key]:
                del self._users[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def build_application(
    service: ChatService,
    bot_settings: BotSettings,
    *,
    webhook: bool = False,
    request_factory: RequestFactory | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The configured `Application` (no updater in webhook mode), or `BotConfigurationError`."""
    missing = bot_settings.telegram_missing(webhook=webhook)
    if missing:
        raise BotConfigurationError(f"bot Telegram cần đặt {', '.join(missing)}")
    assert bot_settings.telegram_bot_token is not None
    builder = (
        ApplicationBuilder()
        .token(bot_settings.telegram_bot_token.get_secret_value())
        .base_url(bot_settings.telegram_api_base_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .concurrent_updates(PerChatUpdateProcessor(MAX_CONCURRENT_UPDATES))
        .post_init(publish_commands)
    )
    if request_factory is not None:
        builder = builder.request(request_factory()).get_updates_request(request_factory())
    if webhook:
        builder = builder.updater(None)
    application = builder.build()
    TelegramHandlers(service, bot_settings, clock).register(application)
    return application


async def publish_commands(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Show the commands in Telegram's menu (called once the bot is initialised)."""
    try:
        await application.bot.set_my_commands(list(_COMMANDS))
    except TelegramError:
        logger.warning("could not publish the command menu", exc_info=True)


def run_polling(
    settings: Settings,
    bot_settings: BotSettings,
    status: Callable[[str], None] | None = None,
) -> None:
    """`kehoach bot telegram`: answer by long polling until interrupted (Ctrl-C)."""
    from retrieval.runtime import Runtime

    missing = bot_settings.telegram_missing()
    if missing:  # fail before loading anything
        raise BotConfigurationError(f"bot Telegram cần đặt {', '.join(missing)}")
    # httpx logs every request URL at INFO, and Telegram URLs contain the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    claim = claim_home(settings)  # one process per embedded home, as for `kehoach serve`
    runtime = Runtime(settings, status=status)
    shared: StateDatabase | None = None
    try:
        # the lists chats can still page: in PostgreSQL on the server path (a restart
        # keeps the "Xem tiếp" buttons already sent working), else in this process
        if settings.shared_state_url:
            shared = StateDatabase(settings.shared_state_url)
        pages = SharedListPages(shared) if shared is not None else None
        service = ChatService(runtime_access(runtime), settings.max_question_chars, pages=pages)
        service.prepare()
        application = build_application(service, bot_settings)
        if status:
            status("Bot Telegram đang nhận tin nhắn; Ctrl-C để dừng.")
        application.run_polling(allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY])
    finally:
        runtime.close()
        if shared is not None:
            shared.close()
        if claim is not None:
            claim.release()
