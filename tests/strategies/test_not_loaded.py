"""Not loaded: a plan only mentioned, or a place with no plan, is declined with the reason."""

from __future__ import annotations

from retrieval.assistant import Assistant
from retrieval.strategies import not_loaded
from tests.strategies.conftest import XUAN_TRUONG


def test_a_plan_only_mentioned_is_said_not_loaded(assistant: Assistant) -> None:
    answer = not_loaded.answer(assistant.context("Kế hoạch 92/KH-UBND 2026 do ai ký?"))
    assert answer is not None and answer.abstained
    assert answer.answer.startswith("Kế hoạch 92/KH-UBND chưa được nạp")
    # the closest offered is where the loaded plans mention it
    assert {c.document_id for c in answer.citations} == {XUAN_TRUONG}


def test_a_place_without_a_plan_is_named(assistant: Assistant) -> None:
    answer = not_loaded.answer(assistant.context("Kế hoạch của tỉnh Cà Mau có bao nhiêu chỉ tiêu?"))
    assert answer is not None and answer.abstained
    assert "tỉnh Cà Mau" in answer.answer and not answer.citations


def test_a_loaded_plan_passes(assistant: Assistant) -> None:
    assert not_loaded.answer(assistant.context("Kế hoạch 19/KH-UBND do ai ký?")) is None
    assert not_loaded.answer(assistant.context("Sở nào chủ trì chỉ tiêu 6.6?")) is None


def test_a_plan_the_caller_fixed_is_not_second_guessed(assistant: Assistant) -> None:
    ctx = assistant.context("Kế hoạch 92/KH-UBND 2026 do ai ký?", document=XUAN_TRUONG)
    assert ctx.scope.given
    assert not_loaded.answer(ctx) is None


def test_a_document_the_question_takes_as_its_source_is_said_not_loaded(
    assistant: Assistant,
) -> None:
    """ "Theo NQ 71/NQ-CP, …" asks what that resolution says; KH 19 only cites it."""
    answer = not_loaded.answer(
        assistant.context("Theo NQ 71/NQ-CP, chương trình hành động gồm bao nhiêu nhiệm vụ?")
    )
    assert answer is not None and answer.abstained
    assert answer.answer.startswith("Nghị quyết 71/NQ-CP chưa được nạp")
    # "Theo Kế hoạch 19, …" of a loaded plan passes
    assert not_loaded.answer(assistant.context("Theo Kế hoạch 19, dữ liệu phải làm gì?")) is None


def test_a_document_a_plan_carries_out_is_not_the_one_asked(assistant: Assistant) -> None:
    """ "Số hiệu kế hoạch … triển khai Chỉ thị 13/CT-TTg?" asks about the loaded plan that
    implements it (KH 09/KH-BTNMT in tests/real_plans_12h); "… theo KH của Bộ …" asks what a
    loaded plan named without a number says about the document."""
    implements = "Số hiệu kế hoạch triển khai Chỉ thị 13/CT-TTg về tín chỉ các-bon là gì?"
    assert not_loaded.answer(assistant.context(implements)) is None
    source = "NĐ 180/2026/NĐ-CP có hiệu lực thi hành từ ngày nào theo KH của Bộ NN&MT?"
    assert not_loaded.answer(assistant.context(source)) is None
    # the document itself asked about is still declined
    asked = not_loaded.answer(assistant.context("Chỉ thị 13/CT-TTg do ai ký?"))
    assert asked is not None and asked.abstained
