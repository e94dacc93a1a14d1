"""List by unit: every row naming the unit in the role asked."""

from __future__ import annotations

from retrieval.assistant import Assistant
from retrieval.strategies import list_by_unit
from tests.strategies.conftest import NINH_BINH_19, cited


def test_every_row_the_unit_leads(assistant: Assistant) -> None:
    answer = list_by_unit.answer(assistant.context("Công an tỉnh chủ trì những chỉ tiêu nào?"))
    assert answer is not None and answer.intent == "list_by_unit"
    assert answer.answer.startswith("Có 4 chỉ tiêu/nhiệm vụ ghi Công an tỉnh")
    assert {(NINH_BINH_19, n) for n in ("3.4", "5.1", "1", "9")} <= set(cited(answer))


def test_the_role_asked_is_honoured(assistant: Assistant) -> None:
    answer = list_by_unit.answer(assistant.context("VP UBND tỉnh theo dõi những chỉ tiêu nào?"))
    assert answer is not None
    numbers = {n for _, n in cited(answer)}
    assert {"6.3", "6.6", "6.7", "6.9"} <= numbers and "6.8" not in numbers


def test_a_question_naming_no_unit_passes(assistant: Assistant) -> None:
    ctx = assistant.context("Những nhiệm vụ nào phải hoàn thành trong tháng 10/2025?")
    assert list_by_unit.asks_for_list(ctx)
    assert list_by_unit.answer(ctx) is None


def test_a_unit_asked_about_without_a_list_passes(assistant: Assistant) -> None:
    assert list_by_unit.answer(assistant.context("Công an xã có nhiệm vụ gì?")) is None


def test_a_unit_never_named_in_the_role_asked_is_not_widened(assistant: Assistant) -> None:
    # KH 19 names Công an tỉnh as lead and monitor, and has co-operating units in its text,
    # never Công an tỉnh: the role is said absent, its other rows are only the closest
    answer = list_by_unit.answer(
        assistant.context("Công an tỉnh phối hợp những chỉ tiêu nào trong KH 19?")
    )
    assert answer is not None and answer.abstained
    first = answer.answer.splitlines()[0]
    assert "Công an tỉnh ở vai trò phối hợp" in first and "vai trò khác" in first
    assert {d for d, _ in cited(answer)} == {NINH_BINH_19}
