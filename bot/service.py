"""What every chat transport shares: answering with per-chat follow-ups, look-ups, the plans.

`ChatService` is synchronous CPU work; the bots call it through `asyncio.to_thread`. It adds
nothing to the answers — `Assistant.ask` answers and cites — it only keeps one
`Conversation` per chat and turns bad input into a polite Vietnamese `ChatInputError`.

It reaches the assistant through an `AssistantAccess`: a context manager factory that holds
whatever lock the host needs while the assistant is used. The polling bot owns its runtime
(`ChatService.for_runtime`); inside the API it goes through the API engine's read lock, so
that a chat never reads a plan half-written by an ingestion.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from copy import deepcopy
from dataclasses import dataclass, field

from bot import messages
from bot.errors import ChatInputError
from bot.list_pages import ListedPage, ListPages, LocalListPages
from ingest.normalize_vi import folded
from retrieval.answers import Answer
from retrieval.assistant import Assistant
from retrieval.conversation import Conversation
from retrieval.display import MAX_ROWS, answer_view
from retrieval.documents import DocumentInfo
from retrieval.plan_scope import PlanScope, ScopeError, parse_scope
from retrieval.questions import QuestionError, QuestionProblem, validate_question
from retrieval.row_lists import NEXT_PAGE_WORDS, SHOW_ALL_WORDS, RowWindow
from retrieval.runtime import Runtime

logger = logging.getLogger(__name__)

AssistantAccess = Callable[[], AbstractContextManager[Assistant]]

# A clause number as the question parser reads it: "6.6", "2.1.3", "II".
_CLAUSE_NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,2})*|[IVXivx]{1,4})\.?")


def runtime_access(runtime: Runtime) -> AssistantAccess:
    """Access to a runtime the bot owns: bundled plans on first use, one answer at a time,
    and the plans another process (an API replica, a job worker) ingested into the shared
    home since the last message.

    One at a time because the embedded index is not documented as safe to share between
    threads, and an answer takes well under a second.
    """
    lock = threading.Lock()

    @contextmanager
    def access() -> Iterator[Assistant]:
        with lock:
            runtime.follow_catalog()
            runtime.ensure_corpus()
            yield runtime.assistant()

    return access


@dataclass
class _Chat:
    conversation: Conversation = field(default_factory=Conversation)
    lock: threading.Lock = field(default_factory=threading.Lock)  # one turn at a time
    scope: PlanScope | None = None  # set by /phamvi; None: the deployment's


class ChatService:
    """Answers chat messages; one conversation per chat key ("telegram:42", "zalo:…")."""

    def __init__(
        self,
        access: AssistantAccess,
        max_question_chars: int,
        max_chats: int = 5000,
        pages: ListPages | None = None,
    ) -> None:
        """`pages`: where the lists a chat can still page are kept (this process by
        default; the replicas' shared database on the server path)."""
        self._access = access
        self.max_question_chars = max_question_chars
        self._max_chats = max_chats
        self._chats: OrderedDict[str, _Chat] = OrderedDict()
        self._chats_lock = threading.Lock()
        self._pages: ListPages = pages if pages is not None else LocalListPages(max_chats)

    @classmethod
    def for_runtime(cls, runtime: Runtime, max_chats: int = 5000) -> ChatService:
        """A service over a runtime of its own (the polling bot, tests)."""
        return cls(runtime_access(runtime), runtime.settings.max_question_chars, max_chats)

    def prepare(self) -> None:
        """Ingest the bundled plans (first use) and build the assistant before chats arrive."""
        with self._access():
            pass

    def ask(self, chat: str, question: str) -> Answer:
        """Answer a question in the context of this chat's previous answers."""
        text = self._checked(question)
        state = self._chat(chat)
        with state.lock, self._access() as assistant:
            before = deepcopy(state.conversation)
            answer = assistant.ask(text, conversation=state.conversation, scope=state.scope)
            view = answer_view(answer)
            if view.hidden_rows:  # a list with rows left: its next page can be asked for
                self._pages.remember(
                    ListedPage(chat, text, before, state.scope, view.next_row, view.total_rows)
                )
            else:
                self._pages.forget(chat)
            return answer

    def page(self, chat: str, question: str, first_row: int) -> Answer:
        """The page of a long list from row `first_row` on, for the question that listed it,
        in this chat's scope and in the conversation as it was when the list was asked (a
        list that was a follow-up pages the same rows); no new turn of the conversation."""
        text = self._checked(question)
        state = self._chat(chat)
        latest = self._pages.latest(chat)
        if latest is not None and latest[1].question == text:
            answer = self.more(chat, latest[0], first_row)
            if answer is not None:
                return answer
        with state.lock, self._access() as assistant:
            context = state.conversation.for_page(text)
            answer = assistant.ask(
                text, conversation=context, scope=state.scope, rows=RowWindow(first_row)
            )
            return answer

    def more(self, chat: str, token: str, first_row: int) -> Answer | None:
        """The rows from `first_row` on of the list `token` (a "Xem tiếp" button's), asked
        again as it was first asked; None when that list expired or is another chat's."""
        listed = self._pages.get(token)
        if listed is None or listed.chat != chat:
            return None
        answer = self._page_of(chat, listed, first_row)
        self._pages.advance(token, self._next_row(answer, first_row, listed.total))
        return answer

    def next_page(self, chat: str) -> tuple[Answer, int] | None:
        """The next rows of this chat's last list ("xem tiếp" typed): the answer holding
        them and the row they start at; None when no list has rows left to show."""
        return self.rows_onward(chat, MAX_ROWS)

    def rows_onward(self, chat: str, size: int) -> tuple[Answer, int] | None:
        """The next `size` rows of this chat's last list (from its first row not yet
        shown): the answer holding them and the row they start at; the list then goes on
        after them. None when no list has rows left to show. "xem tiếp" asks for a page;
        a transport that sends no file asks for every row so, a batch at a time."""
        found = self._pages.latest(chat)
        if found is None:
            return None
        token, listed = found
        answer = self._page_of(chat, listed, listed.next_row, size=size)
        self._pages.advance(token, self._next_row(answer, listed.next_row, listed.total, size))
        return answer, listed.next_row

    def every_row(self, chat: str, token: str | None = None) -> Answer | None:
        """Every row of a list ("Xem tất cả": the button of list `token`, or typed: the
        chat's latest list with rows left), asked again as it was first asked; None when
        that list expired, is another chat's, or (typed) no list has rows left."""
        if token is None:
            found = self._pages.latest(chat)
            if found is None:
                return None
            listed = found[1]
        else:
            got = self._pages.get(token)
            if got is None or got.chat != chat:
                return None
            listed = got
        return self._page_of(chat, listed, 0, every=True)

    def wants_every_row(self, chat: str, text: str) -> bool:
        """Whether `text` asks for every row ("xem tất cả", "xem hết") of a list this chat
        still has rows of."""
        return folded(text).strip(" .!?") in SHOW_ALL_WORDS and self._pages.latest(chat) is not None

    def list_token(self, chat: str) -> str | None:
        """The token of this chat's latest list with rows left (its "Xem tiếp" button)."""
        found = self._pages.latest(chat)
        return found[0] if found is not None else None

    def wants_next_page(self, chat: str, text: str) -> bool:
        """Whether `text` asks for the next rows ("xem tiếp", "tiếp") of a list this chat
        still has rows of."""
        return (
            folded(text).strip(" .!?") in NEXT_PAGE_WORDS and self._pages.latest(chat) is not None
        )

    def _page_of(
        self,
        chat: str,
        listed: ListedPage,
        first_row: int,
        every: bool = False,
        size: int = MAX_ROWS,
    ) -> Answer:
        """The list's question asked again in its first context, for `size` rows from
        `first_row` (`every`: all of them; a list answered whole is answered whole again;
        its view starts at the row)."""
        state = self._chat(chat)
        window = RowWindow(first_row, None if every else size)
        with state.lock, self._access() as assistant:
            return assistant.ask(
                listed.question,
                conversation=deepcopy(listed.context),
                scope=listed.scope,
                rows=window,
            )

    @staticmethod
    def _next_row(answer: Answer, first_row: int, total: int, shown: int = MAX_ROWS) -> int:
        view = answer_view(answer, shown, first_row)
        return view.next_row if view.hidden_rows else total

    def set_scope(self, chat: str, text: str) -> PlanScope | None:
        """The chat's scope from `/phamvi <text>` ("xã Văn Bàn", "cấp xã, 2026"); "tất cả"
        clears it. Returns the scope now in force (None: the deployment's)."""
        try:
            scope = parse_scope(text)
        except ScopeError as error:
            raise ChatInputError(str(error)) from error
        state = self._chat(chat)
        with state.lock:
            state.scope = None if scope.empty else scope
            state.conversation = Conversation()  # earlier plans no longer carry over
            self._pages.forget(chat)
            return state.scope

    def scope(self, chat: str) -> PlanScope | None:
        """The scope this chat set with /phamvi, or None."""
        return self._chat(chat).scope

    def scope_text(self, chat: str) -> str:
        """The chat's scope in words, for /phamvi without arguments."""
        scope = self.scope(chat)
        with self._access() as assistant:
            default = assistant.default_scope
        if scope is not None:
            return messages.scope_set(scope.describe())
        if default is not None:
            return messages.scope_default(default.describe())
        return messages.SCOPE_NONE

    def look_up(self, chat: str, number: str, document: str | None = None) -> Answer:
        """The clause/target with this exact number ("6.6"), in one plan when `document` says.

        `document` is a document id or words naming a plan ("466", "Tiền Giang"); without it,
        a number found in several plans is answered with the options.
        """
        match = _CLAUSE_NUMBER.fullmatch(number.strip())
        if match is None:
            raise ChatInputError(
                f"“{number}” không phải số hiệu chỉ tiêu. "
                "Ví dụ: /chitieu 6.6 hoặc /chitieu 6.6 19/KH-UBND"
            )
        state = self._chat(chat)
        with state.lock, self._access() as assistant:
            document_id = _resolve_document(assistant, document) if document else None
            return assistant.ask(
                f"chỉ tiêu {match.group(1)}",
                conversation=state.conversation,
                document=document_id,
            )

    def documents(self) -> list[DocumentInfo]:
        """The plans that are ingested, by id."""
        with self._access() as assistant:
            directory = assistant.documents.documents
            return [directory[key] for key in sorted(directory)]

    def document(self, document_id: str) -> DocumentInfo | None:
        """One plan's metadata, or None when it is not ingested (any more)."""
        with self._access() as assistant:
            return assistant.documents.get(document_id)

    def forget(self, chat: str) -> None:
        """Drop a chat's follow-up context (a fresh start)."""
        with self._chats_lock:
            self._chats.pop(chat, None)

    # ---- helpers -----------------------------------------------------------------------------

    def _checked(self, question: str) -> str:
        try:
            return validate_question(question, self.max_question_chars)
        except QuestionError as error:
            raise ChatInputError(self._question_problem(question, error.problem)) from error

    def _question_problem(self, question: str, problem: QuestionProblem) -> str:
        match problem:
            case QuestionProblem.EMPTY | QuestionProblem.NOT_TEXT:
                return "Anh/chị hãy gửi một câu hỏi, ví dụ: Sở nào chủ trì chỉ tiêu 6.6?"
            case QuestionProblem.TOO_LONG:
                return (
                    f"Câu hỏi dài {len(question.strip())} ký tự, vượt giới hạn "
                    f"{self.max_question_chars} ký tự. Anh/chị vui lòng hỏi ngắn gọn hơn."
                )
            case QuestionProblem.NO_WORDS:
                return (
                    "Tin nhắn chưa có chữ hay số nào để tìm. Anh/chị vui lòng gõ câu hỏi bằng lời, "
                    "ví dụ: Sở nào chủ trì chỉ tiêu 6.6?"
                )
        return "Câu hỏi có ký tự điều khiển không đọc được. Anh/chị vui lòng gõ lại câu hỏi."

    def _chat(self, chat: str) -> _Chat:
        """This chat's state; the least recently used chat is dropped past `max_chats`."""
        with self._chats_lock:
            state = self._chats.pop(chat, None) or _Chat()
            self._chats[chat] = state
            while len(self._chats) > self._max_chats:
                self._chats.popitem(last=False)
            return state


def _resolve_document(assistant: Assistant, hint: str) -> str:
    """The id of the one plan `hint` names (an id, a số hiệu, a number, a place)."""
    directory = assistant.documents
    if hint in directory.documents:
        return hint
    # Read as "kế hoạch <hint>" so that a bare number ("466") names a plan too.
    found = directory.resolve(f"ke hoach {folded(hint)}")
    if len(found) == 1:
        return found[0]
    if not found:
        raise ChatInputError(
            f"Không tìm thấy kế hoạch nào ứng với “{hint}”. "
            "Gõ /tailieu để xem danh sách và mã văn bản."
        )
    options = "; ".join(sorted(found))
    raise ChatInputError(f"“{hint}” ứng với nhiều kế hoạch ({options}); hãy ghi mã văn bản.")
