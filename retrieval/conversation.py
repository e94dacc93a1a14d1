"""Follow-up context: what the last answer was about."""

from __future__ import annotations

from dataclasses import dataclass, field

from retrieval.answers import Answer

_MAX_TURNS = 20
_MAX_CLAUSES = 50


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

    @property
    def last_question(self) -> str | None:
        """The previous question, if any."""
        return self.turns[-1][0] if self.turns else None

    def record(self, question: str, answer: Answer, document_ids: list[str]) -> None:
        """Remember what this turn settled on (an abstention keeps the previous context)."""
        self.turns = [*self.turns, (question, answer.answer)][-_MAX_TURNS:]
        if answer.abstained or answer.intent == "ambiguous":
            return
        cited = list(dict.fromkeys(c.clause_id for c in answer.citations if c.clause_id))
        if cited:
            self.clause_ids = cited[:_MAX_CLAUSES]
            self.document_ids = list(dict.fromkeys(c.document_id for c in answer.citations))
        elif document_ids:
            self.document_ids = list(document_ids)
        self.intent = answer.intent
