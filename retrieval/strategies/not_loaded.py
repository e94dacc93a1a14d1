"""Not loaded: a plan the question names that is only mentioned by the loaded plans ("Kế
hoạch 92/KH-UBND … do ai ký?"), or a place no loaded plan is about, is declined with that
reason rather than answered from another plan."""

from __future__ import annotations

from retrieval.answers import Answer
from retrieval.compose import abstain
from retrieval.constraint_check import unloaded_document
from retrieval.strategies.context import Context


def answer(ctx: Context) -> Answer | None:
    """The abstention naming what is not loaded; None when every plan asked about is."""
    query, documents = ctx.query, ctx.documents
    unloaded = None if ctx.scope.given else unloaded_document(ctx.reading, documents, ctx.search)
    if unloaded is not None:
        return abstain(query, unloaded.mentions, documents, unloaded.reason)
    unknown = documents.unknown_places(query.text)
    if unknown and not documents.names_any(query.folded):
        return abstain(
            query,
            [],
            documents,
            f"Chưa có kế hoạch nào của {', '.join(unknown)} trong các văn bản đã nạp, "
            "nên không thể trả lời.",
        )
    return None
