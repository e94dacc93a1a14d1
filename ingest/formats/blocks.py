"""The block model a reader yields: headings, paragraphs, list items, tables and rules.

Every block carries its span (`start`, `end`) in the one canonical text the reader also
produces — the text the parser reads, kept as the document's source — so whatever a later
pass reads from a block can be quoted verbatim and located exactly. A table keeps its rows
and cells (header rows, group rows, merged cells, line breaks inside a cell) instead of
being flattened to text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


@dataclass(frozen=True)
class Heading:
    """A heading line: `## **II. MỤC TIÊU**` → level 2, marker "II.", text "MỤC TIÊU"."""

    level: int  # 1 for the top level (Markdown `#`, HTML <h1>, Word "Heading 1")
    marker: str | None  # the numbering marker as written ("II.", "1.", "a)"), if any
    text: str  # the heading without its marker
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """Running text; its lines stay as written (a hard-wrapped paragraph keeps its breaks)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ListItem:
    """An item of a list (Markdown, HTML, Word numbering): its marker ("1.", "a)", "-", "+")
    and its own text."""

    marker: str
    depth: int  # 0 for a top-level list, 1 for a list inside an item, …
    text: str
    start: int
    end: int


class RowKind(StrEnum):
    """What a table row is."""

    TITLE = "title"  # a title row above the header ("PHỤ LỤC …" inside the table), laid out as text
    HEADER = "header"  # column labels (a table may have two header rows)
    GROUP = "group"  # a section title spanning the row ("I. Dữ liệu số")
    DATA = "data"


@dataclass(frozen=True)
class TableCell:
    """One cell as written: its lines (`<br>` breaks), its grid position and spans."""

    column: int  # grid column of its top-left position
    lines: tuple[str, ...]
    start: int  # span of its text in the canonical text (start == end when empty)
    end: int
    col_span: int = 1
    row_span: int = 1

    @property
    def text(self) -> str:
        """The content with its line breaks as newlines."""
        return "\n".join(self.lines)


@dataclass(frozen=True)
class TableRow:
    """A row of cells; positions covered by a merged cell have no cell of their own."""

    kind: RowKind
    cells: tuple[TableCell, ...]
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    """A table: title rows, header rows, then group and data rows.

    A data table has header rows, or `continued`: it carries on the table just before it
    (split at a page break, its header repeated or not). A table with neither is layout
    (the header block, the signature): its cells are text, not rows.
    """

    rows: tuple[TableRow, ...]
    width: int
    start: int
    end: int
    continued: bool = False

    @property
    def header_rows(self) -> tuple[TableRow, ...]:
        return tuple(row for row in self.rows if row.kind is RowKind.HEADER)

    @property
    def body_rows(self) -> tuple[TableRow, ...]:
        return tuple(row for row in self.rows if row.kind in (RowKind.GROUP, RowKind.DATA))


@dataclass(frozen=True)
class Rule:
    """A thematic break (`---`, <hr>); it has no text, so its span is empty."""

    start: int
    end: int


Block = Heading | Paragraph | ListItem | Table | Rule


def shifted(block: Block, offset: int) -> Block:
    """The block with every span moved by `offset` (its text placed inside a larger one)."""
    if isinstance(block, Table):
        rows = tuple(
            replace(
                row,
                cells=tuple(
                    replace(cell, start=cell.start + offset, end=cell.end + offset)
                    for cell in row.cells
                ),
                start=row.start + offset,
                end=row.end + offset,
            )
            for row in block.rows
        )
        return replace(block, rows=rows, start=block.start + offset, end=block.end + offset)
    return replace(block, start=block.start + offset, end=block.end + offset)
