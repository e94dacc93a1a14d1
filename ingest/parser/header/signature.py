"""Chức vụ và người ký: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" / "Tên Người"."""

from __future__ import annotations

import re

_TITLES = (
    "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
    "PHÓ CHỦ TỊCH",
    "CHỦ TỊCH",
    "TỔNG BÍ THƯ",
    "PHÓ BÍ THƯ THƯỜNG TRỰC",
    "BÍ THƯ THƯỜNG TRỰC",
    "PHÓ BÍ THƯ",
    "BÍ THƯ",
    "PHÓ GIÁM ĐỐC",
    "GIÁM ĐỐC",
    "PHÓ TRƯỞNG BAN THƯỜNG TRỰC",
    "PHÓ TRƯỞNG BAN",
    "TRƯỞNG BAN",
    "THỨ TRƯỞNG",
    "BỘ TRƯỞNG",
    "PHÓ THỦ TƯỚNG",
    "THỦ TƯỚNG",
    "PHÓ CHÁNH VĂN PHÒNG",
    "CHÁNH VĂN PHÒNG",
    "PHÓ TRƯỞNG PHÒNG",
    "TRƯỞNG PHÒNG",
    "PHÓ CỤC TRƯỞNG",
    "CỤC TRƯỞNG",
    "PHÓ VỤ TRƯỞNG",
    "VỤ TRƯỞNG",
    "THỦ TRƯỞNG",
    "TRƯỞNG ĐOÀN",
    "BỘ TRƯỞNG, CHỦ NHIỆM",  # Văn phòng Chính phủ
    "PHÓ CHỦ NHIỆM",
    "CHỦ NHIỆM",
)
# longest first; a title hard-wrapped in a narrow column ("BỘ TRƯỞNG, CHỦ" / "NHIỆM") still reads
_TITLE = re.compile(
    "("
    + "|".join(t.replace(" ", r"\s+") for t in sorted(_TITLES, key=len, reverse=True))
    + r")(?![A-ZĐÀ-Ỹ])"
)
_NAME_WORD = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+"
_NAME = re.compile(rf"^({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}})(?=$|\s*[|,.;(]|\s+[A-ZĐÀ-Ỹ]{{2,}})")
_SIGNED = re.compile(r"^[\s(\[]*(?:đã ký|Đã ký|ĐÃ KÝ|ký|Ký)[\s)\]]*")
# a layout copy (Pandoc simple table, PDF text) sets "Nơi nhận" and the signature side by side
# on one line; the signature is the right-hand column (NĐ 30/2020, HĐ 36)
_COLUMN_GAP = re.compile(r"\S\s{8,}(?=\S)")
_MARKS = re.compile(r"\*+|\\")


def _signature_side(line: str) -> str:
    """The right-hand column of a two-column line, without emphasis marks and hard breaks."""
    gaps = list(_COLUMN_GAP.finditer(line))
    if gaps:
        line = line[gaps[-1].end() :]
    return _MARKS.sub(" ", line)


def _title_case(title: str) -> str:
    text = " ".join(title.split()).lower().capitalize()
    for proper in ("Chủ tịch", "Thủ tướng", "Chủ nhiệm"):
        text = text.replace(proper.lower(), proper)
    return text


def find_signer(lines: list[str]) -> tuple[str | None, str | None]:
    """The last signer name in `lines` and the title written above it, if any."""
    sides = (" ".join(_signature_side(line).split()) for line in lines)
    text = "\n".join(side for side in sides if side)
    found: tuple[str | None, str | None] = (None, None)
    for match in _TITLE.finditer(text):
        rest = _SIGNED.sub("", text[match.end() :].lstrip(" \n|"))
        rest = rest.lstrip(" \n|")
        name = _NAME.match(rest.split("\n", 1)[0] if "\n" in rest[:60] else rest)
        if name and len(name.group(1).split()) >= 2:
            found = (name.group(1), _title_case(match.group(1)))
    return found
