"""Domain types of a parsed plan: documents, clauses, target rows and deadlines.

Plain frozen dataclasses, no framework types. Every clause keeps its exact source text and
character offsets into the decoded source file, so citations can be verified against it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class ClauseKind(StrEnum):
    """What a clause is in the plan's structure."""

    PREAMBLE = "preamble"  # text before the first numbered part
    PART = "part"  # I., II. …
    SECTION = "section"  # 1., 2. …
    ITEM = "item"  # 2.1., 6.6., 11.10 …
    POINT = "point"  # a), b), đ) …
    BULLET = "bullet"  # "- …" / "+ …" / "* …"
    PARAGRAPH = "paragraph"  # unnumbered running text
    APPENDIX = "appendix"  # Phụ lục heading
    TABLE_GROUP = "table_group"  # a section row inside an appendix table ("6. Về Chính quyền số")
    TABLE_ROW = "table_row"  # a data row of an appendix table (a target or task)
    SIGNATURE = "signature"  # recipients ("Nơi nhận") and the signature block


class DeadlineKind(StrEnum):
    """How a deadline is expressed."""

    DATE = "date"  # 31/12/2025
    MONTH = "month"  # Tháng 11/2025
    QUARTER = "quarter"  # Quý IV/2025
    YEAR = "year"  # Năm 2025
    CONTINUOUS = "continuous"  # Thường xuyên
    ANNUAL = "annual"  # Hằng năm / hàng năm
    OTHER = "other"  # anything else ("Theo lộ trình …")


@dataclass(frozen=True)
class Deadline:
    """A completion deadline as written (`raw`) and as understood."""

    raw: str
    kind: DeadlineKind
    year: int | None = None
    quarter: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def due(self) -> dt.date | None:
        """The last day the deadline allows, or None when it has no fixed end."""
        if self.year is None:
            return None
        if self.kind is DeadlineKind.DATE and self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        if self.kind is DeadlineKind.MONTH and self.month:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        if self.kind is DeadlineKind.QUARTER and self.quarter:
            last_month = self.quarter * 3
            return dt.date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])
        return dt.date(self.year, 12, 31)


@dataclass(frozen=True)
class Place:
    """The area a plan governs: its level (tỉnh, thành phố, xã, phường…) and name."""

    level: str
    name: str | None = None


@dataclass(frozen=True)
class Document:
    """A plan's identity and metadata (fields are None when the text does not say)."""

    id: str
    title: str
    source_path: str
    content_hash: str
    number: str | None = None  # số hiệu, e.g. "19/KH-UBND"
    # the ký hiệu of a số hiệu whose figures could not be read (an OCR copy's "Z32Ø/BTC-QLCS":
    # "BTC-QLCS"); None when the number was read or not written
    number_symbol: str | None = None
    issued_date: str | None = None  # ISO date, or the raw text when incomplete
    issuer: str | None = None  # cơ quan ban hành
    signer: str | None = None  # người ký
    signer_title: str | None = None  # chức vụ người ký, e.g. "Phó Chủ tịch"
    field: str | None = None  # lĩnh vực, when the metadata block states it
    kind: str | None = None  # loại văn bản
    place: Place | None = None
    replaces: tuple[str, ...] = ()  # documents this plan replaces, as written
    based_on: tuple[str, ...] = ()  # documents it implements ("Thực hiện Kế hoạch số …")
    # a plan issued with a decision ("(Kèm theo Quyết định số …)"): that decision's số hiệu,
    # date and signing body, kept apart from the plan's own; a question may name the plan by
    # the decision's number ("KH 1422" of the plan attached to QĐ 1422/QĐ-TTg)
    decision_number: str | None = None
    decision_date: str | None = None
    decision_issuer: str | None = None
    # a decision that issues a plan ("Ban hành kèm theo Quyết định này Kế hoạch …"): the
    # kind and title of what it issues
    issues: str | None = None
    # a document not yet issued: its draft marking as the header writes it ("DỰ THẢO",
    # "Dự thảo lần 2"); None for an issued document
    draft: str | None = None


@dataclass(frozen=True)
class Clause:
    """One node of a plan's clause tree with its exact source text."""

    id: str  # document id + clause path key, stable across re-ingests
    document_id: str
    kind: ClauseKind
    number: str | None  # label as written, normalised: "6.6", "II", "a", "Phụ lục 1"
    heading: str | None  # the clause's own title line, when it has one
    path: str  # readable path, e.g. "Phụ lục 1 › 6. Về Chính quyền số › 6.6"
    text: str  # exactly source[start:end]
    start: int
    end: int
    body_end: int  # end of the clause's own text, before its first child
    parent_id: str | None = None
    children: tuple[str, ...] = ()
    # the stage the clause belongs to, from a stage heading above it ("2030", "2026-2030")
    period: str | None = None

    @property
    def body(self) -> str:
        """The clause's own text without its children (the whole text for a leaf)."""
        return self.text[: self.body_end - self.start]


@dataclass(frozen=True)
class TargetCell:
    """One filled cell of a target row: its column header, the column's role and offsets."""

    header: str  # the column header as written ("Đơn vị chủ trì", "Trực tiếp Chỉ đạo" …)
    # number, content, monitoring, lead, cooperating, highest_responsibility, deadline,
    # product, value, measure_unit, group, note, unknown
    role: str
    text: str  # cleaned cell text
    start: int  # offsets of the raw cell text in the source
    end: int


@dataclass(frozen=True)
class TargetValue:
    """A value a row sets for one stage ("Năm 2030" column: "100%"), with its cell's offsets."""

    period: str | None  # "2025", "2026-2030"; None when the column names no stage
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class TimedWork:
    """One of several works a duty lists, each with its own time ("… hoàn thành trong Quý 4
    năm 2017; công trình X hoàn thành trong tháng 3 năm 2018; hồ Y xong trước ngày
    30/8/2017."): the work's words and its time as written, with their offsets."""

    text: str  # the work's words, cleaned
    start: int  # offsets of the work in the source
    end: int
    deadline: str  # its time as written ("trước ngày 30/8/2017")
    deadline_start: int
    deadline_end: int


@dataclass(frozen=True)
class Target:
    """A typed row of an appendix table: a target (chỉ tiêu) or task (nhiệm vụ)."""

    clause_id: str
    document_id: str
    number: str | None
    content: str
    monitoring_units: tuple[str, ...] = ()  # theo dõi / trực tiếp chỉ đạo / đôn đốc
    lead_units: tuple[str, ...] = ()  # chủ trì (tổ chức triển khai)
    cooperating_units: tuple[str, ...] = ()  # phối hợp
    deadline: Deadline | None = None
    note: str | None = None
    group: str | None = None  # the table section the row sits in
    cells: tuple[TargetCell, ...] = ()  # every filled cell, with its header and offsets
    period: str | None = None  # the stage the row belongs to ("2025", "2026-2030"), if any
    source: str = "table"  # "table": an appendix row; "body": a duty written in the text
    values: tuple[TargetValue, ...] = ()  # the row's value per stage, from its value columns
    measure_unit: str | None = None  # đơn vị tính of the row's values ("%", "Doanh nghiệp")
    highest_units: tuple[str, ...] = ()  # cơ quan chịu trách nhiệm cao nhất
    # a body duty listing several works with their own times: one per work (else empty)
    works: tuple[TimedWork, ...] = ()

    def with_unit(self, value: str) -> str:
        """A value with the row's unit of measure ("80" → "80 %"), unless it already has it."""
        unit = self.measure_unit
        if not unit or value.rstrip().lower().endswith(unit.lower()):
            return value
        return f"{value} {unit}"

    def cells_for(self, role: str) -> tuple[TargetCell, ...]:
        """The filled cells of one column role, in column order."""
        return tuple(cell for cell in self.cells if cell.role == role)


@dataclass(frozen=True)
class ParsedPlan:
    """Everything the parser learns from one source text."""

    document: Document
    source_text: str
    clauses: tuple[Clause, ...]
    targets: tuple[Target, ...]
    warnings: tuple[str, ...] = ()

    def clause(self, clause_id: str) -> Clause:
        """The clause with this id (KeyError when absent)."""
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        raise KeyError(clause_id)


def to_plain(value: Any) -> Any:
    """A JSON-ready form of a domain object (dataclasses, enums, tuples)."""
    if hasattr(value, "__dataclass_fields__"):
        return {key: to_plain(item) for key, item in asdict(value).items()}
    if isinstance(value, dict):
        return {key: to_plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(item) for item in value]
    if isinstance(value, StrEnum):
        return value.value
    return value
