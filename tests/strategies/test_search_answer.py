"""The search answer: the covering clause, a per-plan choice, or an abstention."""

from __future__ import annotations

from retrieval.assistant import Assistant
from retrieval.strategies import search_answer
from tests.strategies.conftest import NINH_BINH_19, THANH_PHO, XUAN_TRUONG, cited, plans


def test_a_topic_two_plans_state_is_asked_back(assistant: Assistant) -> None:
    ctx = assistant.context("Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử?")
    answer = search_answer.answer(ctx)
    assert answer.intent == "ambiguous" and plans(answer) == {THANH_PHO, XUAN_TRUONG}
    assert answer.candidates  # the ranked clauses behind the choice


def test_the_plan_named_settles_it(assistant: Assistant) -> None:
    ctx = assistant.context(
        "Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử của thành phố?"
    )
    answer = search_answer.answer(ctx)
    assert not answer.abstained and cited(answer)[0] == (THANH_PHO, "3")
    assert "trên 50%" in answer.answer


def test_nothing_covering_abstains_with_candidates(assistant: Assistant) -> None:
    answer = search_answer.answer(assistant.context("Giá vé máy bay đi Paris là bao nhiêu?"))
    assert answer.abstained and "không nêu thông tin này" in answer.answer
    assert answer.candidates


def test_a_directing_role_the_table_lacks_is_said_absent(assistant: Assistant) -> None:
    """ "Ai trực tiếp chỉ đạo …" found by topic, not by number, in a plan whose table has no
    directing column: declined with that reason and the row as the closest — never answered
    with the row's other roles."""
    ctx = assistant.context("Ai trực tiếp chỉ đạo chỉ tiêu phủ sóng 5G của Ninh Bình?")
    answer = search_answer.answer(ctx)
    assert answer.abstained and "không có cột đơn vị trực tiếp chỉ đạo" in answer.answer
    assert plans(answer) == {NINH_BINH_19}
