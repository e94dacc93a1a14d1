"""Tables copied as *bare pipe rows*: cells separated by ` | ` with no pipe at either end.

Web pages pasted as text give tables this way (`STT | Tên gói thầu | Giá gói thầu | …`):
one row per line, except that a cell's hard-wrapped text goes on at the start of the next
line (`… | Thời gian bắt đầu tổ` / `chức lựa chọn nhà thầu | Loại hợp đồng | …`). A line
opens a new row when its first cell is a row number ("1", "II") or when the row before is
already as wide as the header; otherwise its first piece ends the open cell and the rest
are the row's next cells. Every cell keeps its span in the source, so a quote of a wrapped
cell includes its line break, as the text has it.
"""

from __future__ import annotations

import re

from ingest.parser.lines import SourceLine, clean_markup
from ingest.parser.markers import row_number

__all__ = ["is_bare_table_start", "read_bare_rows"]

_SEPARATOR = " | "
_HEADER_FIRST = re.compile(r"^(?:stt|tt|số\s*tt|số\s*thứ\s*tự)$", re.IGNORECASE)
_MIN_SEPARATORS = 2

Span = tuple[str, int, int]  # raw text, start, end in the source


def _bare(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("|") and not stripped.endswith("|")


def is_bare_table_start(line: SourceLine) -> bool:
    """A header line of bare pipe cells that opens with a number column ("STT | …")."""
    text = line.text
    if not _bare(text) or text.count(_SEPARATOR) < _MIN_SEPARATORS:
        return False
    return bool(_HEADER_FIRST.match(clean_markup(text.split("|", 1)[0]).strip()))


def _pieces(line: SourceLine) -> list[Span]:
    spans: list[Span] = []
    position = 0
    for piece in line.text.split("|"):
        spans.append((piece, line.start + position, line.start + position + len(piece)))
        position += len(piece) + 1
    return spans


def _joined(left: Span, right: Span) -> Span:
    """A cell hard-wrapped over two lines: its raw text is the source between both pieces."""
    return (left[0] + "\n" + right[0], left[1], right[2])


def read_bare_rows(lines: list[SourceLine], first: int) -> tuple[list[list[Span]], int]:
    """The header (first) and data rows of the bare table whose header starts at `first`,
    as raw cell spans, and the index of the last line read."""
    rows: list[list[Span]] = [_pieces(lines[first])]
    width: int | None = None  # known once the first data row starts
    last = first
    index = first + 1
    while index < len(lines):
        line = lines[index]
        if line.blank:
            break
        pieces = _pieces(line)
        if len(pieces) == 1:  # a line with no separator: a wrapped cell only between rows
            following = lines[index + 1] if index + 1 < len(lines) else None
            open_row = width is None or len(rows[-1]) < width
            if not (open_row and following is not None and _SEPARATOR in following.text):
                break
        numbered = row_number(pieces[0][0]) is not None
        if width is None and numbered:
            width = len(rows[0])
        if numbered or (width is not None and len(rows[-1]) >= width):
            rows.append(pieces)
        else:
            rows[-1][-1] = _joined(rows[-1][-1], pieces[0])
            rows[-1].extend(pieces[1:])
        last = index
        index += 1
    return rows, last
