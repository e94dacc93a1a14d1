"""A scope of plans: place, level (cấp tỉnh / huyện / xã), issuer and year.

Set per deployment (`KEHOACH_DEFAULT_SCOPE`), per API key, per chat (`/phamvi`), per request,
or read from the question ("cấp xã", "xã Văn Bàn"). Written the way a person says it, with or
without diacritics: "tỉnh Ninh Bình", "cap xa, 2026", "xa van ban", "co_quan=Sở Y tế",
"nam=2025". Several scopes combine by all holding (`within`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ingest.gazetteer import places_named
from ingest.normalize_vi import folded
from retrieval.documents import DocumentDirectory, DocumentInfo

# levels as a person groups them: a province-level plan, a district's, a commune's
LEVEL_GROUPS: dict[str, tuple[str, ...]] = {
    "tỉnh": ("tỉnh", "thành phố"),
    "huyện": ("huyện", "quận", "thị xã"),
    "xã": ("xã", "phường", "đặc khu", "thị trấn"),
}
_LEVEL_WORDS = sorted(
    {level for group in LEVEL_GROUPS.values() for level in group}, key=len, reverse=True
)
_FOLDED_LEVELS = {folded(level): level for level in _LEVEL_WORDS}
_GROUP_OF = {folded(level): group for group, levels in LEVEL_GROUPS.items() for level in levels}
_CLEAR = frozenset(["tat ca", "toan bo", "bo", "xoa", "khong", "het", "all", "none"])
_KEYS = {
    "dia_ban": "place",
    "dia ban": "place",
    "noi": "place",
    "place": "place",
    "cap": "level",
    "level": "level",
    "co_quan": "issuer",
    "co quan": "issuer",
    "issuer": "issuer",
    "nam": "year",
    "year": "year",
}
_ISSUER_HEADS = re.compile(
    r"^(?:ubnd|uy ban|hdnd|hoi dong|so|ban|bo|van phong|tinh uy|thanh uy|huyen uy|dang uy)\b"
)
# "… ở cấp xã", "kế hoạch cấp tỉnh" in a question; never "UBND các xã" (a unit) or "TTHC cấp
# xã" (a topic)
_LEVEL_IN_QUESTION = re.compile(r"\b(?:o|ke hoach|cac ke hoach)\s+cap\s+(tinh|huyen|xa|phuong)\b")


class ScopeError(ValueError):
    """A scope text that cannot be read; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class PlanScope:
    """Which plans answers may come from; a field left None does not narrow."""

    place: str | None = None  # a place name as written ("Văn Bàn")
    place_level: str | None = None  # the level word written with it ("xã"), if any
    level: str | None = None  # a level group: "tỉnh", "huyện" or "xã"
    issuer: str | None = None
    year: int | None = None

    @property
    def empty(self) -> bool:
        return not (self.place or self.level or self.issuer or self.year)

    def describe(self) -> str:
        """The scope in words: "xã Văn Bàn, năm 2026"; "mọi kế hoạch" when empty."""
        parts = []
        if self.place:
            parts.append(" ".join(p for p in (self.place_level, self.place) if p))
        if self.level and not (self.place_level and _GROUP_OF.get(folded(self.place_level))):
            parts.append(f"cấp {self.level}")
        if self.issuer:
            parts.append(self.issuer)
        if self.year:
            parts.append(f"năm {self.year}")
        return ", ".join(parts) or "mọi kế hoạch"

    def matches(self, info: DocumentInfo) -> bool:
        """Whether the plan lies in this scope."""
        if self.place and folded(info.place_name or "") != folded(self.place):
            return False
        if self.place_level and folded(info.place_level or "") not in _levels_like(
            self.place_level
        ):
            return False
        if self.level and folded(info.place_level or "") not in {
            folded(level) for level in LEVEL_GROUPS[self.level]
        }:
            return False
        if self.issuer and folded(self.issuer) not in folded(info.issuer or ""):
            return False
        return not (self.year and info.year != str(self.year))

    def merged(self, other: PlanScope) -> PlanScope:
        """This scope with `other`'s fields where this one leaves them open."""
        return PlanScope(
            self.place or other.place,
            self.place_level if self.place else other.place_level,
            self.level or other.level,
            self.issuer or other.issuer,
            self.year or other.year,
        )

    def to_json(self) -> dict[str, object]:
        return {
            "place": self.place,
            "place_level": self.place_level,
            "level": self.level,
            "issuer": self.issuer,
            "year": self.year,
            "text": self.describe(),
        }


def _levels_like(level: str) -> set[str]:
    """A level word and its synonyms in matching ("tỉnh" and "thành phố" both govern a
    province; a city plan may be filed under either)."""
    key = folded(level)
    if key in ("tinh", "thanh pho"):
        return {"tinh", "thanh pho"}
    return {key}


def parse_scope(text: str | None) -> PlanScope:
    """The scope a person wrote ("tỉnh Ninh Bình, 2025", "cap xa", "nam=2026"); an empty
    scope for empty text or "tất cả". Raises `ScopeError` for a part it cannot read."""
    scope = PlanScope()
    if not text or folded(text).strip() in _CLEAR:
        return scope
    for raw in re.split(r"[;,\n]", text):
        part = raw.strip()
        if part:
            scope = _read_part(part).merged(scope)
    return scope


def _read_part(part: str) -> PlanScope:
    key, value = None, part
    if "=" in part or ":" in part:
        key_text, value = (s.strip() for s in re.split(r"[=:]", part, maxsplit=1))
        key = _KEYS.get(folded(key_text).replace("-", "_"))
        if key is None:
            raise ScopeError(
                f"Không hiểu “{key_text}” trong phạm vi; dùng dia_ban=, cap=, co_quan= hoặc nam="
            )
    plain = folded(value).strip()
    if key == "year" or (key is None and re.fullmatch(r"(?:nam\s+)?(?:19|20)\d\d", plain)):
        year = re.search(r"(?:19|20)\d\d", plain)
        if year is None:
            raise ScopeError(f"“{value}” không phải một năm (ví dụ: nam=2026).")
        return PlanScope(year=int(year.group()))
    if key == "level" or (key is None and plain.startswith("cap ")):
        word = plain.removeprefix("cap ").strip()
        group = _GROUP_OF.get(word)
        if group is None:
            raise ScopeError(f"Không có cấp “{value}”; dùng cấp tỉnh, cấp huyện hoặc cấp xã.")
        return PlanScope(level=group)
    if key == "issuer" or (key is None and _ISSUER_HEADS.match(plain)):
        return PlanScope(issuer=value)
    return _place(value)


def _place(value: str) -> PlanScope:
    """ "xã Văn Bàn", "xa van ban", "Ninh Bình": a place, its level when written."""
    plain = folded(value).strip()
    for key, level in sorted(_FOLDED_LEVELS.items(), key=lambda item: -len(item[0])):
        if plain.startswith(key + " "):
            name = value.strip()[len(key) + 1 :].strip()
            return PlanScope(place=_spelled(name, level), place_level=level)
    return PlanScope(place=_spelled(value.strip(), None))


def _spelled(name: str, level: str | None) -> str:
    """The register's spelling of a place typed without diacritics ("van ban" → "Văn
    Bàn"), when the register knows one spelling; else the name as typed."""
    known = {p.name for p in places_named(name) if level is None or _same_level(p.level, level)}
    return known.pop() if len(known) == 1 else name


def _same_level(a: str, b: str) -> bool:
    return folded(a) in _levels_like(b) or _GROUP_OF.get(folded(a)) == _GROUP_OF.get(folded(b))


def level_in_question(question_folded: str) -> str | None:
    """The level a question restricts to ("… của các xã", "cấp tỉnh"), else None."""
    found = {_GROUP_OF[m.group(1)] for m in _LEVEL_IN_QUESTION.finditer(question_folded)}
    # "ở cấp tỉnh và cấp xã" names levels of the content, not one level of plans
    named = {_GROUP_OF[m] for m in re.findall(r"\bcap (tinh|huyen|xa|phuong)\b", question_folded)}
    return found.pop() if len(found) == 1 and len(named) == 1 else None


def documents_within(documents: DocumentDirectory, scopes: Iterable[PlanScope]) -> list[str] | None:
    """Ids of the plans every one of `scopes` admits, in the directory's order; None when
    no scope narrows anything (every plan).

    The first look-up is indexed (place, year or level in the facts store); only its
    candidates are checked against the other fields.
    """
    wanted = [s for s in scopes if not s.empty]
    if not wanted:
        return None
    facts = documents.facts
    candidates: Sequence[str]
    places = [s.place for s in wanted if s.place]
    years = [s.year for s in wanted if s.year]
    levels = [s.level for s in wanted if s.level]
    if places:
        candidates = facts.documents_in_place(places[0])
    elif years:
        candidates = facts.documents_of_year([years[0]])
    elif levels:
        candidates = facts.documents_of_levels(LEVEL_GROUPS[levels[0]])
    else:
        candidates = list(documents.documents)
    kept = []
    for doc_id in candidates:
        info = documents.get(doc_id)
        if info is not None and all(s.matches(info) for s in wanted):
            kept.append(doc_id)
    order = {doc_id: i for i, doc_id in enumerate(documents.documents)}
    return sorted(kept, key=lambda d: order.get(d, len(order)))


def with_level(scope: PlanScope | None, level: str | None) -> PlanScope | None:
    """`scope` narrowed to a level group (None: unchanged)."""
    if level is None:
        return scope
    return replace(scope or PlanScope(), level=level)
