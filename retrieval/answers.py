"""The answer types every client (CLI, API, bots, evaluation) receives."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

MatrixRole = Literal["any", "lead", "monitoring", "cooperating"]


@dataclass(frozen=True)
class Citation:
    """A numbered citation: the clause it points to and the verified verbatim quote."""

    n: int
    document_id: str
    document_title: str
    document_number: str | None
    clause: str | None  # the clause's number label ("6.6"), when it has one
    path: str
    text: str  # the whole clause, exactly as in the source
    start: int  # offsets of `text` in the source file
    end: int
    quote: str  # a verbatim part of `text` that supports the answer
    clause_id: str = ""
    # (exact column header, cell text) of the table cells the quote spans, in column order
    columns: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("clause_id")
        data.pop("columns")
        return data


@dataclass(frozen=True)
class RowFilter:
    """The rows a list answer selected, in the terms of the responsibility matrix's filters
    (`GET /v1/targets`, the `/matrix` page), so a surface can open the whole list there."""

    units: tuple[str, ...] = ()  # unit names as shown (any spelling finds the unit)
    role: MatrixRole = "any"
    documents: tuple[str, ...] = ()  # plan ids; none: every plan
    due_after: dt.date | None = None  # deadline window of the period asked
    due_before: dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        """The matrix's query parameters, by name (dates as yyyy-mm-dd)."""
        return {
            "unit": list(self.units),
            "role": self.role,
            "document": list(self.documents),
            "due_after": self.due_after.isoformat() if self.due_after else None,
            "due_before": self.due_before.isoformat() if self.due_before else None,
        }


@dataclass(frozen=True)
class Choice:
    """A way to narrow an answer that matched many plans: a button in the bots and on the
    web. `question` is the question asked again within `scope` ("… ở xã Văn Bàn?")."""

    label: str  # "xã Văn Bàn · 2"
    scope: str  # the scope in words, as `/phamvi` takes it ("xã Văn Bàn", "cấp xã")
    question: str

    def to_json(self) -> dict[str, str]:
        return {"label": self.label, "scope": self.scope, "question": self.question}


@dataclass(frozen=True)
class Answer:
    """An answer: its text (first line direct), whether it abstained, and its citations."""

    answer: str
    abstained: bool
    intent: str
    citations: tuple[Citation, ...] = ()
    candidates: tuple[str, ...] = field(default=(), compare=False)  # clause ids considered
    # the calibrated chance the answer is right, in [0, 1] (`retrieval.calibration`); an
    # abstention's is its coverage score, kept low (`retrieval.confidence`)
    confidence: float = field(default=1.0, compare=False)
    # a list answer's rows as matrix filters (the web's "Mở bảng phân công" link)
    rows_filter: RowFilter | None = field(default=None, compare=False)
    # ways to narrow an answer that matched many plans (`retrieval.narrowing`)
    choices: tuple[Choice, ...] = field(default=(), compare=False)
    # what `confidence` was read from (`retrieval.calibration.Evidence`); None when abstained
    evidence: Any = field(default=None, compare=False)
    # a long list answered one page at a time (`retrieval.row_lists.RowWindow`): the list's
    # exact row count and the index of the first row this answer holds; None: every row
    rows_total: int | None = field(default=None, compare=False)
    rows_from: int = field(default=0, compare=False)
    # False: `rows_total` is a lower bound ("Có ít nhất N …": a unit's rows on a topic past
    # the facts store's bound on the entries read; a later page counts further)
    rows_exact: bool = field(default=True, compare=False)
    page_of: str = field(default="", compare=False)  # a page's question, to ask for others
    # a follow-up read as a whole question ("Còn từ khoáng sản?" → "… thu ngân sách từ
    # khoáng sản … bao nhiêu?"): the question the next follow-up leans on
    asked_as: str = field(default="", compare=False)
    # settled by the plan's structure (the items under a heading that names what is asked),
    # not by how well ranked text covers the question: confidence reads it as structured
    settled: bool = field(default=False, compare=False)

    @property
    def partial(self) -> bool:
        """Whether this list answer holds only some of its rows (a page)."""
        return self.rows_total is not None

    def holds_rows(self, first_row: int, max_rows: int | None) -> bool:
        """Whether the rows `first_row` … `first_row + max_rows - 1` (to the end when
        `max_rows` is None) are in this answer: a page of a long list must be asked again
        for others."""
        if self.rows_total is None:
            return True
        held = sum(1 for line in self.answer.split("\n") if line.startswith("- "))
        end = self.rows_total if max_rows is None else min(self.rows_total, first_row + max_rows)
        return self.rows_from <= first_row and end <= self.rows_from + held

    def to_json(self, question_id: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {} if question_id is None else {"id": question_id}
        data.update(
            answer=self.answer,
            abstained=self.abstained,
            intent=self.intent,
            citations=[citation.to_json() for citation in self.citations],
            confidence=self.confidence,
        )
        return data
