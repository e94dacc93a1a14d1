"""The beginning of a document as cells and blocks, the way the header's boxes were laid out.

Web copies put the two header columns in table cells (`ỦY BAN NHÂN DÂN |`), on lines of their
own between `|` lines, or flatten them onto one line between `-------` rules; PDF and web
copies hard-wrap inside a box ("Hà" / "Nội, ngày …"). A *cell* is one piece of a line between
`|` separators and rules; a *block* is a run of cells with no separator between them: one box
of the header, its hard-wrapped lines joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ingest.parser.header.motto import motto_spans
from ingest.parser.lines import SourceLine, clean_markup

# rules and ornaments that separate header boxes: "-------", "********", "——-", "*", "___"
# "***" is a rule between capitals or spaces; "**A:****B**" is Markdown emphasis
_RULE = re.compile(
    r"\s*(?:-{3,}|\*{5,}|(?:(?<=\s)|(?<=^)|(?<=[A-ZĐÀ-Ỹ]))\*{3,4}(?=\s|$|[A-ZĐÀ-Ỹ])|_{3,}|[—–]{2,}-*|[—–]-+)\s*"
)
_ORNAMENT = re.compile(r"^[\s*\-—–_=.|]*$")
_LITERAL_BREAK = re.compile(r"(?:\\r)?\\n|\\r|\\t")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
# Pandoc Markdown from Word: a hard break (a backslash) then the gap to the next column of a
# simple table ends a cell (`**BAN CHẤP HÀNH TRUNG ƯƠNG\      **ĐẢNG CỘNG SẢN VIỆT NAM\`);
# escaped punctuation (`\-\-\-`, `1\.`) is the punctuation itself
_HARD_BREAK_GAP = re.compile(r"\\\s{2,}(?=\S)")
_ESCAPED = re.compile(r"\\([-*_.()\\])")


@dataclass(frozen=True)
class Cell:
    """One piece of a header line and whether a separator (rule, `|`, blank line) precedes it."""

    text: str
    line: int  # index of the source line it comes from
    after_separator: bool
    after_rule: bool  # the separator was a rule or ornament ("-------", "*")


@dataclass(frozen=True)
class Block:
    """Cells written in one box of the header, in reading order."""

    cells: tuple[Cell, ...]

    @property
    def text(self) -> str:
        return " ".join(cell.text for cell in self.cells)


def clean_cell(text: str) -> str:
    """Markup, escaped line breaks copied as text, heading marks and spacing removed."""
    text = _LITERAL_BREAK.sub(" ", text.replace("\u00a0", " "))
    text = _HEADING_MARK.sub("", clean_markup(text))
    return " ".join(text.split())


def header_cells(lines: list[SourceLine], limit: int = 160) -> list[Cell]:
    """The cells of the first `limit` lines of a document."""
    cells: list[Cell] = []
    separator, rule = True, False
    for line in lines[:limit]:
        raw = _LITERAL_BREAK.sub(" ", line.text)
        raw = _ESCAPED.sub(r"\1", _HARD_BREAK_GAP.sub("|", raw)).rstrip("\\ ")
        if not raw.strip():
            separator = True
            continue
        ended_with_text = False
        for p, piece in enumerate(raw.split("|")):
            if p:  # a "|" closes the previous cell
                separator, ended_with_text = True, False
            for k, part in enumerate(_RULE.split(piece)):
                text = clean_cell(part)
                if k:  # a rule stood between this part and the previous one
                    separator, rule, ended_with_text = True, True, False
                if not text or _ORNAMENT.match(text):
                    if text:
                        separator, rule, ended_with_text = True, True, False
                    continue
                for b, box in enumerate(_flattened_boxes(text)):
                    cells.append(Cell(box, line.index, separator or b > 0, rule))
                    separator, rule, ended_with_text = False, False, True
        # a line ending in text continues on the next line (a hard-wrapped box)
        separator = separator or not ended_with_text
    return cells


# a công văn's trích yếu and its addressees open boxes of their own (NĐ 30/2020, phụ lục I)
_BOX_OPENER = re.compile(r"(?<=\S)\s+(?=V/v\s|Kính gửi\s*:)")


def _flattened_boxes(text: str) -> list[str]:
    """A header flattened onto one line ("UBND TỈNH X CỘNG HÒA … SỞ Y Độc lập … Số: …")
    cut back into its boxes: the quốc hiệu and tiêu ngữ, which stand in boxes of their own,
    and a "V/v" or "Kính gửi:" after other text, start new ones."""
    cuts = {0, len(text)}
    for start, end in motto_spans(text):
        cuts.update((start, end))
    cuts.update(match.end() for match in _BOX_OPENER.finditer(text))
    ordered = sorted(cuts)
    boxes = [text[a:b].strip() for a, b in pairwise(ordered)]
    return [box for box in boxes if box] or [text]


def blocks(cells: list[Cell]) -> list[Block]:
    """Runs of cells with no separator between them."""
    found: list[list[Cell]] = []
    for cell in cells:
        if cell.after_separator or not found:
            found.append([cell])
        else:
            found[-1].append(cell)
    return [Block(tuple(group)) for group in found]
