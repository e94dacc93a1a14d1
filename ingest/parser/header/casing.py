"""Sentence case for names written in capitals in a header ("SỞ KHOA HỌC VÀ CÔNG NGHỆ")."""

from __future__ import annotations

import re

from ingest.gazetteer import known_place_after

LEVELS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường", "đặc khu")
_LEVEL = "|".join(sorted(LEVELS, key=len, reverse=True))
# proper nouns that keep their capitals inside a body's name
_PROPER = (
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Trung ương",
    "Quốc hội",
    "Thường vụ",
    "Chấp hành",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Việt Nam",
    "Nhà nước",
    "Hồ Chí Minh",
    "Mặt trận Tổ quốc",
    "Tổ quốc",
    "Đoàn TNCS",
    "Đoàn Thanh niên",
    "Hội Nông dân",
    "Hội Liên hiệp Phụ nữ",
    "Hội Cựu chiến binh",
    "Công đoàn Việt Nam",
)
# abbreviations of bodies, written in capitals inside a name in ordinary case
_ACRONYM = re.compile(
    r"(?<!\w)(?:mttq|ubmttq|ubnd|hđnd|ubbc|bcđ|đbqh|tncs|lhpn|ccb|lđlđ|bch)(?!\w)"
)
# heads after which the first word of each coordinated part is capitalised ("Bộ Tài chính",
# "Sở Lao động - Thương binh và Xã hội")
_HEADS = (
    "bộ",
    "sở",
    "cục",
    "tổng cục",
    "vụ",
    "văn phòng",
    "ban",
    "phòng",
    "trung tâm",
    "đài",
    r"hội(?!\s+đồng)",  # "Hội Nông dân", never "Hội đồng nhân dân"
)
_PARTY_OF_BODY = re.compile(
    rf"^((?:đảng ủy|đảng uỷ|đảng bộ|chi bộ|đảng đoàn|ban cán sự đảng)\s+)(?!(?:{_LEVEL})\b)(\w)"
)
# the Đoàn is the organisation's name after its committees ("Ban Chấp hành Đoàn tỉnh X")
_ORGANISATION_AFTER_ORGAN = re.compile(r"(?<=Chấp hành |Thường vụ )đoàn(?!\w)")
_STOP = {
    "năm",
    "giai",
    "đoạn",
    "đến",
    "về",
    "và",
    "trên",
    "nhiệm",
    "kỳ",
    "khóa",
    "khoá",
}


def _title_words(text: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def _names_after_levels(text: str) -> str:
    def name(match: re.Match[str]) -> str:
        words = match.group(2).split()
        trailing = match.group(2)[len(match.group(2).rstrip()) :]
        known = known_place_after(match.group(1), words)
        if known is not None:  # the register's spelling; the rest read on its own
            after = " ".join(words[len(known.name.split()) :])
            after = f" {_names_after_levels(after)}" if after else ""
            return f"{match.group(1)} {known.name}{after}{trailing}"
        kept: list[str] = []
        for word in words:
            if word in _STOP or word[:1].isdigit() or not word[:1].isalpha():
                break
            kept.append(word[:1].upper() + word[1:])
        rest = words[len(kept) :]
        return " ".join([match.group(1), *kept, *rest]) + trailing

    return re.sub(
        # "cấp xã tỉnh X": a level word names no place called "Tỉnh …"; the next one does
        rf"(?<!\w)({_LEVEL})(?!\s+(?:ủy|uỷ|{_LEVEL})\b)(?<!xã(?= hội))\s+([^\d,;()\n]+)",
        name,
        text,
    )


# a kind cited by its number is a name ("Chỉ thị số 27/CT-TTg")
_CITED_KIND = re.compile(
    r"(?<!\w)(kế hoạch|quyết định|nghị quyết|chỉ thị|nghị định|thông tư|kết luận|chương trình"
    r"|công văn|luật)(?=\s+số\s)"
)
_ROMAN_AFTER = re.compile(
    r"((?:giai đoạn|phần|mục|khóa|khoá|kỳ|chương|đợt|quý)\s+)([ivxlc]+)(?![\wà-ỹđ])"
)


# a ký hiệu or a code written with figures keeps its capitals ("57-NQ/TW", "5G", "IPV6")
_SYMBOL = re.compile(r"\S*\d\S*")
# a steering committee's name after "Ban Chỉ đạo" is a description, not coordinated names
_STEERING = re.compile(r"^ban chỉ đạo\b")


def _symbols_kept(original: str, lowered: str) -> str:
    """`lowered` with every word that holds a figure back in its original capitals."""
    # the Thủ tướng's code is written "TTg" even in a title in capitals ("27/CT-TTG")
    symbols = [m.group().replace("-TTG", "-TTg") for m in _SYMBOL.finditer(original)]
    if not symbols:
        return lowered
    found = iter(symbols)
    return _SYMBOL.sub(lambda m: next(found, m.group()), lowered)


def sentence_case(text: str, *, body: bool = False) -> str:
    """Lower case except the first letter, place names after a level word, proper nouns and
    ký hiệu ("57-NQ/TW").

    With `body`, the name of a body: the part after its head word is capitalised the way
    official names are ("Bộ Thông tin và Truyền thông").
    """
    if text != text.upper():
        return text
    return _symbols_kept(text, _sentence_case(text, body))


def _sentence_case(text: str, body: bool) -> str:
    lowered = _names_after_levels(text.lower())
    # Roman numerals of stages and terms stay capitals ("GIAI ĐOẠN I:", "KHÓA XVI")
    lowered = _ROMAN_AFTER.sub(lambda m: m.group(1) + m.group(2).upper(), lowered)
    for proper in sorted(_PROPER, key=len, reverse=True):
        lowered = re.sub(rf"(?<!\w){re.escape(proper.lower())}(?!\w)", proper, lowered)
    # abbreviated names stay in capitals ("ỦY BAN MTTQ VIỆT NAM" → "Ủy ban MTTQ Việt Nam")
    lowered = _ACRONYM.sub(lambda m: m.group().upper(), lowered)
    lowered = _CITED_KIND.sub(lambda m: m.group(1).capitalize(), lowered)
    lowered = _ORGANISATION_AFTER_ORGAN.sub("Đoàn", lowered)
    if body:
        # a Party organisation of a body names that body ("Đảng ủy Ủy ban nhân dân tỉnh",
        # "Đảng ủy Khối các cơ quan tỉnh"), not of a level ("Đảng ủy xã X")
        lowered = _PARTY_OF_BODY.sub(lambda m: m.group(1) + m.group(2).upper(), lowered)
        for head in sorted(_HEADS, key=len, reverse=True):
            match = re.match(rf"({head})\s+(?!(?:{_LEVEL})\b)(\w+)", lowered)
            if match:
                rest = lowered[match.end(2) :]
                if not _STEERING.match(lowered):
                    rest = re.sub(
                        r"(\s(?:và|-)\s)(\w)", lambda m: m.group(1) + m.group(2).upper(), rest
                    )
                word = match.group(2)  # an abbreviation stays in capitals ("Hội LHPN")
                word = word if word.isupper() else word.capitalize()
                lowered = f"{match.group(1)} {word}{rest}"
                break
    return lowered[:1].upper() + lowered[1:]


def title_case_name(text: str) -> str:
    """A place or person name in capitals → "Quảng Thử"."""
    return _title_words(text.lower()) if text == text.upper() else text
