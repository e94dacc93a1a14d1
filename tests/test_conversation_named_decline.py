"""A declined turn that named its plan still moves the conversation to that plan: "Hạn
ngạch năm 2026 … theo QĐ 699?" declined, "Còn năm 2028 thì sao?" is about QĐ 699, not
about every plan loaded. A declined turn naming no plan keeps the previous context."""

from __future__ import annotations

from retrieval.answers import Answer
from retrieval.conversation import Conversation

_DECLINED = Answer("Các kế hoạch đã nạp không nêu thông tin này.", True, "deadline")


def _answered(conversation: Conversation) -> None:
    conversation.document_ids = ["kh-19"]
    conversation.clause_ids = ["kh-19:6.6"]
    conversation.intent = "who_lead"


def test_a_declined_turn_naming_its_plan_moves_the_conversation_there() -> None:
    conversation = Conversation()
    _answered(conversation)
    conversation.record("Hạn ngạch năm 2026 theo QĐ 699?", _DECLINED, ["qd-699"], named=True)
    assert conversation.document_ids == ["qd-699"]
    assert conversation.clause_ids == []  # the other plan's clauses answer nothing here
    assert conversation.intent == "who_lead" and conversation.last_question is not None


def test_a_declined_turn_naming_the_same_plan_keeps_its_clauses() -> None:
    conversation = Conversation()
    _answered(conversation)
    conversation.record("KH 19: chỉ tiêu 6.6 năm 2030?", _DECLINED, ["kh-19"], named=True)
    assert conversation.clause_ids == ["kh-19:6.6"]


def test_a_declined_turn_naming_no_plan_keeps_the_previous_context() -> None:
    conversation = Conversation()
    _answered(conversation)
    conversation.record("Có bao nhiêu xã đạt chuẩn?", _DECLINED, ["kh-19", "kh-20"])
    assert conversation.document_ids == ["kh-19"] and conversation.clause_ids == ["kh-19:6.6"]
