"""A bound the question puts on a number that the cited clauses state the other way round.

"Tỷ lệ kích hoạt định danh mức 2 cho trẻ dưới 14 tuổi là bao nhiêu?" asks of those under
14; a clause on "người từ 14 tuổi trở lên" is about the others, and its figure is no answer.
The question's bound is "dưới N <unit>" or "từ/trên N <unit> trở lên"; a cited clause is
about the other side when it writes the same number and unit with the opposite bound and
never the asked one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import folded
from retrieval.stored import StoredClause

_UNIT = r"(?P<unit>tuoi|nam|thang|ngay|km|ha|%)"
# "dưới 14 tuổi", "chưa đủ 14 tuổi": below
_BELOW = re.compile(rf"\b(?:duoi|chua du|nho hon)\s+(?P<n>\d+(?:[.,]\d+)?)\s*{_UNIT}")
# "từ 14 tuổi trở lên", "trên 14 tuổi", "đủ 14 tuổi": at or above
_ABOVE = re.compile(
    rf"\b(?:tu\s+(?P<n1>\d+(?:[.,]\d+)?)\s*{_UNIT}\s+tro len"
    rf"|(?:tren|du|lon hon)\s+(?P<n2>\d+(?:[.,]\d+)?)\s*(?P<unit2>tuoi|nam|thang|ngay|km|ha|%))"
)


def _bounds(text: str) -> dict[tuple[str, str, str], tuple[int, int]]:
    """(side, number, unit) of every bound the folded text writes, with its span."""
    found = {("below", m.group("n"), m.group("unit")): m.span() for m in _BELOW.finditer(text)}
    for m in _ABOVE.finditer(text):
        if m.group("n1"):
            found[("above", m.group("n1"), m.group("unit"))] = m.span()
        else:
            found[("above", m.group("n2"), m.group("unit2"))] = m.span()
    return found


def opposite_bound(question: str, cited: Sequence[StoredClause]) -> str | None:
    """The bound the question asks ("dưới 14 tuổi") when the cited clauses state only its
    opposite for the same number and unit; None when they state it, or no bound is asked."""
    plain = folded(question)
    asked = _bounds(plain)
    if not asked or not cited:
        return None
    stated: set[tuple[str, str, str]] = set()
    for clause in cited:
        stated.update(_bounds(folded(clause.text)))
    for (side, number, unit), (start, end) in sorted(asked.items()):
        other = "above" if side == "below" else "below"
        if (side, number, unit) not in stated and (other, number, unit) in stated:
            # the question's own words when folding kept its length (it does for Vietnamese)
            return question[start:end] if len(question) == len(plain) else plain[start:end]
    return None
