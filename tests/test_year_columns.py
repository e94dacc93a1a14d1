"""Figure tables with a two-row header: a cell spanning per-year / per-period / "Kế hoạch |
Thực hiện" sub-columns keeps every figure column with its full label and stage, the unit of
measure from the line above the table, and the total row; answers give the asked year's cell.
"""

from __future__ import annotations

from ingest.domain import TargetCell
from ingest.formats import extract_text
from ingest.parser.columns import measure_line
from ingest.parser.plan import parse_plan
from ingest.parser.units import split_units
from retrieval.periods import stage_cells
from retrieval.total_rows import asks_total

# QĐ 699's shape: the sub-header comes after the rule, one cell wider than the header row
_QUOTA = """\
PHỤ LỤC
PHÂN BỔ HẠN NGẠCH CHO NĂM 2025 VÀ NĂM 2026
*Đơn vị: tấn CO2 tương đương*
| STT | Tên cơ sở | Mã số thuế | Hạn ngạch phát thải |
| --- | --- | --- | --- |
|  |  |  | Năm 2025 | Năm 2026 |
| I | Các nhà máy nhiệt điện |
| 1 | Nhà máy A | 0101 | 1,035,566 | 1,134,493 |
| 2 | Nhà máy B | 0102 | 89 | 97 |
| II | Các cơ sở xi măng |  |
| 1 | Nhà máy C | 0103 | 2,000 | 2,100 |
|  | TỔNG HẠN NGẠCH | 1,037,655 | 1,136,690 |
"""

# three years under one "Kết quả" cell, the top row padded with empty cells
_THREE_YEARS = """\
PHỤ LỤC
CHỈ TIÊU CHUYỂN ĐỔI SỐ
Đơn vị tính: %
| STT | Chỉ tiêu | Kết quả |  |  | Ghi chú |
|  |  | Năm 2026 | Năm 2027 | Năm 2028 |  |
|---|---|---|---|---|---|
| 1 | Tỷ lệ hồ sơ trực tuyến | 80 | 90 | 100 |  |
| 2 | Tỷ lệ thanh toán số | 50 | 60 | 70 |  |
| | Tổng cộng | 130 | 150 | 170 | |
"""

# a period and a year, each split "Kế hoạch | Thực hiện"
_PLAN_DONE = """\
PHỤ LỤC
| TT | Nhiệm vụ | Giai đoạn 2026-2030 |  | Năm 2026 |  |
| --- | --- | --- | --- | --- | --- |
|  |  | Kế hoạch | Thực hiện | Kế hoạch | Thực hiện |
| 1 | Trồng rừng mới | 5.000 | 1.200 | 1.000 | 900 |
"""


def _values(target):
    return [(v.period, v.text) for v in target.values]


def test_quota_table_keeps_both_years_the_total_and_the_unit() -> None:
    plan = parse_plan(_QUOTA, "qd")
    rows = {t.content: t for t in plan.targets}
    a = rows["Nhà máy A"]
    assert _values(a) == [("2025", "1,035,566"), ("2026", "1,134,493")]
    assert [c.header for c in a.cells if c.role == "value"] == [
        "Hạn ngạch phát thải › Năm 2025",
        "Hạn ngạch phát thải › Năm 2026",
    ]
    assert a.measure_unit == "tấn CO2 tương đương"
    assert a.with_unit("1,134,493") == "1,134,493 tấn CO2 tương đương"
    total = rows["TỔNG HẠN NGẠCH"]
    assert _values(total) == [("2025", "1,037,655"), ("2026", "1,136,690")]
    # the total sums every group: it sits under the appendix, not the last group
    clause = plan.clause(total.clause_id)
    assert clause.path.count("›") == 1, clause.path
    for value in (*a.values, *total.values):  # offsets pin the verbatim figures
        assert _QUOTA[value.start : value.end] == value.text


def test_three_year_columns_under_a_padded_spanning_cell() -> None:
    plan = parse_plan(_THREE_YEARS, "ct")
    first, second, total = plan.targets
    assert _values(first) == [("2026", "80"), ("2027", "90"), ("2028", "100")]
    assert [c.header for c in first.cells if c.role == "value"][2] == "Kết quả › Năm 2028"
    assert first.measure_unit == "%"
    assert second.content == "Tỷ lệ thanh toán số"
    assert total.content == "Tổng cộng"
    assert _values(total) == [("2026", "130"), ("2027", "150"), ("2028", "170")]


def test_plan_and_done_columns_under_a_period_and_a_year() -> None:
    (row,) = parse_plan(_PLAN_DONE, "kh").targets
    labels = [(c.header, c.text) for c in row.cells if c.role == "value"]
    assert labels == [
        ("Giai đoạn 2026-2030 › Kế hoạch", "5.000"),
        ("Giai đoạn 2026-2030 › Thực hiện", "1.200"),
        ("Năm 2026 › Kế hoạch", "1.000"),
        ("Năm 2026 › Thực hiện", "900"),
    ]
    assert [v.period for v in row.values] == ["2026-2030", "2026-2030", "2026", "2026"]
    assert row.lead_units == ()  # "Thực hiện" under a stage is a figure, not a lead column


def test_group_row_with_a_year_is_no_sub_header() -> None:
    text = (
        "PHỤ LỤC\n| STT | Chỉ tiêu | ĐVT | Năm 2025 | Năm 2030 |\n|---|---|---|---|---|\n"
        "| | Năm 2025 | | | |\n| 1 | Kinh tế số | % | 20 | 30 |\n"
    )
    (row,) = parse_plan(text, "g").targets
    assert _values(row) == [("2025", "20"), ("2030", "30")]


def test_html_colspan_header_gives_full_labels() -> None:
    page = (
        "<html><body><p>KẾ HOẠCH</p><p>PHỤ LỤC</p><p>Đơn vị tính: ha</p><table>"
        "<tr><th rowspan='2'>STT</th><th rowspan='2'>Chỉ tiêu</th>"
        "<th colspan='2'>Giai đoạn 2026-2030</th><th rowspan='2'>Cơ quan chủ trì</th></tr>"
        "<tr><th>Năm 2026</th><th>Năm 2030</th></tr>"
        "<tr><td>1</td><td>Diện tích rừng trồng mới</td><td>1.000</td><td>5.000</td>"
        "<td>Sở Nông nghiệp và Môi trường</td></tr>"
        "</table></body></html>"
    ).encode()
    extracted = extract_text(page, ".html")
    (row,) = parse_plan(extracted.text, "h", blocks=extracted.blocks).targets
    labels = [(c.header, c.text) for c in row.cells if c.role == "value"]
    assert labels == [
        ("Giai đoạn 2026-2030 › Năm 2026", "1.000"),
        ("Giai đoạn 2026-2030 › Năm 2030", "5.000"),
    ]
    assert [v.period for v in row.values] == ["2026", "2030"]
    assert row.lead_units == ("Sở Nông nghiệp và Môi trường",)
    assert row.measure_unit == "ha"


def test_stage_cells_pick_the_year_asked() -> None:
    cells = [
        TargetCell("Hạn ngạch › Năm 2025", "value", "1,035,566", 0, 9),
        TargetCell("Hạn ngạch › Năm 2026", "value", "1,134,493", 10, 19),
    ]
    assert [c.text for c in stage_cells((2026, 2026), cells)] == ["1,134,493"]
    assert [c.text for c in stage_cells(None, cells)] == ["1,035,566", "1,134,493"]
    # a year no column has: every cell, the stage check upstream declines it
    assert len(stage_cells((2027, 2027), cells)) == 2


def test_measure_line_reads_unit_lines_not_agencies() -> None:
    assert measure_line("*Đơn vị: tấn CO2 tương đương*") == (
        "Đơn vị: tấn CO2 tương đương",
        "tấn CO2 tương đương",
    )
    assert measure_line("ĐVT: triệu đồng") == ("ĐVT: triệu đồng", "triệu đồng")
    assert measure_line("(Đơn vị tính: %)") == ("Đơn vị tính: %", "%")
    assert measure_line("Đơn vị: Sở Y tế") is None
    assert measure_line("Đơn vị chủ trì: Sở Y tế") is None


def test_asks_total() -> None:
    assert asks_total("tong han ngach phat thai nam 2026 la bao nhieu")
    assert asks_total("tong cong kinh phi cua ke hoach")
    assert not asks_total("ai tong ket thuc hien ke hoach")
    assert not asks_total("tong cuc thong ke phoi hop viec gi")
    assert not asks_total("tong muc dau tu cua du an x")


def test_split_units_on_commas_and_va_keeping_the_group_phrase() -> None:
    assert split_units("Cục BĐKH, Vụ HTQT, Vụ Pháp chế và các đơn vị có liên quan") == (
        "Cục BĐKH",
        "Vụ HTQT",
        "Vụ Pháp chế",
        "các đơn vị có liên quan",
    )
    assert split_units("Sở Y tế và Sở Giáo dục và Đào tạo") == ("Sở Y tế", "Sở Giáo dục và Đào tạo")
    assert split_units("Sở Tài chính và các cơ quan, đơn vị liên quan") == (
        "Sở Tài chính",
        "các cơ quan, đơn vị liên quan",
    )
    # one unit's name holding "và", and "các sở, ban, ngành", stay whole
    assert split_units("Văn phòng HĐND và UBND thành phố") == ("Văn phòng HĐND và UBND thành phố",)
    assert split_units("Bộ Khoa học và Công nghệ") == ("Bộ Khoa học và Công nghệ",)
    assert split_units("Các sở, ban, ngành và UBND các huyện") == (
        "Các sở, ban, ngành và UBND các huyện",
    )


def test_short_unnumbered_row_keeps_its_figure_left_when_the_last_columns_are_no_figures() -> None:
    text = (
        "PHỤ LỤC\n| STT | Chỉ tiêu | Kết quả | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|---|\n"
        "| 1 | Tỷ lệ hồ sơ | 80 | Sở Nội vụ | 2026 |\n| | Tỷ lệ thanh toán | 50 |\n"
    )
    rows = parse_plan(text, "s").targets
    assert [(c.header, c.text) for c in rows[-1].cells if c.text == "50"] == [("Kết quả", "50")]
