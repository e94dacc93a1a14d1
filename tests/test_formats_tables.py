"""Tables from any format → tab rows the plan parser reads: spans, column order, headers."""

from __future__ import annotations

from ingest.formats.assembly import TextAssembler, finish_text
from ingest.formats.tables_to_text import Span, TableCell, render_table
from ingest.parser.plan import parse_plan

LEFT = TableCell(span=Span.LEFT)
ABOVE = TableCell(span=Span.ABOVE)


def cells(*texts: str) -> list[TableCell]:
    return [TableCell((text,)) if text else TableCell() for text in texts]


def _targets(lines: tuple[str, ...] | list[str]):
    return parse_plan("PHỤ LỤC\n" + "\n".join(lines) + "\n", "t").targets


def test_number_column_moves_to_the_front_and_roles_follow_their_headers() -> None:
    grid = [
        cells("Thời gian hoàn thành", "Đơn vị chủ trì", "Nội dung", "STT"),
        cells("Tháng 11/2025", "Sở Y tế", "Sổ sức khỏe điện tử", "8.4."),
    ]
    rendered = render_table(grid)
    assert rendered.lines[0] == "STT\tThời gian hoàn thành\tĐơn vị chủ trì\tNội dung"
    (target,) = _targets(rendered.lines)
    assert (target.number, target.content, target.lead_units) == (
        "8.4",
        "Sổ sức khỏe điện tử",
        ("Sở Y tế",),
    )
    assert target.deadline is not None and target.deadline.raw == "Tháng 11/2025"


def test_two_row_header_under_a_spanning_label_becomes_one_label_per_column() -> None:
    grid = [
        [*cells("Stt", "Nội dung", "Phân công thực hiện"), LEFT, *cells("Thời gian")],
        [ABOVE, ABOVE, *cells("Trực tiếp chỉ đạo", "Đơn vị chủ trì"), ABOVE],
        cells("1.", "Dữ liệu mở", "Trưởng phòng VHTT", "Phòng VHTT", "Quý IV/2025"),
    ]
    rendered = render_table(grid)
    assert rendered.lines[:2] == (
        "Stt\tNội dung\tPhân công thực hiện\t\tThời gian",
        "\t\tTrực tiếp chỉ đạo\tĐơn vị chủ trì\t",
    )
    (target,) = _targets(rendered.lines)
    assert target.monitoring_units == ("Trưởng phòng VHTT",)
    assert target.lead_units == ("Phòng VHTT",)


def test_cell_merged_down_repeats_in_every_row_and_a_row_wide_title_stays_one_cell() -> None:
    grid = [
        cells("TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"),
        [*cells("I.", "Hạ tầng số"), LEFT, LEFT],
        cells("1.", "Phủ sóng 5G", "Sở KHCN", "Tháng 12/2025"),
        [*cells("2.", "Cáp quang"), ABOVE, ABOVE],
    ]
    lines = render_table(grid).lines
    assert lines[1] == "I.\tHạ tầng số\t\t"
    assert lines[3] == "2.\tCáp quang\tSở KHCN\tTháng 12/2025"
    first, second = _targets(lines)
    assert first.group == second.group == "Hạ tầng số"
    assert second.lead_units == ("Sở KHCN",)


def test_multi_line_cell_text_is_joined_onto_its_row() -> None:
    grid = [cells("STT", "Nội dung"), [TableCell(("1.",)), TableCell(("Dòng một", "\tdòng  hai"))]]
    assert render_table(grid).lines[1] == "1.\tDòng một dòng hai"


def test_first_row_without_a_number_is_not_taken_for_a_second_header_row() -> None:
    grid = [
        cells("STT", "Nội dung", "Đơn vị chủ trì"),
        cells("", "Nhiệm vụ chung", "Các sở"),
        cells("1.", "Nhiệm vụ riêng", "Sở Tài chính"),
    ]
    lines = render_table(grid).lines
    assert lines[0] == lines[1]  # the header said twice: the parser skips the repeat
    targets = _targets(lines)
    assert [t.content for t in targets] == ["Nhiệm vụ chung", "Nhiệm vụ riêng"]
    assert targets[0].lead_units == ("Các sở",)


def test_header_naming_roles_without_a_number_column_gets_an_empty_one() -> None:
    grid = [
        cells("Nội dung công việc", "Đơn vị chủ trì", "Thời gian hoàn thành"),
        cells("Số hóa hồ sơ", "Văn phòng UBND tỉnh", "Quý III/2025"),
    ]
    lines = render_table(grid).lines
    assert lines[0] == "STT\tNội dung công việc\tĐơn vị chủ trì\tThời gian hoàn thành"
    (target,) = _targets(lines)
    assert target.lead_units == ("Văn phòng UBND tỉnh",)


def test_layout_table_cells_become_paragraph_lines() -> None:
    grid = [
        cells("ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        cells("Số: 19/KH-UBND", "Ninh Bình, ngày 31 tháng 7 năm 2025"),
    ]
    rendered = render_table(grid)
    assert rendered.shape is None
    assert [line for line in rendered.lines if line] == [
        "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 19/KH-UBND",
        "Ninh Bình, ngày 31 tháng 7 năm 2025",
    ]
    plan = parse_plan(finish_text("\n".join(rendered.lines)), "t")
    assert plan.document.number == "19/KH-UBND"
    assert plan.document.issued_date == "2025-07-31"


def test_table_continued_on_the_next_page_with_or_without_its_header() -> None:
    header = cells("STT", "Nội dung", "Thời hạn")
    out = TextAssembler()
    out.add_table([header, cells("1.", "Việc một", "Tháng 1/2025")])
    out.add_table([header, cells("2.", "Việc hai", "Tháng 2/2025")])  # header repeated
    out.add_table([cells("3.", "Việc ba", "Tháng 3/2025")])  # no header at all
    text = out.text()
    assert text.count("STT") == 1
    assert [t.number for t in parse_plan("PHỤ LỤC\n" + text, "t").targets] == ["1", "2", "3"]


def test_paragraph_between_tables_ends_the_first() -> None:
    out = TextAssembler()
    out.add_table([cells("STT", "Nội dung"), cells("1.", "Việc một")])
    out.add_paragraph("Ghi chú:\tbảng trên")
    out.add_table([cells("1.", "Không phải dòng của bảng trên")])
    lines = out.text().splitlines()
    assert "Ghi chú: bảng trên" in lines  # tabs in paragraphs would read as cells
    assert "1.\tKhông phải dòng của bảng trên" not in lines


def test_finished_text_is_nfc_without_invisible_characters_and_keeps_row_tabs() -> None:
    decomposed = "Tha\u0301ng\u00a011/2025\u00ad\u200b"
    assert finish_text(decomposed + "\n\n\n\nx\t\t\n") == "Tháng 11/2025\n\nx\t\t\n"
