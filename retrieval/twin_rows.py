"""One name, two rows: a table may list the same facility twice (under two groups, "Formosa
Hà Tĩnh" as a power plant and as a steel works; or a plant and its extension, "Nhà máy
Duyên Hải 3" and "Nhà máy Duyên Hải 3 MR"). A question naming it by words both rows' names
hold, and saying none of the words that tell them apart, is ambiguous: each row is an
answer, offered side by side, never one picked for the other."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from ingest.abbreviations import expand_abbreviations
from ingest.normalize_vi import folded
from retrieval.group_rows import row_name
from retrieval.stored import StoredClause

__all__ = ["twin_rows"]

# the most words two rows' names may differ by and still be one name written twice
_NEAR = 2
# the fewest words in a row a question must say, in order, to name it
_NAME_PAIRS = 2
_MOST = 4


def _words(text: str) -> list[str]:
    return "".join(ch if ch.isalnum() else " " for ch in folded(text)).split()


def twin_rows(
    question: str, best: StoredClause, others: Sequence[StoredClause]
) -> list[StoredClause]:
    """`best` and the rows of `others` (same plan) whose names differ from its name by at
    most `_NEAR` words the question does not say, when the question says a run of words
    every one of those names holds; [`best`] when there are none, or the question names
    only `best` (it says a word only that row's name has)."""
    if best.target is None:
        return [best]
    asked = _words(expand_abbreviations(question))
    said = set(asked)
    pairs = set(pairwise(asked))
    name = _words(row_name(best))
    twins = [best]
    for row in others:
        if row is best or row.target is None or row.document_id != best.document_id:
            continue
        other = _words(row_name(row))
        apart = set(name) ^ set(other)
        if not other or len(apart) > _NEAR or apart & said or _groups_apart(best, row) & said:
            continue
        shared = pairs & set(pairwise(name)) & set(pairwise(other))
        if len(shared) >= _NAME_PAIRS - 1 and row.clause_id not in {t.clause_id for t in twins}:
            twins.append(row)
    if len(twins) > _MOST:
        return [best]
    return sorted(twins, key=lambda c: c.start) if len(twins) > 1 else [best]


def _groups_apart(a: StoredClause, b: StoredClause) -> set[str]:
    """The words of the two rows' groups that one has and the other lacks ("nhiệt điện"
    against "sắt thép"): a question saying one of them names its row."""
    group_a = _words(a.target.group or "") if a.target else []
    group_b = _words(b.target.group or "") if b.target else []
    return set(group_a) ^ set(group_b)
