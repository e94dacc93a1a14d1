"""Follow-up: a turn answered from the previous answer's clauses or question."""

from __future__ import annotations

from retrieval.assistant import Assistant
from retrieval.conversation import Conversation
from retrieval.strategies import follow_up
from tests.strategies.conftest import NINH_BINH_19, THANH_PHO, XUAN_TRUONG, cited, plans


def _after(assistant: Assistant, question: str) -> Conversation:
    conversation = Conversation()
    assistant.ask(question, conversation=conversation)
    return conversation


def test_without_a_conversation_it_passes(assistant: Assistant) -> None:
    assert follow_up.answer(assistant.context("còn thời hạn thì sao?")) is None


def test_a_bare_turn_is_answered_from_the_clause_cited_before(assistant: Assistant) -> None:
    conversation = _after(assistant, "Sở nào chủ trì chỉ tiêu 6.6?")
    answer = follow_up.answer(assistant.context("còn thời hạn thì sao?", conversation))
    assert answer is not None and answer.intent == "deadline"
    assert cited(answer) == [(NINH_BINH_19, "6.6")]
    assert "Tháng 11/2025" in answer.answer.splitlines()[0]


def test_a_field_the_clause_lacks_is_said_missing(assistant: Assistant) -> None:
    conversation = _after(assistant, "Sở nào chủ trì chỉ tiêu 6.6?")
    answer = follow_up.answer(assistant.context("chỉ tiêu đó có kinh phí bao nhiêu?", conversation))
    assert answer is not None and answer.abstained
    assert "không nêu thông tin này" in answer.answer
    assert cited(answer) == [(NINH_BINH_19, "6.6")]


def test_the_earliest_of_the_rows_listed_before(assistant: Assistant) -> None:
    conversation = _after(assistant, "Công an tỉnh Ninh Bình chủ trì những chỉ tiêu nào?")
    listed = set(conversation.clause_ids)
    ctx = assistant.context("Trong đó chỉ tiêu nào có hạn sớm nhất?", conversation)
    answer = follow_up.answer(ctx)
    assert answer is not None and answer.intent == "deadline"
    assert {c.clause_id for c in answer.citations} <= listed
    assert cited(answer) == [(NINH_BINH_19, "6.8")]  # Tháng 10/2025, the earliest
    assert "Tháng 10/2025" in answer.answer


def test_the_previous_question_asked_of_another_plan(assistant: Assistant) -> None:
    conversation = _after(
        assistant, "Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử của thành phố?"
    )
    ctx = assistant.context("Còn xã Xuân Trường thì sao?", conversation)
    answer = follow_up.answer(ctx)
    assert answer is not None and not answer.abstained
    assert plans(answer) == {XUAN_TRUONG}
    assert "định danh điện tử" in answer.answer


def test_compared_with_another_plan(assistant: Assistant) -> None:
    conversation = _after(
        assistant, "Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử của thành phố?"
    )
    answer = follow_up.answer(assistant.context("So với xã Xuân Trường thì sao?", conversation))
    assert answer is not None and answer.intent == "compare"
    assert plans(answer) == {THANH_PHO, XUAN_TRUONG}
