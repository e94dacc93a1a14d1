"""A lead-in that says something itself before announcing its items (QĐ 986/QĐ-UBND Tuyên
Quang: "3. Thực hiện kế hoạch dạy học … 35 tuần thực học (học kỳ I có 18 tuần, học kỳ II có
17 tuần), cụ thể:" over the two terms' dates) is quoted first, then its items: the figures
it states stay in the answer that now lists the items too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from tests.conftest import ingested_runtime

TUYEN_QUANG = (
    Path(__file__).parent
    / "real_plans4"
    / "tuyen-quang-986-QD-UBND-2024-ke-hoach-thoi-gian-nam-hoc.txt"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("lead-in-home"), [TUYEN_QUANG]) as runtime:
        yield runtime.assistant()


def test_the_lead_in_figures_come_with_its_items(assistant: Assistant) -> None:
    answer = assistant.ask("Năm học 2024-2025 ở Tuyên Quang có bao nhiêu tuần thực học?")
    assert "35 tuần thực học" in answer.answer
    assert "học kỳ II có 17 tuần" in answer.answer
