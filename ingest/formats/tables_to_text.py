"""A table read from a DOCX, PDF or HTML file → text lines the plan parser reads as a table.

Data tables (a header row with an "STT"/"TT" column) become *tab rows*: the header first,
then one line per row, the number column moved to the front because the parser finds a
table by its first header cell. Merged cells follow one rule everywhere:
- a cell spanned from the left is blank (a group title spanning the row stays one cell);
- a cell spanned from above repeats the text above in data rows (every target keeps its
  unit or deadline) and is blank in header rows (what `_combine_header` expects of a
  two-row header: the sub-header row has empty cells where the top label spans down).
Tables without a number column are layout (the header block, the signature): each cell's
text becomes its own lines, row by row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from ingest.parser.columns import ColumnRole, classify_header

_HEADER_SEARCH_ROWS = 3  # a title row or two may sit above the header inside the table
_SYNTHETIC_NUMBER = "STT"
_LABEL_CHARS = 100  # longer than any column label seen in plans


class Span(Enum):
    """Where a grid position's content comes from."""

    OWN = "own"  # the cell itself
    LEFT = "left"  # covered by a cell to its left (colspan / gridSpan)
    ABOVE = "above"  # covered by the cell above (rowspan / vMerge)


@dataclass(frozen=True)
class TableCell:
    """One grid position: the lines of its content, or where it is spanned from."""

    lines: tuple[str, ...] = ()
    span: Span = Span.OWN

    @property
    def text(self) -> str:
        """The content on one line: a tab row has no room for line breaks or tabs."""
        return " ".join(" ".join(self.lines).split())


@dataclass(frozen=True)
class TableShape:
    """What a following table needs to continue this one (a table split by a page break)."""

    width: int
    order: tuple[int, ...]  # source column index for each output column
    header: tuple[tuple[str, ...], ...]  # header rows as in the source, for spotting repeats
    synthetic_number: bool


@dataclass(frozen=True)
class RenderedTable:
    """The table's text lines; `shape` is None for a layout table."""

    lines: tuple[str, ...]
    shape: TableShape | None


def render_table(
    grid: Sequence[Sequence[TableCell]], continues: TableShape | None = None
) -> RenderedTable:
    """Text lines for a table; `continues` is the data table this one may carry on."""
    width = max((len(row) for row in grid), default=0)
    rows = [list(row) + [TableCell()] * (width - len(row)) for row in grid]
    if not rows or width == 0:
        return RenderedTable((), None)
    own = [[cell.text if cell.span is Span.OWN else "" for cell in row] for row in rows]
    if continues is not None and continues.width == width:
        repeated = len(continues.header)
        if tuple(tuple(r) for r in own[:repeated]) == continues.header:
            return _data_lines(rows, own, repeated, continues, header_lines=False)
        if _find_header(own) is None:
            return _data_lines(rows, own, 0, continues, header_lines=False)
    found = _find_header(own)
    if found is None or width < 2:
        return RenderedTable(_layout_lines(rows), None)
    header_row, number_column = found
    header_end = header_row + 1
    if _is_sub_header(rows, own, header_row, number_column):
        header_end += 1
    order = _column_order(width, number_column)
    shape = TableShape(
        width,
        order,
        tuple(tuple(r) for r in own[header_row:header_end]),
        synthetic_number=number_column is None,
    )
    title_lines = _layout_lines(rows[:header_row])
    table = _data_lines(rows, own, header_end, shape, header_lines=True)
    return RenderedTable(title_lines + table.lines, shape)


def _find_header(own: list[list[str]]) -> tuple[int, int | None] | None:
    """(header row, number column) of a data table; the column is None when it has none.

    A header without a number column still counts when its short labels name two or more
    roles (content, lead unit, deadline …) over three or more columns: the parser then
    gets an empty "STT" column. Long cells are prose (a signature block), not labels.
    """
    for r, texts in enumerate(own[:_HEADER_SEARCH_ROWS]):
        roles = classify_header(texts)
        if ColumnRole.NUMBER in roles:
            return r, roles.index(ColumnRole.NUMBER)
        named = {role for role in roles if role not in (ColumnRole.UNKNOWN, ColumnRole.NUMBER)}
        labels = len(texts) >= 3 and all(len(text) <= _LABEL_CHARS for text in texts)
        if labels and len(named) >= 2 and len(own) > r + 1:
            return r, None
    return None


def _is_sub_header(
    rows: list[list[TableCell]], own: list[list[str]], header_row: int, number: int | None
) -> bool:
    """Whether the row under the header is a second header row (labels under a span)."""
    below = header_row + 1
    if below >= len(rows):
        return False
    spans_down = any(cell.span is Span.ABOVE for cell in rows[below])
    spans_across = any(cell.span is Span.LEFT for cell in rows[header_row])
    number_blank = number is None or not own[below][number]
    return (spans_down or spans_across) and number_blank and any(own[below])


def _column_order(width: int, number: int | None) -> tuple[int, ...]:
    if number is None:
        return tuple(range(width))
    return (number, *(k for k in range(width) if k != number))


def _data_lines(
    rows: list[list[TableCell]],
    own: list[list[str]],
    body_start: int,
    shape: TableShape,
    header_lines: bool,
) -> RenderedTable:
    lines: list[str] = []
    if header_lines:
        for k, texts in enumerate(shape.header):
            lines.append(_row_line(texts, shape, first_header=k == 0))
    body: list[str] = []
    resolved = [list(texts) for texts in own]
    for r in range(body_start, len(rows)):
        for c, cell in enumerate(rows[r]):
            if cell.span is Span.ABOVE and r > body_start:
                resolved[r][c] = resolved[r - 1][c]
        if any(resolved[r]):
            body.append(_row_line(resolved[r], shape))
    if header_lines and body and len(shape.header) == 1 and body[0].startswith("\t"):
        # The parser takes a line right under the header with an empty first cell for a
        # second header row; a repeated header (skipped like a page-break repeat) keeps
        # this first data row a row.
        lines.append(lines[0])
    return RenderedTable(tuple(lines + body), shape)


def _row_line(texts: Sequence[str], shape: TableShape, first_header: bool = False) -> str:
    cells = [texts[k] if k < len(texts) else "" for k in shape.order]
    if shape.synthetic_number:
        cells.insert(0, _SYNTHETIC_NUMBER if first_header else "")
    return "\t".join(cells)


def _layout_lines(rows: list[list[TableCell]]) -> tuple[str, ...]:
    """A layout table's cells as they are (nested tables included), a blank line between."""
    lines: list[str] = []
    for row in rows:
        for cell in row:
            content = [line for line in cell.lines if line.strip()]
            if cell.span is Span.OWN and content:
                lines.extend([*([""] if lines else []), *content])
    return tuple(lines)
