"""Source lines with their character offsets, and detection of repeated blocks."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_MARKUP = re.compile(r"</?b>|\*\*+|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")


@dataclass(frozen=True)
class SourceLine:
    """One line of the source: its index, text (no newline) and offsets into the source."""

    index: int
    start: int
    end: int
    text: str

    @property
    def clean(self) -> str:
        """The text without HTML bold tags, markdown emphasis and outer whitespace."""
        return clean_markup(self.text)

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def clean_markup(text: str) -> str:
    """Remove `<b>` tags and markdown emphasis; collapse outer whitespace."""
    return _MARKUP.sub("", text).strip()


def split_lines(source: str) -> list[SourceLine]:
    """Split the source into lines keeping exact offsets (handles \\n, \\r\\n and \\r)."""
    lines: list[SourceLine] = []
    for index, match in enumerate(re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", source)):
        raw = match.group(0)
        if not raw and match.start() == len(source):
            break
        text = raw.rstrip("\r\n")
        lines.append(SourceLine(index, match.start(), match.start() + len(text), text))
    return lines


def find_repeated_blocks(
    lines: list[SourceLine], min_lines: int = 5, min_chars: int = 200
) -> set[int]:
    """Indexes of lines that repeat an earlier block of ≥ `min_lines` consecutive lines.

    Extraction sometimes emits a document's header block twice; the second copy is not
    content. Short repeats (table cells such as a unit name and a deadline) are ignored
    by the length thresholds.
    """
    positions: dict[str, list[int]] = {}
    for line in lines:
        if not line.blank:
            positions.setdefault(line.text.strip(), []).append(line.index)
    repeated: set[int] = set()
    i = 0
    while i < len(lines):
        key = lines[i].text.strip()
        best = 0
        if key and i not in repeated:
            for j in positions.get(key, []):
                if j >= i:
                    break
                length = 0
                while (
                    i + length < len(lines)
                    and j + length < i
                    and lines[i + length].text.strip() == lines[j + length].text.strip()
                ):
                    length += 1
                best = max(best, length)
        span = lines[i : i + best]
        if best >= min_lines and sum(len(line.text) for line in span) >= min_chars:
            repeated.update(line.index for line in span)
            i += best
        else:
            i += 1
    return repeated


_PAGE_NUMBER = re.compile(
    r"^(?:trang\s+)?[-–]?\s*\d{1,3}\s*[-–]?(?:\s*/\s*\d{1,3})?$", re.IGNORECASE
)


def _is_running_header(line: SourceLine) -> bool:
    """An upper-case line with no table cell and no numbering marker ("UBND TỈNH X - KH SỐ 88")."""
    text = clean_markup(line.text)
    return (
        any(ch.isalpha() for ch in text)
        and text == text.upper()
        and not text.endswith("|")
        and not re.match(r"^(?:[IVXLC]+|\d+(?:\.\d+)*)[.)]\s", text)
    )


def find_page_furniture(lines: list[SourceLine]) -> set[int]:
    """Indexes of page numbers and the running header or footer printed beside them.

    PDF extractions leave a bare page number ("2", "- 2 -", "Trang 2") at every page break,
    often next to a repeated upper-case header line; inside a table these would otherwise
    join the next cell or end the table.
    """
    # A running header repeats; a one-off upper-case line next to a page number is a real
    # heading ("PHỤ LỤC" opening the next page) and stays.
    seen = Counter(clean_markup(line.text).strip() for line in lines)
    furniture: set[int] = set()
    for k, line in enumerate(lines):
        if not _PAGE_NUMBER.match(line.text.strip()):
            continue
        furniture.add(line.index)
        for neighbour in (k - 1, k + 1):
            if not 0 <= neighbour < len(lines):
                continue
            header = lines[neighbour]
            if _is_running_header(header) and seen[clean_markup(header.text).strip()] > 1:
                furniture.add(header.index)
    return furniture


def blank_out(lines: list[SourceLine], indexes: set[int]) -> list[SourceLine]:
    """The lines with those at `indexes` emptied (offsets kept, so spans stay exact)."""
    return [
        SourceLine(line.index, line.start, line.start, "") if line.index in indexes else line
        for line in lines
    ]
