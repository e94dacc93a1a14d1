"""Attached details: "Chi tiết kế hoạch … được nêu ở đâu?", "QĐ … có những biểu số nào kèm
theo?" of a named plan is answered with its own line sending the reader there ("(Chi tiết
có các biểu số 01, 02, 03, 04, 05 kèm theo)."), quoted — never with a figure of the body."""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.answers import Answer
from retrieval.attached_details import asks_attached_details, detail_pointers
from retrieval.citations import CitationBuilder
from retrieval.query import Intent
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context

_SHOWN = 4


def answer(ctx: Context) -> Answer | None:
    """The named plans' lines pointing to what they attach; None when the question asks no
    such thing, names no plan, or the plan writes no such line."""
    scope = ctx.scope
    if not scope.named or not scope.doc_ids or not asks_attached_details(ctx.query.folded):
        return None
    found = [
        (clause, line)
        for doc in scope.doc_ids
        for clause in ctx.search.document_clauses(doc)
        for line in detail_pointers(clause.text)
    ]
    # a heading's text holds its paragraphs': the deepest clause writing the line is cited
    found = [
        (clause, line)
        for clause, line in found
        if not any(
            other.document_id == clause.document_id
            and other.path.startswith(f"{clause.path} ›")
            and other_line == line
            for other, other_line in found
        )
    ]
    if not found:
        return None
    return _answer(ctx, found)


def _answer(ctx: Context, found: Sequence[tuple[StoredClause, str]]) -> Answer:
    cite = CitationBuilder(ctx.documents)
    lines = []
    for clause, line in found[:_SHOWN]:
        n = cite.cite(clause, line)
        lines.append(f"{_where(ctx, clause)} ghi: “{line}” [{n}].")
    return Answer("\n".join(lines), False, Intent.DOCUMENT_FACTS.value, cite.citations)


_PART_CHARS = 60


def _where(ctx: Context, clause: StoredClause) -> str:
    """The plan and the part of it (its outermost heading, shortened) writing the line."""
    label = ctx.label(clause.document_id)
    part = clause.path.split("›")[0].strip()
    if not part:
        return label
    return f"{label}, {part if len(part) <= _PART_CHARS else part[:_PART_CHARS] + '…'}"
