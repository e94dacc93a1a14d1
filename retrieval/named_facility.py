"""A facility the question names ("Công ty Nhiệt điện Phả Lại", "Trạm y tế xã Canh Vinh")
that the cited clause does not name.

Appendix tables list one row per company, plant, school or health station. A question about
one of them answered from another's row ("Công ty cổ phần nhiệt điện An Khánh" for Phả
Lại, "Trường TH số 1 Canh Vinh" for the station of Canh Vinh) states the other's figure
as if it were the one asked. A facility is a kind word ("công ty", "nhà máy", "trạm y tế",
"trường" of a school level, "bệnh viện") and the name after it, up to the words that ask,
place or date it; every word of it must be stated by one cited clause (its text, its path
or its plan's title).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.abbreviations import expand_abbreviations
from ingest.normalize_vi import folded
from retrieval.stored import StoredClause

_KINDS = (
    r"cong t[iy]|nha may|tram [iy] te|benh vien|trung tam [iy] te"
    r"|truong (?=(?:mn|mg|th|thcs|thpt|mau giao|mam non|tieu hoc|trung hoc|dai hoc|cao dang)\b)"
)
_FACILITY = re.compile(rf"\b(?P<kind>{_KINDS})\b\s*(?P<name>[^?,;:()]*)")
# what ends a facility's name: the words that ask, place, date or relate it
_ENDS = frozenset(
    [
        *("duoc", "co", "la", "nam", "theo", "trong", "do", "thuoc", "cua", "o", "tai"),
        *("han", "ngach", "bao", "nhieu", "phai", "se", "da", "thi", "va", "nao", "gi"),
        *("ai", "ghi", "the", "nguoi", "ma", "dia", "chi", "gom", "voi", "cho", "den", "tu"),
        *("khi", "truoc", "sau", "phan", "bo", "ke", "hoach", "qd", "quyet", "kh"),
    ]
)


def named_facilities(question: str) -> list[tuple[str, ...]]:
    """The facilities the question names, each as its kind's and name's words."""
    found = []
    for match in _FACILITY.finditer(folded(question)):
        kind = match.group("kind").split()
        name: list[str] = []
        rest = match.group("name").split()
        for at, word in enumerate(rest):
            if word == "co" and rest[at + 1 : at + 2] == ["phan"]:
                name.append(word)  # "Công ty Cổ phần …", not "có"
                continue
            if word in _ENDS and name[-1:] != ["co"]:
                break
            name.append(word)
        if name:
            found.append(tuple(w for w in kind + name if _is_word(w)))
    return found


def _is_word(word: str) -> bool:
    """A name's word a clause must state: not a short form with no vowel ("CP", "MN",
    "TNHH"), which a clause often writes out."""
    return bool(re.search(r"[aeiouy0-9]", word))


def unnamed_facility(question: str, cited: Sequence[StoredClause]) -> str | None:
    """The facility the question names that no cited clause names (None: each is named, or
    none is asked)."""
    named = named_facilities(question) if cited else []
    if not named:  # the common case: no cited clause's words are read (a list's rows)
        return None
    stated = [set(re.findall(r"\w+", folded(expand_abbreviations(_said(c))))) for c in cited]
    for words in named:
        if not any(set(words) <= said for said in stated):
            return _as_written(question, words)
    return None


def _said(clause: StoredClause) -> str:
    return f"{clause.path} {clause.text} {clause.document_title}"


def _as_written(question: str, words: Sequence[str]) -> str:
    written = {folded(w): w for w in re.findall(r"\w+", question)}
    return " ".join(written.get(w, w) for w in words)
