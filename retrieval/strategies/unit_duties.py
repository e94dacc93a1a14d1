"""Unit duties: "Sở Tư pháp có nhiệm vụ gì?" is answered by the clauses headed by that unit
("3. Sở Tư pháp: …"), then the table rows where it leads or co-operates."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.normalize_vi import folded
from retrieval.answers import Answer
from retrieval.clause_content import first_content
from retrieval.compose import answer_per_document, answer_unit_duties
from retrieval.query import Intent, understand
from retrieval.ranking import MAX_PER_DOCUMENT
from retrieval.roles import Role, rows_for_unit, unit_cells
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context
from retrieval.topic import is_unit_word
from retrieval.units import heads_unit


def answer(ctx: Context) -> Answer | None:
    """The unit's duties; None unless the question asks what a unit is to do."""
    if ctx.query.intent is not Intent.GUIDANCE:
        return None
    return _unit_duties(ctx)


def _unit_duties(ctx: Context) -> Answer | None:
    """ "Sở Tư pháp có nhiệm vụ gì?": the clauses headed by that unit, then the rows where
    it leads or co-operates; None when no clause is headed by it, or the question asks
    about something more specific than the unit's tasks."""
    query, scope, documents = ctx.query, ctx.scope, ctx.documents
    unit_keys = ctx.units.find(query.text)
    if not unit_keys or query.clause_refs:
        return None
    asked = query
    if scope.doc_ids:  # "… trong kế hoạch Đề án 06": the plan's name (or the name of the
        # plan the conversation is about, in a turn asked again of another unit)
        asked = understand(documents.without_naming(query.text, scope.doc_ids))
    topic = ctx.library.topic_words(asked, scope.doc_ids)
    named = _title_words(ctx, scope.doc_ids)  # "… trong KH CĐS 2026": the plan's title
    if any(not is_unit_word(w, unit_keys) and w not in named for w in topic):
        return None
    doc_ids = scope.doc_ids or list(documents.documents)
    headed: dict[str, list[StoredClause]] = {}
    found = sorted(ctx.search.headings_naming(scope.doc_ids, unit_keys), key=lambda c: c.start)
    for doc_id in doc_ids:  # in the order of the plans, each in document order
        for clause in found:
            if clause.document_id == doc_id and heads_unit(clause, unit_keys):
                headed.setdefault(doc_id, []).append(clause)
    if not headed:
        return None
    if len(headed) > 1 and not scope.named:
        first = [first_content(ctx.search, clauses[0]) for clauses in headed.values()]
        ambiguous = answer_per_document(
            query,
            first[:MAX_PER_DOCUMENT],
            documents,
            f"Nội dung này có trong {len(first)} kế hoạch; bạn hỏi kế hoạch nào? "
            "Nhiệm vụ theo từng kế hoạch:",
        )
        return replace(ambiguous, intent="ambiguous")
    chosen = [c for clauses in headed.values() for c in clauses]
    roles_of: dict[str, list[str]] = {}
    rows: list[StoredClause] = []
    for row in rows_for_unit(ctx.search, list(headed), unit_keys):
        roles = unit_cells(row, unit_keys, [Role.LEAD, Role.COOPERATING])
        if roles:
            rows.append(row)
            roles_of[row.clause_id] = roles
    name = ", ".join(ctx.units.display_name(k) for k in unit_keys)
    return answer_unit_duties(
        query, chosen, ctx.children_of(chosen), rows, roles_of, documents, name, ctx.rows
    )


# a kind's short form naming the plan ("KH CĐS", "QĐ 254")
_KIND_SHORT = frozenset(["kh", "qd", "nq", "ct", "da"])


def _title_words(ctx: Context, doc_ids: list[str]) -> set[str]:
    """Accent-free words of the titles and kinds of the plans in scope."""
    words = set(_KIND_SHORT)
    for info in filter(None, map(ctx.documents.get, doc_ids)):
        words.update(re.findall(r"[a-z0-9]+", folded(f"{info.kind or ''} {info.title}")))
    return words
