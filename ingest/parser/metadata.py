"""Document metadata: the header read to the published rules, with fallbacks for documents
whose header is missing (appendices, plans pasted without their header)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from ingest.domain import Place
from ingest.gazetteer import known_place_after
from ingest.parser.header import read_header
from ingest.parser.header.casing import LEVELS, sentence_case
from ingest.parser.header.issuer import is_body
from ingest.parser.header.motto import strip_mottos
from ingest.parser.lines import SourceLine, clean_markup

_LEVEL_PATTERN = "|".join(sorted(LEVELS, key=len, reverse=True))
_NAME = r"[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3}"
# the level may be capitalised at the start of a line ("Thị xã Hồng Lĩnh"); the name may not
_PLACE = re.compile(rf"(?<!\w)((?i:{_LEVEL_PATTERN}))\s+({_NAME})")
# words that start a unit's name, not a place's: "xã Văn Bàn" is a place, "Văn phòng" is not
_UNIT = re.compile(r"^(Phòng|Sở|Ban|UBND|Ủy|Đài|Báo|Văn phòng|Trung tâm|Công an|Chi cục)$")
_LEVEL_WORD = re.compile(rf"(?<!\w)((?i:{_LEVEL_PATTERN}))(?!\w)")
_CENTRAL = re.compile(
    r"^(Chính phủ|Thủ tướng|Bộ |Ban Chấp hành Trung ương|Ủy ban Thường vụ Quốc hội|Quốc hội)"
)


@dataclass
class MetadataFields:
    """What the header and signature say; every field optional."""

    title: str | None = None
    number: str | None = None
    number_symbol: str | None = None
    issued_date: str | None = None
    issuer: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    field: str | None = None
    kind: str | None = None
    place: Place | None = None
    replaces: list[str] = dataclass_field(default_factory=list)
    based_on: list[str] = dataclass_field(default_factory=list)
    decision_number: str | None = None
    decision_date: str | None = None
    decision_issuer: str | None = None
    issues: str | None = None
    draft: str | None = None

    def document_fields(self) -> dict[str, Any]:
        """The `Document` fields these facts fill (all but id, title, path and hash)."""
        return {
            "number": self.number,
            "number_symbol": self.number_symbol,
            "issued_date": self.issued_date,
            "issuer": self.issuer,
            "signer": self.signer,
            "signer_title": self.signer_title,
            "field": self.field,
            "kind": self.kind,
            "place": self.place,
            "replaces": tuple(self.replaces),
            "based_on": tuple(self.based_on),
            "decision_number": self.decision_number,
            "decision_date": self.decision_date,
            "decision_issuer": self.decision_issuer,
            "issues": self.issues,
            "draft": self.draft,
        }


def extract_metadata(lines: list[SourceLine], body_text: str) -> MetadataFields:
    """Read metadata from the header, the signature block and the text."""
    facts = read_header(lines, body_text)
    texts = [t for t in (clean_markup(line.text).strip(" |") for line in lines) if t]
    head = " ".join(strip_mottos(t) for t in texts[:40])
    fields = MetadataFields(
        title=facts.title or _first_heading(texts),
        number=facts.number,
        number_symbol=facts.number_symbol if not facts.number else None,
        issued_date=facts.issued_date,
        issuer=facts.issuer,
        signer=facts.signer,
        signer_title=facts.signer_title,
        field=facts.field,
        kind=facts.kind,
        place=facts.place,
        replaces=facts.replaces,
        based_on=facts.based_on,
        decision_number=facts.decision_number,
        decision_date=facts.decision_date,
        decision_issuer=facts.decision_issuer,
        issues=facts.issues_title,
        draft=facts.draft,
    )
    if fields.issuer is None:
        match = re.search(r"của\s+(Ban Chỉ đạo[^)]*)\)", head)
        if match:
            fields.issuer = match.group(1).strip()
    if fields.place is None and not (fields.issuer and _CENTRAL.match(fields.issuer)):
        fields.place = _place(fields.title or "", fields.issuer, head)
    # a plan pasted without its header, signed "TM. ỦY BAN NHÂN DÂN"
    if (
        fields.issuer is None
        and fields.place
        and fields.place.name
        and any("ỦY BAN NHÂN DÂN" in t.upper() for t in texts[-40:])
    ):
        fields.issuer = f"Ủy ban nhân dân {fields.place.level} {fields.place.name}"
    return fields


def _first_heading(texts: list[str]) -> str | None:
    """A document with no kind line: its first heading in capitals, never its file name."""
    for text in texts[:15]:
        cleaned = strip_mottos(re.sub(r"^#+\s*", "", text))
        if is_body(cleaned) or "Số" in cleaned:
            continue
        if cleaned and cleaned == cleaned.upper() and len(cleaned.split()) >= 3:
            return sentence_case(cleaned)
    return None


def _known_place(text: str) -> Place | None:
    """The first place of the register named after a level word, any case ("trên địa bàn
    xã văn bàn", "xã Tân Lập Văn phòng …" is xã Tân Lập)."""
    for match in _LEVEL_WORD.finditer(text):
        if re.match(r"\s+hội\b", text[match.end() :]):  # "kinh tế - xã hội"
            continue
        if re.match(r"\s*(?:ủy|uỷ)\b", text[match.end() :], re.IGNORECASE):
            continue  # "Tỉnh ủy Lào Cai": the Party committee cited, not the area governed
        known = known_place_after(match.group(1), text[match.end() :].split())
        if known is not None and known.name:
            return Place(match.group(1).lower(), known.name)
    return None


def _place(title: str, issuer: str | None, head: str) -> Place | None:
    """The governed area when the issuer does not name one: from the title, the issuer's
    level ("Ban Chỉ đạo … thành phố") or the header text (mottos removed)."""
    for source in (title, issuer or "", head):
        text = sentence_case(source) if source == source.upper() else source
        known = _known_place(text)
        if known is not None:
            return known
        for match in _PLACE.finditer(text):
            words = []
            for word in match.group(2).split():
                if not word[:1].isupper():
                    break
                words.append(word)
            if words and not _UNIT.match(words[0]):
                return Place(match.group(1).lower(), " ".join(words))
        if source is not head:
            # "kinh tế - xã hội" names no commune, "Tỉnh ủy" no province
            level = re.search(
                rf"(?<!\w)({_LEVEL_PATTERN})(?!\w)(?!\s+(?:hội|ủy|uỷ)\b)", text, re.IGNORECASE
            )
            if level:
                return Place(level.group(1).lower(), None)
    return None
