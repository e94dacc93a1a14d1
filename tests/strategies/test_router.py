"""The router: strategies tried in one order, the first that answers wins, search last."""

from __future__ import annotations

from retrieval.assistant import STRATEGIES, Assistant, route
from retrieval.conversation import Conversation
from retrieval.strategies import (
    cited_document,
    clause_lookup,
    document_facts,
    follow_up,
    not_loaded,
    search_answer,
)
from tests.strategies.conftest import NINH_BINH_19


def test_the_order_puts_declining_first_and_search_is_not_in_the_list() -> None:
    # a cited document's date, quoted from the plan that cites it, before the decline of a
    # document only mentioned (which it would otherwise be)
    assert STRATEGIES[:2] == (cited_document.answer, not_loaded.answer)
    assert STRATEGIES.index(document_facts.answer) < STRATEGIES.index(follow_up.answer)
    assert STRATEGIES.index(follow_up.answer) < STRATEGIES.index(clause_lookup.answer)
    assert search_answer.answer not in STRATEGIES  # the fallback, always answers


def test_a_plan_only_mentioned_is_declined_before_its_facts_are_read(
    assistant: Assistant,
) -> None:
    # both strategies apply; the earlier one wins
    ctx = assistant.context("Kế hoạch 92/KH-UBND 2026 do ai ký?")
    assert not_loaded.answer(ctx) is not None and document_facts.answer(ctx) is not None
    answer = route(ctx)
    assert answer.abstained and "92/KH-UBND chưa được nạp" in answer.answer


def test_a_facts_question_in_a_conversation_is_answered_from_the_facts(
    assistant: Assistant,
) -> None:
    conversation = Conversation()
    assistant.ask("Sở nào chủ trì chỉ tiêu 6.6?", conversation=conversation)
    ctx = assistant.context("Kế hoạch này do ai ký?", conversation)
    assert ctx.scope.from_conversation and ctx.scope.doc_ids == [NINH_BINH_19]
    answer = route(ctx)
    assert answer.intent == "document_facts" and not answer.abstained
    assert "Hà Lan Anh" in answer.answer


def test_a_question_no_strategy_claims_goes_to_search(assistant: Assistant) -> None:
    ctx = assistant.context("Giá vé máy bay đi Paris là bao nhiêu?")
    assert all(strategy(ctx) is None for strategy in STRATEGIES)
    assert route(ctx).abstained
