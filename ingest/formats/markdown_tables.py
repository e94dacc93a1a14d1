"""A table's grid (Markdown pipe table, Word or HTML table) → the grid `render_table` lays
out, and back to a Table block.

Markdown has no merged cells, so the merges a transcription implies are restored: a label
repeated across header cells, a title repeated across a row, and a top header label over
empty cells when the first body row holds the labels under it (a two-row header). Word and
HTML tables say their merges (gridSpan/vMerge, colspan/rowspan) and come as a grid
(`PipeTable.from_grid`). Once the table is laid out as tab rows, each row and cell is
located in those lines for its span.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ingest.formats.blocks import RowKind, Table, TableCell, TableRow
from ingest.formats.tables_to_text import Span, TableShape, render_table
from ingest.formats.tables_to_text import TableCell as GridCell
from ingest.parser.markers import row_number

CELL_LINE_BREAK = "\u2028"  # a <br> inside a table cell in the canonical text
PENDING_BREAK = "\ue000"  # the same while `render_table` lays the table out (not whitespace)
_LABEL_CHARS = 100  # a header label is short; longer cells are content


@dataclass
class PipeTable:
    """A pipe table's cells with the merges Markdown can only imply, ready to lay out."""

    texts: list[list[tuple[str, ...]]]  # cleaned lines of each cell
    spans: list[list[Span]]
    header_rows: int  # rows up to the end of the header (title rows included)
    title_rows: int = 0  # rows above the header, laid out as text

    @classmethod
    def from_grid(cls, grid: Sequence[Sequence[GridCell]]) -> PipeTable | None:
        """The table from a Word or HTML grid (merges given); None when it has no cells."""
        width = max((len(row) for row in grid), default=0)
        if width == 0:
            return None
        texts = [
            [row[k].lines if k < len(row) and row[k].span is Span.OWN else () for k in range(width)]
            for row in grid
        ]
        spans = [[row[k].span if k < len(row) else Span.OWN for k in range(width)] for row in grid]
        return cls(texts, spans, 0)

    def locate_header(self, continues: TableShape | None) -> None:
        """Set the header and title rows to those `render_table` finds (or none)."""
        probe = render_table(self.cells(" "), continues)
        self.title_rows = self.header_rows = 0
        if probe.shape is None:
            return
        own = [
            tuple(
                " ".join(" ".join(cell).split()) if self.spans[r][k] is Span.OWN else ""
                for k, cell in enumerate(row)
            )
            for r, row in enumerate(self.texts)
        ]
        header = probe.shape.header
        for r in range(len(own) - len(header) + 1):
            if tuple(own[r : r + len(header)]) == header:
                self.title_rows, self.header_rows = r, r + len(header)
                return

    @classmethod
    def build(cls, rows: list[list[tuple[str, ...]]], header_rows: int) -> PipeTable | None:
        """The table from its rows of cells (each cell its clean lines); None when empty."""
        width = max((len(row) for row in rows), default=0)
        texts = [[row[k] if k < len(row) else () for k in range(width)] for row in rows]
        if header_rows and not any(texts[0]):  # `| | |` over the real header
            texts, header_rows = texts[1:], 0
        if not texts or width == 0:
            return None
        grid = cls(texts, [[Span.OWN] * width for _ in texts], header_rows)
        grid._merge_repeats()
        if grid.header_rows == 1 and grid._second_header():
            grid._merge_two_row_header()
        return grid

    @property
    def width(self) -> int:
        return len(self.texts[0])

    def _merge_repeats(self) -> None:
        """A label repeated across a header, or a title repeated across a row, is one cell."""
        for r, row in enumerate(self.texts):
            filled = [cell for cell in row if cell]
            repeated_title = (
                len(filled) >= 2
                and len(set(filled)) == 1
                and row_number(" ".join(filled[0])) is None
            )
            if r >= self.header_rows and not repeated_title:
                continue
            for k in range(1, len(row)):
                if row[k] and row[k] == row[k - 1] and self.spans[r][k - 1] is not Span.ABOVE:
                    self.spans[r][k] = Span.LEFT
                    row[k] = row[k - 1]

    def _second_header(self) -> bool:
        """Whether the first body row carries labels under a header label spanning columns."""
        if len(self.texts) < 3:
            return False
        top, below = self.texts[0], self.texts[1]
        if below[0] or not any(below):
            return False
        if any(
            len(" ".join(cell)) > _LABEL_CHARS or row_number(" ".join(cell))
            for cell in below
            if cell
        ):
            return False
        spanned = [k for k in range(1, self.width) if not top[k] or self.spans[0][k] is Span.LEFT]
        return any(below[k] for k in spanned)

    def _merge_two_row_header(self) -> None:
        top, below = self.texts[0], self.texts[1]
        for k in range(1, self.width):
            if not top[k] and (top[k - 1] or self.spans[0][k - 1] is Span.LEFT):
                self.spans[0][k] = Span.LEFT
        for k in range(self.width):
            if not below[k] and top[k] and self.spans[0][k] is Span.OWN:
                self.spans[1][k] = Span.ABOVE
        self.header_rows = 2

    def cells(self, line_break: str | None) -> list[list[GridCell]]:
        """The grid for `render_table`; a cell's lines joined by `line_break` (None: kept)."""
        grid: list[list[GridCell]] = []
        for r, row in enumerate(self.texts):
            out: list[GridCell] = []
            for k, cell in enumerate(row):
                if self.spans[r][k] is not Span.OWN:
                    out.append(GridCell(span=self.spans[r][k]))
                elif line_break is None or r < self.title_rows:
                    out.append(GridCell(cell))
                else:
                    joiner = " " if r < self.header_rows else line_break
                    out.append(GridCell((joiner.join(cell),) if cell else ()))
            grid.append(out)
        return grid

    def block(
        self,
        lines: list[str],
        starts: list[int],
        shape: TableShape | None,
        continued: bool = False,
    ) -> Table:
        """The Table block, its rows and cells located in the table's lines (with offsets)."""
        used: set[tuple[int, int]] = set()  # (line, offset) of cells already placed
        cursor = 0
        rows: list[TableRow] = []
        header_start, header_end = self._header_range(shape, continued)
        for r, row in enumerate(self.texts):
            own = [(k, cell) for k, cell in enumerate(row) if self.spans[r][k] is Span.OWN]
            title = r < header_start
            rendered = [
                (k, cell, (" " if r < header_end else CELL_LINE_BREAK).join(cell))
                for k, cell in own
            ]
            found = None if title else _find_row(lines, cursor, [t for _, _, t in rendered if t])
            cells: list[TableCell] = []
            for k, cell, text in rendered:
                start = end = starts[found] if found is not None else starts[0]
                if text and found is not None:
                    column = _piece_offset(lines[found], text, used, found)
                    if column is not None:
                        start, end = starts[found] + column, starts[found] + column + len(text)
                elif cell:  # a layout table, or a title row: the cell's lines stand alone
                    start, end, cursor = _find_lines(lines, starts, cursor, cell)
                width = 1 + sum(1 for j in range(k + 1, self.width) if self._covers(r, j, k))
                height = 1
                while r + height < len(self.texts) and self.spans[r + height][k] is Span.ABOVE:
                    height += 1
                cells.append(TableCell(k, cell, start, end, col_span=width, row_span=height))
            if found is not None:
                span = (starts[found], starts[found] + len(lines[found]))
                cursor = found + 1
            else:
                filled = [c for c in cells if c.end > c.start]
                span = (filled[0].start, filled[-1].end) if filled else (starts[0],) * 2
            kind = RowKind.TITLE if title else self._row_kind(r, header_end, cells)
            rows.append(TableRow(kind, tuple(cells), *span))
        end = starts[-1] + len(lines[-1])
        return Table(tuple(rows), self.width, starts[0], end, continued=continued)

    def _covers(self, r: int, j: int, k: int) -> bool:
        return self.spans[r][j] is Span.LEFT and all(
            self.spans[r][m] is Span.LEFT for m in range(k + 1, j + 1)
        )

    def _header_range(self, shape: TableShape | None, continued: bool) -> tuple[int, int]:
        """(first, end) of the header rows; rows above the first are titles."""
        if shape is None:
            return 0, 0
        for r in range(len(self.texts)):
            own = [
                " ".join(cell) if self.spans[r][k] is Span.OWN else ""
                for k, cell in enumerate(self.texts[r])
            ]
            if tuple(own) == shape.header[0]:
                return r, r + len(shape.header)
        if continued:  # the header was not repeated
            return 0, 0
        return self.title_rows, self.header_rows

    def _row_kind(self, r: int, header_end: int, cells: list[TableCell]) -> RowKind:
        if r < header_end:
            return RowKind.HEADER
        filled = [cell for cell in cells if cell.lines]
        spanning = len(filled) == 1 and filled[0].col_span >= 2
        left_only = self.width >= 3 and all(cell.column <= 1 for cell in filled) and filled
        return RowKind.GROUP if spanning or left_only else RowKind.DATA


def _find_row(lines: list[str], cursor: int, texts: list[str]) -> int | None:
    """The first tab row from `cursor` whose cells include every text of a grid row."""
    if not texts:
        return None
    for index in range(cursor, len(lines)):
        pieces = lines[index].split("\t")
        if "\t" in lines[index] and all(pieces.count(t) >= texts.count(t) for t in texts):
            return index
    return None


def _find_lines(
    lines: list[str], starts: list[int], cursor: int, cell: tuple[str, ...]
) -> tuple[int, int, int]:
    """(start, end, next cursor) of a cell whose lines stand alone, searched from `cursor`."""
    for index in range(cursor, len(lines) - len(cell) + 1):
        if tuple(lines[index : index + len(cell)]) == cell:
            last = index + len(cell) - 1
            return starts[index], starts[last] + len(lines[last]), last + 1
    return starts[0], starts[0], cursor


def _piece_offset(line: str, text: str, used: set[tuple[int, int]], line_index: int) -> int | None:
    """The offset in `line` of the first tab-separated piece equal to `text` not yet used."""
    position = 0
    for piece in line.split("\t"):
        key = (line_index, position)
        if piece == text and key not in used:
            used.add(key)
            return position
        position += len(piece) + 1
    return None
