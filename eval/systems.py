"""What every evaluated system returns for one gold question, and the protocol it implements.

Our assistant and the retrieval-only baselines are all adapted to ``System`` so that the
scoring, the report and the gate treat them alike; no vendor type appears here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from eval.metrics.goldset import Question


@dataclass(frozen=True)
class Passage:
    """One retrieved item (a clause or a chunk): the document it comes from and its text."""

    document_id: str
    text: str


@dataclass(frozen=True)
class CitedSpan:
    """A citation in the shape ``eval.metrics.citations`` scores."""

    document_id: str
    quote: str
    clause_text: str
    start: int
    end: int


@dataclass(frozen=True)
class SystemOutput:
    """A system's answer to one question, with what it retrieved and cited.

    ``context_chars`` is the length of the context the answer rests on (our cited clauses,
    or a baseline's top chunks); ``quote_chars`` the length of our quotes only.
    """

    answer: str
    abstained: bool
    retrieved: tuple[Passage, ...] = ()
    citations: tuple[CitedSpan, ...] = ()
    context_chars: int = 0
    quote_chars: int | None = None
    intent: str | None = None
    error: str | None = None


class System(Protocol):
    """Anything that answers a gold question (follow-ups carry their ``previous`` turns)."""

    @property
    def name(self) -> str: ...

    def prepare(self, questions: Sequence[Question]) -> None:
        """Batch work before the questions are answered one by one (may do nothing)."""
        ...

    def answer(self, question: Question) -> SystemOutput: ...


def failed_output(error: Exception) -> SystemOutput:
    """The output recorded when a system raised: scored as a wrong, non-abstaining answer."""
    return SystemOutput(answer="", abstained=False, error=f"{type(error).__name__}: {error}")
