"""Source lines with their character offsets, and detection of repeated blocks."""

from __future__ import annotations

import re
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
