"""Indicator tables as OCR reads a scanned page: rows of words with no cell separators.

A scanned appendix table ("TT | Chỉ tiêu | Mục tiêu") comes out of OCR as a header line of
words ("TT Chỉ tiêu Mục tiêu") and rows that are runs of lines: the row number and the
figure sit on the line the cell is centred on, so a name wrapped over three lines has its
number and figure on the middle line and a name over two lines has them on the first; the
cell rules come out as stray "|", "`]", "'_" and the row number itself is often misread
("1ó." for 16, "1N" for 11, a letter for 5). Rows are read back from that shape:
- a line opening with a row number, or a name in capitals after a row that is complete
  (numbered or with its figure), opens a row; a numbered line just under a lone name line
  is that name's number and figure line;
- a line opening in lower case or with rule specks goes on with the open row;
- a row number that does not follow its neighbour is taken from the sequence.
The header's words are parted into columns by the roles they name (`classify_header`).
Cells keep source spans, so a quote of a row is its text as the OCR gave it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.parser.columns import ColumnRole, classify_header
from ingest.parser.lines import SourceLine

__all__ = ["OcrRow", "ocr_header", "read_ocr_rows"]

_HEADER = re.compile(r"^\s*(stt|tt|số\s*tt)\s+(\S.*?)\s*$", re.IGNORECASE)
_MAX_HEADER_WORDS = 8
# rule specks before a row's text: "'_ |", "`]", "-_|", "¬¬", "|"
_SPECKS = re.compile(r"^[^\w\s]*(?:\s+[^\w\s]+)*\s*")
# a row number as OCR gives it: "1", "2.", "1ó.", "1N" (a digit, then at most two digits
# or letters misread for digits), then a space or a rule
_NUMBER = re.compile(r"^(\d[\wó]{0,2}?)\.?(?=\s|\||$)")
# a lone letter standing for a row number before a name in capitals ("Ề Tỉ lệ", "z | Tỉ lệ")
_LETTER_NUMBER = re.compile(r"^([^\W\d_])\s*\|?\s+(?=[^\W\d_])")
# the figure closing a line: "42%", "<30%", "1-1,5%", "1.200", then maybe a speck ("°")
_FIGURE = re.compile(
    r"(?:(?<=\s)|(?<=\|)|^)([<>≤≥]?\s?\d[\d.,]*(?:\s?[-–]\s?\d[\d.,]*)?\s?%?)\s*[°º.]?\s*$"
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")  # "đến năm 2030" closing a name line is no figure
_MIN_ROWS = 3
_MAX_BLANKS = 1  # a row's lines may be parted by one blank line, not two
_NAME_WORD = 4  # a misread middle line is kept when it has a word of this many letters


@dataclass
class OcrRow:
    """A row read from OCR lines: its number, name pieces and figure, as source spans."""

    number: int | None
    number_span: tuple[int, int]
    name: list[tuple[str, int, int]] = field(default_factory=list)
    figure: tuple[str, int, int] | None = None
    lines: int = 0
    start: int = 0
    end: int = 0


def ocr_header(line: SourceLine) -> tuple[str, ...] | None:
    """The column labels of an OCR'd table header ("TT Chỉ tiêu Mục tiêu" → TT, Chỉ tiêu,
    Mục tiêu), when the words after the number column part into a content column and a
    column of another known role; None for any other line."""
    text = line.text
    if "|" in text or "\t" in text:
        return None
    match = _HEADER.match(text)
    if match is None:
        return None
    words = match.group(2).split()
    if not 2 <= len(words) <= _MAX_HEADER_WORDS:
        return None
    for cut in range(1, len(words)):
        left, right = " ".join(words[:cut]), " ".join(words[cut:])
        roles = classify_header([left, right])
        if roles[0] is ColumnRole.CONTENT and roles[1] not in (
            ColumnRole.CONTENT,
            ColumnRole.UNKNOWN,
        ):
            return (match.group(1), left, right)
    return None


@dataclass(frozen=True)
class _Line:
    number: str | None  # the row number token, as read ("" for a lone letter)
    number_span: tuple[int, int]
    text: tuple[str, int, int] | None  # the words between number and figure
    figure: tuple[str, int, int] | None
    capital: bool  # the words open with a capital letter


def _read_line(line: SourceLine) -> _Line:
    raw = line.text
    at = len(_SPECKS.match(raw).group(0))  # type: ignore[union-attr]
    number: str | None = None
    number_span = (line.start + at, line.start + at)
    match = _NUMBER.match(raw[at:]) or _LETTER_NUMBER.match(raw[at:])
    if match is not None:
        number = match.group(1) if match.group(1)[0].isdigit() else ""
        number_span = (line.start + at, line.start + at + len(match.group(1)))
        at += match.end()
        at += len(_SPECKS.match(raw[at:]).group(0))  # type: ignore[union-attr]
    end = len(raw.rstrip())
    figure = None
    found = _FIGURE.search(raw, at)
    if found is not None and not _YEAR.match(found.group(1).strip()):
        figure = (found.group(1).strip(), line.start + found.start(1), line.start + found.end(1))
        end = found.start()
    words = raw[at:end].replace("|", " ").strip(" `'_-¬°")
    text = None
    if words:
        offset = raw.index(words[0], at)
        text = (" ".join(words.split()), line.start + offset, line.start + offset + len(words))
    first = next((char for char in words if char.isalpha()), "")
    return _Line(number, number_span, text, figure, first.isupper())


def _fits(token: str, previous: int | None) -> bool:
    """A number token that may be the next row's: a misread one, or the next in sequence."""
    if not token.isdigit():
        return True
    value = int(token)
    return value == 1 if previous is None else previous < value <= previous + 2


def _kept_middle(text: str) -> bool:
    return any(sum(char.isalpha() for char in word) >= _NAME_WORD for word in text.split())


def read_ocr_rows(lines: list[SourceLine], first: int) -> tuple[list[OcrRow], int] | None:
    """The rows of the OCR'd table whose header is line `first`, and the last line read;
    None when what follows does not read as such a table."""
    rows: list[OcrRow] = []
    last_number: int | None = None
    blanks = 0
    last = first
    for index in range(first + 1, len(lines)):
        line = lines[index]
        if line.blank:
            blanks += 1
            if blanks > _MAX_BLANKS and rows:
                break
            continue
        if ocr_header(line) is not None:
            break
        blanks = 0
        read = _read_line(line)
        open_row = rows[-1] if rows else None
        numbered = read.number is not None and _fits(read.number, last_number)
        if numbered:
            token = read.number or ""
            value = int(token) if token.isdigit() else (last_number or 0) + 1
            lone_name = (
                open_row is not None
                and open_row.number is None
                and open_row.figure is None
                and open_row.lines == 1
            )
            if lone_name and open_row is not None:
                open_row.number, open_row.number_span = value, read.number_span
                row = open_row
                if read.text is not None and not _kept_middle(read.text[0]):
                    read = _Line(None, read.number_span, None, read.figure, False)
            else:
                row = OcrRow(value, read.number_span, start=line.start)
                rows.append(row)
            last_number = value
        elif (
            read.text is not None
            and read.capital
            and (open_row is None or open_row.number is not None or open_row.figure is not None)
        ):
            row = OcrRow(None, (line.start, line.start), start=line.start)
            rows.append(row)
        elif open_row is not None:
            row = open_row
        else:
            return None  # text before the first row: not a table of this shape
        if read.text is not None:
            row.name.append(read.text)
        if row.figure is None and read.figure is not None:
            row.figure = read.figure
        row.lines += 1
        row.end = line.end
        last = index
    # rows whose number the sequence gives (a lone name that no numbered line closed)
    previous = 0
    for row in rows:
        if row.number is None:
            row.number = previous + 1
        previous = row.number
    with_figure = sum(1 for row in rows if row.figure is not None)
    if len(rows) < _MIN_ROWS or with_figure * 2 < len(rows) or not _counted(rows):
        return None
    return rows, last


def _counted(rows: list[OcrRow]) -> bool:
    """Rows numbered 1, 2, 3 … as a table's rows are (a paragraph's numbers are not)."""
    return [row.number for row in rows] == list(range(1, len(rows) + 1))
