"""Missing appendix: an appendix the plan's ingested text lacks is said to be missing."""

from __future__ import annotations

from retrieval.assistant import Assistant
from retrieval.strategies import missing_appendix


def test_an_appendix_the_plan_lacks(assistant: Assistant) -> None:
    answer = missing_appendix.answer(
        assistant.context("Phụ lục 3 của kế hoạch 19/KH-UBND gồm những gì?")
    )
    assert answer is not None and answer.abstained and not answer.citations
    assert "không kèm nội dung Phụ lục 3" in answer.answer


def test_an_appendix_the_plan_carries_passes(assistant: Assistant) -> None:
    ctx = assistant.context("Phụ lục 1 của kế hoạch 19/KH-UBND gồm những gì?")
    assert missing_appendix.answer(ctx) is None


def test_no_plan_named_passes(assistant: Assistant) -> None:
    assert missing_appendix.answer(assistant.context("Phụ lục 2 gồm những gì?")) is None


def test_rows_labelled_with_the_appendix_number_carry_it(assistant: Assistant) -> None:
    # KH 19's second table (the documents to issue) has no "Phụ lục 2" heading of its own;
    # the parser labels its rows "Phụ lục 2 › …": the appendix is carried, not missing
    ctx = assistant.context(
        "Phụ lục 2 của KH 19 có văn bản nào về quy chế quản lý hệ thống thông tin?"
    )
    assert missing_appendix.answer(ctx) is None
