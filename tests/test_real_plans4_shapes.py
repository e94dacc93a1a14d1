"""The layouts the fourth real set (tests/real_plans4) showed unread, as general rules.

Invented texts of the same shapes: a plan table pasted as bare pipe rows (no pipe at either
end, header and cells hard-wrapped onto the next line); Roman group rows that carry their
subtotal and restart the numbering under them; an item column headed "Danh mục dự án/ Cơ
quan, đơn vị, địa phương thực hiện" whose group rows name the executing bodies; a header box
a copy put below the body (inside the appendix); a số ký hiệu in a question whose symbol holds
an abbreviation ("QĐ 12/QĐ-UBND"); a province's plan naming one of its communes.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from ingest.abbreviations import expand_abbreviations
from ingest.parser.columns import ColumnRole, classify_columns
from ingest.parser.plan import parse_plan
from retrieval.strategies.not_loaded import _topic_of_a_plan

BARE_TABLE = """QUYẾT ĐỊNH
Về việc phê duyệt kế hoạch lựa chọn nhà thầu dự án Nhà văn hóa tỉnh Quảng Thử
BỘ TRƯỞNG BỘ VĂN HÓA
Điều 1. Phê duyệt kế hoạch lựa chọn nhà thầu theo Phụ lục kèm theo Quyết định này.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Phụ lục
KẾ HOẠCH LỰA CHỌN NHÀ THẦU
BỘ VĂN HÓA
Số: 77/QĐ-BVH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Hà Nội, ngày 05 tháng 3 năm 2026
Nơi nhận:
- Lưu: VT. | KT. BỘ TRƯỞNG
Trần Văn Bình
STT | Tên gói thầu | Giá gói thầu (đồng) | Hình thức lựa chọn nhà thầu | Thời gian bắt đầu tổ
chức lựa chọn nhà thầu | Thời gian thực hiện gói
thầu
I | Phần công việc đã thực hiện | 90.000.000
1 | Khảo sát địa chất | 40.000.000 | Chỉ định thầu | Quý
I/2026 | 30 ngày
2 | Lập báo cáo | 50.000.000 | Chỉ định thầu | Quý I/2026 | 30 ngày
II | Phần công việc thuộc kế hoạch | 1.200.000.000
1 | Xây lắp nhà văn hóa | 1.200.000.000 | Đấu thầu rộng rãi trong nước (qua mạng) | Quý II/2026 | 180 ngày
"""

CAPITAL_PLAN = """ỦY BAN NHÂN DÂN TỈNH QUẢNG THỬ
Số: 12/QĐ-UBND
Quảng Thử, ngày 02 tháng 3 năm 2026
QUYẾT ĐỊNH
Về việc phân bổ kế hoạch vốn năm 2026
Điều 1. Phân bổ kế hoạch vốn năm 2026 (Chi tiết tại Phụ lục kèm theo).
PHỤ LỤC 01:
| STT | Danh mục dự án/ Cơ quan, đơn vị, địa phương thực hiện | Kế hoạch vốn năm 2026 | Ghi chú |
|---|---|---|---|
|  | TỔNG SỐ | 9.000 |  |
| I | SỞ Y TẾ | 5.000 |  |
| 1 | Trung tâm Y tế huyện Đông Sơn: Xây mới khoa Truyền nhiễm | 5.000 |  |
| II | HUYỆN ĐÔNG SƠN | 4.000 |  |
| 1 | Xây dựng mới Trạm y tế xã Đông Hòa | 2.500 |  |
| 2 | Cải tạo Trạm y tế xã Đông Hải | 1.500 |  |
"""


def _parsed(text: str) -> Any:
    return parse_plan(text, "doc", "doc.txt")


def test_a_bare_pipe_table_is_read_with_its_wrapped_header_and_cells() -> None:
    plan = _parsed(BARE_TABLE)
    rows = [c for c in plan.clauses if c.kind == "table_row"]
    assert [r.number for r in rows] == ["1", "2", "1"]
    first = next(t for t in plan.targets if t.content == "Khảo sát địa chất")
    headers = [cell.header for cell in first.cells]
    assert "Thời gian bắt đầu tổ chức lựa chọn nhà thầu" in headers
    assert "Thời gian thực hiện gói thầu" in headers
    wrapped = next(c for c in first.cells if c.text == "Quý I/2026")
    assert BARE_TABLE[wrapped.start : wrapped.end] == "Quý\nI/2026"  # the span stays verbatim
    assert next(c for c in first.cells if c.text == "30 ngày").header.startswith("Thời gian")


def test_roman_rows_with_a_subtotal_head_groups_and_the_numbering_restarts_under_them() -> None:
    plan = _parsed(BARE_TABLE)
    assert [c.number for c in plan.clauses if c.kind == "appendix"] == ["Phụ lục 1"]
    groups = [c for c in plan.clauses if c.kind == "table_group"]
    assert [(g.number, g.heading) for g in groups] == [
        ("I", "Phần công việc đã thực hiện"),
        ("II", "Phần công việc thuộc kế hoạch"),
    ]
    subtotal = next(t for t in plan.targets if t.number == "I")
    assert any(cell.text == "90.000.000" for cell in subtotal.cells)
    under = next(t for t in plan.targets if t.content == "Xây lắp nhà văn hóa")
    assert under.group == "Phần công việc thuộc kế hoạch"


def test_the_date_line_beside_a_number_placed_below_the_body_is_read() -> None:
    document = _parsed(BARE_TABLE).document
    assert document.number == "77/QĐ-BVH"
    assert document.issued_date == "2026-03-05"


def test_an_item_column_that_also_names_bodies_holds_the_items() -> None:
    roles = classify_columns(
        ("STT", "Danh mục dự án/ Cơ quan, đơn vị, địa phương thực hiện", "Kế hoạch vốn năm 2026"),
        [
            [],
            ["SỞ Y TẾ", "Trường THCS Đông Hòa: Nhà hiệu bộ", "Xây dựng mới Trạm y tế xã Đông Hòa"],
            [],
        ],
    )
    assert roles[1] is ColumnRole.CONTENT
    # a column of agencies under the same words stays the lead column
    roles = classify_columns(
        ("STT", "Nội dung/ Cơ quan thực hiện"), [[], ["Sở Y tế", "Sở Tài chính", "Công an tỉnh"]]
    )
    assert roles[1] is ColumnRole.LEAD


def test_group_rows_naming_bodies_are_the_executing_units_of_their_items() -> None:
    plan = _parsed(CAPITAL_PLAN)
    station = next(t for t in plan.targets if "Đông Hòa" in t.content)
    assert station.lead_units == ("Huyện Đông Sơn",)
    assert [v.period for v in station.values] == ["2026"]
    centre = next(t for t in plan.targets if "Truyền nhiễm" in t.content)
    assert centre.lead_units == ("Sở Y tế",)
    total = next(t for t in plan.targets if t.content == "TỔNG SỐ")
    assert total.lead_units == ()


def test_a_document_symbol_keeps_its_abbreviation_unexpanded() -> None:
    expanded = expand_abbreviations("QĐ 1544/QĐ-BLĐTBXH có hiệu lực khi nào?")
    assert "1544/QĐ-BLĐTBXH" in expanded
    assert expanded.startswith("QĐ (")  # the kind before the number is still spelled out
    assert "986/QĐ-UBND" in expand_abbreviations("Ai ký QĐ 986/QĐ-UBND?")


def _context(place_name: str | None, place_level: str | None, text: str) -> Any:
    clause = SimpleNamespace(document_id="d", text=text)
    info = SimpleNamespace(place_name=place_name, place_level=place_level)
    search = SimpleNamespace(hybrid=lambda query, limit: [SimpleNamespace(clause=clause)])
    return SimpleNamespace(search=search, documents={"d": info})


def test_a_commune_a_province_plan_writes_about_is_a_topic_not_a_missing_plan() -> None:
    text = "| 1 | Xây dựng mới Trạm y tế xã Đông Hòa | 2.500 |  |"
    assert _topic_of_a_plan(_context("Quảng Thử", "tỉnh", text), "xã Đông Hòa")
    # another province's plan is still missing, and a commune's plan does not cover its peers
    assert not _topic_of_a_plan(_context("Quảng Thử", "tỉnh", text), "tỉnh Đông Hòa")
    assert not _topic_of_a_plan(_context("Đông Sơn", "xã", text), "xã Đông Hòa")
    assert not _topic_of_a_plan(_context("Quảng Thử", "tỉnh", "Trạm y tế"), "xã Đông Hòa")
