"""The search answer to a question asking for several things: the rows that name them, not
the title of the table they sit in, nor the first row alone (a real plan, KH 88 Thái Bình)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.query import understand

PLAN = Path(__file__).resolve().parents[1] / "plans" / "thai-binh-88-KH-UBND-2024.txt"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    from tests.conftest import ingested_runtime

    with ingested_runtime(tmp_path_factory.mktemp("tb88") / "home", [PLAN]) as runtime:
        yield runtime.assistant()


def test_a_long_which_question_asks_for_several_things() -> None:
    query = understand("KH 88 Thái Bình giao xây dựng những cơ sở dữ liệu chuyên ngành nào?")
    assert query.wants_items


def test_the_rows_that_name_what_is_asked_are_listed(assistant: Assistant) -> None:
    answer = assistant.ask("KH 88 Thái Bình giao xây dựng những cơ sở dữ liệu chuyên ngành nào?")
    assert not answer.abstained
    assert "tài nguyên nước" in answer.answer and "thủy lợi" in answer.answer
    # the appendix's title and its group headings are not the answer
    assert not answer.answer.startswith("Kế hoạch 88/KH-UBND (tỉnh Thái Bình, 2024), Phụ lục 1")
