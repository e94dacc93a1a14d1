"""Clause look-up: by number, by path (with the missing-path answer), points, shared numbers."""

from __future__ import annotations

from retrieval.assistant import Assistant
from retrieval.strategies import clause_lookup
from tests.strategies.conftest import NINH_BINH_19, THANH_PHO, XUAN_TRUONG, cited


def test_a_number_names_its_row(assistant: Assistant) -> None:
    answer = clause_lookup.answer(assistant.context("Sở nào chủ trì chỉ tiêu 6.6?"))
    assert answer is not None and not answer.abstained
    assert cited(answer) == [(NINH_BINH_19, "6.6")]
    assert "Sở Khoa học và Công nghệ" in answer.answer.splitlines()[0]


def test_a_path_picks_the_number_inside_it(assistant: Assistant) -> None:
    answer = clause_lookup.answer(assistant.context("Chỉ tiêu 3 mục IV phụ lục 01 thành phố?"))
    assert answer is not None and not answer.abstained
    assert cited(answer)[0] == (THANH_PHO, "3")
    assert "IV. Xã hội số" in answer.citations[0].path


def test_a_path_no_clause_lies_in_is_said_missing(assistant: Assistant) -> None:
    answer = clause_lookup.answer(assistant.context("Chỉ tiêu 9 mục IV phụ lục 01 thành phố?"))
    assert answer is not None and answer.abstained
    assert "không có mục IV chỉ tiêu 9" in answer.answer
    # the number elsewhere in the plan is offered as the closest
    assert [c.path for c in answer.citations] == ["Phụ lục 1 › II. Chính quyền số › 9"]


def test_a_role_the_table_lacks_is_said_absent(assistant: Assistant) -> None:
    answer = clause_lookup.answer(assistant.context("Ai trực tiếp chỉ đạo chỉ tiêu 6.6?"))
    assert answer is not None and answer.abstained
    assert "không có cột đơn vị trực tiếp chỉ đạo" in answer.answer
    assert cited(answer) == [(NINH_BINH_19, "6.6")]


def test_a_number_several_plans_share_is_asked_back(assistant: Assistant) -> None:
    answer = clause_lookup.answer(assistant.context("chỉ tiêu 2.1 là gì?"))
    assert answer is not None and answer.intent == "ambiguous"
    assert len({d for d, _ in cited(answer)}) >= 2


def test_the_scope_settles_a_shared_number(assistant: Assistant) -> None:
    ctx = assistant.context("chỉ tiêu 2.1 là gì?", document=XUAN_TRUONG)
    answer = clause_lookup.answer(ctx)
    assert answer is not None and answer.intent != "ambiguous"
    assert {d for d, _ in cited(answer)} == {XUAN_TRUONG}


def test_a_number_no_plan_has(assistant: Assistant) -> None:
    answer = clause_lookup.answer(assistant.context("chỉ tiêu 97.3 là gì?"))
    assert answer is not None and answer.abstained
    assert "Không tìm thấy mục/chỉ tiêu 97.3" in answer.answer


def test_no_number_passes(assistant: Assistant) -> None:
    assert clause_lookup.answer(assistant.context("Sở Tư pháp có nhiệm vụ gì?")) is None


def test_a_co_operating_role_the_table_lacks_is_said_absent(assistant: Assistant) -> None:
    # KH 19's table has a monitoring and a lead column, no co-operating one: the row's
    # other roles are the closest, never the answer
    question = (
        "Đơn vị phối hợp của chỉ tiêu 7.4 (thương mại điện tử) trong KH 19 là những đơn vị nào?"
    )
    answer = clause_lookup.answer(assistant.context(question))
    assert answer is not None and answer.abstained
    assert "không có cột đơn vị phối hợp" in answer.answer
    assert cited(answer) == [(NINH_BINH_19, "7.4")]


def test_a_co_operating_role_the_table_has_is_answered(assistant: Assistant) -> None:
    question = "chi tieu 5 muc I phu luc 01 tp noi gi, nhung don vi nao phoi hop?"
    answer = clause_lookup.answer(assistant.context(question))
    assert answer is not None and not answer.abstained
    assert "Công an thành phố" in answer.answer.splitlines()[0]


def test_a_section_of_the_appendix_is_not_the_body_section(assistant: Assistant) -> None:
    # "phụ lục" with no number: the section must lie in an appendix; KH 19's body has a
    # section III, its appendix none
    answer = clause_lookup.answer(
        assistant.context("Mục III phụ lục KH 19 gồm những nhiệm vụ nào?")
    )
    assert answer is not None and answer.abstained
    assert "không có mục III" in answer.answer
