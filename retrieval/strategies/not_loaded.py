"""Not loaded: a plan the question names that is only mentioned by the loaded plans ("Kế
hoạch 92/KH-UBND … do ai ký?"), or a place no loaded plan is about, is declined with that
reason rather than answered from another plan."""

from __future__ import annotations

from ingest.normalize_vi import folded
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
    unknown = [p for p in documents.unknown_places(query.text) if not _topic_of_a_plan(ctx, p)]
    if unknown and not documents.names_any(query.folded):
        return abstain(
            query,
            [],
            documents,
            f"Chưa có kế hoạch nào của {', '.join(unknown)} trong các văn bản đã nạp, "
            "nên không thể trả lời.",
        )
    return None


def _topic_of_a_plan(ctx: Context, place: str) -> bool:
    """Whether a loaded plan that governs no place (a Party, Quốc hội or Government
    document) writes about this place ("tỉnh Gia Lai mới … đặt tại …"): then the place is
    the question's topic, not a plan to look for. One search, whatever the corpus size."""
    name = folded(place)
    for hit in ctx.search.hybrid(place, limit=10):
        info = ctx.documents.get(hit.clause.document_id)
        if info is not None and not info.place_name and name in folded(hit.clause.text):
            return True
    return False
