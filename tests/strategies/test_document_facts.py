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


def test_a_basis_the_header_does_not_give_is_read_from_the_basis_lines(
    assistant: Assistant,
) -> None:
    """ "căn cứ nghị quyết nào của Bộ Chính trị?" of a plan whose header lists no basis: the
    plan's own basis lines of that kind and issuer answer, each document once (not the
    Government resolution that cites the Politburo's, nor a task line citing it again)."""
    question = "Kế hoạch 19 căn cứ nghị quyết nào của Bộ Chính trị về chuyển đổi số quốc gia?"
    context = assistant.context(question)
    assert context.documents.get(NINH_BINH_19).based_on == ()  # type: ignore[union-attr]
    answer = document_facts.answer(context)
    assert answer is not None and not answer.abstained
    assert "57-NQ/TW" in answer.answer and "71/NQ-CP" not in answer.answer
    assert len(answer.citations) == 1
    # a question naming no kind of document still goes to the search
    assert document_facts.answer(assistant.context("Kế hoạch 19 căn cứ vào đâu?")) is None


def test_a_basis_of_a_kind_no_line_has_is_searched_in_the_text(assistant: Assistant) -> None:
    context = assistant.context("Kế hoạch 19 căn cứ chỉ thị nào của Thủ tướng?")
    assert document_facts.answer(context) is None


def test_where_a_plan_was_sent_is_its_noi_nhan_list(assistant: Assistant) -> None:
    answer = assistant.ask("Kế hoạch CĐS xã Xuân Trường được gửi tới những cơ quan nào?")
    assert not answer.abstained
    assert "UBND tỉnh" in answer.answer and "Sở Khoa học và Công nghệ" in answer.answer
    assert "Lưu" not in answer.answer
    assert {c.clause_id for c in answer.citations} == {"xa-xuan-truong-chuyen-doi-so-2026:sig"}


def test_a_day_left_blank_is_said_not_given(assistant: Assistant) -> None:
    answer = assistant.ask("Kế hoạch CĐS xã Xuân Trường được ký ban hành vào ngày nào?")
    assert answer.abstained
    assert "để trống ngày" in answer.answer and "tháng 4 năm 2026" in answer.answer


def test_a_basis_of_a_kind_and_issuer_is_read_from_the_basis_lines(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Kế hoạch 19 Ninh Bình được xây dựng dựa trên nghị quyết nào của HĐND tỉnh?"
    )
    assert not answer.abstained
    assert "03/NQ-HĐND" in answer.answer and "57-NQ/TW" not in answer.answer


def test_a_document_picked_by_the_day_it_was_signed(assistant: Assistant) -> None:
    """ "Văn bản ký ngày 31/7/2025 do ai ký?" names no plan but its date: the plans signed
    that day answer; a day no loaded plan was signed on is said so, not every plan's signer."""
    answer = document_facts.answer(assistant.context("Văn bản ký ngày 31/7/2025 do ai ký?"))
    assert answer is not None and not answer.abstained
    assert plans(answer) == {NINH_BINH_19} and "Hà Lan Anh" in answer.answer
    by_day = document_facts.answer(assistant.context("Văn bản ký ngày 5 do ai ký?"))
    assert by_day is not None and plans(by_day) == {TIEN_GIANG}
    none = document_facts.answer(assistant.context("Văn bản ký ngày 17 do ai ký?"))
    assert none is not None and none.abstained and "ngày 17" in none.answer
    assert not none.citations


def test_which_of_two_plans_was_issued_first(assistant: Assistant) -> None:
    answer = document_facts.answer(
        assistant.context("Kế hoạch 19 và Kế hoạch 466, văn bản nào được ký trước?")
    )
    assert answer is not None and not answer.abstained
    first = answer.answer.splitlines()[0]
    assert first.startswith("Văn bản ban hành trước: Kế hoạch 466/KH-UBND")
    assert "05/12/2024" in first
    assert plans(answer) == {NINH_BINH_19, TIEN_GIANG}
