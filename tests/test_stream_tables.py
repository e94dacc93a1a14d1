"""Tables copied one cell per line (a web copy of a PDF, `pdftotext` without `-layout`) read
as tables: rows by their numbers, cells by what they say, spans into the text as given."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.domain import ClauseKind, ParsedPlan, Target
from ingest.formats.blocks import RowKind, Table
from ingest.formats.stream_tables import find_stream_tables
from ingest.formats.text import line_blocks
from ingest.parser.plan import parse_plan

HERE = Path(__file__).parent
FIXTURES = HERE / "stream_tables"
REAL = HERE / "real_plans_12h" / "bo-nnmt-2200-QD-BNNMT-2026-ke-hoach-carbon-rung.txt"


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _plan(path: Path) -> ParsedPlan:
    return parse_plan(_text(path), path.stem)


def _only_table(text: str) -> Table:
    found = find_stream_tables(text)
    assert len(found) == 1
    return found[0][2]


def _cells(table: Table) -> list[dict[int, str]]:
    """Each body row as {column: text with its lines joined by spaces}."""
    return [
        {cell.column: " ".join(cell.lines) for cell in row.cells}
        for row in table.rows
        if row.kind is not RowKind.HEADER
    ]


def _target(plan: ParsedPlan, words: str) -> Target:
    found = [t for t in plan.targets if t.source == "table" and words in t.content]
    assert len(found) == 1, [t.content for t in plan.targets]
    return found[0]


def test_labels_one_per_line_with_groups_and_an_empty_cell() -> None:
    table = _only_table(_text(FIXTURES / "labels-per-line-groups.txt"))
    header = [" ".join(cell.lines) for cell in table.rows[0].cells]
    assert header == [
        "STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn hoàn thành", "Sản phẩm",
    ]  # fmt: skip
    kinds = [row.kind for row in table.rows[1:]]
    assert kinds == [RowKind.GROUP, RowKind.DATA, RowKind.DATA] * 2
    rows = _cells(table)
    assert rows[1][1] == (
        "Rà soát, cập nhật danh mục dịch vụ công trực tuyến toàn trình của tỉnh và công bố "
        "trên Cổng thông tin điện tử tỉnh"
    )
    assert rows[1][4] == "Quý II/2026" and rows[1][5] == "Quyết định công bố danh mục"
    # no line for the empty co-operating cell: the deadline and product stay in their columns
    assert rows[2] == {
        0: "2",
        1: "Tổ chức tập huấn kỹ năng số cho cán bộ, công chức cấp xã",
        2: "Sở Nội vụ",
        4: "Tháng 6/2026",
        5: "Báo cáo kết quả tập huấn",
    }
    assert rows[3] == {0: "II.", 1: "NHIỆM VỤ CỤ THỂ"}


def test_rows_become_targets_under_their_groups() -> None:
    plan = _plan(FIXTURES / "labels-per-line-groups.txt")
    store = _target(plan, "kho dữ liệu dùng chung")
    assert store.lead_units == ("Trung tâm Phục vụ hành chính công",)
    assert store.cooperating_units == ("Sở Tài chính", "Công an tỉnh")
    assert store.deadline is not None and store.deadline.raw == "Năm 2026"
    assert [c.text for c in store.cells_for("product")] == ["Kho dữ liệu được vận hành"]
    clause = next(c for c in plan.clauses if c.id == store.clause_id)
    assert clause.kind is ClauseKind.TABLE_ROW and clause.number == "1"
    assert clause.path.endswith("II. NHIỆM VỤ CỤ THỂ › 1")
    # "Nơi nhận" closes the table: it is not a cell of the last row
    assert "Nơi nhận" not in " ".join(c.text for c in _target(plan, "Đánh giá mức độ").cells)


def test_a_row_cut_by_a_page_break_is_put_back_together() -> None:
    text = _text(FIXTURES / "columns-reordered-page-break.txt")
    table = _only_table(text)
    assert table.width == 5
    rows = _cells(table)
    assert len(rows) == 4  # the header repeated after the page break is no row
    assert rows[1] == {
        0: "2",
        1: "Rà soát, cập nhật phương án ứng phó thiên tai theo cấp độ rủi ro trên địa bàn các "
        "xã, thị trấn và các công trình trọng điểm",
        2: "Tháng 5/2026",
        3: "Phòng Nông nghiệp và Môi trường huyện",
        4: "Phòng Tài nguyên và Môi trường; UBND các xã",
    }
    # the section after the table is not part of its last row
    assert rows[3][4] == "Các cơ quan, đơn vị có liên quan"
    plan = _plan(FIXTURES / "columns-reordered-page-break.txt")
    drill = _target(plan, "diễn tập")
    assert drill.number == "3" and drill.deadline is not None
    assert drill.deadline.raw == "Quý III/2026"
    assert drill.lead_units == ("Ban Chỉ huy Quân sự huyện",)


def test_a_pipe_header_whose_last_labels_follow_one_per_line() -> None:
    table = _only_table(_text(FIXTURES / "pipe-header-product.txt"))
    header = [" ".join(cell.lines) for cell in table.rows[0].cells]
    assert header == ["TT", "Nội dung", "Đơn vị thực hiện", "Sản phẩm", "Thời hạn"]
    rows = _cells(table)
    assert rows[1][2] == "Công chức Văn phòng - Thống kê"
    assert rows[1][3] == "Báo cáo khảo sát" and rows[1][4] == "Quý IV/2026"


@pytest.mark.parametrize("path", [*sorted(FIXTURES.glob("*.txt")), REAL], ids=lambda p: p.stem)
def test_every_cell_quotes_the_text_as_given(path: Path) -> None:
    text = _text(path)
    for _, _, table in find_stream_tables(text):
        for row in table.rows:
            for cell in row.cells:
                spanned = text[cell.start : cell.end]
                assert spanned.startswith(cell.lines[0]) and spanned.endswith(cell.lines[-1])
                for line in cell.lines:
                    assert line in spanned


def test_the_real_ministry_appendix() -> None:
    """QĐ 2200/QĐ-BNNMT: a pipe header of four labels, the fifth and every cell one per line,
    lettered rows under numbered groups, one row cut by a page break."""
    plan = _plan(REAL)
    rows = [t for t in plan.targets if t.source == "table"]
    assert [t.number for t in rows] == ["a", "b", "c", "a", "b", "c", "d", "đ", "3", "4", "5"]
    standard = _target(plan, "tiêu chuẩn các-bon rừng quốc gia")
    assert standard.content.endswith("tín chỉ các-bon rừng được cung ứng.")
    assert standard.lead_units == (
        "Viện Khoa học lâm nghiệp Việt Nam",
        "Cục Lâm nghiệp và Kiểm lâm",
    )
    assert standard.cooperating_units[0] == "Vụ Khoa học và Công nghệ"
    assert standard.deadline is not None and standard.deadline.raw == "Quý IV/2026, 2027"
    ndc = _target(plan, "kế hoạch thực hiện NDC")
    assert ndc.cooperating_units[:2] == ("Cục Biến đổi khí hậu", "UBND cấp tỉnh")
    clause = next(c for c in plan.clauses if c.id == ndc.clause_id)
    assert clause.number == "b" and " › 2. " in clause.path


def test_text_that_is_not_such_a_table_is_left_alone() -> None:
    # a pipe table with its rows, and a number label followed by running text
    text = (
        "| TT | Nhiệm vụ | Cơ quan chủ trì |\n| --- | --- | --- |\n| 1 | Tuyên truyền | Sở Tư pháp |\n"
        "TT\nCác nhiệm vụ được giao như sau.\n1\nTuyên truyền\n"
    )
    assert find_stream_tables(text) == []
    assert not any(isinstance(b, Table) for b in line_blocks(text))
