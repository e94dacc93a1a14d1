"""Document facts: signer, date, số hiệu, read from the plan's preamble and signature."""

from __future__ import annotations

from retrieval.assistant import Assistant
from retrieval.strategies import document_facts
from tests.strategies.conftest import NINH_BINH_19, TIEN_GIANG, plans


def test_the_signer_of_a_named_plan(assistant: Assistant) -> None:
    answer = document_facts.answer(assistant.context("Kế hoạch 19/KH-UBND do ai ký?"))
    assert answer is not None and not answer.abstained
    assert answer.intent == "document_facts"
    assert "Hà Lan Anh" in answer.answer and plans(answer) == {NINH_BINH_19}


def test_the_date_of_issue(assistant: Assistant) -> None:
    answer = document_facts.answer(assistant.context("Kế hoạch 466 ban hành ngày nào?"))
    assert answer is not None and "05 tháng 12 năm 2024" in answer.answer
    assert plans(answer) == {TIEN_GIANG}


def test_a_question_about_content_passes(assistant: Assistant) -> None:
    assert document_facts.answer(assistant.context("Sở nào chủ trì chỉ tiêu 6.6?")) is None


def test_a_basis_the_header_does_not_give_is_searched_in_the_text(assistant: Assistant) -> None:
    """ "căn cứ nghị quyết nào?" of a plan whose header lists no basis: the strategy passes,
    so the plan's own "Căn cứ …" lines are searched instead of answering "not stated"."""
    question = "Kế hoạch 19 căn cứ nghị quyết nào của Bộ Chính trị về chuyển đổi số quốc gia?"
    context = assistant.context(question)
    assert context.documents.get(NINH_BINH_19).based_on == ()  # type: ignore[union-attr]
    assert document_facts.answer(context) is None
    answer = assistant.ask(question)
    assert not answer.abstained and "57-NQ/TW" in answer.answer
