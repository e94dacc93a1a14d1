"""Where a plan puts its details ("Chi tiết … được nêu ở đâu?", "có những biểu số nào kèm
theo?") is its own line pointing to the tables it attaches, quoted (batch 12o: it was
answered with a clause about debts). Real plan: tests/real_plans_12o (QĐ 2390 Lào Cai, whose
Điều 1 writes "(Chi tiết có các biểu số 01, 02, 03, 04, 05 kèm theo).")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.normalize_vi import folded
from retrieval.assistant import Assistant
from retrieval.attached_details import asks_attached_details, detail_pointers
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

LAO_CAI = (
    Path(__file__).parent
    / "real_plans_12o"
    / "lao-cai-2390-QD-UBND-2026-ke-hoach-dau-tu-cong-trung-han.txt"
)


@pytest.mark.parametrize(
    "question",
    [
        "Chi tiết kế hoạch đầu tư công trung hạn của tỉnh được nêu ở đâu?",
        "Quyết định 2390 có những biểu số nào kèm theo?",
        "QĐ 2390 kèm theo các phụ lục nào?",
    ],
)
def test_questions_asking_where_the_details_are(question: str) -> None:
    assert asks_attached_details(folded(question))


@pytest.mark.parametrize(
    "question",
    [
        "Chi tiết nhiệm vụ của Sở Tài chính là gì?",
        "Kế hoạch giao Sở Tài chính làm những việc gì kèm theo báo cáo?",
        "Phụ lục 01 gồm những chỉ tiêu nào?",
        "Chi tiết dự án cụm công nghiệp được xây dựng ở đâu?",
    ],
)
def test_other_questions_are_not_about_attachments(question: str) -> None:
    assert not asks_attached_details(folded(question))


def test_pointer_lines_are_read_as_written() -> None:
    text = (
        "1. Tổng kế hoạch: 57.157.900 triệu đồng.\n"
        "      (Chi tiết có các biểu số 01, 02, 03, 04, 05 kèm theo).\n"
        "Chi tiết tại Phụ lục đính kèm Kế hoạch này.\n"
        "Các sở lập biểu báo cáo kèm theo hồ sơ."
    )
    assert detail_pointers(text) == [
        "(Chi tiết có các biểu số 01, 02, 03, 04, 05 kèm theo).",
        "Chi tiết tại Phụ lục đính kèm Kế hoạch này.",
    ]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("attached"), [LAO_CAI]) as made:
        runtime: Runtime = made
        yield runtime.assistant()


def test_the_plans_own_pointer_line_answers(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Chi tiết kế hoạch đầu tư công trung hạn 2026-2030 của QĐ 2390 được nêu ở đâu?"
    )
    assert not answer.abstained
    # Điều 1 (the total) and Điều 2 (the allocation) each send the reader to the tables
    assert [c.quote for c in answer.citations] == [
        "(Chi tiết có các biểu số 01, 02, 03, 04, 05 kèm theo).",
        "(Chi tiết có Biểu số 01, 02, 03, 04, 05 kèm theo)",
    ]
    assert "57.157.900" not in answer.answer  # no figure of the body


def test_a_figure_asked_is_not_answered_with_the_pointer(assistant: Assistant) -> None:
    answer = assistant.ask("QĐ 2390 tổng kế hoạch đầu tư công trung hạn là bao nhiêu?")
    assert all("Chi tiết có các biểu số" not in c.quote for c in answer.citations)
