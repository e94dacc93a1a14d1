"""A year written beside one plan of several named does not drop a plan named by its number
(batch 12f: "Người ký KH 19 Ninh Bình, kế hoạch thí điểm … 2022 và KH CĐS xã Xuân Trường
2026 là ai?" answered only Xuân Trường, then declined for Ninh Bình). The bundled plans."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PLANS = [
    CORPUS / "ninh-binh-19-KH-UBND-2025.txt",
    CORPUS / "ninh-binh-thi-diem-chinh-quyen-so-cap-so-2022.txt",
    CORPUS / "xa-xuan-truong-chuyen-doi-so-2026.txt",
]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("years"), PLANS) as made:
        runtime: Runtime = made
        yield runtime.assistant()


def test_each_plan_named_keeps_its_place_beside_anothers_year(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Người ký KH 19 Ninh Bình, kế hoạch thí điểm chính quyền số cấp sở 2022 và KH CĐS "
        "xã Xuân Trường 2026 là ai?"
    )
    assert not answer.abstained
    for signer in ("Hà Lan Anh", "Tổng Quang Thìn", "Phạm Ngọc Vinh"):
        assert signer in answer.answer


def test_a_year_still_chooses_among_plans_of_one_place(assistant: Assistant) -> None:
    ctx = assistant.context("Kế hoạch chuyển đổi số của Ninh Bình năm 2025 do ai ký?")
    assert ctx.scope.doc_ids == ["ninh-binh-19-KH-UBND-2025"]
