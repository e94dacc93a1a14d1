"""A supervision programme scheduled by session, answered end to end (a synthetic HĐND
programme in the shape of a real one: items under "a) Tại kỳ họp thứ Ba:", a report due "vào
kỳ họp giữa năm …", the adopting session in the closing line)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

PLAN = Path(__file__).parent / "session_plans" / "chuong-trinh-giam-sat-tong-hop.txt"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("sessions"), [PLAN]) as made:
        runtime: Runtime = made
        yield runtime.assistant()


def test_the_session_an_item_is_scheduled_at_is_its_heading(assistant: Assistant) -> None:
    answer = assistant.ask("Kỳ họp nào của HĐND tỉnh tổ chức lấy phiếu tín nhiệm?")
    assert not answer.abstained
    assert "kỳ họp thứ Tư" in answer.answer.split("\n")[0]


def test_the_session_a_report_is_due_at_is_read_from_its_words(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Thường trực HĐND báo cáo kết quả giám sát giữa hai kỳ họp trình HĐND vào kỳ họp nào?"
    )
    assert not answer.abstained
    assert "giữa năm 2032" in answer.answer.split("\n")[0]


def test_the_items_of_the_session_asked_answer(assistant: Assistant) -> None:
    answer = assistant.ask("Tai ky hop thu Ba, UBND tinh bao cao tinh hinh quan ly loai rung nao?")
    assert not answer.abstained
    assert "phòng hộ đầu nguồn" in answer.answer


def test_a_session_the_programme_lacks_is_declined(assistant: Assistant) -> None:
    answer = assistant.ask("Tại kỳ họp thứ Sáu, HĐND tỉnh giám sát những báo cáo nào?")
    assert answer.abstained
    assert "kỳ họp thứ Sáu" in answer.answer


def test_the_adopting_session_is_the_headers(assistant: Assistant) -> None:
    answer = assistant.ask("Nghị quyết chương trình giám sát được thông qua tại kỳ họp nào?")
    assert "KỲ HỌP THỨ HAI" in answer.answer
    assert "giữa năm" not in answer.answer.split("\n")[0]


def test_a_programme_of_another_year_is_declined(assistant: Assistant) -> None:
    answer = assistant.ask("Chương trình giám sát năm 2033 của HĐND tỉnh có những nội dung gì?")
    assert answer.abstained
