"""Splitting a responsibility cell into the units it names."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.abbreviations import canonical_unit_name
from ingest.normalize_vi import folded
from ingest.parser.unit_names import name_pending

# A comma starts a new unit only when a unit-type word with a name follows ("Phòng Văn hóa
# và Thông tin, phòng Nội vụ", "Bộ Công an, Bộ Tư pháp"); "các sở, ban, ngành" stays whole.
# Words that are also common nouns ("ban", "hội", "đoàn" …) count only when capitalised.
_UNIT_COMMA = re.compile(
    r",\s+(?=(?:[Pp]hòng|[Ss]ở|[Vv]ăn phòng|UBND|[Uu]ỷ ban|[Ủủ]y ban|[Cc]ông an|[Tt]rung tâm|"
    r"[Cc]hi nhánh|[Đđ]ài|[Bb]áo)\s+\S"
    r"|(?:Bộ|Ban|Cục|Chi cục|Tổng cục|Vụ|Viện|Kho bạc|Ngân hàng|Bảo hiểm|Hội|Liên đoàn|Mặt trận|"
    r"Đoàn|Tỉnh [uủ]y|Huyện [uủ]y|Thành [uủ]y|Đảng [uủ]y|Bệnh viện|Thanh tra|Tổng công ty|"
    r"Tập đoàn)\s+\S"
    r"|(?:các|những) (?:cơ quan|đơn vị|địa phương|sở|bộ|ngành|tổ chức)\b[^;]{0,40}?liên quan)"
)
# "và" starts a new unit before a unit-type word with a name ("Cục BĐKH và Vụ Pháp chế",
# "Sở Y tế và Sở Giáo dục và Đào tạo") or before the group phrase "các đơn vị có liên quan";
# "Văn phòng HĐND và UBND tỉnh", "Bộ Khoa học và Công nghệ" stay whole.
_UNIT_AND = re.compile(
    r"\s+và\s+(?=(?:Sở|Bộ|Cục|Chi cục|Tổng cục|Vụ|Viện|Phòng|Trung tâm|Công an|Bộ Chỉ huy|"
    r"Kho bạc|Ngân hàng|Bảo hiểm|Thanh tra|Bệnh viện|Đài|Báo)\s+\S"
    r"|(?:các|những) (?:cơ quan|đơn vị|địa phương|sở|bộ|ngành|tổ chức)\b[^;]{0,40}?liên quan)"
)


def split_units(cell: str) -> tuple[str, ...]:
    """The units named in a cell, in order, without duplicates: a list written with
    semicolons, line breaks, commas or "và" before a unit's name gives each unit; "các đơn
    vị có liên quan" stays one group phrase."""
    units: list[str] = []
    for part in re.split(r"[;\n\u2028]", _unwrapped(cell)):
        for piece in (p for comma in _UNIT_COMMA.split(part) for p in _UNIT_AND.split(comma)):
            unit = " ".join(piece.split()).strip(" .,-")
            if unit and unit not in units:
                units.append(unit)
    return tuple(units)


# a line break inside one name: the line ends on a word that must go on ("Sở Khoa học và" /
# "Công nghệ", "Ủy ban nhân dân các" / "xã") or the next opens in lower case ("Đảng ủy Ủy ban"
# / "nhân dân tỉnh"): a cell copied as a paragraph keeps its hard wraps
_WRAP_AFTER = re.compile(r"(\s(?:và|của|các|cấp|về)|[,\-–])[ \t]*[\n\u2028]\s*")
# (a lower-case opening is told by str.islower: the range "à-ỹ" holds capitals too, "Đ", "Ở")
_WRAP_BEFORE = re.compile(r"[ \t]*[\n\u2028]\s*(?=[^\W\d_]|\()")


def _unwrapped(cell: str) -> str:
    """The cell with the line breaks that only wrap a name made spaces."""
    lines = re.split(r"([\n\u2028])", cell)
    text = lines[0]
    for k in range(1, len(lines), 2):
        text += " " if name_pending(text) else lines[k]
        text += lines[k + 1]
    return _WRAP_BEFORE.sub(_lower_opening, _WRAP_AFTER.sub(r"\1 ", text))


def _lower_opening(match: re.Match[str]) -> str:
    """A space for a line break before a lower-case word or "(", else the break kept."""
    after = match.string[match.end() : match.end() + 1]
    return " " if after == "(" or after.islower() else match.group()


@lru_cache(maxsize=16384)  # answering keys the same headings and rows again and again
def unit_key(name: str) -> str:
    """The matching key of a unit name: canonical long form, accent-free, no punctuation.

    "VP UBND tỉnh", "Văn phòng UBND tỉnh" and "van phong uy ban nhan dan tinh" share a key.
    """
    canonical = canonical_unit_name(name) or name
    return " ".join(re.sub(r"[^\w\s]", " ", folded(canonical)).split())
