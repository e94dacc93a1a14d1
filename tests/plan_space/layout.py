"""A generated plan laid out as the blocks an author writes, before any format: the header's
two boxes, the kind and title lines, numbered paragraphs, the appendix table, the signature."""

from __future__ import annotations

from dataclasses import dataclass

from tests.plan_space.spec import Column, Node, PlanSpec

NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
PARTY = ("ĐẢNG CỘNG SẢN VIỆT NAM",)


@dataclass(frozen=True)
class Header:
    """The two header boxes: issuer and number on the left, motto and date on the right."""

    issuer: tuple[str, ...]
    number: str
    motto: tuple[str, ...]
    date: str
    party: bool


@dataclass(frozen=True)
class Para:
    """A paragraph: its numbering marker as written ("1.", "a)", "-", "I."), its text, its role
    (kind, title, part, section, point, bullet, paragraph, appendix, preamble)."""

    role: str
    marker: str | None
    text: str

    @property
    def line(self) -> str:
        return f"{self.marker} {self.text}" if self.marker else self.text


@dataclass(frozen=True)
class Grid:
    """The appendix table: header labels and rows of cells; which rows are group rows."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    groups: frozenset[int]
    top: tuple[str, ...] | None = None  # a first header row: spanning labels, "" under a span

    @property
    def header_rows(self) -> list[list[str]]:
        """The header as rows: the spanning row over the sub-labels, when there is one."""
        if self.top is None:
            return [list(self.header)]
        pairs = zip(self.top, self.header, strict=True)
        return [list(self.top), [label if top != label else "" for top, label in pairs]]


@dataclass(frozen=True)
class Signature:
    recipients: tuple[str, ...]
    lines: tuple[str, ...]
    name: str


Block = Header | Para | Grid | Signature


def _marker(node: Node) -> str | None:
    if node.kind == "part":
        return f"{node.number}."
    if node.kind == "section":
        return f"{node.number}."
    if node.kind == "point":
        return f"{node.number})"
    if node.kind == "bullet":
        return "-"
    return None


def _walk(node: Node) -> list[Para]:
    paras = [Para(node.kind, _marker(node), node.text)]
    for child in node.children:
        paras.extend(_walk(child))
    return paras


def _spanning_row(columns: tuple[Column, ...]) -> tuple[str, ...] | None:
    """The first header row of a table whose value columns sit under one label: each other
    column's label spans both rows (written in the first), the span's label stands over its
    first column, "" over the rest."""
    if not any(c.spanned_by for c in columns):
        return None
    top: list[str] = []
    for k, column in enumerate(columns):
        if column.spanned_by is None:
            top.append(column.header)
        elif k and columns[k - 1].spanned_by == column.spanned_by:
            top.append("")
        else:
            top.append(column.spanned_by)
    return tuple(top)


def _decision(spec: PlanSpec) -> list[Block]:
    """The Quyết định that issues the plan, down to its signature; the plan follows it."""
    decision = spec.decision
    assert decision is not None
    subject = " ".join(spec.title.lines)
    return [
        Para("kind", None, "QUYẾT ĐỊNH"),
        Para("title", None, f"Ban hành Kế hoạch {subject}"),
        Para("kind", None, decision.authority),
        Para(
            "preamble", None, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
        ),
        Para("kind", None, "QUYẾT ĐỊNH:"),
        Para("paragraph", None, f"Điều 1. Ban hành kèm theo Quyết định này Kế hoạch {subject}."),
        Para("paragraph", None, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
        Para(
            "paragraph",
            None,
            "Điều 3. Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành "
            "Quyết định này.",
        ),
        Signature(("Như Điều 3;", "Lưu: VT."), spec.signer.lines, spec.signer.name),
    ]


def layout(spec: PlanSpec) -> list[Block]:
    """The plan's blocks in reading order (after the decision that issues it, if one does)."""
    blocks: list[Block] = [
        Header(
            spec.issuer.lines,
            spec.number.written,
            PARTY if spec.issuer.party else NATIONAL,
            spec.date.written,
            spec.issuer.party,
        )
    ]
    if spec.decision is not None:
        blocks += _decision(spec)
    title = spec.title
    kind_caps = title.kind.upper()
    subject = [line.upper() if title.caps else line for line in title.lines]
    if title.same_line:
        blocks.append(Para("kind", None, f"{kind_caps} {subject[0]}"))
    else:
        blocks.append(Para("kind", None, kind_caps))
        blocks.extend(Para("title", None, line) for line in subject)
    if spec.decision is not None:  # the attached plan says whose it is instead of a preamble
        issued = f"{spec.number.value} ngày {spec.date.slashed} của {spec.issuer.name}"
        blocks.append(Para("preamble", None, f"(Ban hành kèm theo Quyết định số {issued})"))
    else:
        blocks.append(Para("preamble", None, spec.preamble))
    for part in spec.parts:
        blocks.extend(_walk(part))
    if spec.decision is None:  # an attached plan is signed with its decision
        blocks.append(Signature(spec.recipients, spec.signer.lines, spec.signer.name))
    if spec.table is not None:
        blocks.extend(Para("appendix", None, line) for line in spec.table.title)
        table = spec.table
        blocks.append(
            Grid(
                tuple(c.header for c in table.columns),
                tuple(tuple(text for _, text in row.cells) for row in table.rows),
                frozenset(k for k, row in enumerate(table.rows) if row.group),
                _spanning_row(table.columns),
            )
        )
    return blocks
