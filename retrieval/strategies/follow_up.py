"""Follow-up: a turn that leans on the previous one. "Chỉ tiêu đó do ai chủ trì?" is
answered from the clauses the previous answer cited; "Còn xã Xuân Trường năm 2026?" is the
previous question asked of another plan; "Còn thời hạn?" keeps the previous intent."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from retrieval.answers import Answer
from retrieval.compose import abstain, answer_clauses
from retrieval.conversation import Conversation
from retrieval.follow_ups import (
    ASKS_WHERE,
    CONTINUES,
    EARLIEST,
    LATEST,
    POINTS_BACK,
    REFERS_BACK,
    WHO,
    by_deadline,
    inherited_intent,
)
from retrieval.item_swap import asked_of_another_item
from retrieval.query import Intent, understand
from retrieval.relevance import clause_words
from retrieval.scope import Scope
from retrieval.stored import StoredClause
from retrieval.strategies import compare
from retrieval.strategies.context import Context
from retrieval.topic_swap import asked_of_another_topic
from retrieval.unit_swap import asked_of_another_unit


def answer(ctx: Context) -> Answer | None:
    """The turn resolved against the conversation; None with no conversation to lean on,
    for a clause asked by number, or a turn that stands on its own."""
    conversation, scope = ctx.conversation, ctx.scope
    if conversation is None or ctx.query.clause_refs:
        return None
    if not (scope.from_conversation or (scope.named and conversation.turns)):
        return _about_previous_clauses(ctx, conversation) if not scope.named else None
    return _follow_up(ctx, conversation)


def _about_previous_clauses(ctx: Context, conversation: Conversation) -> Answer | None:
    """A turn naming no plan whose every topic word is in the clauses the previous answer
    cited ("Theo NQ 60, tỉnh Hà Giang hợp nhất với tỉnh nào?" → "Trung tâm chính trị - hành
    chính đặt ở đâu?"): answered from those clauses, not from a like clause of another
    item; None when they do not cover it, or the turn asks for a list."""
    if not conversation.clause_ids or ctx.query.wants_list:
        return None
    topic = ctx.topic(conversation.document_ids)
    if len(topic) < 2:
        return None
    clauses = ctx.search.by_ids(conversation.clause_ids)
    covering = [c for c in clauses if ctx.coverage(topic, c) >= _WHOLE]
    if not covering or len(covering) > _FEW_CLAUSES:
        return None
    children = ctx.children_of(covering)
    return answer_clauses(ctx.query, covering, ctx.documents, ctx.query.intent, children)


_WHOLE = 0.999  # every topic concept of the turn
_FEW_CLAUSES = 3


def _follow_up(ctx: Context, conversation: Conversation) -> Answer | None:
    """Resolve a turn that leans on the previous one; None when it stands on its own."""
    query, scope = ctx.query, ctx.scope
    topic = ctx.topic(scope.doc_ids)
    previous = conversation.last_question
    refers_back = bool(REFERS_BACK.search(query.folded)) or len(topic) <= 1
    swapped = (
        asked_of_another_unit(query.text, previous, ctx.units)
        if previous and CONTINUES.search(query.folded)
        else None
    )
    if swapped is not None and not scope.named:
        # "Còn Sở Tài chính?": the previous question, of that unit, in the same plans
        return ctx.answer_as(understand(swapped), scope)
    item = (
        asked_of_another_item(query.text, previous)
        if previous and CONTINUES.search(query.folded) and not scope.named
        else None
    )
    if item is not None:  # "Còn đợt 3 thì sao?": the previous question, of round 3
        return ctx.answer_as(understand(item), Scope(scope.doc_ids, named=True))
    topic_swapped = (
        asked_of_another_topic(query.text, previous)
        if previous
        and not scope.named
        and query.intent in (Intent.SEARCH, Intent.TARGET)
        and not ctx.units.find(query.text)
        else None
    )
    if topic_swapped is not None:
        # "Còn thu từ tài nguyên nước thì sao?": the previous question, of that topic; a
        # swap the plans do not answer gives way to the turn read with the previous one
        swapped_answer = ctx.answer_as(understand(topic_swapped), scope)
        if not swapped_answer.abstained:
            return replace(swapped_answer, asked_as=topic_swapped)
    if previous and not scope.named and CONTINUES.search(query.folded):
        before = set(ctx.units.find(previous))
        if any(key not in before for key in ctx.units.find(query.text)):
            # the previous unit written so it cannot be swapped out ("HĐND và UBND xã"):
            # the previous kind of question, of the unit this turn names
            inherited = inherited_intent(query, conversation)
            return ctx.answer_as(replace(query, intent=inherited), scope)
    if scope.from_conversation and refers_back and conversation.clause_ids:
        clauses = ctx.search.by_ids(conversation.clause_ids)
        if EARLIEST.search(query.folded) or LATEST.search(query.folded):
            return _pick_by_deadline(ctx, clauses, latest=bool(LATEST.search(query.folded)))
        # "chỉ tiêu đó do ai …": the clause referred to answers who, when and what to do
        fields = bool(POINTS_BACK.search(query.folded)) and (
            query.intent in (*WHO, Intent.DEADLINE, Intent.GUIDANCE)
            or bool(ASKS_WHERE.search(query.folded))
        )
        if clauses and (fields or _answers_from(ctx, topic, clauses)):
            intent = inherited_intent(query, conversation)
            return answer_clauses(query, clauses, ctx.documents, intent, ctx.children_of(clauses))
        if clauses and POINTS_BACK.search(query.folded):
            return abstain(  # "kinh phí cho chỉ tiêu đó": that clause does not say it
                query,
                clauses,
                ctx.documents,
                "Nội dung được hỏi không nêu thông tin này.",
            )
    if scope.named and previous and len(topic) <= 1 and CONTINUES.search(query.folded):
        # "Còn xã Xuân Trường năm 2026?": the previous question, about another plan
        earlier = understand(previous)
        if re.search(r"so voi|so sanh|khac", query.folded):
            docs = list(dict.fromkeys([*conversation.document_ids, *scope.doc_ids]))
            return compare.compare(ctx.asking(earlier), docs)
        return ctx.answer_as(earlier, Scope(scope.doc_ids, named=True))
    if scope.from_conversation:
        # "Phải hoàn tất trước ngày nào?" after "bước 4 do ai chủ trì?": every word of the
        # turn is in the clauses just cited, so one of them answers, not a like one elsewhere
        # (a turn naming a unit asks about that unit: "Còn Công an xã thì sao?")
        settled = None if ctx.units.find(query.text) else _about_previous_clauses(ctx, conversation)
        if settled is not None:
            return settled
        if previous and len(topic) <= 1 and query.intent is Intent.DEADLINE:
            # "Hạn hoàn tất là khi nào?" after "ai thẩm định … kinh phí?", the clauses cited
            # stating no time: the time of what the previous question asked about
            about = understand(f"{previous} {query.text}")
            return ctx.answer_as(replace(about, intent=Intent.DEADLINE), scope)
        inherited = inherited_intent(query, conversation)
        return ctx.answer_as(replace(query, intent=inherited), scope)
    return None


def _answers_from(ctx: Context, topic: list[str], clauses: Sequence[StoredClause]) -> bool:
    """Whether the previous clauses can answer this turn (its topic words are in them):
    "còn thời hạn?" has none of its own, "còn Trưởng các thôn?" names a new topic."""
    if not topic:
        return True
    text = " ".join(f"{c.path} {c.search_text}" for c in clauses)
    return ctx.weights.coverage(topic, clause_words(text)) >= 0.8


def _pick_by_deadline(ctx: Context, clauses: Sequence[StoredClause], latest: bool) -> Answer | None:
    """ "Trong đó chỉ tiêu nào có hạn sớm nhất?": the rows due first (or last)."""
    tied = by_deadline(clauses, latest)
    return answer_clauses(ctx.query, tied, ctx.documents, Intent.DEADLINE) if tied else None
