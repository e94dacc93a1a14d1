"""Numbering markers an OCR misread, repaired from the sequence they belong to.

A scanned Party document (Hướng dẫn 36-HD/VPTW: parts "I-", "II-", "III-" with headings in
capitals, points "a)", "b)") comes out of OCR with its markers damaged: "I" read as "1",
"l" or "|", "II" as "H" ("HI-" for "III-"), "a)" as "8)". Read on their own these open the
wrong clause (a section 1 where part I stands, part II's sections running on under it). A
slip is repaired only where the sequence shows it: a capitals heading whose marker, read as
a Roman numeral with the usual confusions, fills the gap between the parts that are read
right; a "8)" just before "b)" is point a). An appendix heading printed at the right of the
page comes with specks read before it ("„ Sa „ Phụ lục"): a line that ends in the appendix
word after nothing but speck tokens (none longer than two letters) is the heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from ingest.domain import ClauseKind
from ingest.parser.lines import SourceLine
from ingest.parser.markers import Marker, read_marker, roman_to_int

__all__ = ["repaired_markers", "specked_appendix"]

# a part marker as OCR gives it: "1-", "l.", "HI-", "I1." (a Roman numeral with "1", "l",
# "|", "!" for I and "H" for II), then a heading in capitals
_SLIPPED_PART = re.compile(r"^([IVXHl1|!]{1,4})\s*[-.]\s*(\S.*)$")
_SLIPS = str.maketrans({"1": "I", "l": "I", "|": "I", "!": "I"})
# a point letter OCR read as a look-alike ("8)" for "a)" or "g)", "©)" for "c)")
_SLIPPED_POINT = re.compile(r"^([8©€])\s*\)\s*(\S.*)$")
_LOOK_ALIKES = {"8": ("a", "g"), "©": ("c",), "€": ("c", "e")}
# the points of a clause (NĐ 30/2020: the Vietnamese alphabet, no f, j, w, z)
_POINT_LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n")
_NEXT_MARKER_LINES = 12
_PREVIOUS_MARKER_LINES = 40
# specks then the appendix word closing the line: "„ Sa „ Phụ lục", "' . PHỤ LỤC 2"
_SPECKED_APPENDIX = re.compile(
    r"^((?:[^\w\s]+|\w{1,2})(?:\s+(?:[^\w\s]+|\w{1,2}))*)\s+"
    r"((?:PHỤ LỤC|Phụ lục|PHỤ LUC|Phụ Lục)(?:\s+(?:số\s*)?[0-9IVX]+)?\s*[:.]?)$"
)


def _capitals(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 4 and all(char.isupper() for char in letters)


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _renumbered_parts(parts: list[tuple[int, int]]) -> dict[int, str]:
    """Parts read in a broken sequence ("I-", "I-", "II-", "IV-") whose place in it gives
    their numerals, each read as its numeral with an "I" dropped ("I" for II, "II" for
    III): line index → the numeral it stands for; nothing when the sequence is whole or
    does not fit."""
    numbers = [number for _, number in parts]
    if len(numbers) < 2 or all(a < b for a, b in pairwise(numbers)):
        return {}
    first = numbers[0]
    if numbers[-1] - first + 1 != len(numbers) or first + len(numbers) - 1 > len(_ROMAN):
        return {}
    renumbered: dict[int, str] = {}
    for k, (index, number) in enumerate(parts):
        true = _ROMAN[first + k - 1]
        if number == first + k:
            continue
        read = _ROMAN[number - 1] if 0 < number <= len(_ROMAN) else ""
        if not _drops_an_i(read, true):
            return {}
        renumbered[index] = true
    return renumbered


def _drops_an_i(read: str, true: str) -> bool:
    """Whether `read` is `true` with one or more of its "I"s lost ("II" for "III")."""
    return (
        read.count("I") < true.count("I")
        and read.replace("I", "") == true.replace("I", "")
        and bool(read)
    )


def specked_appendix(text: str) -> Marker | None:
    """The appendix marker of a heading read with specks before it ("„ Sa „ Phụ lục")."""
    specked = _SPECKED_APPENDIX.match(text)
    if specked is None:
        return None
    marker = read_marker(specked.group(2))
    return marker if marker is not None and marker.kind is ClauseKind.APPENDIX else None


def _one_read_as_roman(
    lines: Sequence[SourceLine], markers: dict[int, Marker | None]
) -> dict[int, Marker]:
    """Item "1." read as part "I." ("I. Tổ chức tuyên truyền …" then "2. Rà soát …"): the
    document's only part, numbered I, whose first item after it is 2 — a part I would open
    with its item 1 — stands for item 1."""
    parts = [
        line.index
        for line in lines
        if (marker := markers.get(line.index)) is not None and marker.kind is ClauseKind.PART
    ]
    if len(parts) != 1:
        return {}
    read = markers[parts[0]]
    assert read is not None
    if read.number != "I":
        return {}
    following = (
        marker
        for line in lines
        if line.index > parts[0]
        and (marker := markers.get(line.index)) is not None
        and marker.kind is ClauseKind.SECTION
    )
    first = next(following, None)
    if first is None or first.number != "2":
        return {}
    return {parts[0]: Marker(ClauseKind.SECTION, "1", read.rest)}


def repaired_markers(lines: Sequence[SourceLine]) -> dict[int, Marker]:
    """Markers to read instead of what the line says, by line index."""
    markers = {line.index: read_marker(line.clean) for line in lines if line.clean}
    parts = sorted(
        (line.index, roman_to_int(marker.number or ""))
        for line in lines
        if (marker := markers.get(line.index)) is not None
        and marker.kind is ClauseKind.PART
        and roman_to_int(marker.number or "")
    )
    found: dict[int, Marker] = {}
    for index, label in _renumbered_parts(parts).items():
        read = markers.get(index)
        found[index] = Marker(ClauseKind.PART, label, read.rest if read is not None else "")
    parts = [
        (index, roman_to_int(found[index].number or "") if index in found else n)
        for index, n in parts
    ]
    if parts:
        taken = {number for _, number in parts}
        for line in lines:
            match = _SLIPPED_PART.match(line.clean)
            marker = markers.get(line.index)
            if match is None or not _capitals(match.group(2)):
                continue
            if marker is not None and marker.kind is ClauseKind.PART:
                continue  # read right
            label = match.group(1).translate(_SLIPS).replace("H", "II")
            number = roman_to_int(label)
            if not number or number in taken:
                continue
            before = [n for index, n in parts if index < line.index]
            after = [n for index, n in parts if index > line.index]
            if (not before or before[-1] < number) and (not after or number < after[0]):
                found[line.index] = Marker(ClauseKind.PART, label, match.group(2).strip())
                taken.add(number)
    found.update(_one_read_as_roman(lines, markers))
    for line in lines:
        appendix = specked_appendix(line.clean) if markers.get(line.index) is None else None
        if appendix is not None:
            found[line.index] = appendix
    found.update(_slipped_points(lines, markers))
    found.update(_sections_in_sequence(lines, {**markers, **found}))
    return found


def _slipped_points(
    lines: Sequence[SourceLine], markers: dict[int, Marker | None]
) -> dict[int, Marker]:
    """Point letters OCR read as a look-alike ("8)" for a or g, "©)" for c): the letter the
    sequence needs there — the next after the point before it, the one before the point
    after it — when the look-alike can stand for it."""
    found: dict[int, Marker] = {}
    for k, line in enumerate(lines):
        match = _SLIPPED_POINT.match(line.clean)
        if match is None:
            continue
        # the marker before it: a point of its list, or what opens the list
        previous = next(
            (
                marker
                for other in reversed(lines[max(0, k - _PREVIOUS_MARKER_LINES) : k])
                if (marker := found.get(other.index) or markers.get(other.index)) is not None
            ),
            None,
        )
        before = (
            previous.number
            if previous is not None
            and previous.kind is ClauseKind.POINT
            and previous.number in _POINT_LETTERS
            else None
        )
        after = next(
            (
                marker
                for other in lines[k + 1 : k + 1 + _NEXT_MARKER_LINES]
                if (marker := markers.get(other.index)) is not None
            ),
            None,
        )
        letter = _POINT_LETTERS[_POINT_LETTERS.index(before) + 1] if before else "a"
        next_point = after is not None and after.kind is ClauseKind.POINT
        if next_point:
            assert after is not None
            fits_after = (
                after.number in _POINT_LETTERS
                and _POINT_LETTERS.index(after.number or "") == _POINT_LETTERS.index(letter) + 1
            )
        else:
            # the last point of its list; with no point before it either, nothing shows
            # the sequence
            fits_after = before is not None
        if letter in _LOOK_ALIKES[match.group(1)] and fits_after:
            found[line.index] = Marker(ClauseKind.POINT, letter, match.group(2).strip())
    return found


def _sections_in_sequence(
    lines: Sequence[SourceLine], markers: dict[int, Marker | None]
) -> dict[int, Marker]:
    """An item number misread inside a run ("4.", "3.", "6."): the number between its
    neighbours when they are two apart and it is not (nor a "1." restarting a list)."""
    sections = [
        (line.index, marker)
        for line in lines
        if (marker := markers.get(line.index)) is not None
        and marker.kind is ClauseKind.SECTION
        and (marker.number or "").isdigit()
    ]
    found: dict[int, Marker] = {}
    for (_, before), (index, read), (_, after) in zip(
        sections, sections[1:], sections[2:], strict=False
    ):
        low, high = int(before.number or 0), int(after.number or 0)
        # a "1." there opens a list of its own (a nested list restarting), no misreading
        if high == low + 2 and int(read.number or 0) not in (1, low + 1):
            found[index] = Marker(ClauseKind.SECTION, str(low + 1), read.rest)
    return found
