"""Recognising the units a question names ("VP UBND tỉnh", "Công an tỉnh", "Sở KHCN")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ingest.abbreviations import units_in
from ingest.normalize_vi import folded
from ingest.parser.units import unit_key
from retrieval.stored import StoredClause


class UnitMatcher:
    """Finds unit mentions in questions, against the units the plans actually name."""

    def __init__(self, known_units: Iterable[str]) -> None:
        # one spelling per unit: the one written most often, the longer on a tie; never
        # the order the index happens to return rows in (answers read the same every run)
        spellings: dict[str, Counter[str]] = {}
        for name in known_units:
            if name.strip():
                spellings.setdefault(unit_key(name), Counter())[name] += 1
        self._known = {
            key: max(counts, key=lambda n: (counts[n], len(n), n))
            for key, counts in sorted(spellings.items())
        }

    def display_name(self, key: str, question: str = "") -> str:
        """The unit's name as the plans write it; for a unit no plan names, as the
        question's abbreviations spell it ("Sở Y tế"), else its key."""
        if key in self._known:
            return self._known[key]
        return next((name for name in units_in(question) if unit_key(name) == key), key)

    def find(self, question: str) -> list[str]:
        """Keys of the units named in the question, longest first, without overlaps. "cơ sở
        y tế" (a health facility) names no "Sở Y tế"."""
        # as said, the document's number kept: "Theo CV 9387/UBND-KT, Sở Công Thương …"
        # names the unit after a number, not as the letter's issuer
        said = " " + " ".join(re.sub(r"[^\w\s]", " ", folded(question)).split()) + " "
        question = _FACILITY.sub(r"\1\2", question)
        question = _DOCUMENT_SYMBOL.sub(" ", question)
        keys = [unit_key(name) for name in units_in(question)]
        text = " " + " ".join(re.sub(r"[^\w\s]", " ", folded(question)).split()) + " "
        for key in sorted(self._known, key=len, reverse=True):
            if len(key) > 6 and f" {key} " in text and not any(key in k for k in keys):
                keys.append(key)
                text = text.replace(f" {key} ", " | ")
        return [k for k in dict.fromkeys(keys) if not _only_as_source(k, said)]


def _only_as_source(key: str, text: str) -> bool:
    """Whether the (folded, space-padded) question names this unit only as the body whose
    document it asks about: right after a kind of document ("công văn (của) Bộ Tài chính",
    "CV cua Bo Tai chinh") or as the source it opens with ("Theo Bộ Tài chính, ai …") —
    not a unit asked about."""
    spots = [m.start() for m in re.finditer(rf"(?<= ){re.escape(key)}(?= )", text)]
    return bool(spots) and all(_SOURCE_CUE.search(text[:at]) for at in spots)


# what stands before a unit named as the issuer of the document asked about (folded)
_SOURCE_CUE = re.compile(
    r"(?:\b(?:cong van|cv|ke hoach|kh|quyet dinh|qd|thong bao|van ban)"
    # the kind alone, or its number and symbol then "của" ("CV 8388/BTC-QLCS của Bộ …")
    r"(?:(?: cua)?| \d+(?: [a-z0-9]+){0,4} cua)|^ theo) $"
)


# a document's number and symbol ("254/QĐ-UBND", "KH-UBND"): its issuer's initials name no
# unit the question asks about
_DOCUMENT_SYMBOL = re.compile(r"\b\d+[/-][a-zđ][\w&/-]*", re.IGNORECASE)

# "cơ sở" (a facility, a base), typed with or without diacritics: its "sở" is no department
_FACILITY = re.compile(r"\b(c[ơo])\s+(s[ởo])\b", re.IGNORECASE)


def heads_unit(clause: StoredClause, unit_keys: list[str]) -> bool:
    """Whether a body clause is headed by the name of one of these units ("3. Sở Tư pháp")."""
    if clause.kind not in ("part", "section", "item") or not clause.heading:
        return False
    if clause.target is not None:
        return False
    heading = unit_key(clause.heading)
    return any(heading == key or heading.startswith(f"{key} ") for key in unit_keys)
