"""A generated plan laid out as the blocks an author writes, before any format: the header's
two boxes, the kind and title lines, numbered paragraphs, the appendix table, the signature."""

from __future__ import annotations

from dataclasses import dataclass

from tests.plan_space.spec import Node, PlanSpec

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


def layout(spec: PlanSpec) -> list[Block]:
    """The plan's blocks in reading order."""
    blocks: list[Block] = [
        Header(
            spec.issuer.lines,
            spec.number.written,
            PARTY if spec.issuer.party else NATIONAL,
            spec.date.written,
            spec.issuer.party,
        )
    ]
    title = spec.title
    kind_caps = title.kind.upper()
    subject = [line.upper() if title.caps else line for line in title.lines]
    if title.same_line:
        blocks.append(Para("kind", None, f"{kind_caps} {subject[0]}"))
    else:
        blocks.append(Para("kind", None, kind_caps))
        blocks.extend(Para("title", None, line) for line in subject)
    blocks.append(Para("preamble", None, spec.preamble))
    for part in spec.parts:
        blocks.extend(_walk(part))
    blocks.append(Signature(spec.recipients, spec.signer.lines, spec.signer.name))
    if spec.table is not None:
        blocks.extend(Para("appendix", None, line) for line in spec.table.title)
        table = spec.table
        blocks.append(
            Grid(
                tuple(c.header for c in table.columns),
                tuple(tuple(text for _, text in row.cells) for row in table.rows),
                frozenset(k for k, row in enumerate(table.rows) if row.group),
            )
        )
    return blocks
