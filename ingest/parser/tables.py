"""Finding tables in extracted plan text and reading them into rows of cells.

Tables a reader gave as blocks (Markdown, DOCX, HTML) are taken from the block's rows and
cells (`tables_from_blocks`); tables in plain text are found in the lines. Three layouts
occur in real extractions:
- *pipe cells*: one cell per line ending in `|`, empty cells collapsed into `||||`;
- *tab rows*: one row per line, cells separated by tabs, often with `<b>` tags and the
  header repeated at every page break;
- *markdown*: `| a | b |` rows with a `|---|` separator;
- *bare*: `a | b | c` rows with no pipe at either end, wrapped cells going on at the start
  of the next line (read in `bare_tables`);
- *ocr*: a scanned table's words with no separators, a row's number and figure on the line
  its cell is centred on (read in `ocr_tables`).
Every cell keeps offsets into the source so quotes can be verified later.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ingest.formats.blocks import Block, RowKind
from ingest.formats.blocks import Table as BlockTable
from ingest.formats.blocks import TableCell as BlockCell
from ingest.normalize_vi import folded
from ingest.parser.bare_tables import is_bare_table_start, read_bare_rows
from ingest.parser.columns import ColumnRole, classify_columns, classify_header
from ingest.parser.lines import SourceLine, clean_markup
from ingest.parser.markers import row_number
from ingest.parser.ocr_tables import ocr_header, read_ocr_rows
from ingest.parser.periods import LABEL_JOIN, column_stage

# "ST/T", "T/T": the label wrapped in a narrow number column, written with a slash
_HEADER_FIRST_CELL = re.compile(
    r"^(?:stt|tt|số\s*tt|số\s*thứ\s*tự|st\s*/\s*t|t\s*/\s*t)$", re.IGNORECASE
)
_MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
_BARE_UNIT = re.compile(r"^đơn vị$", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
# a figure cell: "1,035,566", "243.082.392", "97", "12,5%", "-"
_FIGURE_CELL = re.compile(r"^[-+~≥≤<>]?\s*\d[\d.,\s]*%?$")
_FIGURE_ROLES = (ColumnRole.UNKNOWN, ColumnRole.VALUE)
# sub-labels under a spanning header cell that no column role names (folded)
_SUB_LABEL = re.compile(
    r"^(?:ke hoach|thuc hien|uoc(?: thuc hien)?|tong(?: so| cong)?|so luong|ti le|ty le|"
    r"muc tieu|chi tieu|ket qua|dat|chua dat|trong do|tang|giam|ngan sach|von|khac|"
    r"trung uong|dia phuong|nam|quy|thang|dot|lan|giai doan)\b"
)


@dataclass(frozen=True)
class Cell:
    """A table cell: clean text plus the source span of its raw content."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class TableRow:
    """One row of cells with the source span it covers."""

    cells: tuple[Cell, ...]
    start: int
    end: int

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(cell.text for cell in self.cells)


@dataclass(frozen=True)
class Table:
    """A table: one header label per column, its data rows, and the lines it consumed."""

    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    first_line: int
    last_line: int
    layout: str  # "pipe", "tab", "markdown", or "block" (read from a reader's table block)
    order: tuple[int | None, ...] = ()  # a block's source column per column (None: added)

    @property
    def roles(self) -> tuple[ColumnRole, ...]:
        """Column roles from the header, with the cells settling ambiguous headers."""
        columns = [
            [row.cells[k].text for row in self.rows if k < len(row.cells)]
            for k in range(len(self.header))
        ]
        return classify_columns(self.header, columns)


def _cell_text(raw: str) -> str:
    """A cell's clean text: markup removed, a `<br>` line break read as a list separator."""
    return clean_markup(_LINE_BREAK.sub("; ", raw)).strip("; ")


def _cell(text: str, start: int) -> Cell:
    """A cell from raw text starting at `start`, its span trimmed of outer whitespace."""
    stripped = text.strip()
    offset = start + (len(text) - len(text.lstrip())) if stripped else start
    return Cell(_cell_text(stripped), offset, offset + len(stripped))


def _split_cells(line: SourceLine, separator: str) -> list[Cell]:
    cells: list[Cell] = []
    position = 0
    for piece in line.text.split(separator):
        cells.append(_cell(piece, line.start + position))
        position += len(piece) + len(separator)
    return cells


def is_table_start(line: SourceLine, following: SourceLine | None = None) -> str | None:
    """The layout of a table whose header starts on this line, or None.

    A header opens with a number column ("STT", "TT"); a Markdown header needs none when the
    `following` line is its `|---|---|` rule.
    """
    text = line.text.strip()
    if (
        following is not None
        and text.startswith("|")
        and text.count("|") >= 3
        and _MARKDOWN_RULE.match(following.text)
    ):
        return "markdown"
    if "\t" in line.text:
        first = clean_markup(line.text.split("\t")[0])
        return "tab" if _HEADER_FIRST_CELL.match(first) else None
    if text.startswith("|") and text.count("|") >= 3:
        cells = [clean_markup(c) for c in text.strip("|").split("|")]
        return "markdown" if cells and _HEADER_FIRST_CELL.match(cells[0]) else None
    if text.endswith("|"):
        first = clean_markup(text[:-1])
        return "pipe" if _HEADER_FIRST_CELL.match(first) else None
    if is_bare_table_start(line):
        return "bare"
    return "ocr" if ocr_header(line) is not None else None


def read_table(lines: list[SourceLine], first: int, layout: str) -> Table:
    """Read the table whose header starts at line index `first`."""
    if layout == "pipe":
        return _read_pipe_table(lines, first)
    if layout == "bare":
        return _read_bare_table(lines, first)
    if layout == "ocr":
        return _read_ocr_table(lines, first)
    return _read_row_table(lines, first, layout)


def _read_bare_table(lines: list[SourceLine], first: int) -> Table:
    spans, last = read_bare_rows(lines, first)
    header = tuple(_cell_from_raw(raw, start).text for raw, start, _ in spans[0])
    rows: list[TableRow] = []
    for row in spans[1:]:
        cells = [_cell_from_raw(raw, start) for raw, start, _ in row[: len(header)]]
        if not any(cell.text for cell in cells):
            continue
        end = max(cell.end for cell in cells)
        cells += [Cell("", end, end)] * (len(header) - len(cells))
        rows.append(TableRow(tuple(cells), cells[0].start, end))
    return Table(header, tuple(rows), first, last, "bare")


def _read_ocr_table(lines: list[SourceLine], first: int) -> Table:
    """An OCR'd table of words with no separators (`ocr_tables`); no rows when the lines
    under the header do not read as one."""
    header = ocr_header(lines[first])
    read = read_ocr_rows(lines, first)
    if header is None or read is None:
        return Table((), (), first, first, "ocr")
    found, last = read
    rows: list[TableRow] = []
    for row in found:
        number = Cell(str(row.number), *row.number_span)
        if row.name:
            name = Cell(" ".join(text for text, _, _ in row.name), row.name[0][1], row.name[-1][2])
        else:
            name = Cell("", row.start, row.start)
        value = Cell(*row.figure) if row.figure is not None else Cell("", row.end, row.end)
        rows.append(TableRow((number, name, value), row.start, row.end))
    return Table(header, tuple(rows), first, last, "ocr")


# ---- pipe cells -------------------------------------------------------------------------


def _pipe_cell_stream(lines: list[SourceLine], first: int) -> list[tuple[Cell, int]]:
    """Every cell from `first` on with the index of the line that closes it.

    A line that does not end in `|` continues the open cell (hard-wrapped cell text);
    the stream stops at a non-blank, non-pipe line when no cell is open.
    """
    stream: list[tuple[Cell, int]] = []
    pending: tuple[int, str] | None = None  # (start offset, text so far) of an open cell
    for line in lines[first:]:
        text = line.text
        if not text.strip():
            continue
        if not text.rstrip().endswith("|"):
            if pending is None:
                # could be a continuation only if a pipe line follows; decided by caller
                stream.append((Cell("", line.start, line.start), -line.index - 1))
                pending = (line.start, text)
            else:
                pending = (pending[0], pending[1] + "\n" + text)
            continue
        pieces = text.rstrip()[:-1].split("|")
        position = line.start
        for k, piece in enumerate(pieces):
            if k == 0 and pending is not None:
                stream.pop() if stream and stream[-1][1] < 0 else None
                raw = pending[1] + "\n" + piece
                start = pending[0]
                pending = None
            else:
                raw, start = piece, position
            stream.append((_cell_from_raw(raw, start), line.index))
            position += len(piece) + 1
    return stream


def _cell_from_raw(raw: str, start: int) -> Cell:
    stripped = raw.strip()
    offset = start + (len(raw) - len(raw.lstrip())) if stripped else start
    return Cell(_cell_text(" ".join(stripped.split())), offset, offset + len(stripped))


def _header_width(stream: list[tuple[Cell, int]]) -> int:
    """How many leading cells form the header row.

    The header ends before a repeated column role, an empty cell, a row number, or after
    a "ghi chú" (note) column, which usually closes these tables — unless the next cell is
    itself a column header ("Ghi chú | Thời hạn").
    """
    seen: set[ColumnRole] = set()
    width = 0
    after_note = False
    for cell, _ in stream:
        if width and (not cell.text or row_number(cell.text)):
            break
        role = classify_header((cell.text,))[0] if width else ColumnRole.NUMBER
        if after_note and role in (ColumnRole.UNKNOWN, ColumnRole.VALUE, ColumnRole.CONTENT):
            break
        # value columns repeat by stage ("Năm 2025", "Năm 2030"); a bare "Đơn vị" may be the
        # unit of measure beside a lead column, which only its cells tell
        bare_unit = bool(_BARE_UNIT.match(cell.text))
        if role in seen and role not in (ColumnRole.UNKNOWN, ColumnRole.VALUE) and not bare_unit:
            break
        if not bare_unit:
            seen.add(role)
        width += 1
        after_note = after_note or role is ColumnRole.NOTE
    return width


def _read_pipe_table(lines: list[SourceLine], first: int) -> Table:
    stream = _pipe_cell_stream(lines, first)
    # an unterminated line that never got closed ends the table
    closed: list[tuple[Cell, int]] = []
    for cell, line_index in stream:
        if line_index < 0:
            break
        closed.append((cell, line_index))
    width = max(_header_width(closed), 2)
    header = tuple(cell.text for cell, _ in closed[:width])
    rows: list[TableRow] = []
    body = closed[width:]
    usable = len(body) - len(body) % width
    last_line = closed[width - 1][1] if len(closed) >= width else first
    for k in range(0, usable, width):
        chunk = body[k : k + width]
        cells = tuple(cell for cell, _ in chunk)
        start = next((c.start for c in cells if c.end > c.start), cells[0].start)
        end = max(c.end for c in cells)
        rows.append(TableRow(cells, start, max(end, start)))
        last_line = chunk[-1][1]
    # leftover cells (a truncated last row) are kept as a short row rather than lost
    if usable < len(body):
        chunk = body[usable:]
        cells = tuple(cell for cell, _ in chunk) + tuple(
            Cell("", chunk[-1][0].end, chunk[-1][0].end) for _ in range(width - len(chunk))
        )
        rows.append(TableRow(cells, chunk[0][0].start, max(c.end for c in cells)))
        last_line = chunk[-1][1]
    return Table(header, tuple(rows), first, last_line, "pipe")


# ---- tab and markdown rows --------------------------------------------------------------


def _row_cells(line: SourceLine, layout: str) -> list[Cell]:
    if layout == "tab":
        return _split_cells(line, "\t")
    text = line.text
    left = text.index("|")
    right = text.rindex("|")
    inner = SourceLine(
        line.index, line.start + left + 1, line.start + right, text[left + 1 : right]
    )
    return _split_cells(inner, "|")


def _is_row_line(line: SourceLine, layout: str) -> bool:
    if layout == "tab":
        return "\t" in line.text
    return line.text.strip().startswith("|")


def column_label(parent: str, own: str) -> str:
    """A column's label under a header cell spanning it: the full label ("Hạn ngạch phát
    thải khí nhà kính › Năm 2026", "Giai đoạn 2021-2025 › Thực hiện") when its own sub-label
    is a figure's (a stage, "Kế hoạch", no role) or the spanning label names a stage; a
    sub-label that is a column of its own ("Đơn vị chủ trì" under "Phân công thực hiện")
    stays as written. Whichever of the two is written when only one is."""
    if not (parent and own) or folded(parent) == folded(own):
        return own or parent
    full = f"{parent}{LABEL_JOIN}{own}"
    if column_stage(full) is not None or classify_header((own,))[0] in _FIGURE_ROLES:
        return full
    return own


def _combine_header(top: list[str], sub: list[str]) -> tuple[str, ...]:
    """Two header rows → one full label per column.

    A top label written once over sub-labels spans them: the cells after it are empty
    (`| Kết quả | | Ghi chú |` over `| | Năm 2025 | Năm 2026 | |`) or, when the sub row is
    wider than the top row (a transcription that dropped the merged cells), the top label
    over the first of a run of sub-labels takes as many as the extra width allows.
    """
    parents: list[str] = []
    extra = max(len(sub) - len(top), 0)
    position = 0
    for label in top:
        span = 1
        if extra and label and position < len(sub) and sub[position]:
            run = 1
            while position + run < len(sub) and sub[position + run]:
                run += 1
            span = min(run, 1 + extra)
            extra -= span - 1
        parents += [label] * span
        position += span
    width = max(len(parents), len(sub))
    parents += [""] * (width - len(parents))
    sub = sub + [""] * (width - len(sub))
    for k in range(1, width):  # an empty top cell over a sub-label: the label on its left spans it
        if not parents[k] and sub[k] and sub[k - 1]:
            parents[k] = parents[k - 1]
    return tuple(column_label(t, s) for t, s in zip(parents, sub, strict=True))


def _is_sub_header(cells: list[str], strict: bool) -> bool:
    """Whether a row under the header is its second row: no number in its first cell and
    something written; after a Markdown rule (`strict`) its labels stand side by side, two
    or more together, and each reads as a column label (a stage, "Kế hoạch", "Thực hiện",
    "Chủ trì" …), not a row's content or figures."""
    if not cells or cells[0] or not any(cells):
        return False
    if not strict:
        return True
    runs = [len(run) for run in "".join("x" if cell else " " for cell in cells).split()]
    # sub-labels split a spanning cell: two or more side by side; one label alone in a
    # column is a group row ("| | Năm 2025 | | |")
    return min(runs) >= 2 and all(_is_sub_label(cell) for cell in cells if cell)


def _is_sub_label(text: str) -> bool:
    plain = folded(text).strip(" :.")
    return bool(column_stage(plain) is not None and not _FIGURE_CELL.match(text.strip())) or bool(
        _SUB_LABEL.match(plain) or classify_header((text,))[0] is not ColumnRole.UNKNOWN
    )


def _read_row_table(lines: list[SourceLine], first: int, layout: str) -> Table:
    header_cells = [c.text for c in _row_cells(lines[first], layout)]
    header_rows = {tuple(header_cells)}
    index = first + 1
    sub: list[str] = []
    ruled = False  # a Markdown `|---|` rule lies between the header and this line
    while index < len(lines) and layout == "markdown" and _MARKDOWN_RULE.match(lines[index].text):
        index, ruled = index + 1, True
    if index < len(lines) and _is_row_line(lines[index], layout):
        candidate = [c.text for c in _row_cells(lines[index], layout)]
        if _is_sub_header(candidate, strict=ruled):
            sub = candidate
            header_rows.add(tuple(candidate))
            index += 1
    header = _combine_header(header_cells, sub)
    rows: list[TableRow] = []
    last_line = index - 1
    while index < len(lines):
        line = lines[index]
        if line.blank:
            index += 1
            continue
        if not _is_row_line(line, layout):
            break
        if layout == "markdown" and re.fullmatch(r"[|\s:-]+", line.text):
            index += 1
            continue
        cells = _row_cells(line, layout)
        texts = tuple(c.text for c in cells)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if texts not in header_rows and is_table_start(line, following) == layout:
            break  # the header of the next table, not a row of this one
        last_line = index
        index += 1
        if texts in header_rows or all(not t for t in texts):
            continue  # the header repeated at a page break
        cells = _figures_right(cells, header)
        rows.append(TableRow(tuple(cells[: len(header)]), line.start, line.end))
    return Table(header, tuple(rows), first, last_line, layout)


def _figures_right(cells: list[Cell], header: tuple[str, ...]) -> list[Cell]:
    """A row padded to the header's width. A short row with no number whose last cells are
    figures (a total row: `| | TỔNG CỘNG | 243,082,392 | 268,391,454 |` under wider columns)
    has its figures under the last columns when those are headed as figure columns (a year,
    a stage, "Kết quả"), where the figures of the rows above stand."""
    width = len(header)
    missing = width - len(cells)
    if missing <= 0:
        return cells
    trailing = 0
    while trailing < len(cells) - 1 and _FIGURE_CELL.match(cells[-1 - trailing].text):
        trailing += 1
    at = len(cells) - trailing
    last = classify_header(header[width - trailing :]) if trailing else ()
    if (
        not trailing
        or row_number(cells[0].text)
        or not any(c.text for c in cells[:at])
        or any(role is not ColumnRole.VALUE for role in last)
    ):
        at = len(cells)
    pad = cells[at - 1].end if at else (cells[0].start if cells else 0)
    return [*cells[:at], *([Cell("", pad, pad)] * missing), *cells[at:]]


# ---- table blocks (Markdown, DOCX, HTML) ------------------------------------------------


def tables_from_blocks(
    blocks: Sequence[Block], lines: list[SourceLine], source: str
) -> dict[int, Table]:
    """The data tables among a reader's blocks, keyed by the line their header starts on.

    Rows and cells come from the block, not from re-reading its lines: a merged cell
    (colspan) leaves the positions it covers empty, a cell merged down (rowspan) gives every
    data row it spans its text, header labels come from the lowest header row that labels a
    column. A table that continues the one before it (split at a page break) adds its rows
    to it. Layout tables (no header) are left to the lines.
    """
    starts = [line.start for line in lines]
    tables: dict[int, Table] = {}
    previous: int | None = None  # key of the table the next block may continue
    for block in blocks:
        if not isinstance(block, BlockTable):
            previous = None
            continue
        if block.continued and previous is not None:
            carried = tables[previous]
            rows = _block_rows(block, source, carried.header, carried.order)
            last = _line_at(starts, block.end)
            tables[previous] = replace(carried, rows=carried.rows + rows, last_line=last)
            continue
        header_rows = [row for row in block.rows if row.kind is RowKind.HEADER]
        if not header_rows:
            previous = None
            continue
        labels = _block_labels(block, source)
        order = _column_order(labels)
        header = tuple("STT" if k is None else labels[k] for k in order)
        rows = _block_rows(block, source, header, order)
        first = _line_at(starts, header_rows[0].start)
        table = Table(header, rows, first, _line_at(starts, block.end), "block", order)
        tables[first] = table
        previous = first
    return tables


def _line_at(starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _column_order(labels: Sequence[str]) -> tuple[int | None, ...]:
    """Source columns in the parser's order: the number column first (None: none, added)."""
    roles = classify_header(labels)
    if ColumnRole.NUMBER in roles:
        number = roles.index(ColumnRole.NUMBER)
        return (number, *(k for k in range(len(labels)) if k != number))
    return (None, *range(len(labels)))


def _cell_source(cell: BlockCell, source: str) -> str:
    """The cell's text as the source has it; its lines when other text lies between them
    (a cell of a space-aligned table wraps beside the other cells of its row)."""
    if cell.end > cell.start:
        spanned = source[cell.start : cell.end]
        own = " ".join(cell.lines)
        if " ".join(spanned.replace("\u2028", " ").split()) == " ".join(own.split()):
            return spanned
        return own
    return "\u2028".join(cell.lines)


def _coverage(block: BlockTable) -> dict[tuple[int, int], tuple[BlockCell, bool, bool]]:
    """(row, column) → (the cell covering it, whether it is the cell's own, whether from above)."""
    covered: dict[tuple[int, int], tuple[BlockCell, bool, bool]] = {}
    for r, row in enumerate(block.rows):
        for cell in row.cells:
            for dr in range(cell.row_span):
                for dc in range(cell.col_span):
                    covered.setdefault(
                        (r + dr, cell.column + dc), (cell, not dr and not dc, dr > 0 and not dc)
                    )
    return covered


def _block_labels(block: BlockTable, source: str) -> list[str]:
    """One full label per grid column: the lowest header row's own label, under the label
    of a header cell spanning it and its neighbours (colspan) when there is one."""
    labels = [""] * block.width
    parents = [""] * block.width
    covered = _coverage(block)
    for r, row in enumerate(block.rows):
        if row.kind is not RowKind.HEADER:
            continue
        for k in range(block.width):
            found = covered.get((r, k))
            if found is None or not (found[1] or (not found[2] and found[0].col_span > 1)):
                continue
            text = _cell_text(" ".join(_cell_source(found[0], source).split()))
            if not text:
                continue
            if found[0].col_span > 1:  # a label over several columns: theirs in common
                parents[k] = text
                labels[k] = ""
            else:
                labels[k] = text
    return [column_label(parent, own) for parent, own in zip(parents, labels, strict=True)]


def _block_rows(
    block: BlockTable, source: str, header: tuple[str, ...], order: Sequence[int | None]
) -> tuple[TableRow, ...]:
    covered = _coverage(block)
    rows: list[TableRow] = []
    for r, row in enumerate(block.rows):
        if row.kind not in (RowKind.DATA, RowKind.GROUP):
            continue
        line = source[row.start : row.end]
        cells: list[Cell] = []
        for k in order:
            found = covered.get((r, k)) if k is not None else None
            if found is None or not (found[1] or found[2]):
                cells.append(Cell("", row.start, row.start))  # empty, or covered from the left
                continue
            cell, _, from_above = found
            raw = _cell_source(cell, source)
            start, end = cell.start, cell.end
            if from_above:  # the text repeated in this row's line, when it is there
                offset = _piece_in(line, raw)
                if offset is not None:
                    start, end = row.start + offset, row.start + offset + len(raw)
            cells.append(Cell(_cell_text(raw), start, end))
        texts = tuple(cell.text for cell in cells)
        if not any(texts) or texts == header:
            continue  # an empty row, or the header repeated
        rows.append(TableRow(tuple(cells), row.start, row.end))
    return tuple(rows)


def _piece_in(line: str, text: str) -> int | None:
    position = 0
    for piece in line.split("\t"):
        if piece == text:
            return position
        position += len(piece) + 1
    return None
