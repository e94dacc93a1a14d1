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


_PROVINCIAL = ("tinh", "thanh pho")
_BELOW = {
    "tinh": ("thanh pho", "huyen", "quan", "thi xa", "xa", "phuong", "thi tran"),
    "thanh pho": ("huyen", "quan", "thi xa", "xa", "phuong", "thi tran"),
}


def _topic_of_a_plan(ctx: Context, place: str) -> bool:
    """Whether a loaded plan writes about this place as a place inside its own area or with
    no area of its own: a Party, Quốc hội or Government document ("tỉnh Gia Lai mới … đặt
    tại …"), or a province's plan naming one of its districts or communes ("Xây dựng mới
    Trạm y tế xã Nhơn Châu"). Then the place is the question's topic, not a plan to look
    for. One search, whatever the corpus size."""
    name = folded(place)
    level = next(
        (lv for lv in sorted(_BELOW["tinh"], key=len, reverse=True) if name.startswith(lv + " ")),
        None,
    )
    for hit in ctx.search.hybrid(place, limit=10):
        info = ctx.documents.get(hit.clause.document_id)
        if info is None or name not in folded(hit.clause.text):
            continue
        if not info.place_name:
            return True
        plan_level = folded(info.place_level or "")
        if plan_level in _PROVINCIAL and level in _BELOW[plan_level]:
            return True
    return False
