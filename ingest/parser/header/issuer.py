"""Tên cơ quan ban hành: the body that issues the document, and the body above it.

Nghị định 30/2020/NĐ-CP writes the issuing body under the name of its parent ("UBND TỈNH X" /
"SỞ Y"); Hướng dẫn 36-HD/VPTW writes a Party body alone or under its Đảng bộ ("ĐẢNG BỘ TỈNH X" /
"HUYỆN ỦY Y"). Hard wraps split names anywhere ("ỦY BAN NHÂN" / "DÂN"); a body starts a new
line only where the name above it is complete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.domain import Place
from ingest.gazetteer import known_place_after
from ingest.normalize_vi import folded
from ingest.parser.header.casing import LEVELS, sentence_case, title_case_name

# words a body's name starts with (longest first where one is a prefix of another)
_HEADS = (
    "ỦY BAN NHÂN DÂN",
    "UỶ BAN NHÂN DÂN",
    "Y BAN NHÂN DÂN",  # an extraction that lost the first letter
    "ỦY BAN THƯỜNG VỤ",
    "ỦY BAN",
    "HỘI ĐỒNG NHÂN DÂN",
    "THỦ TƯỚNG CHÍNH PHỦ",
    "THỦ TƯỚNG",
    "CHÍNH PHỦ",
    "BAN CHẤP HÀNH",
    "BAN THƯỜNG VỤ",
    "BAN CHỈ ĐẠO",
    "BAN CÁN SỰ ĐẢNG",
    "BAN",
    "BỘ",
    "SỞ",
    "VĂN PHÒNG",
    "PHÒNG",
    "TỔNG CỤC",
    "CỤC",
    "CHI CỤC",
    "TRUNG TÂM",
    "UBND",
    "HĐND",
    "TỈNH ỦY",
    "TỈNH UỶ",
    "THÀNH ỦY",
    "THÀNH UỶ",
    "HUYỆN ỦY",
    "HUYỆN UỶ",
    "QUẬN ỦY",
    "THỊ ỦY",
    "ĐẢNG ỦY",
    "ĐẢNG UỶ",
    "ĐẢNG ĐOÀN",
    "ĐẢNG BỘ",
    "CHI BỘ",
    # the mass organisations (their guides follow HD 36): a committee of an area, its organs
    "TỈNH ĐOÀN",
    "THÀNH ĐOÀN",
    "HUYỆN ĐOÀN",
    "QUẬN ĐOÀN",
    "BCH",
    "HỘI NÔNG DÂN",
    "HỘI LIÊN HIỆP PHỤ NỮ",
    "HỘI LHPN",
    "HỘI CỰU CHIẾN BINH",
    "HỘI CCB",
    "HỘI CHỮ THẬP ĐỎ",
    "TỔNG LIÊN ĐOÀN LAO ĐỘNG",
    "LIÊN ĐOÀN LAO ĐỘNG",
    "TỔNG LĐLĐ",
    "LĐLĐ",
    "CÔNG ĐOÀN",
    "CÔNG AN",
    "BỘ CHỈ HUY",
    "MẶT TRẬN",
    "ỦY BAN MẶT TRẬN",
)
_HEAD = re.compile(r"^(?:" + "|".join(re.escape(h) for h in _HEADS) + r")(?![A-ZĐÀ-Ỹ])")
# a name cannot end on these words: the next line continues it
_OPEN_END = re.compile(r"(?:\bVÀ|\bNHÂN|\bỦY|\bUỶ|\bBAN|\bCỦA|\bTHỦ TƯỚNG|-|,)$")
# heads that need a name after them: "VĂN PHÒNG" / "CHÍNH PHỦ" is one body wrapped
_NAMELESS = re.compile(r"VĂN PHÒNG|SỞ|BỘ|BAN|CỤC|TỔNG CỤC|CHI CỤC|PHÒNG|TRUNG TÂM|ỦY BAN|UỶ BAN")
_LEVEL_CAPS = "|".join(level.upper() for level in sorted(LEVELS, key=len, reverse=True))
# "TỈNH ỦY", "HUYỆN ỦY" name a Party committee, "TỈNH ĐOÀN" the Đoàn's: not a place "Ủy"
_PLACE_IN_CAPS = re.compile(
    rf"(?<![A-ZĐÀ-Ỹ])({_LEVEL_CAPS})\s+(?!(?:ỦY|UỶ|ĐOÀN)\b)([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ\s\-]*[A-ZĐÀ-Ỹ])"
)
_LOCAL = re.compile(r"^(?:Ủ?Y|UỶ) BAN NHÂN DÂN|^HỘI ĐỒNG NHÂN DÂN|^UBND|^HĐND")
# a committee of an area named by its level: the Party's ("HUYỆN ỦY X"), the Đoàn's ("TỈNH ĐOÀN X")
_PARTY_COMMITTEE = re.compile(r"^(TỈNH|THÀNH|HUYỆN|QUẬN|THỊ) (ỦY|UỶ|ĐOÀN)\s*(.*)$")
_COMMITTEE_LEVEL = {
    "TỈNH": "tỉnh",
    "THÀNH": "thành phố",
    "HUYỆN": "huyện",
    "QUẬN": "quận",
    "THỊ": "thị xã",
}
_CENTRAL = re.compile(
    r"^(?:CHÍNH PHỦ|THỦ TƯỚNG|BỘ\b|BAN CHẤP HÀNH TRUNG ƯƠNG|ỦY BAN THƯỜNG VỤ QUỐC HỘI|QUỐC HỘI)"
)


@dataclass(frozen=True)
class Body:
    """A body named in a header, in capitals as written (wraps joined)."""

    caps: str

    @property
    def local(self) -> bool:
        return bool(_LOCAL.match(self.caps))

    @property
    def central(self) -> bool:
        return bool(_CENTRAL.match(self.caps))

    def place(self) -> Place | None:
        """The area named in the body's name: "TỈNH QUẢNG THỬ" → tỉnh Quảng Thử."""
        committee = _PARTY_COMMITTEE.match(self.caps)
        if committee and committee.group(3):
            return Place(_COMMITTEE_LEVEL[committee.group(1)], title_case_name(committee.group(3)))
        match = _PLACE_IN_CAPS.search(self.caps)
        if match:
            # a name in the register is read by look-up: "XÃ VĂN BÀN TỈNH LÀO CAI" is xã Văn Bàn
            known = known_place_after(match.group(1), match.group(2).split())
            name = known.name if known else title_case_name(match.group(2).strip())
            return Place(match.group(1).lower(), name)
        return None

    def name(self) -> str:
        """The body's name in sentence case: "Ủy ban nhân dân tỉnh Quảng Thử"."""
        parts = _JOINT_SEPARATOR.split(self.caps)
        if len(parts) > 1 and all(_names_body(part) for part in parts):
            # a joint issuer in one line ("HĐND - UBND TỈNH X"): each body named in full
            return " - ".join(Body(part).name() for part in parts)
        organ = _ORGAN_LEAD.match(self.caps)
        if organ and is_body(self.caps[organ.end() :]):
            # an organ named before its body ("THƯỜNG TRỰC HĐND TỈNH X")
            lead = sentence_case(organ.group(1), body=True)
            return f"{lead} {Body(self.caps[organ.end() :]).name()}"
        caps = re.sub(r"^(?:Y|UỶ) BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN", self.caps)
        caps = re.sub(r"^UBND\b", "ỦY BAN NHÂN DÂN", caps)
        caps = re.sub(r"^HĐND\b", "HỘI ĐỒNG NHÂN DÂN", caps)
        caps = re.sub(r"^BCH\b", "BAN CHẤP HÀNH", caps)
        committee = _PARTY_COMMITTEE.match(caps)
        if committee:
            rest = f" {title_case_name(committee.group(3))}" if committee.group(3) else ""
            word = "đoàn" if committee.group(2) == "ĐOÀN" else "ủy"
            return f"{committee.group(1).capitalize()} {word}{rest}"
        return sentence_case(caps, body=True)


# the standing organs of a body, named only by their role ("BAN THƯỜNG TRỰC" under "ỦY BAN MTTQ
# VIỆT NAM XÃ X", "BAN THƯỜNG VỤ" under "HUYỆN ỦY Y"): the document is the organ's of that body
_ORGAN = re.compile(
    r"(?:BAN THƯỜNG TRỰC|THƯỜNG TRỰC|BAN THƯỜNG VỤ|BAN CHẤP HÀNH|ĐẢNG ĐOÀN|BAN CÁN SỰ ĐẢNG)"
)


_ORGAN_LEAD = re.compile(rf"^({_ORGAN.pattern})\s+")
# the bodies of a joint document (văn bản liên tịch, NĐ 30/2020) joined on one line
_JOINT_SEPARATOR = re.compile(r"\s+[-–]\s+")
# bodies of one rank that issue documents together, none above another: the people's
# committee, the people's council (and its standing organ), the Fatherland Front committee
_PEERS = {
    "ubnd": re.compile(r"^(?:Ủ?Y|UỶ) BAN NHÂN DÂN|^UBND\b"),
    "hđnd": re.compile(r"^(?:THƯỜNG TRỰC\s+)?(?:HỘI ĐỒNG NHÂN DÂN|HĐND\b)"),
    "mttq": re.compile(r"^(?:Ủ?Y|UỶ) BAN (?:MTTQ|MẶT TRẬN)|^MẶT TRẬN|^UBMTTQ\b"),
}


def _names_body(text: str) -> bool:
    organ = _ORGAN_LEAD.match(text)
    return is_body(text[organ.end() :] if organ else text)


def _peer(body: Body) -> str | None:
    return next((name for name, head in _PEERS.items() if head.match(body.caps)), None)


def joint(parent: Body, body: Body) -> bool:
    """Whether two bodies in one header box issue the document together (a joint box lists
    each body on its own line over one area: "ỦY BAN NHÂN DÂN" / "ỦY BAN MTTQ VIỆT NAM" /
    "TỈNH X"), rather than a body under its parent ("UBND TỈNH X" / "SỞ Y")."""
    first, second = _peer(parent), _peer(body)
    return first is not None and second is not None and first != second and not parent.place()


def standing_organ(body: Body) -> bool:
    """Whether the body is named by its role alone, as an organ or office of the body above
    it ("BAN THƯỜNG TRỰC" under the Ủy ban MTTQ, "VĂN PHÒNG" under "UBND TỈNH X")."""
    return _ORGAN.fullmatch(body.caps) is not None or _NAMELESS.fullmatch(body.caps) is not None


def organ_issuer(organ: Body, issuer: str | None, place: Place | None) -> str:
    """The issuer of a document whose kind line names the organ that issues it (HD 36:
    "NGHỊ QUYẾT" / "CỦA BAN THƯỜNG VỤ TỈNH ỦY" under "TỈNH ỦY LÀO CAI"): that organ of the
    header's body, its place completed ("Ban Thường vụ Tỉnh ủy Lào Cai")."""
    if issuer is not None and standing_organ(organ):  # "CỦA BAN THƯỜNG VỤ" alone
        return f"{organ.name()} {issuer}"
    return with_place(organ, place)


_ORGAN_WORDS = 8


def names_organ(text: str) -> bool:
    """Whether capitals name a standing organ of a body ("BAN THƯỜNG VỤ TỈNH ỦY", "THƯỜNG
    TRỰC HĐND TỈNH") and nothing else (an old "CỦA BỘ TRƯỞNG BỘ X SỐ …" runs on)."""
    words = text.split()
    return (
        _ORGAN_LEAD.match(f"{text} ") is not None
        and len(words) <= _ORGAN_WORDS
        and not any(c.isdigit() or c == "/" for c in text)
    )


def is_body(text: str) -> bool:
    """Whether a line in capitals starts with a body's name."""
    return bool(_HEAD.match(text))


def opens_body(text: str) -> bool:
    """Whether a line starts a body's name, or is the start of one cut by a hard wrap
    ("HỘI ĐỒNG NHÂN" / "DÂN TỈNH X")."""
    words = " ".join(text.split())
    return is_body(words) or any(head.startswith(f"{words} ") for head in _HEADS)


# The national name of a mass organisation, which its guide (after HD 36) writes top right
# as the Party's name is written: "ĐOÀN TNCS HỒ CHÍ MINH", "HỘI NÔNG DÂN VIỆT NAM" …
_ORGANISATION = (
    r"(?:ĐOÀN (?:TNCS|THANH NIÊN CỘNG SẢN) HỒ CHÍ MINH"
    r"|HỘI (?:NÔNG DÂN|LIÊN HIỆP PHỤ NỮ|CỰU CHIẾN BINH) VIỆT NAM|CÔNG ĐOÀN VIỆT NAM)"
)
_ORGANISATION_TAIL = re.compile(rf"\s{_ORGANISATION}$")
# the organisation's central committee, whose name the organisation's name completes
_CENTRAL_OF_ORGANISATION = re.compile(r"^(?:BAN CHẤP HÀNH |BCH |BAN THƯỜNG VỤ )?TRUNG ƯƠNG$")


def _organisation_read(found: list[Body]) -> list[Body]:
    """The bodies with an organisation's national name read to its guide: under its central
    committee it completes that committee's name ("BAN CHẤP HÀNH TRUNG ƯƠNG" / "ĐOÀN TNCS HỒ
    CHÍ MINH"); beside or under a committee of an area ("TỈNH ĐOÀN X", "HỘI NÔNG DÂN TỈNH X" /
    "BAN THƯỜNG VỤ") it is the name written top right, no body of its own."""
    kept: list[Body] = []
    for body in found:
        if re.fullmatch(_ORGANISATION, body.caps) and kept:
            above = kept[-1]
            if _CENTRAL_OF_ORGANISATION.match(above.caps):
                kept[-1] = Body(f"{above.caps} {body.caps}")
            continue
        tail = _ORGANISATION_TAIL.search(body.caps)
        if tail and Body(body.caps[: tail.start()]).place() is not None:
            body = Body(body.caps[: tail.start()])
        kept.append(body)
    return kept


# an OCR slip of the level in a Party committee's name ("TÍNH ỦY LÀO CAI", "HUYÊN ỦY BẢO
# THẮNG", "ĐÁNG ỦY XÃ …"): the word before "ỦY" reads as a level with its tone marks lost.
# "QUẬN ỦY" is left out: "QUÂN ỦY" (the army's Party committee) is a body of its own
_COMMITTEE_LEVELS = ("TỈNH", "HUYỆN", "THÀNH", "THỊ", "ĐẢNG")
_OCR_LEVEL = re.compile(r"^([A-ZĐÀ-Ỹ]{3,5}) (ỦY|UỶ)(?![A-ZĐÀ-Ỹ])")


def level_repaired(text: str) -> str:
    """A header line with an OCR slip of a Party committee's level set right."""
    match = _OCR_LEVEL.match(text)
    if match is None or match.group(1) in _COMMITTEE_LEVELS:
        return text
    word = folded(match.group(1))
    level = next((lv for lv in _COMMITTEE_LEVELS if folded(lv) == word), None)
    if level is None:
        return text
    return f"{level} {match.group(2)}{text[match.end() :]}"


def bodies(lines: list[str]) -> list[Body]:
    """The bodies named by consecutive header lines in capitals, wraps joined."""
    found: list[str] = []
    for line in lines:
        text = level_repaired(" ".join(line.split()))
        if found and (
            not _HEAD.match(text)
            or (len(found) == 1 and _ORGAN.fullmatch(found[-1]) is not None)
            or _OPEN_END.search(found[-1])
            or len(found[-1].split()) < 2
            or _NAMELESS.fullmatch(found[-1])
        ):
            found[-1] = f"{found[-1]} {text}"
        else:
            found.append(text)
    named = [Body(text) for text in found if _HEAD.match(text) or _ORGAN_LEAD.match(text)]
    return _organisation_read(named)


def with_place(body: Body, place: Place | None) -> str:
    """A body's name completed with the place its parent or the header names."""
    name = body.name()
    if place and place.name and body.place() is None:
        # "Ban Chỉ đạo … tỉnh" / "Ban Thường vụ Tỉnh ủy": the level is named already
        committee = r"(?:^|\s)(?:Tỉnh|Thành|Huyện|Quận|Thị) (?:ủy|đoàn)"
        if re.search(rf"(?:\s{re.escape(place.level)}|{committee})$", name):
            return f"{name} {place.name}"
        return f"{name} {place.level} {place.name}"
    return name
