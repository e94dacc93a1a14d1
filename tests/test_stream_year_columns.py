"""Two-row headers in tables copied one cell per line (issue 12): a label spanning per-year
sub-labels ("Kết quả" over "Năm 2026", "Năm 2027" …) gives one figure column per year with
its full label, wherever the copy put the sub-labels; figures that look like row numbers
stay figures."""

from __future__ import annotations

import pytest

from ingest.formats.blocks import RowKind
from ingest.formats.stream_tables import find_stream_tables
from ingest.parser.plan import parse_plan

_TOP = "PHỤ LỤC\nCHỈ TIÊU CHUYỂN ĐỔI SỐ\nĐơn vị tính: %\nSTT\nChỉ tiêu\n"
_YEARS = "Năm 2026\nNăm 2027\nNăm 2028\n"
_ROWS = (
    "1\nTỷ lệ hồ sơ trực tuyến toàn trình\n80\n90\n100\nSở Khoa học và Công nghệ\n"
    "2\nTỷ lệ thanh toán số\n50\n60\n70\nVăn phòng UBND tỉnh\n"
)
# the sub-labels after the whole first row, right under the spanning label, or no
# spanning label at all (each year a column of its own)
_HEADERS = {
    "after the first row": "Kết quả\nCơ quan chủ trì\n" + _YEARS,
    "under the spanning label": "Kết quả\n" + _YEARS + "Cơ quan chủ trì\n",
    "years alone": _YEARS + "Cơ quan chủ trì\n",
}


@pytest.mark.parametrize("shape", sorted(_HEADERS))
def test_each_year_is_a_figure_column(shape: str) -> None:
    text = _TOP + _HEADERS[shape] + _ROWS
    first, second = parse_plan(text, "ct").targets
    assert first.content == "Tỷ lệ hồ sơ trực tuyến toàn trình"
    assert first.lead_units == ("Sở Khoa học và Công nghệ",)
    assert [(v.period, v.text) for v in first.values] == [
        ("2026", "80"), ("2027", "90"), ("2028", "100"),
    ]  # fmt: skip
    assert [(v.period, v.text) for v in second.values] == [
        ("2026", "50"), ("2027", "60"), ("2028", "70"),
    ]  # fmt: skip
    assert second.lead_units == ("Văn phòng UBND tỉnh",)
    assert first.measure_unit == "%"
    for value in (*first.values, *second.values):
        assert text[value.start : value.end] == value.text


def test_spanning_label_gives_full_labels_and_two_header_rows() -> None:
    text = _TOP + _HEADERS["after the first row"] + _ROWS
    ((_, _, table),) = find_stream_tables(text)
    headers = [row for row in table.rows if row.kind is RowKind.HEADER]
    assert len(headers) == 2
    assert table.width == 6
    (row,) = [t for t in parse_plan(text, "ct").targets if t.number == "1"]
    assert [c.header for c in row.cells if c.role == "value"] == [
        "Kết quả › Năm 2026", "Kết quả › Năm 2027", "Kết quả › Năm 2028",
    ]  # fmt: skip


def test_small_figures_are_not_row_numbers() -> None:
    """Row 1's figures "1", "2", "3" and row 2's "2": the next row opens at the number
    followed by its task, not at a figure followed by figures."""
    rows = _ROWS.replace("80\n90\n100\n", "1\n2\n3\n").replace("50\n60\n70\n", "2\n4\n6\n")
    first, second = parse_plan(_TOP + _HEADERS["after the first row"] + rows, "ct").targets
    assert [v.text for v in first.values] == ["1", "2", "3"]
    assert first.lead_units == ("Sở Khoa học và Công nghệ",)
    assert (second.number, second.content) == ("2", "Tỷ lệ thanh toán số")
    assert [v.text for v in second.values] == ["2", "4", "6"]


# ---- figure-only tables and plan / done sub-labels (issue 12, session 14) -----------------

_FIGURES_TOP = "PHỤ LỤC\nCHỈ TIÊU CHUYỂN ĐỔI SỐ\nSTT\nChỉ tiêu\n"


def test_a_table_of_figures_per_year_alone_is_read() -> None:
    """No agency or deadline column: the per-year figure columns make it an indicator table."""
    text = (
        _FIGURES_TOP
        + _YEARS
        + (
            "1\nTỷ lệ hồ sơ trực tuyến\ntoàn trình\n80\n90\n100\n2\nTỷ lệ thanh toán số\n50\n60\n70\n"
        )
    )
    first, second = parse_plan(text, "f").targets
    assert " ".join(first.content.split()) == "Tỷ lệ hồ sơ trực tuyến toàn trình"
    assert first.lead_units == ()
    assert [(v.period, v.text) for v in first.values] == [
        ("2026", "80"), ("2027", "90"), ("2028", "100"),
    ]  # fmt: skip
    assert [(v.period, v.text) for v in second.values] == [
        ("2026", "50"), ("2027", "60"), ("2028", "70"),
    ]  # fmt: skip
    for value in (*first.values, *second.values):
        assert text[value.start : value.end] == value.text


def test_stages_alone_make_an_indicator_table() -> None:
    text = _FIGURES_TOP + "Đến năm 2025\nĐến năm 2030\n1\nTỷ lệ đô thị hóa\n45%\n55%\n"
    (row,) = parse_plan(text, "s").targets
    assert [(v.period, v.text) for v in row.values] == [("2025", "45%"), ("2030", "55%")]


def test_one_year_column_alone_does_not_make_an_indicator_table() -> None:
    text = _FIGURES_TOP + "Năm 2026\n1\nTỷ lệ hồ sơ trực tuyến\n80\n2\nTỷ lệ thanh toán số\n50\n"
    assert find_stream_tables(text) == []


def test_a_row_missing_one_of_its_yearly_figures_keeps_none() -> None:
    """Two figures under three years: which year is empty cannot be told from the copy."""
    text = (
        _FIGURES_TOP
        + _YEARS
        + ("1\nTỷ lệ hồ sơ trực tuyến toàn trình\n80\n90\n2\nTỷ lệ thanh toán số\n50\n60\n70\n")
    )
    targets = parse_plan(text, "m").targets
    assert not any(v.text in ("80", "90") for t in targets for v in t.values)
    (second,) = [t for t in targets if t.values]
    assert [(v.period, v.text) for v in second.values] == [
        ("2026", "50"), ("2027", "60"), ("2028", "70"),
    ]  # fmt: skip


_PLAN_DONE_ROWS = (
    "1\nTỷ lệ hồ sơ trực tuyến toàn trình\n80\n75\n90\n85\nSở Khoa học và Công nghệ\n"
    "2\nTỷ lệ thanh toán số\n50\n45\n60\n55\nVăn phòng UBND tỉnh\n"
)
_PLAN_DONE_HEADERS = {
    "after each year": "Năm 2025\nKế hoạch\nThực hiện\nNăm 2026\nKế hoạch\nThực hiện\n"
    "Cơ quan chủ trì\n",
    "after the first row": "Năm 2025\nNăm 2026\nCơ quan chủ trì\nKế hoạch\nThực hiện\n"
    "Kế hoạch\nThực hiện\n",
}


@pytest.mark.parametrize("shape", sorted(_PLAN_DONE_HEADERS))
def test_plan_and_done_under_each_year_stay_apart(shape: str) -> None:
    """ "Kế hoạch" / "Thực hiện" under a year: a figure column each, with the full label, as a
    pipe table's two-row header gives (tests/test_year_columns.py); target and achieved are
    never one value."""
    text = _FIGURES_TOP + _PLAN_DONE_HEADERS[shape] + _PLAN_DONE_ROWS
    first, second = parse_plan(text, "pd").targets
    assert first.lead_units == ("Sở Khoa học và Công nghệ",)
    assert [(c.header, c.text) for c in first.cells if c.role == "value"] == [
        ("Năm 2025 › Kế hoạch", "80"),
        ("Năm 2025 › Thực hiện", "75"),
        ("Năm 2026 › Kế hoạch", "90"),
        ("Năm 2026 › Thực hiện", "85"),
    ]
    assert [v.period for v in second.values] == ["2025", "2025", "2026", "2026"]
    assert second.lead_units == ("Văn phòng UBND tỉnh",)


def test_plan_and_done_under_only_some_years_is_not_read() -> None:
    """2025 split in two, 2026 not: which figure falls under which label cannot be told."""
    text = (
        _FIGURES_TOP
        + "Năm 2025\nKế hoạch\nThực hiện\nNăm 2026\nCơ quan chủ trì\n"
        + ("1\nTỷ lệ hồ sơ trực tuyến toàn trình\n80\n75\n90\nSở Khoa học và Công nghệ\n")
    )
    assert find_stream_tables(text) == []
    assert not [t for t in parse_plan(text, "u").targets if t.values]
