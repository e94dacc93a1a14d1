"""Which clauses may be offered as the closest ones when an answer abstains."""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.stored import StoredClause

_HEADINGS = ("part", "section", "item", "appendix", "table_group")
_TITLE_ONLY = ("appendix", "part", "table_group")
_HEADING_CHARS = 160
_MIN_WORDS = 6
_FRAGMENT_CHARS = 80


def is_substantive(clause: StoredClause) -> bool:
    """A clause that says something on its own: not a signature block, not a heading whose
    content is below it ("II. Chính quyền số"), not a fragment ("các cơ quan, đơn vị có
    liên quan;")."""
    if clause.kind == "signature":
        return False
    if clause.target is not None:
        return bool(clause.target.content.strip())
    body = clause.body.strip()
    if clause.kind in _TITLE_ONLY:
        return False
    if clause.kind in _HEADINGS and clause.child_count and len(body) < _HEADING_CHARS:
        return False
    if body[:1].islower() and len(body) < _FRAGMENT_CHARS:
        return False  # the tail of a sentence cut by a line break
    return len(body.split()) >= _MIN_WORDS


def substantive(clauses: Sequence[StoredClause]) -> list[StoredClause]:
    """The clauses worth showing as candidates, in their order."""
    return [c for c in clauses if is_substantive(c)]
