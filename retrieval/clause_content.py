"""What a clause says on its own: content, or a bare heading whose content is below it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from retrieval.appendices import is_pointer
from retrieval.search import ClauseSearch
from retrieval.stored import StoredClause

NOT_ANSWERS = ("preamble", "signature")
HEADINGS = ("part", "section", "item", "point", "appendix", "table_group", "bullet")
BARE_HEADING_CHARS = 160


def is_bare_heading(clause: StoredClause) -> bool:
    return clause.kind in HEADINGS and len(clause.body.strip()) < BARE_HEADING_CHARS


def has_content(clause: StoredClause, has_appendix_rows: Callable[[str], bool]) -> bool:
    """A bare heading with nothing under it (an appendix title without rows) answers nothing,
    nor does a short pointer to an appendix the plan's text does not carry."""
    if clause.kind in ("appendix", "part", "table_group"):
        return clause.child_count > 0  # their own text is only a title
    if is_pointer(clause) and not has_appendix_rows(clause.document_id):
        return False
    if clause.kind in ("section", "item", "point") and not clause.child_count:
        # a numbered line with nothing under it is content: "2. Tỷ lệ … đạt 70%."
        return True
    if (
        clause.kind in HEADINGS
        and clause.kind != "bullet"
        and len(clause.body.strip()) < BARE_HEADING_CHARS
    ):
        return clause.child_count > 0
    return True


def announces_items(clause: StoredClause) -> bool:
    """Whether a clause's own words end by announcing the items under it ("… gồm có:",
    "… như sau:", "… sau đây:"): a colon closes it."""
    return clause.body.rstrip(" \t\r\n*_").endswith(":")


def children_of(
    search: ClauseSearch, clauses: Sequence[StoredClause]
) -> dict[str, list[StoredClause]]:
    """Sub-clauses of chosen clauses that are bare headings (their content is below) or
    lead-ins however long that announce their items ("2. Đối tượng giám sát: … gồm có:",
    "… các nhiệm vụ sau đây:"), and the items a lead-in paragraph leaves as its siblings
    ("… theo thứ tự ưu tiên sau đây:")."""
    found = {
        clause.clause_id: search.children(clause.clause_id)
        for clause in clauses
        if clause.target is None
        and clause.child_count
        and (len(clause.body.strip()) < BARE_HEADING_CHARS or announces_items(clause))
    }
    for clause in clauses:
        if clause.clause_id not in found:
            items = lead_in_items(search, clause)
            if items:
                found[clause.clause_id] = items
    return found


def lead_in_items(search: ClauseSearch, clause: StoredClause) -> list[StoredClause]:
    """The bullets right after a paragraph that ends with a colon ("Đối tượng … được lập
    theo thứ tự ưu tiên sau đây:"), which a copy often leaves as its siblings instead of
    its items; [] for any other clause."""
    if (
        clause.kind != "paragraph"
        or clause.child_count
        or not clause.parent_id
        or not clause.body.rstrip().endswith(":")
    ):
        return []
    items: list[StoredClause] = []
    for sibling in sorted(search.children(clause.parent_id), key=lambda c: c.start):
        if sibling.start <= clause.start:
            continue
        # dashes, or numbered items ("… các hình thức sau:" / "1. Giám sát trực tiếp …",
        # "2. Phối hợp …"), all of one kind
        kind = items[0].kind if items else sibling.kind
        if sibling.kind not in _LEAD_IN_KINDS or sibling.kind != kind:
            break
        if len(items) >= _MAX_LEAD_IN_ITEMS:
            break
        items.append(sibling)
    return items


_LEAD_IN_KINDS = ("bullet", "item", "section", "point")


_MAX_LEAD_IN_ITEMS = 20


def first_content(search: ClauseSearch, clause: StoredClause) -> StoredClause:
    """A bare heading's first sub-clause (what it says), else the clause itself."""
    if clause.child_count and len(clause.body.strip()) < BARE_HEADING_CHARS:
        children = search.children(clause.clause_id)
        if children:
            return children[0]
    return clause
