"""Duties of a plan written as steps (issue 12, real set 3: UBND TP Hồ Chí Minh QĐ 3210/2014).

A step states its acting unit after a condition ("Trên cơ sở đề nghị của UBND quận, huyện,
Sở Xây dựng chủ trì …", "Sau khi UBND Thành phố phê duyệt …, Sở Tài chính lập …") and its
deadline in the paragraph after it ("Thời gian hoàn tất: trước ngày 30 tháng 9 năm 2014.");
city-level names keep their capitalised level word ("Hội Cựu chiến binh Thành phố",
"Thành Đoàn"). Invented text, the shapes of the real plan.
"""

from __future__ import annotations

import pytest

from ingest.domain import DeadlineKind, ParsedPlan, Target
from ingest.parser.plan import parse_plan

STEPS = """ỦY BAN NHÂN DÂN TỈNH QUẢNG THỬ
Số: 52/KH-UBND
Quảng Thử, ngày 02 tháng 3 năm 2026
KẾ HOẠCH
Hỗ trợ nhà ở cho hộ nghèo năm 2026
I. NỘI DUNG THỰC HIỆN
1. Trình tự thực hiện
1.1. Bước 1: Lập danh sách hộ được hỗ trợ.
Trên cơ sở đề nghị của Ủy ban nhân dân các xã, phường, Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Sở Tài chính tổng hợp danh sách hộ được hỗ trợ.
Thời gian hoàn tất: trước ngày 30 tháng 4 năm 2026.
1.2. Bước 2: Bố trí kinh phí.
Sau khi Ủy ban nhân dân tỉnh phê duyệt danh sách, Sở Tài chính lập thủ tục bố trí kinh phí.
Thời gian hoàn tất: trước ngày 31 tháng 5 năm 2026.
II. TỔ CHỨC THỰC HIỆN
1. Đối với các tổ chức khác
Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố, Hội Cựu chiến binh Thành phố, Thành Đoàn phát động các cuộc vận động hỗ trợ hộ nghèo.
"""


@pytest.fixture(scope="module")
def plan() -> ParsedPlan:
    return parse_plan(STEPS, "quang-thu-52", "quang-thu-52.txt")


def _row(plan: ParsedPlan, words: str) -> Target:
    found = [t for t in plan.targets if t.source == "body" and t.content.startswith(words)]
    assert len(found) == 1, [t.content for t in plan.targets]
    return found[0]


def test_the_unit_after_a_lead_in_condition_acts(plan: ParsedPlan) -> None:
    row = _row(plan, "Trên cơ sở đề nghị")
    assert row.lead_units == ("Sở Nông nghiệp và Môi trường",)
    assert row.cooperating_units == ("Sở Tài chính",)


def test_after_sau_khi_the_unit_that_follows_the_comma_leads(plan: ParsedPlan) -> None:
    assert _row(plan, "Sau khi Ủy ban nhân dân tỉnh").lead_units == ("Sở Tài chính",)


def test_the_deadline_paragraph_after_a_step_is_its_deadline(plan: ParsedPlan) -> None:
    first = _row(plan, "Trên cơ sở đề nghị").deadline
    second = _row(plan, "Sau khi Ủy ban nhân dân tỉnh").deadline
    assert first is not None and first.kind is DeadlineKind.DATE
    assert (first.year, first.month, first.day) == (2026, 4, 30)
    assert second is not None and (second.month, second.day) == (5, 31)


def test_the_deadline_cell_quotes_the_source(plan: ParsedPlan) -> None:
    row = _row(plan, "Trên cơ sở đề nghị")
    cell = next(c for c in row.cells if c.role == "deadline")
    assert STEPS[cell.start : cell.end] == cell.text == "trước ngày 30 tháng 4 năm 2026"


def test_city_level_names_keep_their_capitalised_level_word(plan: ParsedPlan) -> None:
    assert _row(plan, "Đề nghị Ủy ban Mặt trận").lead_units == (
        "Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố",
        "Hội Cựu chiến binh Thành phố",
        "Thành Đoàn",
    )


def test_a_point_numbered_with_its_item_is_a_point() -> None:
    from ingest.domain import ClauseKind
    from ingest.parser.markers import read_marker

    marker = read_marker("2.1.a. Thành lập Ban Chỉ đạo thực hiện hỗ trợ nhà ở")
    assert marker is not None and marker.kind is ClauseKind.POINT and marker.number == "a"
    assert marker.rest == "Thành lập Ban Chỉ đạo thực hiện hỗ trợ nhà ở"
    item = read_marker("2.1. Bước 1:")
    assert item is not None and item.kind is ClauseKind.ITEM and item.number == "2.1"


def test_the_bullets_under_a_numbered_point_are_its_children() -> None:
    text = STEPS.replace(
        "1.2. Bước 2: Bố trí kinh phí.",
        "1.2. Bước 2: Yêu cầu về nhà ở:\n1.2.a. Nhà ở phải bảo đảm:\n- diện tích tối thiểu 30m2;\n"
        "- tuổi thọ từ 10 năm trở lên.\n1.2.b. Bố trí kinh phí.",
    )
    plan = parse_plan(text, "quang-thu-52", "quang-thu-52.txt")
    point = next(c for c in plan.clauses if c.id.endswith("1.2/a"))
    assert len(point.children) == 2


def test_a_header_laid_out_as_a_table_gives_no_task_row() -> None:
    text = (
        "| ỦY BAN NHÂN DÂN TỈNH QUẢNG THỬ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "|---|---|\n"
        "| Số: 41/QĐ-UBND | Quảng Thử, ngày 05 tháng 3 năm 2026 |\n\n" + STEPS.split("\n", 4)[4]
    )
    plan = parse_plan(text, "quang-thu-41", "quang-thu-41.txt")
    assert plan.document.number == "41/QĐ-UBND"
    assert not [t for t in plan.targets if t.source == "table"]
