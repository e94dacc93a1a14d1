"""Document facts: who signed a plan, when and by whom it was issued, its số hiệu ("Kế
hoạch 19 do ai ký?"), read from its preamble and signature block."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from retrieval.answers import Answer
from retrieval.compose import answer_document_facts
from retrieval.narrowing import FEW, MANY, narrowed, plans_latest_first
from retrieval.query import Intent, MetaField
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context


def answer(ctx: Context) -> Answer | None:
    """The facts of the plans in scope (else the conversation's, else every plan's); None
    when the question does not ask for a plan's facts."""
    if ctx.query.intent is not Intent.DOCUMENT_FACTS:
        return None
    conversation = ctx.conversation
    ids = ctx.scope.doc_ids or (list(conversation.document_ids) if conversation else [])
    if not ids and len(ctx.documents.documents) > MANY:
        return _which_plan(ctx)  # a country's plans: never every plan's facts
    ids = ids or list(ctx.documents.documents)
    infos = [info for info in (ctx.documents.get(d) for d in ids) if info is not None]
    if ctx.query.meta_fields == (MetaField.BASED_ON,) and not any(i.based_on for i in infos):
        return None  # the header gave no basis: the plan's own "Căn cứ …" lines are searched
    clauses_by_doc = {info.id: _document_clauses(ctx, info.id) for info in infos}
    return answer_document_facts(ctx.query, infos, clauses_by_doc, ctx.documents)


def _which_plan(ctx: Context) -> Answer:
    """No plan named among many: the count grouped by level and place, the facts of the
    few latest plans, and a request to name the plan."""
    doc_ids = list(ctx.documents.documents)
    few = [ctx.documents.get(d) for d in plans_latest_first(doc_ids, ctx.documents)[:FEW]]
    infos = [info for info in few if info is not None]
    clauses_by_doc = {info.id: _document_clauses(ctx, info.id) for info in infos}
    facts = answer_document_facts(ctx.query, infos, clauses_by_doc, ctx.documents)
    rows = [f"- {line}" for line in facts.answer.split("\n") if line.strip()]
    examples = replace(facts, answer="\n".join(["", *rows]), abstained=False)
    return narrowed(examples, sorted(doc_ids), ctx.documents, "thông tin này", ctx.query.text)


def _document_clauses(ctx: Context, document_id: str) -> Sequence[StoredClause]:
    """The plan's clauses, its preamble and signature first, then in document order
    (fetched from the facts store a page at a time, as they are read)."""
    return ctx.library.structure.fact_clauses(document_id)
