"""Compare: one best clause per plan named; one named plan with a year is no comparison."""

from __future__ import annotations

from retrieval.assistant import Assistant
from retrieval.strategies import compare
from tests.strategies.conftest import NINH_BINH_19, THANH_PHO, TIEN_GIANG, XUAN_TRUONG, plans


def test_each_place_named_is_answered(assistant: Assistant) -> None:
    ctx = assistant.context("So sánh mục tiêu chuyển đổi số của Ninh Bình và Tiền Giang")
    answer = compare.answer(ctx)
    assert answer is not None and answer.intent == "compare"
    # Ninh Bình has two plans: the place named once is answered by one of them
    assert plans(answer) == {NINH_BINH_19, TIEN_GIANG}


def test_comparing_two_plans_given(assistant: Assistant) -> None:
    ctx = assistant.context("Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử")
    answer = compare.compare(ctx, [THANH_PHO, XUAN_TRUONG])
    assert answer.intent == "compare" and plans(answer) == {THANH_PHO, XUAN_TRUONG}
    assert "trên 50%" in answer.answer


def test_one_plan_compared_with_a_year_passes(assistant: Assistant) -> None:
    ctx = assistant.context("Tỷ lệ hồ sơ trực tuyến của Tiền Giang so với năm 2024?")
    assert ctx.scope.doc_ids == [TIEN_GIANG]
    assert compare.answer(ctx) is None


def test_a_question_comparing_nothing_passes(assistant: Assistant) -> None:
    assert compare.answer(assistant.context("Sở nào chủ trì chỉ tiêu 6.6?")) is None
