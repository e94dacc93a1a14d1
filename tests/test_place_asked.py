"""A question asking where ("họp ở đâu", "tổ chức tại đâu") is answered by the clause that
names the place, not by a caption repeating the subject (NQ 60-NQ/TW, tests/real_plans2)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from tests.conftest import ingested_runtime

NQ_60 = Path(__file__).parent / "real_plans2" / "tw-dang-60-NQ-TW-2025-hoi-nghi-11.txt"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("place"), [NQ_60]) as made:
        yield made.assistant()


def test_where_the_plenum_met_is_the_sentence_naming_the_place(assistant: Assistant) -> None:
    answer = assistant.ask("Theo NQ 60, Hội nghị Trung ương lần thứ 11 khóa XIII tổ chức tại đâu?")
    assert not answer.abstained
    assert "tại Thủ đô Hà Nội" in answer.citations[0].quote
