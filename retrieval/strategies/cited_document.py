"""Cited document: a date, number or amendment of a document a named plan rests on ("QĐ 254
căn cứ Luật Bảo vệ bí mật nhà nước ban hành ngày nào?"), answered with the plan's basis
line that names it, as written — never with the plan's own date or number. A document
asked as the plan's basis that no basis line names is said not to be cited."""

from __future__ import annotations

from dataclasses import replace

from retrieval.answers import Answer
from retrieval.citations import CitationBuilder
from retrieval.cited_documents import OwnPlan, best_cited, cited_asked, cited_documents
from retrieval.compose import abstain
from retrieval.query import Intent
from retrieval.strategies.context import Context


def answer(ctx: Context) -> Answer | None:
    """The mention of the cited document the question names, from the basis lines of the
    plans it names; None when it names no plan or asks no such fact."""
    if not ctx.scope.named or not ctx.scope.doc_ids:
        return None
    infos = [info for info in map(ctx.documents.get, ctx.scope.doc_ids) if info is not None]
    own = [OwnPlan(info.number, info.kind, info.title) for info in infos]
    asked = cited_asked(ctx.query.folded, own)
    if asked is None:
        return None
    cited = [
        document
        for info in infos
        for document in cited_documents(ctx.library.structure.fact_clauses(info.id))
    ]
    found = best_cited(cited, asked)
    if found is None:
        if not any(named.as_basis for named in asked.named) or not cited:
            return None
        labels = ", ".join(info.label for info in infos)
        reason = (
            f"Phần căn cứ của {labels} không nêu văn bản được hỏi, nên không trả lời "
            "được ngày hay số hiệu của văn bản đó."
        )
        closest = list(dict.fromkeys(document.clause for document in cited))[:3]
        declined = abstain(ctx.query, closest, ctx.documents, reason)
        return replace(declined, intent=Intent.DOCUMENT_FACTS.value)
    cite = CitationBuilder(ctx.documents)
    n = cite.cite(found.clause, found.mention)
    label = ctx.library.label(found.clause.document_id)
    text = f"{label} nêu ở phần căn cứ: “{found.mention}” [{n}]."
    # read from the plan's opening lines, as the plan's other facts are
    return Answer(text, False, Intent.DOCUMENT_FACTS.value, cite.citations)
