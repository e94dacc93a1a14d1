"""The unit a table's figures are written in, asked of a plan ("Phụ lục QĐ 518 tính kế
hoạch vốn theo đơn vị nào?"), is the table's own "ĐVT:" line (batch 12f: it was answered
with the table's total); and when it takes effect, from a last article that joins execution
and effect. Real plan: tests/real_plans4 (QĐ 518 Bình Định, two appendices)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

BINH_DINH = (
    Path(__file__).parent / "real_plans4" / "binh-dinh-518-QD-UBND-2023-ke-hoach-von-nam-2023.txt"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("measure"), [BINH_DINH]) as made:
        runtime: Runtime = made
        yield runtime.assistant()


def test_the_tables_unit_is_quoted_from_its_dvt_line(assistant: Assistant) -> None:
    answer = assistant.ask("Phụ lục QĐ 518 tính kế hoạch vốn theo đơn vị nào?")
    assert not answer.abstained
    assert "ĐVT: triệu đồng" in answer.answer
    assert {c.quote for c in answer.citations} == {"ĐVT: triệu đồng"}
    assert "50.000" not in answer.answer  # no figure of the table


def test_the_appendix_named_is_the_one_quoted(assistant: Assistant) -> None:
    answer = assistant.ask("Đơn vị tính của phụ lục 2 QĐ 518 là gì?")
    assert [c.path.split(" › ")[0] for c in answer.citations] == ["Phụ lục 2"]


def test_a_last_article_joining_execution_and_effect_dates_the_decision(
    assistant: Assistant,
) -> None:
    # QĐ 518's Điều 3: "… chịu trách nhiệm thi hành Quyết định này kể từ ngày ký./." (no
    # "có hiệu lực" sentence of its own)
    answer = assistant.ask("QD 518 Binh Dinh co hieu luc tu ngay nao?")
    assert not answer.abstained
    assert "thi hành Quyết định này kể từ ngày ký" in answer.answer
    assert "ngày 23 tháng 02 năm 2023" in answer.answer  # as NĐ 30/2020 writes a date
