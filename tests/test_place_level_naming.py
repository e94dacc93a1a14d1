"""A plan known only by its level ("Phụ lục 01 … thành phố", no place name) is named by
that word alone, not by the level word of another place's full name ("UBND TP Cần Thơ"):
there the question is about Cần Thơ's plan only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.query import understand
from tests.conftest import ingested_runtime

ROOT = Path(__file__).parent.parent
LEVEL_ONLY = ROOT / "corpus" / "thanh-pho-phu-luc-01-chuyen-doi-so-2023.txt"
CAN_THO = ROOT / "tests" / "real_plans" / "can-tho-165-KH-UBND-2025.txt"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("level"), [LEVEL_ONLY, CAN_THO]) as made:
        yield made.assistant()


def test_the_level_word_of_a_named_city_names_that_city_only(assistant: Assistant) -> None:
    resolve = assistant.documents.resolve
    assert resolve(understand("KH 165 của UBND TP Cần Thơ do ai ký?").folded) == [
        "can-tho-165-KH-UBND-2025"
    ]
    assert resolve(understand("Phụ lục 01 của thành phố gồm những gì?").folded) == [
        "thanh-pho-phu-luc-01-chuyen-doi-so-2023"
    ]


def test_where_the_city_plan_was_sent_for_report(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Kế hoạch 165 của UBND thành phố Cần Thơ được gửi để báo cáo tới cơ quan nào?"
    )
    assert not answer.abstained
    assert "Bộ Y tế (để b/c)" in answer.answer
    assert "Sở, ban ngành TP" not in answer.answer  # not sent for report
    assert "Phụ lục 01" not in answer.answer
