"""A place the one plan named never names is declined with that reason (batch 12f: "Trạm y
tế xã Ân Hảo" of QĐ 518, which lists Ân Nghĩa and others but no Ân Hảo, was answered "Có
thể" with Ân Nghĩa's row). Real plan: tests/real_plans4 (QĐ 518 Bình Định)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.normalize_vi import folded
from retrieval.assistant import Assistant
from retrieval.runtime import Runtime
from retrieval.strategies.unnamed_place import _capitalised
from tests.conftest import ingested_runtime

BINH_DINH = (
    Path(__file__).parent / "real_plans4" / "binh-dinh-518-QD-UBND-2023-ke-hoach-von-nam-2023.txt"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("place"), [BINH_DINH]) as made:
        runtime: Runtime = made
        yield runtime.assistant()


def test_the_name_is_the_capitalised_words_after_the_level() -> None:
    assert _capitalised("Ân Hảo được bố") == "Ân Hảo"
    assert _capitalised("nào được") == ""


@pytest.mark.parametrize(
    "question",
    [
        "QĐ 518: Trạm y tế xã Ân Hảo được bố trí bao nhiêu vốn năm 2023?",
        "QD 518: tram y te xa An Hao duoc bo tri bao nhieu von?",
    ],
)
def test_a_commune_the_plan_never_names_is_declined(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.abstained
    assert "không nêu" in answer.answer and "an hao" in folded(answer.answer)
    assert "Ân Nghĩa" not in answer.answer.split("\n")[0]


def test_a_commune_the_plan_names_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask("QĐ 518: Trạm y tế xã Ân Nghĩa được bố trí bao nhiêu vốn năm 2023?")
    assert not answer.abstained and "2.000" in answer.answer
