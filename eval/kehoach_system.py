"""Our assistant as an evaluated ``System``: ask like the CLI does, read back what it ranked."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from eval.metrics.goldset import Question
from eval.systems import CitedSpan, Passage, SystemOutput
from retrieval.answers import Answer
from retrieval.assistant import Assistant
from retrieval.conversation import Conversation
from retrieval.runtime import Runtime
from retrieval.search import ClauseSearch

SYSTEM_NAME = "kehoach"


class KehoachSystem:
    """Asks ``Assistant.ask``; follow-ups first ask their ``previous`` turns in one conversation."""

    name = SYSTEM_NAME

    def __init__(self, runtime: Runtime, corpus: Sequence[Path] | None = None) -> None:
        """``corpus``: the plan folders to answer from (ingested if new or changed); by
        default the bundled corpus, ingested on first use like ``kehoach ask``."""
        if corpus:
            runtime.ingest_paths(list(corpus))
        else:
            runtime.ensure_corpus()
        self.documents = frozenset(runtime.catalog.entries)
        self._assistant: Assistant = runtime.assistant()
        # By-id look-ups never embed, so the query embedder is never called here.
        self._clauses = ClauseSearch(runtime.index, _no_query_embedding, runtime.lexical)
        self.last_answer: Answer | None = None

    def prepare(self, questions: Sequence[Question]) -> None:
        """Nothing to batch: questions are asked one by one, as a user would."""

    def answer(self, question: Question) -> SystemOutput:
        previous: Sequence[str] = question.get("previous") or ()
        conversation = Conversation() if previous else None
        for turn in previous:
            self._assistant.ask(turn, conversation=conversation)
        answer = self._assistant.ask(question["question"], conversation=conversation)
        self.last_answer = answer  # the full answer (its evidence), for `eval.calibrate`
        return SystemOutput(
            answer=answer.answer,
            abstained=answer.abstained,
            retrieved=self._ranked_passages(answer),
            citations=tuple(
                CitedSpan(c.document_id, c.quote, c.text, c.start, c.end) for c in answer.citations
            ),
            context_chars=sum(len(text) for text in _cited_clause_texts(answer)),
            quote_chars=sum(len(c.quote) for c in answer.citations),
            intent=answer.intent,
        )

    def _ranked_passages(self, answer: Answer) -> tuple[Passage, ...]:
        """The ranked clauses: ``candidates`` (cited first), else the cited clauses."""
        ids = list(answer.candidates) or [c.clause_id for c in answer.citations if c.clause_id]
        clauses = self._clauses.by_ids(list(dict.fromkeys(ids)))
        if clauses:
            return tuple(Passage(c.document_id, c.text) for c in clauses)
        return tuple(Passage(c.document_id, c.text) for c in answer.citations)


def _cited_clause_texts(answer: Answer) -> list[str]:
    """Each cited clause once (several quotes may come from one clause)."""
    seen: dict[tuple[str, int, int], str] = {}
    for c in answer.citations:
        seen.setdefault((c.document_id, c.start, c.end), c.text)
    return list(seen.values())


def _no_query_embedding(text: str) -> list[float]:
    raise RuntimeError("the evaluation's clause look-up does not search by text")
