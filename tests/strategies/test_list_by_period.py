"""List by period: every row due in the month or quarter asked."""

from __future__ import annotations

from retrieval.answers import Answer
from retrieval.assistant import Assistant
from retrieval.strategies import list_by_period


def _deadlines(assistant: Assistant, answer: Answer) -> list[tuple[int | None, ...]]:
    rows = assistant.search.by_ids([c.clause_id for c in answer.citations])
    return [
        (r.target.deadline.year, r.target.deadline.quarter, r.target.deadline.month)
        for r in rows
        if r.target is not None and r.target.deadline is not None
    ]


def test_the_rows_due_in_a_month(assistant: Assistant) -> None:
    ctx = assistant.context("Những nhiệm vụ nào phải hoàn thành trong tháng 10/2025?")
    answer = list_by_period.answer(ctx)
    assert answer is not None and answer.intent == "list_by_period"
    deadlines = _deadlines(assistant, answer)
    assert answer.answer.startswith(f"Có {len(deadlines)} chỉ tiêu/nhiệm vụ")
    assert deadlines and all(d == (2025, None, 10) for d in deadlines)


def test_the_rows_due_in_a_quarter(assistant: Assistant) -> None:
    ctx = assistant.context("Những chỉ tiêu nào hoàn thành trong quý IV/2025?")
    answer = list_by_period.answer(ctx)
    assert answer is not None and "quý 4/2025" in answer.answer.splitlines()[0]
    deadlines = _deadlines(assistant, answer)
    assert deadlines and all(
        year == 2025 and (quarter == 4 or (month or 0) >= 10) for year, quarter, month in deadlines
    )


def test_a_period_nothing_is_due_in_passes(assistant: Assistant) -> None:
    assert list_by_period.answer(assistant.context("Những nhiệm vụ nào hạn tháng 1/2031?")) is None


def test_a_list_naming_a_unit_is_the_units(assistant: Assistant) -> None:
    ctx = assistant.context("Công an tỉnh chủ trì những nhiệm vụ nào hạn tháng 10/2025?")
    assert ctx.query.period is not None
    assert list_by_period.answer(ctx) is None
