"""Tables that `pdftotext` without `-layout` writes out of row order (issue 12): every row
number first and then the cells, rebuilt row by row; cells before their numbers, or a cell
missing from a column, give no task row rather than a unit beside another row's task."""

from __future__ import annotations

from pathlib import Path

from ingest.domain import ParsedPlan
from ingest.formats.blocks import RowKind
from ingest.formats.stream_tables import find_stream_tables
from ingest.parser.plan import parse_plan
from ingest.parser.units import split_units

FIXTURES = Path(__file__).parent / "column_order_tables"


def _plan(text: str) -> ParsedPlan:
    return parse_plan(text, "t")


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_numbers_then_cells_rebuilt_row_by_row() -> None:
    plan = _plan(_fixture("numbers-then-cells.txt"))
    rows = [
        (t.number, t.content, t.lead_units, t.deadline and t.deadline.raw) for t in plan.targets
    ]
    assert rows == [
        ("1", "Xây dựng Kế hoạch phát triển vùng nguyên liệu \ngiai đoạn 2026 - 2030",
         ("Sở Nông nghiệp và Môi trường",), "2026 - 2027"),
        ("2", "Rà soát quy hoạch ba loại rừng trên địa bàn tỉnh", ("Sở Tài chính",), "2028 - 2030"),
        ("3", "Xây dựng cơ sở dữ liệu đất nông nghiệp cấp tỉnh",
         ("Sở Khoa học và Công nghệ",), "2026"),
        ("4", "Đào tạo nghề cho lao động nông thôn", ("Sở Nội vụ",), "Trước ngày 31/12/2026"),
    ]  # fmt: skip


def test_rebuilt_cells_keep_their_spans() -> None:
    text = _fixture("numbers-then-cells.txt")
    ((_, _, table),) = find_stream_tables(text)
    data = [row for row in table.rows if row.kind is RowKind.DATA]
    assert len(data) == 4
    for row in data:
        for cell in row.cells:
            assert " ".join(text[cell.start : cell.end].split()) == " ".join(
                " ".join(cell.lines).split()
            )


def test_a_cell_missing_from_a_column_gives_no_rows() -> None:
    """Three leads for four tasks: which task has none cannot be told."""
    text = _fixture("numbers-then-cells.txt").replace("Sở Khoa học và \nCông nghệ\n\n", "")
    assert find_stream_tables(text) == []
    assert not any(t.lead_units for t in _plan(text).targets)


def test_cells_before_their_numbers_give_no_rows() -> None:
    """Before: row 1 took task 2 and task 2's lead."""
    plan = _plan(_fixture("cells-before-numbers.txt"))
    assert not any("Sở Khoa học" in " ".join(t.lead_units) for t in plan.targets)
    assert not [t for t in plan.targets if t.number == "1" and "chuyển đổi số" in t.content]


def test_a_row_with_an_empty_number_line_then_one_row_still_reads() -> None:
    """Two numbers with nothing between (row 1 left empty) are no column-by-column copy."""
    text = (
        "TT\nNội dung\nCơ quan chủ trì\nThời hạn\n1\n2\n"
        "Tổ chức hội nghị sơ kết\nVăn phòng UBND tỉnh\nQuý IV/2026\n"
    )
    ((_, _, table),) = find_stream_tables(text)
    assert [c.lines for c in table.rows[-1].cells][1:] == [
        ("Tổ chức hội nghị sơ kết",),
        ("Văn phòng UBND tỉnh",),
        ("Quý IV/2026",),
    ]


def test_unit_names_wrapped_in_a_cell_stay_whole() -> None:
    assert split_units("Sở Nông nghiệp và \nMôi trường") == ("Sở Nông nghiệp và Môi trường",)
    assert split_units("Đảng ủy Ủy ban \nnhân dân tỉnh") == ("Đảng ủy Ủy ban nhân dân tỉnh",)
    assert split_units("Giao Sở\nTài chính") == ("Giao Sở Tài chính",)
    assert split_units("Sở Y tế\nSở Tài chính") == ("Sở Y tế", "Sở Tài chính")
    # a unit opening with a capital outside ASCII ("Đài", "Ủy ban") is a new unit, not a wrap
    assert split_units("Sở Giáo dục và Đào tạo\nĐài Phát thanh và Truyền hình tỉnh") == (
        "Sở Giáo dục và Đào tạo",
        "Đài Phát thanh và Truyền hình tỉnh",
    )
    assert split_units("Sở Y tế\nỦy ban nhân dân các xã") == ("Sở Y tế", "Ủy ban nhân dân các xã")
    assert split_units("Công an tỉnh,\nSở Tư pháp") == ("Công an tỉnh", "Sở Tư pháp")
    assert split_units("Sở Khoa học và\nCông nghệ\nSở Nội vụ") == (
        "Sở Khoa học và Công nghệ",
        "Sở Nội vụ",
    )


REAL_CTR_104 = FIXTURES / "real" / "ctr-104-tu-lao-cai-phu-luc-text-layer.txt"


def test_real_ctr_104_appendices_out_of_row_order_give_no_paired_rows() -> None:
    """The real text layer of CTr 104-CTr/TU's two appendices (column_order_tables/README.md):
    Phụ lục 1 writes six row numbers, the indicators (two run together in one paragraph, the
    first target between them), the targets, then the leads and persons of the page; Phụ lục 2
    writes row 1 in order, a page number, rows 2 and 3 and only then their numbers. No reading
    pairs these cells safely, so no row is made: a figure or lead beside another row's
    indicator would be a confident wrong answer."""
    text = REAL_CTR_104.read_text(encoding="utf-8")
    assert find_stream_tables(text) == []
    plan = _plan(text)
    assert not [t for t in plan.targets if t.lead_units or t.value]


def test_real_ctr_104_figures_stay_quotable_in_their_clauses() -> None:
    """Not read as rows, every cell is still kept verbatim as text of the appendix, so a quote
    can show the figure with the indicator beside it in the source."""
    text = REAL_CTR_104.read_text(encoding="utf-8")
    plan = _plan(text)
    clauses = {" ".join(c.text.split()) for c in plan.clauses}
    for cell in ("Tối thiểu 2%", "<30%", "7 Tỷ lệ che phủ rừng", "26,1%", "1,0-1,5%", ">25"):
        assert cell in clauses
    for clause in plan.clauses:
        assert text[clause.start : clause.end] == clause.text
