"""Questions on the two real plans of tests/real_plans (Cần Thơ KH 165, Quốc hội resolution):
a recurring report date, the partners of a unit that acts, a plan named by its title."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from tests.conftest import ingested_runtime

REAL_PLANS = Path(__file__).resolve().parents[1] / "real_plans"
CAN_THO = "can-tho-165-KH-UBND-2025"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("real-home"), [REAL_PLANS]) as runtime:
        yield runtime.assistant()


def test_a_recurring_report_is_a_time_stated(assistant: Assistant) -> None:
    # "định kỳ tổng hợp, báo cáo …" answers "khi nào": said, not "không ghi thời hạn"
    answer = assistant.ask("Sở Y tế báo cáo UBND thành phố kết quả thực hiện KH 165 khi nào?")
    assert not answer.abstained
    first = answer.answer.splitlines()[0]
    assert "định kỳ" in first and "không ghi thời hạn" not in first


def test_the_partners_of_a_unit_that_acts(assistant: Assistant) -> None:
    # "… chủ động phối hợp với Sở Y tế …" (heading 5) has Sở Y tế as the partner of others;
    # Sở Y tế's own point c names its partner, Sở Tư pháp
    answer = assistant.ask(
        "Sở Y tế phối hợp với sở nào để phổ biến chủ trương, chính sách về công tác dân số?"
    )
    assert not answer.abstained
    assert "Sở Tư pháp" in answer.answer.splitlines()[0]
    assert answer.citations[0].document_id == CAN_THO


def test_words_naming_the_plan_by_its_title_are_not_the_topic(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Chỉ số giá tiêu dùng CPI bình quân tăng khoảng bao nhiêu theo Nghị quyết bổ sung "
        "kế hoạch 2025?"
    )
    assert not answer.abstained
    assert "4,5 - 5%" in answer.answer
