"""The item of an ordered list a question counts to: "Ưu tiên đầu tiên trong phân bổ vốn …
là gì?" of a heading "3. Thứ tự ưu tiên trong phân bổ vốn …:" with items a) to i) is its
first item, "ưu tiên thứ hai" its second — not the item that shares most words."""

from __future__ import annotations

import re

from ingest.normalize_vi import folded
from retrieval.ordinal_words import UNITS
from retrieval.stored import StoredClause

__all__ = ["asked_position", "names_list_of"]

# "<noun> đầu tiên", "<noun> thứ nhất / thứ hai … / thứ 3", "<noun> số một / số 2": the
# noun (one or two words) and its place; "thứ tư" is left out, folding onto "thứ tự" (an
# order), and "thứ bảy" onto "thu bai" as `ordinal_words` spells it
_WORDS = "|".join(sorted((w for w in UNITS if w not in ("tu", "bon", "mot")), key=len))
_ASKED = re.compile(
    r"\b(?P<noun>[a-z]+(?: [a-z]+)?) "
    rf"(?:(?P<first>dau tien|thu nhat|so mot)|(?:thu|so) (?P<nth>\d{{1,2}}|{_WORDS}))\b"
)
# words that end a noun phrase rather than name the list ("là", "của")
_NOT_NOUN = frozenset(["la", "cua", "cai", "muc", "diem", "y"])


def asked_position(question: str) -> tuple[list[str], int] | None:
    """The noun the question counts along and the place asked (1 for "đầu tiên"); None when
    it counts along nothing."""
    match = _ASKED.search(folded(question))
    if match is None:
        return None
    noun = [w for w in match.group("noun").split() if w not in _NOT_NOUN]
    if not noun:
        return None
    if match.group("first"):
        return noun, 1
    nth = match.group("nth")
    return noun, int(nth) if nth.isdigit() else UNITS[nth]


def names_list_of(heading: StoredClause, noun: list[str]) -> bool:
    """Whether the heading's own line names the list counted along ("Thứ tự ưu tiên …" for
    "ưu tiên"), the noun's words together and in order — and is not itself one of the things
    counted ("Kỳ họp thứ Bảy", "Giai đoạn 2026-2030": a number right after the noun)."""
    line = " ".join(re.findall(r"[a-z0-9]+", folded(heading.text.strip().split("\n", 1)[0])))
    named = re.search(rf"(?:^| ){' '.join(noun)}(?: (?P<next>\S+ \S+|\S+))?(?: |$)", line)
    if named is None:
        return False
    after = named.group("next") or ""
    return _COUNTED_ONE.match(after) is None


# what follows a noun naming one of the things counted: "thứ …", "số …", a number, "đầu tiên"
_COUNTED_ONE = re.compile(r"(?:thu|so|dau tien|\d|[ivx]+\b)")
