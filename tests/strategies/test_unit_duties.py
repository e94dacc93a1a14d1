"""Unit duties: the clauses headed by the unit, then its rows; a narrower question passes."""

from __future__ import annotations

from retrieval.assistant import Assistant
from retrieval.strategies import unit_duties
from tests.strategies.conftest import XUAN_TRUONG, plans


def test_the_clauses_headed_by_the_unit(assistant: Assistant) -> None:
    answer = unit_duties.answer(assistant.context("Công an xã Xuân Trường có nhiệm vụ gì?"))
    assert answer is not None and answer.intent == "guidance" and not answer.abstained
    assert plans(answer) == {XUAN_TRUONG}
    first = answer.citations[0]
    assert first.path.endswith("V. TỔ CHỨC THỰC HIỆN › 6. Công an xã")
    assert "Đề án 06" in answer.answer  # the first duty under the heading


def test_a_question_about_something_narrower_passes(assistant: Assistant) -> None:
    ctx = assistant.context("Công an xã Xuân Trường có nhiệm vụ gì về định danh điện tử?")
    assert unit_duties.answer(ctx) is None


def test_a_question_not_asking_duties_passes(assistant: Assistant) -> None:
    ctx = assistant.context("Công an xã Xuân Trường chủ trì chỉ tiêu nào?")
    assert unit_duties.answer(ctx) is None
