"""One line written twice under two headings: a decision gives the whole plan's funding
sources in Điều 1 ("1. Tổng kế hoạch …: a) Nguồn vốn ngân sách tập trung: 7.370.100 triệu
đồng.") and the provincial budget's share in Điều 2 under the same names with other
figures. The question's words that only one heading line holds ("trong tổng kế hoạch",
"ngân sách cấp tỉnh") pick that one; saying none of them, the question gets both."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ingest.normalize_vi import folded
from retrieval.stored import StoredClause

__all__ = ["same_line_elsewhere", "scope_picks"]

# a point's or item's label ("d)", "2.", "-") before its text
_LABEL = re.compile(r"^\s*(?:[a-zđ]\)|\d+(?:\.\d+)*[.)]|[-+•–])\s*")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", folded(text))


def line_name(clause: StoredClause) -> list[str]:
    """The words a line names its thing by: its text up to the colon before the figure
    ("Nguồn thu xổ số kiến thiết"), its label left out; empty when it has no such colon."""
    text = _LABEL.sub("", clause.text.strip())
    name, colon, _ = text.partition(":")
    return _words(name) if colon and name.strip() else []


def same_line_elsewhere(best: StoredClause, others: Sequence[StoredClause]) -> list[StoredClause]:
    """The clauses of `others` in `best`'s plan, under another heading, that name their
    thing by the same words as `best` (the same funding source, under the whole plan and
    under the province's share)."""
    name = line_name(best)
    if not name:
        return []
    return [
        c
        for c in others
        if c.clause_id != best.clause_id
        and c.document_id == best.document_id
        and c.parent_id != best.parent_id
        and line_name(c) == name
    ]


def scope_picks(
    question: str,
    lines: Sequence[StoredClause],
    headings_of: Callable[[StoredClause], Sequence[StoredClause]],
    title: str,
) -> list[StoredClause]:
    """The lines whose headings (`headings_of`: a line's enclosing clauses) hold the most
    question words that the other lines' headings do not, the plan's `title` words aside
    (they name the plan, not a part of it); all of them when the question says none."""
    said = set(_words(question)) - set(_words(title))
    heads = [{w for h in headings_of(line) for w in _words(_first_line(h))} for line in lines]
    counts = []
    for i, words in enumerate(heads):
        others = set().union(*(h for j, h in enumerate(heads) if j != i))
        counts.append(len((words - others) & said))
    most = max(counts, default=0)
    if most == 0:
        return list(lines)
    return [line for line, count in zip(lines, counts, strict=True) if count == most]


def _first_line(clause: StoredClause) -> str:
    return clause.text.strip().split("\n", 1)[0]
