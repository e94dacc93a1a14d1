"""Recognising the numbering markers that open a clause: A., I., 1., 2.1., a), -, Phụ lục."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.domain import ClauseKind

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_UPPER_FIRST = "A-ZĐÀ-Ỹ"
# "IV/2026." at the start of a hard-wrapped line is a quarter ("Quý" / "IV/2026"), not a part:
# a "/" or "-" after a Roman numeral is a part marker only when no figure follows it
# "II.1 Hoàn thiện thể chế …" numbers a group inside part II (a table's group row), not a part
_ROMAN_ITEM = re.compile(rf"^((?=[IVX]){_ROMAN}\.\d{{1,2}})\.?\s+([{_UPPER_FIRST}].*)$")
# a Công văn's trích yếu "V/v …" (về việc) is no part V: a part's "/" or "-" is never glued to a
# lower-case word
_PART = re.compile(
    rf"^(?:PHẦN\s+|Phần\s+)?({_ROMAN})\s*(?:\.(?!\d)|:|[/-](?!\s*\d)(?![a-zđà-ỹ]))\s*(.*)$"
)
# Markdown copies escape a marker that would otherwise be read as a list: `1\.`, `\-`, `a\)`
# A letter part above the Roman ones ("A. MỤC ĐÍCH, YÊU CẦU" … "D. TỔ CHỨC THỰC HIỆN"), the
# way long plans group their parts: its heading is written in capitals, which tells it from a
# sentence that starts with an initial. Letters that are Roman numerals (I, V, X) are parts.
_LETTER_PART = re.compile(r"^(?:PHẦN\s+|Phần\s+)?([A-H])\s*[.:]\s+(.+)$")
LETTER_PARTS = "ABCDEFGH"
# "Phần thứ nhất" … "Phần thứ ba", "Phần mở đầu", "Phần kết luận" (NĐ 30/2020's "Phần" above
# the Roman parts, the way Đề án are laid out): a part that holds Roman parts, like a letter
# part; its heading is the rest of the line or the capitals under it
_ORDINAL_PART = re.compile(
    r"^(?:PHẦN|Phần)\s+((?i:thứ)\s+(?i:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)"
    r"|(?i:mở đầu|kết luận))(?![\wà-ỹđ])\s*[.:]?\s*(.*)$"
)
ORDINAL_PART_WORD = "Phần"
_ITEM = re.compile(r"^([1-9]\d?(?:\.\d{1,2})+)(\\?\.?)(?:\s+(.*)|$)")
_SECTION = re.compile(r"^([1-9]\d?)\s*\\?[.)]\s*(?:(.*)|$)")
# an OCR copy reads the dot of a section heading as a comma ("9, Ban Tuyên giáo và Dân vận
# Trung ương"): a comma marks a section only on a short heading line (a capital after it, no
# sentence punctuation), never inside running text ("2, 3 và 4")
_OCR_SECTION = re.compile(rf"^([1-9]\d?),\s+([{_UPPER_FIRST}][^.;:!?]{{0,90}})$")
_POINT = re.compile(r"^([a-zđ])\s*\\?\)\s*(.*)$")
# a lettered point numbered with its item ("2.1.a. Thành lập …", "4.1.b. Việc hỗ trợ …")
_ITEM_POINT = re.compile(r"^[1-9]\d?(?:\.\d{1,2})+\.([a-zđ])\s*[.)]\s+(.*)$")
_BULLET = re.compile(r"^\\?([-–—+•*])\s*(.*)$")
# an article of a decision (NĐ 30/2020, Phụ lục I: "Điều 1. Ban hành kèm theo Quyết định
# này …"): the clauses numbered "1.", "2." after it are its own
_ARTICLE = re.compile(r"^(?:ĐIỀU|Điều)\s+(\d{1,3})\s*[.:]\s*(.*)$")
ARTICLE_WORD = "Điều"
_APPENDIX = re.compile(
    r"^(?:PHỤ LỤC|Phụ lục|PHỤ LUC|Phụ Lục)\s*(?:số\s*)?([0-9IVX]+)?\s*[:.]?\s*(.*)$"
)


@dataclass(frozen=True)
class Marker:
    """A clause-opening marker found at the start of a line."""

    kind: ClauseKind
    number: str | None  # normalised label: "II", "2", "2.1", "a", None for bullets
    rest: str  # the text after the marker on the same line


def roman_to_int(label: str) -> int:
    """Value of a Roman numeral (I → 1, IV → 4); 0 for an empty or invalid label."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    previous = 0
    for char in reversed(label.upper()):
        value = values.get(char, 0)
        if value == 0:
            return 0
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total


def read_marker(text: str) -> Marker | None:
    """The marker opening this (markup-free, stripped) line, if any."""
    if not text:
        return None
    match = _APPENDIX.match(text)
    if match:
        label = match.group(1)
        number = None
        if label:
            number = str(roman_to_int(label)) if label.isalpha() else str(int(label))
        return Marker(ClauseKind.APPENDIX, number, match.group(2).strip())
    match = _ARTICLE.match(text)
    if match:
        return Marker(
            ClauseKind.SECTION, f"{ARTICLE_WORD} {match.group(1)}", match.group(2).strip()
        )
    match = _ORDINAL_PART.match(text)
    if match and (not match.group(2) or _capitals(match.group(2))):
        number = f"{ORDINAL_PART_WORD} {match.group(1).lower()}"
        return Marker(ClauseKind.PART, number, match.group(2).strip())
    match = _LETTER_PART.match(text)
    if match and _capitals(match.group(2)):
        return Marker(ClauseKind.PART, match.group(1), match.group(2).strip())
    match = _PART.match(text)
    if match and match.group(1):
        return Marker(ClauseKind.PART, match.group(1), match.group(2).strip())
    match = _ITEM_POINT.match(text)
    if match:
        return Marker(ClauseKind.POINT, match.group(1), match.group(2).strip())
    match = _ROMAN_ITEM.match(text)
    if match:
        return Marker(ClauseKind.ITEM, match.group(1), match.group(2).strip())
    match = _ITEM.match(text)
    # "2.1. Về …" or "11.10 Tỷ lệ …"; not a decimal such as "1.5 triệu người".
    if match and (match.group(2) or not match.group(3) or match.group(3)[:1].isupper()):
        return Marker(ClauseKind.ITEM, match.group(1), (match.group(3) or "").strip())
    match = _SECTION.match(text)
    # "1.5 triệu" is a decimal; "1. 100% văn bản …" is a section whose text opens with a figure
    if match and not re.match(r"^\d{1,2}\s*\.\d", text):
        return Marker(ClauseKind.SECTION, match.group(1), (match.group(2) or "").strip())
    match = _OCR_SECTION.match(text)
    if match:
        return Marker(ClauseKind.SECTION, match.group(1), match.group(2).strip())
    match = _POINT.match(text)
    if match:
        return Marker(ClauseKind.POINT, match.group(1), match.group(2).strip())
    match = _BULLET.match(text)
    if match and match.group(2):
        return Marker(ClauseKind.BULLET, None, match.group(2).strip())
    return None


def _capitals(text: str) -> bool:
    """Whether a heading is written in capitals ("NỘI DUNG, NHIỆM VỤ"), two letters at least."""
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def is_article(number: str | None) -> bool:
    """Whether a clause number is a decision's article ("Điều 2")."""
    return (number or "").startswith(f"{ARTICLE_WORD} ")


def is_letter_part(marker: Marker) -> bool:
    """Whether a part marker is a letter part ("B."), which holds Roman parts under it."""
    number = marker.number or ""
    return marker.kind is ClauseKind.PART and (
        number in tuple(LETTER_PARTS) or number.startswith(f"{ORDINAL_PART_WORD} ")
    )


def row_number(cell: str) -> str | None:
    """The row label of a table's first cell ("6.6." → "6.6", "II." → "II", "II.1"), if it
    is one."""
    text = cell.strip().rstrip(".").strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*", text):
        return text
    if re.fullmatch(_ROMAN, text) and text:
        return text
    # "II.1": a group inside part II of a table (Phụ lục 2 of a Party programme)
    if re.fullmatch(rf"(?=[IVX]){_ROMAN}(?:\.\d{{1,2}})+", text):
        return text
    return None
