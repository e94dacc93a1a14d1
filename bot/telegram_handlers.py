"""The Telegram bot's handlers: commands, questions, buttons, the gate and the error handler.

They format and transport; `ChatService` answers. Answering is synchronous CPU work and runs
in a worker thread (`asyncio.to_thread`) so that the event loop keeps serving other chats.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from functools import partial
from typing import Any

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import messages
from bot.errors import ChatInputError
from bot.ratelimit import chat_rate_limiter
from bot.render import (
    ROWS_FILE,
    Block,
    answer_blocks,
    clause_blocks,
    document_blocks,
    documents_blocks,
    rows_file,
    text_blocks,
)
from bot.service import ChatService
from bot.settings import BotSettings
from bot.telegram_callbacks import CallbackData, RecentAnswers
from bot.telegram_format import answer_keyboard, html_messages
from retrieval.answers import Answer
from retrieval.display import answer_view

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE

MAX_CAPTION = 1024  # Telegram's limit on a document's caption
_TYPING_REFRESH_SECONDS = 4.5  # Telegram shows "typing…" for 5 seconds per sendChatAction


def chat_key(chat_id: int) -> str:
    """The `ChatService` key of a Telegram chat."""
    return f"telegram:{chat_id}"


class TelegramHandlers:
    """The bot's handlers; they format and transport, the service answers."""

    def __init__(
        self,
        service: ChatService,
        settings: BotSettings,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._service = service
        self._settings = settings
        self._limiter = chat_rate_limiter(settings, clock)
        self._recent = RecentAnswers()

    def register(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """Add the gate, the commands, questions, buttons and the error handler."""
        application.add_handler(TypeHandler(Update, self.gate), group=-1)
        application.add_handler(CommandHandler("start", self.start))
        application.add_handler(CommandHandler("help", self.show_help))
        application.add_handler(CommandHandler("tailieu", self.list_documents))
        application.add_handler(CommandHandler("chitieu", self.look_up_clause))
        application.add_handler(CommandHandler("phamvi", self.set_scope))
        new_messages = filters.UpdateType.MESSAGE
        application.add_handler(
            MessageHandler(new_messages & filters.TEXT & ~filters.COMMAND, self.question)
        )
        application.add_handler(MessageHandler(new_messages & filters.COMMAND, self.show_help))
        # Only private chats: in a group, photos and member joins are not meant for the bot.
        application.add_handler(
            MessageHandler(
                new_messages & filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL,
                self.not_text,
            )
        )
        application.add_handler(CallbackQueryHandler(self.button))
        application.add_error_handler(self.on_error)

    # ---- handlers ---------------------------------------------------------------------------

    async def gate(self, update: Update, context: Context) -> None:
        """Stops updates from chats that are not on the allow-list (when there is one)."""
        chat, user = update.effective_chat, update.effective_user
        if chat is None or self._settings.telegram_allows(chat.id, user.id if user else None):
            return
        logger.info("telegram chat %s (user %s) is not allowed", chat.id, user and user.id)
        if update.callback_query is not None:
            await update.callback_query.answer(messages.not_allowed(chat.id), show_alert=True)
        elif update.effective_message is not None:
            await self._send_blocks(context, chat.id, text_blocks(messages.not_allowed(chat.id)))
        raise ApplicationHandlerStop

    async def start(self, update: Update, context: Context) -> None:
        """Greets the user with example questions and starts a fresh conversation."""
        chat = _chat_id(update)
        await asyncio.to_thread(self._service.forget, chat_key(chat))
        await self._send_blocks(context, chat, text_blocks(messages.GREETING))

    async def show_help(self, update: Update, context: Context) -> None:
        """Explains the commands and buttons."""
        await self._send_blocks(context, _chat_id(update), text_blocks(messages.TELEGRAM_HELP))

    async def list_documents(self, update: Update, context: Context) -> None:
        """Lists the plans that are loaded, with their ids."""
        infos = await asyncio.to_thread(self._service.documents)
        await self._send_blocks(context, _chat_id(update), documents_blocks(infos))

    async def look_up_clause(self, update: Update, context: Context) -> None:
        """Looks a clause up by its exact number: /chitieu <số> [văn bản]."""
        chat = _chat_id(update)
        if not context.args:
            await self._send_blocks(context, chat, text_blocks(messages.CLAUSE_USAGE))
            return
        number, document = context.args[0], " ".join(context.args[1:]) or None
        if await self._within_rate_limit(context, chat):
            await self._answer(
                context, chat, lambda: self._service.look_up(chat_key(chat), number, document)
            )

    async def set_scope(self, update: Update, context: Context) -> None:
        """Sets the chat's scope: /phamvi xã Văn Bàn; /phamvi tất cả clears it; bare, shows it."""
        chat = _chat_id(update)
        key = chat_key(chat)
        text = " ".join(context.args or ())
        try:
            if text:
                scope = await asyncio.to_thread(self._service.set_scope, key, text)
                reply = (
                    messages.scope_set(scope.describe())
                    if scope is not None
                    else await asyncio.to_thread(self._service.scope_text, key)
                )
            else:
                reply = await asyncio.to_thread(self._service.scope_text, key)
        except ChatInputError as error:
            reply = str(error)
        await self._send_blocks(context, chat, text_blocks(reply))

    async def question(self, update: Update, context: Context) -> None:
        """Answers any other text as a question, with follow-ups in this chat."""
        chat = _chat_id(update)
        text = update.effective_message.text if update.effective_message else None
        if not text or not await self._within_rate_limit(context, chat):
            return
        if self._service.wants_every_row(chat_key(chat), text):  # "xem tất cả" typed
            every = await asyncio.to_thread(self._service.every_row, chat_key(chat))
            if every is not None:
                await self._send_rows_file(context, chat, every)
                return
        if self._service.wants_next_page(chat_key(chat), text):  # "xem tiếp" typed
            found = await asyncio.to_thread(self._service.next_page, chat_key(chat))
            if found is not None:
                answer, first_row = found
                token = self._recent.remember(answer)
                listed = await asyncio.to_thread(self._service.list_token, chat_key(chat))
                keyboard = answer_keyboard(answer, token, first_row=first_row, list_token=listed)
                page = answer_blocks(
                    answer, more_hint=messages.MORE_ROWS_TELEGRAM, first_row=first_row
                )
                await self._send_blocks(context, chat, page, keyboard)
                return
        await self._answer(context, chat, lambda: self._service.ask(chat_key(chat), text))

    async def not_text(self, update: Update, context: Context) -> None:
        """Says that only text is read (photos, stickers, voice…)."""
        if update.effective_chat is not None:
            await self._send_blocks(
                context, update.effective_chat.id, text_blocks(messages.TEXT_ONLY)
            )

    async def button(self, update: Update, context: Context) -> None:
        """Sends the verbatim clause ("Nguyên văn [n]"), the plan's metadata ("Văn bản"), the
        next page of a long list ("Xem tiếp") or the question asked again in a narrower
        scope (a group's button)."""
        query = update.callback_query
        if query is None:
            return
        data = CallbackData.decode(query.data)
        if data is not None and data.action == "narrow":
            narrowed = self._recent.answer(data.token)
            if narrowed is None or data.n >= len(narrowed.choices):
                await query.answer(messages.BUTTON_EXPIRED, show_alert=True)
                return
            await query.answer()
            chat = _chat_id(update)
            asked = narrowed.choices[data.n].question
            await self._answer(context, chat, lambda: self._service.ask(chat_key(chat), asked))
            return
        if data is not None and data.action == "all":
            # every row of the list ("Xem tất cả"), as a file: asked again as first asked
            chat_id = _chat_id(update)
            ask_all = partial(self._service.every_row, chat_key(chat_id), data.token)
            every = await asyncio.to_thread(ask_all)
            if every is None:
                await query.answer(messages.BUTTON_EXPIRED, show_alert=True)
                return
            await query.answer()
            await self._send_rows_file(context, chat_id, every)
            return
        if data is not None and data.action == "more":
            # the next page of the list ("Xem tiếp"): rows from `n` on, asked again as the
            # list was first asked (kept under the button's token: any replica finds it)
            chat_id = _chat_id(update)
            ask_more = partial(self._service.more, chat_key(chat_id), data.token, data.n)
            answer = await asyncio.to_thread(ask_more)
            if answer is None:
                await query.answer(messages.BUTTON_EXPIRED, show_alert=True)
                return
            await query.answer()
            token = self._recent.remember(answer)
            keyboard = answer_keyboard(answer, token, first_row=data.n, list_token=data.token)
            page = answer_blocks(answer, more_hint=messages.MORE_ROWS_TELEGRAM, first_row=data.n)
            await self._send_blocks(context, chat_id, page, keyboard)
            return
        citation = self._recent.citation(data.token, data.n) if data else None
        if data is None or citation is None:
            await query.answer(messages.BUTTON_EXPIRED, show_alert=True)
            return
        await query.answer()
        blocks: list[Block]
        if data.action == "clause":
            blocks = clause_blocks(citation)
        else:
            info = await asyncio.to_thread(self._service.document, citation.document_id)
            blocks = document_blocks(info) if info else text_blocks(messages.DOCUMENT_GONE)
        await self._send_blocks(context, _chat_id(update), blocks)

    async def on_error(self, update: object, context: Context) -> None:
        """Logs the failure and tells the user politely; the bot keeps running."""
        logger.error("telegram update failed: %r", context.error, exc_info=context.error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        try:
            if update.callback_query is not None:
                with suppress(TelegramError):  # it may have been answered already
                    await update.callback_query.answer()
            await context.bot.send_message(update.effective_chat.id, messages.FAILURE)
        except TelegramError:
            logger.exception(
                "could not tell telegram chat %s about the failure", update.effective_chat.id
            )

    # ---- helpers ----------------------------------------------------------------------------

    async def _within_rate_limit(self, context: Context, chat: int) -> bool:
        wait = self._limiter.check(str(chat))
        if wait is None:
            return True
        logger.info("telegram chat %s is over the rate limit", chat)
        await self._send_blocks(context, chat, text_blocks(messages.rate_limited(wait)))
        return False

    async def _answer(self, context: Context, chat: int, compute: Callable[[], Answer]) -> None:
        """Compute an answer in a worker thread while "typing…" shows, then send it."""
        try:
            async with _typing(context, chat):
                answer = await asyncio.to_thread(compute)
        except ChatInputError as error:
            await self._send_blocks(context, chat, text_blocks(str(error)))
            return
        logger.info(
            "telegram chat %s: intent=%s abstained=%s citations=%d",
            chat,
            answer.intent,
            answer.abstained,
            len(answer.citations),
        )
        token = self._recent.remember(answer) if answer.citations else ""
        listed = None
        if token and answer_view(answer).hidden_rows:  # its "Xem tiếp" button's list
            listed = await asyncio.to_thread(self._service.list_token, chat_key(chat))
        await self._send_blocks(
            context,
            chat,
            answer_blocks(answer, more_hint=messages.MORE_ROWS_TELEGRAM),
            answer_keyboard(answer, token, list_token=listed) if token else None,
        )

    @staticmethod
    async def _send_rows_file(context: Context, chat: int, answer: Answer) -> None:
        """Every row of a list as one text file, its first line as the caption."""
        caption = answer_view(answer).headline[:MAX_CAPTION]
        await context.bot.send_document(
            chat, document=rows_file(answer), filename=ROWS_FILE, caption=caption
        )

    @staticmethod
    async def _send_blocks(
        context: Context, chat: int, blocks: Sequence[Block], keyboard: Any = None
    ) -> None:
        """Send blocks as HTML messages under the limit; buttons go on the last one."""
        parts = html_messages(blocks)
        for index, text in enumerate(parts):
            last = index == len(parts) - 1
            await context.bot.send_message(chat, text, reply_markup=keyboard if last else None)


@asynccontextmanager
async def _typing(context: Context, chat: int) -> AsyncIterator[None]:
    """Keep "typing…" showing in the chat while the block runs.

    The first indicator is sent alongside the work, and awaited before the block's result is
    sent, so that a fast answer never overtakes its own typing indicator.
    """
    first_sent = asyncio.Event()

    async def keep_typing() -> None:
        try:
            while True:
                try:
                    await context.bot.send_chat_action(chat, ChatAction.TYPING)
                finally:
                    first_sent.set()
                await asyncio.sleep(_TYPING_REFRESH_SECONDS)
        except TelegramError:
            logger.debug("typing indicator failed for chat %s", chat, exc_info=True)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        with suppress(TimeoutError):
            await asyncio.wait_for(first_sent.wait(), _TYPING_REFRESH_SECONDS)
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


def _chat_id(update: Update) -> int:
    if update.effective_chat is None:
        raise ValueError("update has no chat")
    return update.effective_chat.id
