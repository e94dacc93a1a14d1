"""Request and response bodies of the HTTP API, kept apart from the domain types.

Each response model has a `from_*` constructor from the domain object it shows, so the
routers stay thin and the wire format changes only here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.jobs import Job
from ingest.catalog import CatalogEntry
from ingest.domain import Target
from retrieval.answers import Answer
from retrieval.display import MAX_ROWS, answer_view, shorten
from retrieval.row_labels import appendix_of, row_label
from retrieval.stored import StoredClause

CONVERSATION_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---- errors ---------------------------------------------------------------------------


class ErrorDetail(_Schema):
    code: str = Field(description="stable machine-readable code, e.g. `unknown_document`")
    message: str = Field(description="what went wrong and what to do about it")


class ErrorResponse(_Schema):
    error: ErrorDetail


# ---- ask ------------------------------------------------------------------------------


class AskRequest(_Schema):
    question: str = Field(
        description="the question in Vietnamese, diacritics optional; at most "
        "KEHOACH_MAX_QUESTION_CHARS (1,000) characters",
        examples=["Sở nào chủ trì chỉ tiêu 6.6?"],
    )
    document: str | None = Field(
        default=None, max_length=200, description="answer from this document id only"
    )
    conversation_id: str | None = Field(
        default=None,
        pattern=CONVERSATION_ID_PATTERN,
        description="the id a previous answer returned: this question is a follow-up",
    )
    scope: str | None = Field(
        default=None,
        max_length=200,
        description="answer from the plans of this scope unless the question names its own: "
        "place, level, issuer, year (“tỉnh Ninh Bình”, “cấp xã, 2026”, “nam=2025”); an API "
        "key's own scope always holds",
        examples=["xã Văn Bàn"],
    )
    first_row: int = Field(
        default=0,
        ge=0,
        description="a list longer than 50 rows is answered one page (10 rows) at a time: "
        "the page starting at this row (`view.rows_from + len(rows)` of the previous page); "
        "with the `conversation_id` the list came with, the page is read in the context the "
        "list was asked in, and is no new turn",
    )
    all_rows: bool = Field(
        default=False, description="a long list with every row (from `first_row` on), not a page"
    )


class CitationOut(_Schema):
    n: int
    document_id: str
    document_title: str
    document_number: str | None
    clause: str | None = Field(description="the clause's number label, e.g. `6.6`")
    path: str
    text: str = Field(description="the whole clause exactly as in the source")
    start: int = Field(description="offset of `text` in the ingested source")
    end: int
    quote: str = Field(description="verbatim part of `text` that supports the answer")


class ViewLineOut(_Schema):
    kind: Literal["text", "group", "item"] = Field(
        description="`group`: a heading of list rows (plan and appendix); `item`: one row"
    )
    text: str


class ColumnOut(_Schema):
    header: str = Field(description="the table's column header, exactly as written")
    text: str


class CardOut(_Schema):
    n: int
    heading: str = Field(description="the plan, its số hiệu named once")
    path: str
    clause: str | None
    quote: str = Field(description="the quote for reading: cells joined by ` · `, cut on a word")
    columns: list[ColumnOut] = Field(description="the cells the quote spans, with their headers")


class MatrixFilterOut(_Schema):
    """A list answer's rows as the query of `GET /v1/targets` and the `/matrix` page."""

    unit: list[str] = Field(description="unit names, any spelling; repeat `unit=` per name")
    role: Literal["any", "lead", "monitoring", "cooperating"]
    document: list[str] = Field(description="plan ids; empty: every plan")
    due_after: dt.date | None = Field(description="the period asked: its first day")
    due_before: dt.date | None = Field(description="the period asked: its last day")


class ChoiceOut(_Schema):
    label: str = Field(description="the button's text, e.g. `xã Văn Bàn · 2`")
    scope: str = Field(description="the scope in words, as `scope` takes it")
    question: str = Field(description="the question asked again within that scope")


class AnswerViewOut(_Schema):
    """The answer as every surface shows it (the same view the CLI and the bots print)."""

    headline: str = Field(description="the direct answer in one sentence, with its citation")
    lines: list[ViewLineOut] = Field(description="details not yet said; list rows by group")
    first_rows: int = Field(description="how many list rows to show before “xem tất cả”")
    total_rows: int = Field(description="the list's rows, all of them (a page may hold fewer)")
    rows_from: int = Field(
        default=0, description="the list's row the lines start at (a later page: > 0)"
    )
    cards: list[CardOut]
    matrix: MatrixFilterOut | None = Field(
        description="a list's rows as matrix filters: “xem tất cả” opens `/matrix?…` with them"
    )
    choices: list[ChoiceOut] = Field(
        default_factory=list,
        description="an answer that matched many plans: one way to narrow it per group "
        "(ask `question` again, or set `scope`)",
    )


class AskResponse(_Schema):
    conversation_id: str = Field(description="send it back with a follow-up question")
    answer: str
    abstained: bool
    intent: str
    citations: list[CitationOut]
    confidence: float = Field(
        ge=0,
        le=1,
        description="the calibrated chance the answer is right (0–1); below the answering "
        "threshold the answer starts with 'Có thể'; an abstention's is its coverage, low",
    )
    view: AnswerViewOut

    @classmethod
    def from_answer(cls, answer: Answer, conversation_id: str) -> AskResponse:
        view = answer_view(answer, None, answer.rows_from).to_json()
        view.pop("hidden_rows")
        view["rows_from"] = answer.rows_from
        view["first_rows"] = MAX_ROWS
        return cls.model_validate(
            {"conversation_id": conversation_id, **answer.to_json(), "view": view}
        )


# ---- documents --------------------------------------------------------------------------


class PlaceOut(_Schema):
    level: str
    name: str | None = None


class DocumentSummary(_Schema):
    id: str
    title: str
    number: str | None = Field(description="số hiệu, e.g. `19/KH-UBND`")
    issued_date: str | None
    issuer: str | None
    signer: str | None
    signer_title: str | None = None
    kind: str | None
    place: PlaceOut | None
    based_on: list[str] = Field(default_factory=list, description="documents it implements")
    replaces: list[str] = Field(default_factory=list, description="documents it replaces")
    decision_number: str | None = Field(None, description="the Quyết định it is issued with")
    decision_date: str | None = None
    issues: str | None = Field(None, description="what this Quyết định issues (a plan …)")
    content_hash: str
    clauses: int
    targets: int
    points: int

    @classmethod
    def from_entry(cls, document_id: str, entry: CatalogEntry) -> DocumentSummary:
        return cls(**_summary_fields(document_id, entry))


class DocumentList(_Schema):
    count: int
    documents: list[DocumentSummary]


class ClauseNode(_Schema):
    clause_id: str
    number: str | None
    kind: str
    heading: str | None
    path: str
    start: int
    end: int
    has_target: bool
    children: list[ClauseNode] = Field(default_factory=list)

    @classmethod
    def from_stored(cls, clause: StoredClause) -> ClauseNode:
        return cls(
            clause_id=clause.clause_id,
            number=clause.number,
            kind=clause.kind,
            heading=clause.heading,
            path=clause.path,
            start=clause.start,
            end=clause.end,
            has_target=clause.target is not None,
        )


class DocumentDetail(DocumentSummary):
    warnings: list[str] = Field(description="what the parser noticed (lost headings …)")
    clause_tree: list[ClauseNode] = Field(description="the stored clauses, nested, in order")

    @classmethod
    def from_entry_and_clauses(
        cls, document_id: str, entry: CatalogEntry, clauses: list[StoredClause]
    ) -> DocumentDetail:
        return cls(
            **_summary_fields(document_id, entry),
            warnings=list(entry.warnings),
            clause_tree=clause_tree(clauses),
        )


def _summary_fields(document_id: str, entry: CatalogEntry) -> dict[str, Any]:
    # source_path is left out: it is a path on the server
    document = entry.document
    place = document.get("place")
    return {
        "id": document_id,
        "title": document.get("title") or document_id,
        "number": document.get("number"),
        "issued_date": document.get("issued_date"),
        "issuer": document.get("issuer"),
        "signer": document.get("signer"),
        "signer_title": document.get("signer_title"),
        "kind": document.get("kind"),
        "place": PlaceOut(**place) if isinstance(place, Mapping) else None,
        "based_on": list(document.get("based_on") or ()),
        "replaces": list(document.get("replaces") or ()),
        "decision_number": document.get("decision_number"),
        "decision_date": document.get("decision_date"),
        "issues": document.get("issues"),
        "content_hash": entry.content_hash,
        "clauses": entry.clause_count,
        "targets": entry.target_count,
        "points": entry.point_count,
    }


def clause_tree(clauses: list[StoredClause]) -> list[ClauseNode]:
    """Nest stored clauses by parent id; a clause whose parent has no text of its own
    (a heading implied by numbering is not stored) hangs at the top level."""
    ordered = sorted(clauses, key=lambda c: (c.start, -c.end))
    nodes = {clause.clause_id: ClauseNode.from_stored(clause) for clause in ordered}
    roots: list[ClauseNode] = []
    for clause in ordered:
        parent = nodes.get(clause.parent_id) if clause.parent_id else None
        (parent.children if parent is not None else roots).append(nodes[clause.clause_id])
    return roots


# ---- clauses and targets ------------------------------------------------------------------


class DeadlineOut(_Schema):
    raw: str = Field(description="as written, e.g. `Quý IV/2025`")
    kind: str
    due: dt.date | None = Field(description="the last day it allows, when it has one")


class TargetOut(_Schema):
    number: str | None
    content: str
    monitoring_units: list[str]
    lead_units: list[str]
    cooperating_units: list[str]
    deadline: DeadlineOut | None
    note: str | None
    group: str | None
    source: Literal["table", "body"] = Field(
        "table",
        description="`table`: a row of an appendix table; `body`: a duty the plan's text assigns",
    )

    @classmethod
    def from_target(cls, target: Target) -> TargetOut:
        deadline = target.deadline
        return cls(
            number=target.number,
            content=target.content,
            monitoring_units=list(target.monitoring_units),
            lead_units=list(target.lead_units),
            cooperating_units=list(target.cooperating_units),
            deadline=DeadlineOut(raw=deadline.raw, kind=deadline.kind.value, due=deadline.due)
            if deadline
            else None,
            note=target.note,
            group=target.group,
            source="body" if target.source == "body" else "table",
        )


class ClauseOut(_Schema):
    clause_id: str
    document_id: str
    number: str | None
    kind: str
    heading: str | None
    path: str
    text: str = Field(description="the clause exactly as in the source, with its sub-clauses")
    start: int
    end: int
    parent_id: str | None
    target: TargetOut | None

    @classmethod
    def from_stored(cls, clause: StoredClause) -> ClauseOut:
        return cls(
            clause_id=clause.clause_id,
            document_id=clause.document_id,
            number=clause.number,
            kind=clause.kind,
            heading=clause.heading,
            path=clause.path,
            text=clause.text,
            start=clause.start,
            end=clause.end,
            parent_id=clause.parent_id,
            target=TargetOut.from_target(clause.target) if clause.target else None,
        )


class ClauseList(_Schema):
    document_id: str
    number: str
    clauses: list[ClauseOut] = Field(description="a number can label a body item and a row")


class TargetRow(TargetOut):
    clause_id: str
    document_id: str
    document_number: str | None
    document_label: str = Field(description="the plan's số hiệu, else its title shortened")
    path: str
    appendix: str | None = Field(description="`PL2` for a row of Phụ lục 2; null in the body")
    label: str = Field(description="appendix and number, e.g. `PL2 · 9`")

    @classmethod
    def from_row(cls, clause: StoredClause) -> TargetRow:
        assert clause.target is not None
        return cls(
            **TargetOut.from_target(clause.target).model_dump(),
            clause_id=clause.clause_id,
            document_id=clause.document_id,
            document_number=clause.document_number,
            document_label=clause.document_number or shorten(clause.document_title, 48),
            path=clause.path,
            appendix=appendix_of(clause.path),
            label=row_label(clause.path, clause.number, clause.target.source == "body"),
        )


class TargetList(_Schema):
    count: int
    rows: list[TargetRow]
    units: list[str] = Field(
        description="the units these rows name, one spelling per unit (`Sở KHCN` and "
        "`Sở Khoa học và Công nghệ` are one), for suggestions"
    )


# ---- jobs --------------------------------------------------------------------------------


class IngestResult(_Schema):
    document_id: str
    status: Literal["added", "updated", "unchanged"]
    clauses: int
    targets: int
    points: int
    warnings: list[str]


class JobOut(_Schema):
    id: str
    kind: str = Field(description="`ingest`, `remove` or `warm_up`")
    document_id: str | None
    status: Literal["queued", "running", "succeeded", "failed", "cancelled"]
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    result: dict[str, Any] | None = Field(description="for `ingest`: an IngestResult")
    error: ErrorDetail | None

    @classmethod
    def from_job(cls, job: Job) -> JobOut:
        failure = job.failure
        return cls(
            id=job.id,
            kind=job.kind,
            document_id=job.document_id,
            status=job.status.value,
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
            result=job.result,
            error=ErrorDetail(code=failure.code, message=failure.message) if failure else None,
        )


# ---- health -------------------------------------------------------------------------------


class Health(_Schema):
    status: Literal["ok"]


class Readiness(_Schema):
    status: Literal["ready"]
    checks: dict[str, bool]
