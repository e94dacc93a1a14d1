"""A task of the real commune plan KH 16/KH-MTTQ-BTT (tests/real_plans5) is followed by its
own labelled lines ("- Thời gian hoàn thành: …", "- Đơn vị phối hợp: …", "- Kết quả: …"),
which the parser reads into the task's row: a question whose words those lines carry is
answered by the row and cited as the task (2.1), not as its line; the product asked ("Sản
phẩm của …", "Kết quả của nhiệm vụ … là gì?") is the row's "Kết quả" cell, shown too when
each of two plans is offered. On the real file, then on an invented plan of that shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.asked_columns import column_asked
from retrieval.assistant import Assistant
from retrieval.query import understand
from tests.conftest import ingested_runtime

FOLDER = Path(__file__).resolve().parent / "real_plans5"
KH16 = FOLDER / "luong-minh-16-KH-MTTQ-BTT-2025-cong-tac-bau-cu.htm"

# Invented for these tests: a ward plan whose tasks carry labelled lines.
VARIANT = """\
ỦY BAN NHÂN DÂN PHƯỜNG AN BÌNH
Số: 27/KH-UBND
An Bình, ngày 05 tháng 01 năm 2026

KẾ HOẠCH
Tổ chức Ngày hội đọc sách phường An Bình năm 2026

I. NỘI DUNG THỰC HIỆN

1. Chuẩn bị gian trưng bày sách và không gian đọc cho thiếu nhi tại Nhà văn hóa phường.

- Thời gian hoàn thành: Tháng 3/2026;

- Đơn vị chủ trì: Phòng Văn hóa - Xã hội phường;

- Đơn vị phối hợp: Đoàn Thanh niên phường, Hội Liên hiệp Phụ nữ phường;

- Kết quả: Danh mục sách trưng bày, sơ đồ gian hàng.

2. Tổng kết Ngày hội đọc sách.

- Thời gian hoàn thành: Tháng 5/2026;

- Đơn vị chủ trì: Văn phòng HĐND và UBND phường;

- Kết quả: Báo cáo tổng kết, đề xuất khen thưởng.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    plans = tmp_path_factory.mktemp("row-plans")
    variant = plans / "an-binh-27-KH-UBND-2026-ngay-hoi-doc-sach.txt"
    variant.write_text(VARIANT, encoding="utf-8")
    with ingested_runtime(tmp_path_factory.mktemp("row-home"), [KH16, variant]) as runtime:
        yield runtime.assistant()


def test_the_result_of_a_task_asks_its_product() -> None:
    for asked in (
        "Kết quả của nhiệm vụ tổng kết công tác bầu cử là gì?",
        "Sản phẩm của việc chuẩn bị 3 hội nghị hiệp thương là gì?",
    ):
        column = column_asked(understand(asked).folded)
        assert column is not None and column.role == "product"
    assert column_asked(understand("Kết quả tiếp công dân được báo cáo cho ai?").folded) is None


@pytest.mark.parametrize(
    ("question", "clause", "facts"),
    [
        (
            "Đơn vị nào phối hợp chuẩn bị và tổ chức 3 hội nghị hiệp thương ở xã Lương Minh?",
            "2.1",
            ["Trưởng đoàn thể xã", "Chuyên viên cơ quan MTTQ xã"],
        ),
        (
            "Đơn vị nào phối hợp chuẩn bị gian trưng bày sách cho thiếu nhi ở phường An Bình?",
            "1",
            ["Đoàn Thanh niên phường", "Hội Liên hiệp Phụ nữ phường"],
        ),
        (
            "Sản phẩm của việc chuẩn bị gian trưng bày sách ở phường An Bình là gì?",
            "1",
            ["Danh mục sách trưng bày"],
        ),
    ],
)
def test_a_labelled_line_found_answers_with_its_task_row(
    assistant: Assistant, question: str, clause: str, facts: list[str]
) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained
    assert answer.citations[0].clause == clause
    for fact in facts:
        assert fact in answer.answer


def test_each_plan_offered_shows_the_product_asked(assistant: Assistant) -> None:
    # both plans hold a "tổng kết" task: each is offered, with the product asked
    answer = assistant.ask("Kết quả của nhiệm vụ tổng kết là gì?")
    assert "Báo cáo tổng kết, quyết toán kinh phí" in answer.answer
    assert "Báo cáo tổng kết, đề xuất khen thưởng" in answer.answer
