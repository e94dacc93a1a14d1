"""A compare's side answer (the question asked of one plan alone) counts by its contract,
not by its opening words: one that says the plan does not give what is asked is a decline
(`Answer.abstained`) and no answer for that plan, while a real answer that happens to open
with "Các văn bản …" or "Các kế hoạch …" is kept."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from retrieval.answers import Answer, Citation
from retrieval.strategies import compare

DOC = "quang-thu-77-KH-UBND-2026"


def _side(found: Answer, monkeypatch: pytest.MonkeyPatch) -> Answer | None:
    monkeypatch.setattr(compare, "side_question", lambda *args: "câu hỏi cho một kế hoạch")
    ctx = SimpleNamespace(
        query=SimpleNamespace(text="so sánh"),
        documents=None,
        answer_as=lambda query, scope: found,
    )
    return compare._side_answer(ctx, DOC, ["other-plan"])  # type: ignore[arg-type]


def _cited(text: str, abstained: bool = False) -> Answer:
    citation = Citation(1, DOC, "Kế hoạch", "77/KH-UBND", None, "I", "q", 0, 1, "q", f"{DOC}#1")
    return Answer(text, abstained, "target", (citation,))


def test_a_real_answer_opening_with_cac_van_ban_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    found = _cited("Các văn bản hướng dẫn phải thể hiện rõ lịch trình [1].")
    assert _side(found, monkeypatch) is found


def test_a_real_answer_opening_with_cac_ke_hoach_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    found = _cited("Các kế hoạch đã nạp ghi 2 ngày khác nhau cho Chỉ thị 02/CT-TTg: [1]")
    assert _side(found, monkeypatch) is found


def test_an_answer_saying_the_plan_does_not_give_it_is_no_side(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """It cites its plan's row, but says only that the asked part is missing."""
    found = _cited("Văn bản không nêu đơn vị phối hợp — chủ trì: Sở Tài chính [1].", True)
    assert _side(found, monkeypatch) is None


def test_a_declined_side_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    found = Answer("Văn bản không nêu nội dung này.", True, "target")
    assert _side(found, monkeypatch) is None
