"""The plan parser on the facts officials ask about, and on layouts the corpus does not have."""

from __future__ import annotations

from ingest.domain import ClauseKind, DeadlineKind
from ingest.parser.columns import ColumnRole, classify_header
from ingest.parser.deadlines import parse_deadline
from ingest.parser.markers import read_marker
from ingest.parser.plan import parse_plan
from ingest.parser.units import split_units, unit_key
from tests.golden_plans import CORPUS, parse_corpus_file


def _plan(name: str):
    return parse_corpus_file(CORPUS / f"{name}.txt")


def test_target_6_6_of_19_kh_ubnd_has_every_role_deadline_and_note() -> None:
    plan = _plan("ninh-binh-19-KH-UBND-2025")
    row = next(t for t in plan.targets if t.number == "6.6")
    clause = plan.clause(row.clause_id)
    assert clause.path == "Phụ lục 1 › 6. Về Chính quyền số › 6.6"
    assert row.content == "Tỉ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt tối thiểu 80%"
    assert row.monitoring_units == ("Văn phòng UBND tỉnh",)
    assert row.lead_units == (
        "Sở Khoa học và Công nghệ",
        "các sở, ban, ngành",
        "UBND các xã, phường",
    )
    assert row.deadline is not None and row.deadline.raw == "Tháng 11/2025"
    assert (row.deadline.kind, row.deadline.month, row.deadline.year) == (
        DeadlineKind.MONTH,
        11,
        2025,
    )
    assert row.note is not None and row.note.startswith("Sở KHCN chủ trì, chủ động")


def test_19_kh_ubnd_appendix_two_is_found_from_restarting_numbering() -> None:
    plan = _plan("ninh-binh-19-KH-UBND-2025")
    appendices = [c for c in plan.clauses if c.kind is ClauseKind.APPENDIX]
    assert [a.number for a in appendices] == ["Phụ lục 1", "Phụ lục 2"]
    rows_in_2 = [t for t in plan.targets if t.clause_id.split(":")[1].startswith("pl2/")]
    assert [t.number for t in rows_in_2] == [str(n) for n in range(1, 10)]
    assert len([t for t in plan.targets if t.source == "table"]) == 56


def test_19_kh_ubnd_header_block_repeated_twice_is_stored_once() -> None:
    plan = _plan("ninh-binh-19-KH-UBND-2025")
    source = plan.source_text
    second_copy = source.index("ỦY BAN NHÂN DÂN |", source.index("ỦY BAN NHÂN DÂN |") + 1)
    assert not any(
        c.start <= second_copy < c.body_end for c in plan.clauses if c.kind is not ClauseKind.PART
    )
    assert plan.document.number == "19/KH-UBND"
    assert plan.document.signer == "Hà Lan Anh"
    assert plan.document.issued_date == "2025-07-31"
    assert len(plan.document.replaces) == 3


def test_tab_table_with_two_row_header_repeated_at_page_breaks() -> None:
    plan = _plan("thanh-pho-phu-luc-01-chuyen-doi-so-2023")
    assert len([t for t in plan.targets if t.source == "table"]) == 31
    groups = [c for c in plan.clauses if c.kind is ClauseKind.TABLE_GROUP]
    assert [g.number for g in groups] == ["I", "II", "III", "IV", "V"]
    row = next(t for t in plan.targets if t.clause_id.endswith(":pl1/IV/5"))
    assert row.monitoring_units == ("Trưởng phòng Tài chính - Kế hoạch",)
    assert row.lead_units == ("Chi nhánh các ngân hàng thương mại trên địa bàn thành phố",)
    assert "UBND các phường, xã" in row.cooperating_units
    assert row.deadline is not None and (row.deadline.month, row.deadline.year) == (6, 2023)


def test_hard_wrapped_headings_and_points_are_joined() -> None:
    plan = _plan("tien-giang-466-KH-UBND-2025")
    section = next(c for c in plan.clauses if c.id.endswith(":III/1"))
    assert section.heading == (
        "Tăng cường công tác lãnh đạo, chỉ đạo, điều hành; "
        "kiểm tra, giám sát hoạt động chuyển đổi số"
    )
    point = next(c for c in plan.clauses if c.id.endswith(":III/1/a"))
    assert point.body.startswith("a) Tăng cường công tác lãnh đạo chỉ đạo việc thực\nhiện")
    assert plan.document.number == "466/KH-UBND"
    assert plan.document.issued_date == "2024-12-05"
    assert plan.document.signer == "Nguyễn Thành Diệu"


def test_incomplete_header_fields_stay_unknown() -> None:
    plan = _plan("xa-xuan-truong-chuyen-doi-so-2026")
    assert plan.document.number is None  # "Số: /KH-UBND"
    assert plan.document.issued_date == "2026-04"  # "ngày tháng 4 năm 2026"
    assert plan.document.place is not None and plan.document.place.name == "Xuân Trường"


MARKDOWN_PLAN = """KẾ HOẠCH
Chuyển đổi số huyện Mẫu Sơn năm 2027

I. MỤC TIÊU
1. Chỉ tiêu
- Phủ sóng 5G đạt 90% dân số.

PHỤ LỤC 1
| TT | Thời hạn | Cơ quan phối hợp | Nhiệm vụ | Cơ quan chủ trì |
|---|---|---|---|---|
| 1 | Quý II/2027 | Sở Tài chính; Công an huyện | Xây dựng kho dữ liệu dùng chung | Phòng Văn hóa và Thông tin |
| 2 | 31/12/2027 | Các xã, thị trấn | Số hóa hồ sơ hộ tịch | Phòng Tư pháp |
"""


def test_markdown_table_with_columns_in_another_order() -> None:
    plan = parse_plan(MARKDOWN_PLAN, "mau-son")
    assert [t.number for t in plan.targets] == ["1", "2"]
    first, second = plan.targets
    assert first.content == "Xây dựng kho dữ liệu dùng chung"
    assert first.lead_units == ("Phòng Văn hóa và Thông tin",)
    assert first.cooperating_units == ("Sở Tài chính", "Công an huyện")
    assert first.deadline is not None and (first.deadline.kind, first.deadline.quarter) == (
        DeadlineKind.QUARTER,
        2,
    )
    assert second.deadline is not None and str(second.deadline.due) == "2027-12-31"
    assert plan.document.place is not None and plan.document.place.name == "Mẫu Sơn"


def test_text_without_structure_becomes_paragraphs_with_a_warning() -> None:
    plan = parse_plan("Một đoạn văn.\n\nMột đoạn khác không đánh số.", "plain")
    assert plan.clauses and all(
        c.kind in (ClauseKind.PREAMBLE, ClauseKind.PARAGRAPH) for c in plan.clauses
    )
    assert any("không nhận ra cấu trúc" in w for w in plan.warnings)


def test_header_roles_do_not_depend_on_column_order() -> None:
    roles = classify_header(
        [
            "Ghi chú",
            "Đơn vị phối hợp",
            "Nội dung",
            "STT",
            "Thời gian thực hiện",
            "Đơn vị chủ trì theo dõi",
            "Cơ quan chủ trì",
        ]
    )
    assert roles == (
        ColumnRole.NOTE,
        ColumnRole.COOPERATING,
        ColumnRole.CONTENT,
        ColumnRole.NUMBER,
        ColumnRole.DEADLINE,
        ColumnRole.MONITORING,
        ColumnRole.LEAD,
    )


def test_deadline_forms() -> None:
    cases = {
        "Tháng 11/2025": (DeadlineKind.MONTH, "2025-11-30"),
        "Quý IV/2025": (DeadlineKind.QUARTER, "2025-12-31"),
        "Năm 2026": (DeadlineKind.YEAR, "2026-12-31"),
        "Trước 30/6/2025": (DeadlineKind.DATE, "2025-06-30"),
        "Thường xuyên": (DeadlineKind.CONTINUOUS, "None"),
        "Hằng năm": (DeadlineKind.ANNUAL, "None"),
        "Theo lộ trình yêu cầu cụ thể của từng nhiệm vụ": (DeadlineKind.OTHER, "None"),
    }
    for raw, (kind, due) in cases.items():
        deadline = parse_deadline(raw)
        assert deadline is not None and deadline.kind is kind and str(deadline.due) == due, raw
    assert parse_deadline("  ") is None


def test_markers() -> None:
    assert read_marker("2.1. Về hạ tầng số").number == "2.1"
    assert read_marker("11.10 Tỷ lệ hồ sơ").number == "11.10"
    assert read_marker("1.5 triệu người dùng") is None  # a decimal, not a clause number
    assert read_marker("đ) Định kỳ báo cáo").number == "đ"
    assert read_marker("IV. GIẢI PHÁP").kind is ClauseKind.PART


def test_units_are_split_on_semicolons_and_unit_commas_only() -> None:
    assert split_units("Sở Khoa học và Công nghệ; các sở, ban, ngành; UBND các xã, phường") == (
        "Sở Khoa học và Công nghệ",
        "các sở, ban, ngành",
        "UBND các xã, phường",
    )
    assert split_units("Phòng Văn hóa và Thông tin, phòng Nội vụ") == (
        "Phòng Văn hóa và Thông tin",
        "phòng Nội vụ",
    )
    assert (
        unit_key("VP UBND tỉnh")
        == unit_key("Văn phòng UBND tỉnh")
        == unit_key("van phong uy ban nhan dan tinh")
    )


def test_page_numbers_and_repeated_running_headers_are_furniture() -> None:
    from ingest.parser.lines import find_page_furniture, split_lines

    source = "\n".join(
        [
            "1 |",
            "Nội dung |",
            "UBND TỈNH X - KẾ HOẠCH SỐ 1/KH-UBND",
            "- 2 -",
            "2 |",
            "Nội dung khác |",
            "UBND TỈNH X - KẾ HOẠCH SỐ 1/KH-UBND",
            "Trang 3",
            "PHỤ LỤC",
            "Tỷ lệ đạt 80%",
        ]
    )
    lines = split_lines(source)
    furniture = {lines[i].text.strip() for i in sorted(find_page_furniture(lines))}
    assert furniture == {"UBND TỈNH X - KẾ HOẠCH SỐ 1/KH-UBND", "- 2 -", "Trang 3"}
    # a heading opening the next page is printed once: it is content, not furniture
    assert "PHỤ LỤC" not in furniture


def test_a_line_break_inside_a_cell_separates_units() -> None:
    from ingest.parser.units import split_units

    # Markdown's `<br>` inside a cell is kept as U+2028 (a line break that opens no row)
    assert split_units("Sở Xây dựng\u2028Sở Tài chính") == ("Sở Xây dựng", "Sở Tài chính")
