"""Follow-up context: what the last answer was about."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from retrieval.answers import Answer

_MAX_TURNS = 20
_MAX_CLAUSES = 50
_MAX_LISTS = 3  # long lists whose other pages can still be asked in their own context
_LIST_TURNS = 3  # the turns kept with a list's context (follow-ups read the last one)


@dataclass(frozen=True)
class ListContext:
    """The conversation as it was when a long list was asked: its other pages ("xem
    tiếp") are asked in it again, so that a list that was itself a follow-up ("còn Sở Tài
    chính?") pages the same rows, not the question read on its own."""

    question: str
    document_ids: tuple[str, ...] = ()
    clause_ids: tuple[str, ...] = ()
    intent: str | None = None
    turns: tuple[tuple[str, str], ...] = ()


@dataclass
class Conversation:
    """The documents and clauses the conversation is about, updated after every answer.

    "còn thời hạn thì sao?" or "đơn vị phối hợp là ai?" then resolve against the clause
    the previous answer settled on.
    """

    document_ids: list[str] = field(default_factory=list)
    clause_ids: list[str] = field(default_factory=list)
    intent: str | None = None
    turns: list[tuple[str, str]] = field(default_factory=list)
    # the contexts of the last long lists answered a page at a time, latest last
    lists: list[ListContext] = field(default_factory=list)

    @property
    def last_question(self) -> str | None:
        """The previous question, if any."""
        return self.turns[-1][0] if self.turns else None

    def record(
        self, question: str, answer: Answer, document_ids: list[str], named: bool = False
    ) -> None:
        """Remember what this turn settled on (an abstention keeps the previous context,
        but for the plans the turn named: "Hạn ngạch … theo QĐ 699?" declined, "Còn năm
        2026?" is still about QĐ 699); a page of a long list also keeps the context it was
        asked in (`for_page`)."""
        if answer.partial:
            before = ListContext(
                question,
                tuple(self.document_ids),
                tuple(self.clause_ids),
                self.intent,
                tuple(self.turns[-_LIST_TURNS:]),
            )
            kept = [held for held in self.lists if held.question != question]
            self.lists = [*kept, before][-_MAX_LISTS:]
        self.turns = [*self.turns, (answer.asked_as or question, answer.answer)][-_MAX_TURNS:]
        if answer.abstained and named and document_ids:
            if set(document_ids) != set(self.document_ids):
                self.clause_ids = []  # the clauses of another plan answer nothing here
            self.document_ids = list(document_ids)
            return
        if answer.abstained or answer.intent == "ambiguous":
            return
        cited = list(dict.fromkeys(c.clause_id for c in answer.citations if c.clause_id))
        if cited:
            self.clause_ids = cited[:_MAX_CLAUSES]
            self.document_ids = list(dict.fromkeys(c.document_id for c in answer.citations))
        elif document_ids:
            self.document_ids = list(document_ids)
        self.intent = answer.intent

    def for_page(self, question: str) -> Conversation | None:
        """The context a page of the long list `question` answered is asked in: a copy of
        the conversation as it was before that list (a page is no new turn, so the copy is
        thrown away after); None when no such list is remembered."""
        held = next((c for c in reversed(self.lists) if c.question == question), None)
        if held is None:
            return None
        return Conversation(
            list(held.document_ids), list(held.clause_ids), held.intent, list(held.turns)
        )


def conversation_json(conversation: Conversation) -> str:
    """A conversation as JSON text (stored between turns by the API and the chat bots)."""
    return json.dumps(asdict(conversation), ensure_ascii=False)


def conversation_from_json(text: str) -> Conversation:
    """The conversation `conversation_json` wrote."""
    data = json.loads(text)
    data["turns"] = [tuple(turn) for turn in data.get("turns", [])]
    data["lists"] = [_list_context(held) for held in data.get("lists", [])]
    return Conversation(**data)


def _list_context(data: dict[str, Any]) -> ListContext:
    return ListContext(
        data["question"],
        tuple(data.get("document_ids", ())),
        tuple(data.get("clause_ids", ())),
        data.get("intent"),
        tuple((question, answer) for question, answer in data.get("turns", ())),
    )
