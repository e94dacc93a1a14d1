"""Missing appendix: "Phụ lục 1 của kế hoạch … gồm gì?" about a plan whose Phụ lục 1 was
not ingested (or is only a title without rows) is declined with that reason, not answered
from the plan's body."""

from __future__ import annotations

from retrieval.answers import Answer
from retrieval.appendices import appendix_asked
from retrieval.compose import abstain
from retrieval.strategies.context import Context


def answer(ctx: Context) -> Answer | None:
    """The abstention; None unless a named plan is asked about an appendix it lacks."""
    return _missing_appendix(ctx)


def _missing_appendix(ctx: Context) -> Answer | None:
    """ "Phụ lục 1 của kế hoạch … gồm gì?" about a plan whose Phụ lục 1 was not
    ingested (or is a title without rows): say so instead of answering from the body."""
    query, scope = ctx.query, ctx.scope
    number = appendix_asked(query.folded)
    if number is None or not scope.named or not scope.doc_ids:
        return None
    if ctx.library.structure.carries_appendix(scope.doc_ids, number):
        return None
    return abstain(
        query,
        [],
        ctx.documents,
        f"Văn bản đã nạp không kèm nội dung Phụ lục {number} nên không thể trả lời.",
    )
