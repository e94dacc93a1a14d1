"""The typed description of a generated plan: what was written, hence what must be read back."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.domain import Place


@dataclass(frozen=True)
class Issuer:
    """An issuing body as its header box writes it, and what a reader must call it."""

    lines: tuple[str, ...]  # the header box in capitals, parent first
    name: str  # the issuer a reader must report
    code: str  # the body's part of the ký hiệu ("UBND", "TU", "BKHCN")
    party: bool  # a Party body (Hướng dẫn 36-HD/VPTW header)
    date_place: str  # địa danh of the date line
    place: Place | None  # the governed area, None for a central body
    collective: str | None  # "TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ" (None: the head signs)
    head: str  # the head's title in capitals ("CHỦ TỊCH", "BÍ THƯ")
    deputy: str  # the deputy's title ("PHÓ CHỦ TỊCH")
    kinds: tuple[str, ...]  # kinds of document the body issues
    level: str  # "central", "province", "commune": which units it assigns


@dataclass(frozen=True)
class NumberSpec:
    """Số ký hiệu: digits (None when left blank), the ký hiệu, with or without a colon."""

    digits: str | None
    symbol: str  # "KH-UBND" (state) or "KH/TU" (Party)
    party: bool
    colon: bool
    tight: bool = False  # "Số:77/KH-UBND", no space after the colon

    @property
    def written(self) -> str:
        if self.tight and self.colon and self.digits and not self.party:
            return f"Số:{self.digits}/{self.symbol}"
        lead = "Số:" if self.colon else "Số"
        if self.party:
            return f"{lead} {self.digits or '     '}-{self.symbol}"
        return (
            f"{lead} {self.digits or '   '}/{self.symbol}"
            if self.digits
            else f"{lead} /{self.symbol}"
        )

    @property
    def value(self) -> str | None:
        if self.digits is None:
            return None
        return f"{self.digits}-{self.symbol}" if self.party else f"{self.digits}/{self.symbol}"


@dataclass(frozen=True)
class DateSpec:
    """Địa danh and date; day or month left blank (None) when signed later."""

    place: str
    day: int | None
    month: int | None
    year: int
    padded: bool  # "ngày 09 tháng 01" rather than "ngày 9 tháng 1"
    dots: bool = False  # a blank written "…" rather than spaces

    def _part(self, value: int | None) -> str:
        if value is None:
            return "…" if self.dots else "    "
        return f"{value:02d}" if self.padded else str(value)

    @property
    def written(self) -> str:
        return (
            f"{self.place}, ngày {self._part(self.day)} tháng {self._part(self.month)} "
            f"năm {self.year}"
        )

    @property
    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        text = f"{self.year:04d}-{self.month:02d}"
        return text if self.day is None else f"{text}-{self.day:02d}"

    @property
    def slashed(self) -> str:
        return f"{self.day or 1:02d}/{self.month or 1:02d}/{self.year}"


@dataclass(frozen=True)
class TitleSpec:
    """Tên loại and trích yếu: the kind line and the subject, over 1–3 lines."""

    kind: str  # "Kế hoạch"
    lines: tuple[str, ...]  # the subject in sentence case, split where the author broke it
    caps: bool  # the subject written in capitals (else in ordinary case)
    same_line: bool  # "KẾ HOẠCH Chuyển đổi số …" on one line (Word users' title paragraph)

    @property
    def expected(self) -> str:
        return f"{self.kind} {' '.join(self.lines)}"


@dataclass(frozen=True)
class SignerSpec:
    """Quyền hạn, chức vụ và người ký: the lines of the block and the name."""

    lines: tuple[str, ...]  # "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH" …
    title: str  # the signer's title as a reader reports it ("Phó Chủ tịch")
    name: str


@dataclass(frozen=True)
class Node:
    """A clause of the body: a part (I.), section (1.), point (a)), bullet (-) or paragraph."""

    kind: str  # "part", "section", "point", "bullet", "paragraph"
    number: str | None  # "II", "2", "b"; None for bullets and paragraphs
    text: str  # the heading (parts, headed sections) or the whole text
    headed: bool = False  # the text is a heading line with children under it
    period: str | None = None  # the stage a reader must give this clause
    children: tuple[Node, ...] = ()


@dataclass(frozen=True)
class DutyRow:
    """A responsibility the body writes, as a reader must type it."""

    content: str  # the task's words (a reader's content must start with them)
    lead: tuple[str, ...]
    cooperating: tuple[str, ...] = ()
    deadline: str | None = None


@dataclass(frozen=True)
class Column:
    """An appendix column: its role and the header the author wrote."""

    role: str  # number, content, lead, cooperating, deadline, product, note, measure_unit, value
    header: str
    period: str | None = None  # the stage of a value column
    spanned_by: str | None = None  # a label spanning value columns in a first header row


@dataclass(frozen=True)
class TableRowSpec:
    """A row of the appendix table: a group row (its title) or a task with cells per role."""

    number: str
    group: bool
    cells: tuple[tuple[str, str], ...]  # (column header, text) in column order; "" for empty
    content: str
    lead: tuple[str, ...] = ()
    cooperating: tuple[str, ...] = ()
    deadline: str | None = None
    note: str | None = None
    measure_unit: str | None = None
    values: tuple[tuple[str | None, str], ...] = ()
    group_title: str | None = None  # the group the row sits in


@dataclass(frozen=True)
class TableSpec:
    """The appendix: its title lines and the task or indicator table."""

    title: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: tuple[TableRowSpec, ...]

    @property
    def tasks(self) -> tuple[TableRowSpec, ...]:
        return tuple(row for row in self.rows if not row.group)


@dataclass(frozen=True)
class DecisionSpec:
    """A Quyết định that issues the plan ("Ban hành kèm theo Quyết định này Kế hoạch …"): its
    own number (the plan, attached after its signature, has none), dated and signed as the plan
    would be."""

    number: NumberSpec
    authority: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" between the trích yếu and the text


@dataclass(frozen=True)
class PlanSpec:
    """A whole generated plan."""

    seed: int
    issuer: Issuer
    number: NumberSpec
    date: DateSpec
    title: TitleSpec
    preamble: str
    parts: tuple[Node, ...]
    duties: tuple[DutyRow, ...]
    table: TableSpec | None
    signer: SignerSpec
    recipients: tuple[str, ...]
    decision: DecisionSpec | None = None  # the plan comes attached to a Quyết định

    @property
    def kind(self) -> str:
        return self.title.kind
