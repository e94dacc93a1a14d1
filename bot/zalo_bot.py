"""Answering Zalo OA events: plain text (no markup) in messages of at most 2,000 characters."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import httpx

from bot import messages
from bot.chunking import to_messages
from bot.errors import BotConfigurationError, ChatInputError, ZaloApiError
from bot.ratelimit import chat_rate_limiter
from bot.render import Block, Line, answer_blocks, documents_blocks, text_blocks
from bot.service import ChatService
from bot.settings import BotSettings
from bot.zalo_client import ZaloClient
from retrieval.row_lists import PAGE_ROWS, WHOLE_LIST

logger = logging.getLogger(__name__)

ZALO_TEXT_LIMIT = 2000  # characters in one OA text message
ZALO_ROWS = WHOLE_LIST  # list rows sent for "xem tất cả" at a time (a list answered whole)


def plain_line(line: Line) -> str:
    """Zalo shows no markup: a line is its text."""
    return line.text


def plain_messages(blocks: Sequence[Block], limit: int = ZALO_TEXT_LIMIT) -> list[str]:
    """Blocks as plain-text messages under Zalo's limit, split between blocks/lines."""
    return to_messages(blocks, plain_line, limit)


def chat_key(user_id: str) -> str:
    """The `ChatService` key of a Zalo user."""
    return f"zalo:{user_id}"


class ZaloResponder:
    """Turns verified `user_send_*` events into replies through the shared service."""

    def __init__(
        self,
        service: ChatService,
        settings: BotSettings,
        client: ZaloClient,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._service = service
        self._settings = settings
        self._client = client
        self._limiter = chat_rate_limiter(settings, clock)

    async def handle(self, event: Mapping[str, Any]) -> None:
        """Reply to one event; failures are logged and the user gets a polite message."""
        name = str(event.get("event_name") or "")
        user = str((event.get("sender") or {}).get("id") or "")
        if not user or not name.startswith("user_send_"):
            return  # follows, reactions, delivery receipts…: nothing to say
        if name != "user_send_text":
            await self._send(user, text_blocks(messages.TEXT_ONLY))
            return
        message = event.get("message") or {}
        if not self._settings.zalo_allows(user):
            logger.info("zalo user %s is not allowed", user)
            await self._send(user, text_blocks(messages.not_allowed(user)))
            return
        wait = self._limiter.check(chat_key(user))
        if wait is not None:
            await self._send(user, text_blocks(messages.rate_limited(wait)))
            return
        text = str(message.get("text") or "")
        try:
            blocks = await asyncio.to_thread(self._reply_blocks, user, text)
        except ChatInputError as error:
            blocks = text_blocks(str(error))
        except Exception:
            logger.exception("answering zalo user %s failed", user)
            blocks = text_blocks(messages.FAILURE)
        await self._send(user, blocks)

    def _reply_blocks(self, user: str, text: str) -> list[Block]:
        """The reply to a text: the /tailieu, /chitieu and /phamvi commands, else a question."""
        command, _, rest = text.strip().partition(" ")
        more = messages.more_rows_zalo(PAGE_ROWS, ZALO_ROWS)  # under a long list's rows
        match command.lower():
            case "/start" | "/help":
                return text_blocks(f"{messages.GREETING}\n\n{messages.ZALO_HELP}")
            case "/tailieu":
                return documents_blocks(self._service.documents())
            case "/chitieu":
                args = rest.split()
                if not args:
                    return text_blocks(messages.CLAUSE_USAGE)
                document = " ".join(args[1:]) or None
                return answer_blocks(self._service.look_up(chat_key(user), args[0], document))
            case "/phamvi":
                if not rest.strip():
                    return text_blocks(self._service.scope_text(chat_key(user)))
                scope = self._service.set_scope(chat_key(user), rest)
                if scope is None:
                    return text_blocks(self._service.scope_text(chat_key(user)))
                return text_blocks(messages.scope_set(scope.describe()))
        if self._service.wants_every_row(chat_key(user), text):  # "xem tất cả" typed
            # Zalo's OA API uploads no text file (PDF, DOC, DOCX only): the rest of the list
            # comes in batches of ZALO_ROWS rows, each saying how many rows are left
            found = self._service.rows_onward(chat_key(user), ZALO_ROWS)
            if found is not None:
                answer, first_row = found
                return answer_blocks(answer, all_rows=True, more_hint=more, first_row=first_row)
        if self._service.wants_next_page(chat_key(user), text):
            found = self._service.next_page(chat_key(user))
            if found is not None:
                answer, first_row = found
                return answer_blocks(answer, more_hint=more, first_row=first_row)
        answer = self._service.ask(chat_key(user), text)
        return answer_blocks(answer, more_hint=more, choices_as_text=True)

    async def _send(self, user: str, blocks: Sequence[Block]) -> None:
        try:
            await self._client.send_texts(user, plain_messages(blocks))
        except (ZaloApiError, BotConfigurationError, httpx.HTTPError) as error:
            # The user cannot be told: the channel to them is what failed.
            logger.error("could not reply to zalo user %s: %s", user, error)
