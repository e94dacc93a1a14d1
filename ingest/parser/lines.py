"""Source lines with their character offsets, and detection of repeated blocks."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from ingest.parser.budget import checkpoint

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
        checkpoint()
        raw = match.group(0)
        if not raw and match.start() == len(source):
            break
        text = raw.rstrip("\r\n")
        lines.append(SourceLine(index, match.start(), match.start() + len(text), text))
    return lines


def find_repeated_blocks(
    lines: list[SourceLine], min_lines: int = 5, min_chars: int = 200
) -> set[int]:
    """Indexes of lines that repeat an earlier block of ≥ `min_lines` consecutive lines
    (blank lines between them do not count).

    Extraction sometimes emits a document's header block twice; the second copy is not
    content. Short repeats (table cells such as a unit name and a deadline) are ignored
    by the length thresholds.

    O(n log n): a block can only repeat an earlier position that starts with the same
    `min_lines` lines, found by hashing; of those, the earliest and the latest few are
    compared, each by binary search on prefix hashes, never line by line.
    """
    count = len(lines)
    if count < 2 * min_lines:
        return set()
    keys = [line.text.strip() for line in lines]
    hashes = _PrefixHashes(keys)
    chars = [0]
    filled = [0]  # non-blank lines so far: blank lines between paragraphs (the way .docx and
    # .html text comes out) do not count towards a block's length
    for line, key in zip(lines, keys, strict=True):
        chars.append(chars[-1] + len(line.text))
        filled.append(filled[-1] + bool(key))
    starts: dict[int, list[int]] = {}
    for position in range(count - min_lines + 1):
        starts.setdefault(hashes.of(position, min_lines), []).append(position)
    repeated: set[int] = set()
    i = 0
    while i < count:
        checkpoint()
        best = 0
        if keys[i] and i + min_lines <= count:
            for j in _earlier_starts(starts[hashes.of(i, min_lines)], i):
                best = max(best, hashes.common_prefix(i, j, limit=min(i - j, count - i)))
        if filled[i + best] - filled[i] >= min_lines and chars[i + best] - chars[i] >= min_chars:
            repeated.update(line.index for line in lines[i : i + best])
            i += best
        else:
            i += 1
    return repeated


_CANDIDATES_EACH_END = 4  # earliest and latest earlier starts compared per position


def _earlier_starts(starts: list[int], i: int) -> list[int]:
    """The earliest and the latest positions before `i` with the same opening lines."""
    before = bisect.bisect_left(starts, i)
    if before <= 2 * _CANDIDATES_EACH_END:
        return starts[:before]
    return starts[:_CANDIDATES_EACH_END] + starts[before - _CANDIDATES_EACH_END : before]


class _PrefixHashes:
    """Polynomial prefix hashes of a sequence of strings: equal runs compared in O(1)."""

    _MOD = (1 << 61) - 1
    _BASE = 1_000_003

    def __init__(self, keys: list[str]) -> None:
        ids: dict[str, int] = {}
        self._prefix = [0]
        self._power = [1]
        for key in keys:
            token = ids.setdefault(key, len(ids) + 1)
            self._prefix.append((self._prefix[-1] * self._BASE + token) % self._MOD)
            self._power.append(self._power[-1] * self._BASE % self._MOD)

    def of(self, start: int, length: int) -> int:
        """The hash of keys[start:start + length]."""
        end = start + length
        return (self._prefix[end] - self._prefix[start] * self._power[length]) % self._MOD

    def common_prefix(self, i: int, j: int, limit: int) -> int:
        """How many keys from `i` and from `j` are equal (at most `limit`), by bisection."""
        low, high = 0, limit
        while low < high:
            middle = (low + high + 1) // 2
            if self.of(i, middle) == self.of(j, middle):
                low = middle
            else:
                high = middle - 1
        return low


_PAGE_NUMBER = re.compile(
    r"^(?:trang\s+)?[-–]?\s*\d{1,3}\s*[-–]?(?:\s*/\s*\d{1,3})?$"
    # the page marker an OCR or extraction tool writes between pages ("===== Trang 3 =====")
    r"|^=+\s*(?:trang|page)\s+\d{1,3}\s*=+$",
    re.IGNORECASE,
)
_RUNNING_MIN = 3  # a running head beside this many page breaks (a third of them at least)
_APPENDIX_WORD = re.compile(r"^\s*(?:PHỤ LỤC|Phụ lục|PHỤ LUC)\b")
_RUNNING_KEY_CHARS = 5


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
    beside: list[SourceLine] = []  # the lines next to a page break
    for k, line in enumerate(lines):
        checkpoint()
        if not _PAGE_NUMBER.match(line.text.strip()):
            continue
        furniture.add(line.index)
        for neighbour in (k - 1, k + 1):
            if not 0 <= neighbour < len(lines):
                continue
            header = lines[neighbour]
            beside.append(header)
            if _is_running_header(header) and seen[clean_markup(header.text).strip()] > 1:
                furniture.add(header.index)
    # a running head whose page number is part of it ("18.CTRTW31.DOC 2", "… DOC 3", an OCR
    # slip or two): its letters recur beside most page breaks
    beside = list({line.index: line for line in beside if _is_running_header(line)}.values())
    breaks = sum(1 for line in lines if _PAGE_NUMBER.match(line.text.strip()))
    keys = Counter(_letters(line) for line in beside if not _APPENDIX_WORD.match(line.text))
    # a key counts the heads read one letter apart from it too (their slips differ per page)
    running = {
        key
        for key in keys
        if sum(count for other, count in keys.items() if _near(key, other))
        >= max(_RUNNING_MIN, breaks / 3)
        and len(key) >= _RUNNING_KEY_CHARS
    }
    for line in beside:
        key = _letters(line)
        if _is_running_header(line) and any(_near(key, other) for other in running):
            furniture.add(line.index)
    return furniture


def _letters(line: SourceLine) -> str:
    return "".join(char for char in clean_markup(line.text).casefold() if char.isalpha())


def _near(key: str, other: str) -> bool:
    """Equal, or one letter apart: one misread ("GTRTW" for "CTRTW"), dropped or added (the
    digit "5" of "KLTW75" read as the letter "S", "DOC. K)" for "DOC 3")."""
    if len(key) == len(other):
        return sum(a != b for a, b in zip(key, other, strict=True)) <= 1
    if abs(len(key) - len(other)) != 1:
        return False
    short, long = sorted((key, other), key=len)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def blank_out(lines: list[SourceLine], indexes: set[int]) -> list[SourceLine]:
    """The lines with those at `indexes` emptied (offsets kept, so spans stay exact)."""
    return [
        SourceLine(line.index, line.start, line.start, "") if line.index in indexes else line
        for line in lines
    ]
