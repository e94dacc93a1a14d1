"""Document metadata from a plan's header, signature block and key-value lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from ingest.domain import Place
from ingest.normalize_vi import folded
from ingest.parser.lines import SourceLine, clean_markup

_LEVELS = ("thành phố", "thị xã", "tỉnh", "huyện", "xã", "phường", "thị trấn", "quận")
_LEVEL_PATTERN = "|".join(sorted(_LEVELS, key=len, reverse=True))
_NAME = r"[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3}"
_UNIT_WORDS = re.compile(r"^(Phòng|Sở|Ban|Trung|UBND|Ủy|Văn|Công|Chi|Đài|Báo)\b")
# the level may be capitalised at the start of a line ("Thị xã Hồng Lĩnh"); the name may not
_PLACE = re.compile(rf"(?<!\w)((?i:{_LEVEL_PATTERN}))\s+({_NAME})")
_NUMBER = re.compile(r"Số\s*:\s*(\d*\s*/\s*[A-ZĐ][A-ZĐ0-9\-/]*)")
_DATE_LINE = re.compile(
    r"(?:(?P<place>[A-ZĐÀ-Ỹ][\wÀ-ỹ ]{1,40}),\s*)?"
    r"ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})"
    r"\s*năm\s*(?P<year>\d{4})"
)
_DOC_TYPES = ("KẾ HOẠCH", "QUYẾT ĐỊNH", "CHỈ THỊ", "NGHỊ QUYẾT", "CÔNG VĂN", "THÔNG BÁO", "ĐỀ ÁN")
_SIGNER_TITLE = re.compile(r"(CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN|BÍ THƯ|THỦ TRƯỞNG)\s*$")
_PERSON = re.compile(rf"^{_NAME}$")
_DOC_REF = re.compile(
    r"(?:Kế hoạch|Quyết định|Nghị quyết|Chỉ thị)\s+số\s*\d*\s*/\s*[\w\-/Đ]+"
    r"(?:,?\s+ngày\s+[\d/]+)?(?:\s+của\s+[^,;()]+?)?(?=\s+về\s|[,;()]|\.\s|\.?$)"
)


@dataclass
class MetadataFields:
    """What the header and signature say; every field optional."""

    title: str | None = None
    number: str | None = None
    issued_date: str | None = None
    issuer: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    field: str | None = None
    kind: str | None = None
    place: Place | None = None
    replaces: list[str] = dataclass_field(default_factory=list)
    based_on: list[str] = dataclass_field(default_factory=list)


def _key_values(lines: list[SourceLine]) -> dict[str, str]:
    """`Key | value |` or `Key: value` pairs from a metadata table at the top."""
    pairs: dict[str, str] = {}
    for line in lines:
        cells = [clean_markup(c) for c in line.text.split("|")]
        cells = [c for c in cells if c]
        if len(cells) == 2 and len(cells[0]) <= 30:
            pairs[folded(cells[0])] = cells[1]
    return pairs


def _sentence_case(text: str) -> str:
    """'CHUYỂN ĐỔI SỐ TỈNH TIỀN GIANG NĂM 2025' → 'Chuyển đổi số tỉnh Tiền Giang năm 2025'."""
    if text != text.upper():
        return text
    lowered = text.lower()

    def title_place(match: re.Match[str]) -> str:
        words = match.group(2).split()
        names: list[str] = []
        for word in words:
            if word in {"năm", "giai", "đến", "về", "và"} or word[:1].isdigit():
                break
            names.append(word.capitalize())
        rest = " ".join(words[len(names) :])
        trailing = match.group(2)[len(match.group(2).rstrip()) :]
        return f"{match.group(1)} {' '.join(names)}" + (f" {rest}" if rest else "") + trailing

    # names first, so a level at the very start ("TỈNH THÁI BÌNH") still gets its name
    named = re.sub(rf"({_LEVEL_PATTERN})\s+([^\d,;()]+)", title_place, lowered)
    return named[:1].upper() + named[1:]


def _iso_date(day: str | None, month: str, year: str) -> str:
    return f"{int(year):04d}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


def _title(head: list[str]) -> tuple[str | None, str | None]:
    """The document title and kind from its first lines."""
    for k, text in enumerate(head):
        upper = text.upper()
        for doc_type in _DOC_TYPES:
            if upper == doc_type and k + 1 < len(head):
                subject: list[str] = []
                for nxt in head[k + 1 :]:
                    if (
                        re.match(r"^([IVX]+|\d+)\.\s", nxt)
                        or len(subject) >= 3
                        or nxt.startswith("(")
                    ):
                        break
                    # a mixed-case subject ends its title unless hard-wrapped mid-sentence
                    if (
                        subject
                        and subject[-1] != subject[-1].upper()
                        and (not nxt[:1].islower() or subject[-1].endswith((".", ";", ":")))
                    ):
                        break
                    subject.append(nxt)
                kind = doc_type.capitalize()
                return f"{kind} {_sentence_case(' '.join(subject))}".strip(), kind
        for doc_type in _DOC_TYPES:
            if upper.startswith(doc_type + " ") and len(text) > len(doc_type) + 10 and k < 3:
                return text, doc_type.capitalize()
        if re.match(r"^Phụ lục\s*\d+", text, re.IGNORECASE) and k < 3:
            title = re.split(r"\(Kèm theo", text)[0].strip()
            return re.sub(r":\s*", ": ", title, count=1), "Phụ lục"
    return None, None


def _signer(tail: list[str]) -> tuple[str | None, str | None]:
    """The signer's name and title from the signature block ("PHÓ CHỦ TỊCH" / "Tên Người")."""
    for k, text in enumerate(tail):
        if not (_SIGNER_TITLE.search(text.upper()) and text == text.upper()):
            continue
        for offset, nxt in enumerate(tail[k + 1 : k + 4], start=k + 1):
            if _PERSON.match(nxt) and nxt != nxt.upper() and 2 <= len(nxt.split()) <= 5:
                title = re.sub(r"^(KT|TM|TL|Q)\.\s*", "", tail[offset - 1])
                return nxt, title.capitalize().replace("chủ tịch", "Chủ tịch")
    return None, None


def extract_metadata(lines: list[SourceLine], body_text: str) -> MetadataFields:
    """Read metadata from the first and last lines of the document and its text."""
    texts = [clean_markup(line.text).strip(" |") for line in lines]
    texts = [t for t in texts if t]
    head, tail = texts[:40], texts[-40:]
    fields = MetadataFields()
    pairs = _key_values(lines[:20])
    fields.title, fields.kind = _title(head)
    fields.kind = pairs.get("loai van ban") or fields.kind
    # a long appendix can push the signature block far from the end
    signer, signer_title = _signer(tail)
    if signer is None:
        signer, signer_title = _signer(texts)
    fields.signer = pairs.get("nguoi ki") or signer
    fields.signer_title = signer_title if fields.signer == signer else None
    fields.field = pairs.get("linh vuc")
    number = pairs.get("so hieu")
    if not number:
        match = _NUMBER.search("\n".join(head))
        if match and re.match(r"\d", match.group(1)):
            number = re.sub(r"\s+", "", match.group(1))
    fields.number = number
    date = pairs.get("ngay ban hanh")
    joined_head = " ".join(head)
    if date and re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", date):
        d, m, y = date.split("/")
        fields.issued_date = _iso_date(d, m, y)
    else:
        match = _DATE_LINE.search(joined_head)
        if match:
            fields.issued_date = _iso_date(match["day"], match["month"], match["year"])
        else:
            # an appendix carries the date of the plan it is attached to
            match = re.search(
                r"Kèm theo[^)]*?ngày\s*(\d{1,2})?\s*/\s*(\d{1,2})\s*/\s*(\d{4})", joined_head
            )
            if match:
                fields.issued_date = _iso_date(match.group(1), match.group(2), match.group(3))
    stated_issuer = pairs.get("co quan ban hanh") or _issuer(head, tail, None, joined_head)
    fields.place = _place(fields.title or "", stated_issuer, joined_head)
    fields.issuer = pairs.get("co quan ban hanh") or _issuer(head, tail, fields.place, joined_head)
    fields.replaces = _references_after(body_text, r"thay thế")
    own = re.sub(r"\s+", "", number or "")
    fields.based_on = [
        ref  # an appendix's "Kèm theo Kế hoạch số …" names this very plan
        for ref in _references_after(joined_head, r"(?:Thực hiện|Kèm theo|Căn cứ)")
        if not own or own not in re.sub(r"\s+", "", ref)
    ][:3]
    return fields


def _place(title: str, issuer: str | None, head: str) -> Place | None:
    """The governed area: from the title, else the issuer, else the header text."""
    for source in (title, issuer or "", head):
        text = _sentence_case(source) if source == source.upper() else source
        for match in _PLACE.finditer(text):
            words = []
            for word in match.group(2).split():
                if not word[:1].isupper():
                    break
                words.append(word)
            if words and not _UNIT_WORDS.match(words[0]):
                return Place(match.group(1).lower(), " ".join(words))
        if source is not head:
            level = re.search(rf"(?<!\w)({_LEVEL_PATTERN})(?!\w)", text, re.IGNORECASE)
            if level:
                return Place(level.group(1).lower(), None)
    return None


def _issuer(head: list[str], tail: list[str], place: Place | None, joined_head: str) -> str | None:
    for k, text in enumerate(head[:6]):
        if text.upper() == "ỦY BAN NHÂN DÂN" and k + 1 < len(head):
            match = _PLACE.search(_sentence_case(head[k + 1]))
            if match:
                return f"Ủy ban nhân dân {match.group(1).lower()} {match.group(2)}"
    match = re.search(r"của\s+(Ban Chỉ đạo[^)]*)\)", joined_head)
    if match:
        return match.group(1).strip()
    if any("ỦY BAN NHÂN DÂN" in t.upper() for t in tail) and place and place.name:
        return f"Ủy ban nhân dân {place.level} {place.name}"
    return None


def _references_after(text: str, lead: str) -> list[str]:
    """Document references ("Kế hoạch số …") in the sentence that follows `lead`."""
    found: list[str] = []
    for match in re.finditer(lead, text):
        sentence = re.split(r"(?<=[.)])\s|\n", text[match.end() : match.end() + 600])[0]
        for ref in _DOC_REF.finditer(sentence):
            value = " ".join(ref.group(0).split()).rstrip(" ,.")
            if value not in found:
                found.append(value)
    return found
