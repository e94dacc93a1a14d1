"""A province named as the topic of a national document (NQ 60-NQ/TW on merging provinces,
tests/real_plans2) is no plan to look for; a place no loaded document writes about still is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.strategies import not_loaded
from tests.conftest import ingested_runtime

REAL_PLANS2 = Path(__file__).resolve().parents[1] / "real_plans2"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("real2-home"), [REAL_PLANS2]) as runtime:
        yield runtime.assistant()


def test_a_place_a_national_document_writes_about_is_the_topic(assistant: Assistant) -> None:
    question = "Trung tam chinh tri - hanh chinh cua tinh Gia Lai moi dat o dau?"
    assert not_loaded.answer(assistant.context(question)) is None


def test_a_place_no_document_writes_about_is_still_declined(assistant: Assistant) -> None:
    answer = not_loaded.answer(assistant.context("Kế hoạch chuyển đổi số của xã Văn Bàn năm 2026?"))
    assert answer is not None and answer.abstained and "Văn Bàn" in answer.answer
