"""Space-aligned tables (`pdftotext -layout` text) read as tables with rows and cells."""

from __future__ import annotations

from pathlib import Path

from ingest.domain import ClauseKind, ParsedPlan
from ingest.formats.aligned_tables import find_aligned_tables
from ingest.formats.blocks import RowKind, Table
from ingest.formats.text import line_blocks
from ingest.parser.markers import read_marker
from ingest.parser.plan import parse_plan
from ingest.reader import read_document

REAL = Path(__file__).parent / "real_plans6" / "lao-cai-104-CTr-TU-2026-bao-ve-moi-truong.txt"

# cells centred vertically, the row number on the row's middle line, a page number and the
# header repeated on the next page, one space between two cells on some lines
LAYOUT = """\
II. NHIỆM VỤ
Các sở thực hiện theo bảng sau.

                                       Cơ quan
TT         Nội dung         Mục tiêu            Thời hạn
                                       chủ trì
   Tỷ lệ hồ sơ giải quyết            Sở Nội    Trước ngày
1  trực tuyến toàn trình      80%    vụ        30/6/2026
   của tỉnh
                                     Sở Tài
   Số doanh nghiệp được hỗ trợ
2                             500    chính     Năm 2027
   chuyển đổi số
                                     tỉnh
                                  7

                                       Cơ quan
TT         Nội dung         Mục tiêu            Thời hạn
                                       chủ trì
3  Tỷ lệ xã có điểm phục vụ   100%   Sở Xây    2026 - 2030
   bưu chính                         dựng
"""


def _texts(table: Table) -> list[list[str]]:
    return [[" ".join(cell.lines) for cell in row.cells] for row in table.rows]


def test_a_layout_table_is_read_with_its_rows_and_cells() -> None:
    [(first, last, table)] = find_aligned_tables(LAYOUT)
    assert (first, last) == (3, 20)
    rows = _texts(table)
    assert rows[0] == ["TT", "Nội dung", "Mục tiêu", "Cơ quan chủ trì", "Thời hạn"]
    assert rows[1:] == [
        [
            "1",
            "Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình của tỉnh",
            "80%",
            "Sở Nội vụ",
            "Trước ngày 30/6/2026",
        ],
        ["2", "Số doanh nghiệp được hỗ trợ chuyển đổi số", "500", "Sở Tài chính tỉnh", "Năm 2027"],
        ["3", "Tỷ lệ xã có điểm phục vụ bưu chính", "100%", "Sở Xây dựng", "2026 - 2030"],
    ]
    assert [row.kind for row in table.rows] == [RowKind.HEADER, *[RowKind.DATA] * 3]


def test_every_cell_span_holds_its_first_and_last_piece_verbatim() -> None:
    [(_, _, table)] = find_aligned_tables(LAYOUT)
    for row in table.rows[1:]:
        for cell in row.cells:
            spanned = LAYOUT[cell.start : cell.end]
            assert spanned.startswith(cell.lines[0]) and spanned.endswith(cell.lines[-1])


def test_the_parser_gives_typed_rows_from_a_layout_table() -> None:
    plan = parse_plan(LAYOUT, "layout")
    rows = {target.number: target for target in plan.targets}
    assert rows["1"].lead_units == ("Sở Nội vụ",)
    assert rows["1"].deadline is not None and rows["1"].deadline.raw == "Trước ngày 30/6/2026"
    assert [value.text for value in rows["2"].values] == ["500"]
    assert rows["3"].content == "Tỷ lệ xã có điểm phục vụ bưu chính"
    for clause in plan.clauses:
        assert LAYOUT[clause.start : clause.end] == clause.text


def test_text_outside_tables_stays_paragraphs() -> None:
    blocks = line_blocks(LAYOUT)
    assert sum(isinstance(block, Table) for block in blocks) == 1
    assert not find_aligned_tables("TT  Nội dung\n1  Một dòng\n")


def test_the_real_party_appendices_give_people_targets_and_deadlines() -> None:
    text = REAL.read_text(encoding="utf-8")
    plan = parse_plan(text, "lc104")
    rows = [target for target in plan.targets if target.source == "table"]
    indicators = {t.number: t for t in rows if t.values}
    assert indicators["7"].content == "Tỷ lệ che phủ rừng"
    assert [v.text for v in indicators["9"].values] == ["80%"]
    assert [v.text for v in indicators["12"].values] == ["26,1%"]
    # the appendix's title under its bare "PHỤ LỤC 1" gives its rows their stage
    assert indicators["9"].period == "2026-2030"
    assert "Giàng Quốc Hưng" in indicators["7"].monitoring_units[0]
    tasks = [t for t in rows if t.deadline is not None]
    by_content = {t.content.split(",")[0][:40]: t for t in tasks}
    water = next(t for t in tasks if t.content.startswith("Xây dựng Kế hoạch quản lý tài nguyên"))
    assert "Nguyễn Thành Sinh" in water.monitoring_units[0]
    assert water.deadline is not None and water.deadline.raw == "2026 - 2027"
    industry = next(t for t in tasks if "công nghiệp môi trường" in t.content)
    assert "Ngô Hạnh Phúc" in industry.monitoring_units[0]
    assert len(by_content) >= 20


def test_an_ocr_comma_after_a_section_number_still_opens_the_section() -> None:
    marker = read_marker("9, Ban Tuyên giáo và Dân vận Trung ương")
    assert marker is not None and marker.number == "9"
    assert read_marker("2, 3 và 4 của Điều này") is None
    assert read_marker("5, Các sở, ngành thực hiện.") is None


LAYOUTS = Path(__file__).parent / "layout_tables"


def _read(name: str) -> ParsedPlan:
    extracted = read_document((LAYOUTS / name).read_bytes(), name)
    return parse_plan(extracted.text, name, blocks=extracted.blocks)


def test_pdftotext_task_table_centred_over_two_pages() -> None:
    plan = _read("task-table-centred.txt")
    rows = [t for t in plan.targets if t.source == "table"]
    assert [t.number for t in rows] == [str(k) for k in range(1, 25)]
    leads = ("Sở Nông nghiệp và Môi trường", "Công an tỉnh", "Sở Nội vụ", "Văn phòng UBND tỉnh")
    assert [t.lead_units for t in rows] == [(leads[k % 4],) for k in range(24)]
    first, second = rows[0], rows[17]  # row 18 opens the second page, under its header
    assert first.cooperating_units == ("Sở Khoa học và Công nghệ", "UBND các xã, phường")
    assert first.deadline is not None and first.deadline.raw == "Quý IV/2026"
    assert second.content.startswith("Triển khai ứng dụng định danh điện tử VNeID")
    assert second.deadline is not None and second.deadline.raw == "Trước ngày 30/6/2026"


def test_pdftotext_indicator_table_aligned_at_the_top() -> None:
    plan = _read("indicator-table-top.txt")
    rows = {t.number: t for t in plan.targets if t.source == "table"}
    assert [(v.period, v.text) for v in rows["2"].values] == [("2025", "75"), ("2030", "100")]
    assert rows["3"].measure_unit == "Doanh nghiệp"
    assert rows["4"].lead_units == ("Văn phòng UBND tỉnh",)
    parts = [c.heading for c in plan.clauses if c.kind is ClauseKind.PART]
    assert parts == ["CHỈ TIÊU CHỦ YẾU", "TỔ CHỨC THỰC HIỆN"]


def test_numbered_text_below_a_table_is_not_its_row() -> None:
    text = LAYOUT + "2. Tổ chức thực hiện\nCác sở triển khai Kế hoạch này.\n"
    [(_, last, table)] = find_aligned_tables(text)
    assert last == 20 and [row.cells[0].lines for row in table.rows[1:]] == [("1",), ("2",), ("3",)]
    plan = parse_plan(text, "layout-then-text")
    assert any(c.kind is ClauseKind.SECTION and c.number == "2" for c in plan.clauses)


def test_two_cells_one_space_apart_after_a_name_word_are_cut_where_the_column_starts() -> None:
    """lc104 Phụ lục 2 row 8: `tỉnh; Đảng uỷ Tỉnh ủy viên, Phó Chủ` holds the lead's end and
    the person's second line one space apart; the cut after "uỷ" (a word a name usually goes
    on after) holds because "Tỉnh" starts where the person column's other lines start."""
    plan = parse_plan(REAL.read_text(encoding="utf-8"), "lc104")
    row = next(
        t
        for t in plan.targets
        if t.content.startswith("Rà soát, hoàn thiện cơ chế, chính sách quản lý")
    )
    assert row.lead_units == ("Đảng ủy HĐND tỉnh", "Đảng uỷ UBND tỉnh")
    assert "Tỉnh ủy viên, Phó Chủ" in row.monitoring_units[0]
