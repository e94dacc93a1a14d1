"""Markdown plans: read with a CommonMark parser into blocks and one canonical text.

The canonical text is what the parser reads and what citations quote, so every block's
span must index it exactly, and a plan must parse to the same structure whether it came
as plain text or as Markdown.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ingest.domain import ClauseKind, ParsedPlan
from ingest.errors import EmptySourceError
from ingest.formats import read_markdown
from ingest.formats.assembly import finish_text
from ingest.formats.blocks import Heading, ListItem, Paragraph, RowKind, Rule, Table
from ingest.formats.markdown_tables import CELL_LINE_BREAK
from ingest.parser.plan import parse_plan
from ingest.reader import read_document, read_source, source_text
from tests.conftest import ingested_runtime
from tests.formats_fixtures import comparable_targets, numbered_clauses
from tests.golden_plans import CORPUS, parse_corpus_file
from tests.markdown_fixtures import STYLES, plan_blocks, render_markdown

PLANS = sorted(CORPUS.glob("*.txt")) + sorted(Path("tests/plans").glob("*.txt"))


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


def _assert_spans_index_the_text(text: str, blocks: tuple[object, ...]) -> None:
    assert finish_text(text) == text  # the same normalisation as every other format
    previous_end = 0
    for block in blocks:
        assert isinstance(block, Heading | Paragraph | ListItem | Table | Rule)
        assert previous_end <= block.start <= block.end <= len(text)
        previous_end = block.end
        if isinstance(block, Heading):
            assert text[block.start : block.end] == " ".join(
                part for part in (block.marker, block.text) if part
            )
        elif isinstance(block, Paragraph):
            assert text[block.start : block.end] == block.text
        elif isinstance(block, ListItem):
            assert text[block.start : block.end] == f"{block.marker} {block.text}"
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    if cell.end > cell.start:
                        assert text[cell.start : cell.end] in (
                            CELL_LINE_BREAK.join(cell.lines),
                            " ".join(cell.lines),
                            "\n".join(cell.lines),
                        )


def test_headings_at_every_level_lose_their_markup_and_keep_their_marker() -> None:
    source = (
        "# **PHỤ LỤC 1**\n"
        "## **II. MỤC TIÊU THEO GIAI ĐOẠN**\n"
        "### **1\\.** Mục tiêu chung\n"
        "#### 2.1\\. Hạ tầng số\n"
        "##### a\\) Phủ sóng\n"
        "###### *Ghi chú* về `5G`\n"
        "Tiêu đề kiểu setext\n"
        "===\n"
    )
    extracted = read_markdown(source)
    assert _lines(extracted.text) == [
        "PHỤ LỤC 1",
        "II. MỤC TIÊU THEO GIAI ĐOẠN",
        "1. Mục tiêu chung",
        "2.1. Hạ tầng số",
        "a) Phủ sóng",
        "Ghi chú về 5G",
        "Tiêu đề kiểu setext",
    ]
    headings = [b for b in extracted.blocks if isinstance(b, Heading)]
    assert [(h.level, h.marker, h.text) for h in headings] == [
        (1, "PHỤ LỤC 1", ""),
        (2, "II.", "MỤC TIÊU THEO GIAI ĐOẠN"),
        (3, "1.", "Mục tiêu chung"),
        (4, "2.1.", "Hạ tầng số"),
        (5, "a)", "Phủ sóng"),
        (6, None, "Ghi chú về 5G"),
        (1, None, "Tiêu đề kiểu setext"),
    ]
    _assert_spans_index_the_text(extracted.text, extracted.blocks)


def test_numbering_escapes_and_bullets_become_the_markers_the_parser_reads() -> None:
    source = (
        "## **I. NHIỆM VỤ**\n\n"
        "**1\\.** Hoàn thiện thể chế \\& chính sách\n"
        "a\\) Rà soát văn bản;\n"
        "\\- Sở Tư pháp chủ trì;\n"
        "2\\. Phát triển hạ tầng\n\n"
        "* Nhiệm vụ:\n\n"
        "- Nâng cấp mạng\n"
        "  - cáp quang\n"
        "3. Một mục trong danh sách Markdown\n"
    )
    extracted = read_markdown(source)
    assert _lines(extracted.text) == [
        "I. NHIỆM VỤ",
        "1. Hoàn thiện thể chế & chính sách",
        "a) Rà soát văn bản;",
        "- Sở Tư pháp chủ trì;",
        "2. Phát triển hạ tầng",
        "* Nhiệm vụ:",
        "- Nâng cấp mạng",
        "+ cáp quang",
        "3. Một mục trong danh sách Markdown",
    ]
    items = [(b.marker, b.depth) for b in extracted.blocks if isinstance(b, ListItem)]
    assert items == [("*", 0), ("-", 0), ("+", 1), ("3.", 0)]
    plan = parse_plan(extracted.text, "md")
    numbered = [(c.kind, c.number) for c in plan.clauses if c.number]
    assert numbered == [
        (ClauseKind.PART, "I"),
        (ClauseKind.SECTION, "1"),
        (ClauseKind.POINT, "a"),
        (ClauseKind.SECTION, "2"),
        (ClauseKind.SECTION, "3"),
    ]
    _assert_spans_index_the_text(extracted.text, extracted.blocks)


def test_pipe_table_with_alignment_row_two_row_header_group_rows_and_breaks() -> None:
    source = (
        "| TT | Nội dung | Phân công thực hiện | | | Thời gian hoàn thành |\n"
        "|:--:|:---|---|---|---|---:|\n"
        "| | | Trực tiếp chỉ đạo | Đơn vị chủ trì | Đơn vị phối hợp | |\n"
        "| **I** | **Dữ liệu số** | | | | |\n"
        "| 1 | Số hóa hồ sơ<br>đạt 100% | Phó Chủ tịch UBND | Sở Nội vụ | Sở Tư pháp<br/>Sở Tài chính | Quý IV/2025 |\n"
        "| B. HẠ TẦNG SỐ | B. HẠ TẦNG SỐ | B. HẠ TẦNG SỐ | B. HẠ TẦNG SỐ | B. HẠ TẦNG SỐ | B. HẠ TẦNG SỐ |\n"
        "| 2 | Phủ sóng 5G \\| 4G | Chủ tịch UBND | Sở Khoa học và Công nghệ | | 2026 |\n"
        "\n---\n\nĐoạn sau bảng.\n"
    )
    extracted = read_markdown(source)
    text = extracted.text
    assert "---" not in text and "<br" not in text and "**" not in text
    table = next(b for b in extracted.blocks if isinstance(b, Table))
    assert [row.kind for row in table.rows] == [
        RowKind.HEADER,
        RowKind.HEADER,
        RowKind.GROUP,
        RowKind.DATA,
        RowKind.GROUP,
        RowKind.DATA,
    ]
    header = table.rows[0].cells
    assert [(c.column, c.col_span) for c in header] == [(0, 1), (1, 1), (2, 3), (5, 1)]
    assert table.rows[4].cells[0].col_span == 6  # a title repeated across the row is one cell
    row = table.rows[3]
    assert row.cells[1].lines == ("Số hóa hồ sơ", "đạt 100%")
    assert text[row.cells[1].start : row.cells[1].end] == f"Số hóa hồ sơ{CELL_LINE_BREAK}đạt 100%"
    assert isinstance(extracted.blocks[-2], Rule)
    assert extracted.blocks[-2].start == extracted.blocks[-2].end == table.end
    _assert_spans_index_the_text(text, extracted.blocks)

    plan = parse_plan(text, "md")
    rows = [(t.number, t.group, t.monitoring_units, t.deadline) for t in plan.targets]
    assert [(number, group) for number, group, _, _ in rows] == [
        ("1", "Dữ liệu số"),
        ("2", "B. HẠ TẦNG SỐ"),
    ]  # a <br> is a line break inside the cell, never a new row
    first, second = plan.targets
    assert first.monitoring_units == ("Phó Chủ tịch UBND",)
    assert first.lead_units == ("Sở Nội vụ",)
    assert first.deadline is not None and first.deadline.quarter == 4
    assert second.content == "Phủ sóng 5G | 4G"
    assert second.lead_units == ("Sở Khoa học và Công nghệ",)
    for target in plan.targets:  # every cell quote is verbatim from the canonical text
        for cell in target.cells:
            assert text[cell.start : cell.end] == cell.text


def test_table_without_number_column_and_layout_tables() -> None:
    source = (
        "| Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |\n"
        "|---|---|---|---|\n"
        "| Xây dựng kho dữ liệu | Sở Khoa học và Công nghệ | Các sở, ngành | 2026 |\n"
        "\n"
        "| Nơi nhận: | KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH |\n"
        "|---|---|\n"
        "| - Như trên; | Nguyễn Văn A |\n"
    )
    extracted = read_markdown(source)
    plan = parse_plan(extracted.text, "md")
    assert [(t.content, t.lead_units) for t in plan.targets] == [
        ("Xây dựng kho dữ liệu", ("Sở Khoa học và Công nghệ",))
    ]
    assert "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" in extracted.text  # a layout table's lines stand alone
    _assert_spans_index_the_text(extracted.text, extracted.blocks)


def test_front_matter_html_blocks_and_empty_header_rows() -> None:
    source = (
        "---\ntitle: Nghị quyết\nurl: https://example.invalid/nq\n---\n\n"
        "<div align='center'>CHÍNH PHỦ<br>-------</div>\n\n"
        "| | | |\n|---|---|---|\n| STT | Nội dung | Đơn vị chủ trì |\n| 1 | Việc một | Sở A |\n"
    )
    extracted = read_markdown(source)
    assert not extracted.text.startswith("title")
    assert _lines(extracted.text)[0] == "CHÍNH PHỦ"
    plan = parse_plan(extracted.text, "md")
    assert [(t.number, t.lead_units) for t in plan.targets] == [("1", ("Sở A",))]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("path", PLANS, ids=[p.stem for p in PLANS])
def test_plans_converted_to_markdown_parse_to_the_same_clauses_and_targets(
    path: Path, style: str
) -> None:
    reference = parse_corpus_file(path)
    markdown = render_markdown(plan_blocks(reference.source_text), style)
    extracted = read_document(markdown.encode(), f"{path.stem}.md")
    text = extracted.text
    plan = parse_plan(text, path.stem, blocks=extracted.blocks)
    assert numbered_clauses(plan) == numbered_clauses(reference)
    # Table rows must match exactly. Body duties are compared by clause and lead unit only:
    # the converter writes each hard-wrapped line of the text as its own Markdown paragraph,
    # so a wrapped line that starts with a capital opens a paragraph in the Markdown, and a
    # duty's wording may stop there or its task move under another clause (4 of tien-giang's
    # 19 are missed this way).
    assert _table_rows(plan) == _table_rows(reference)
    # never a duty the text does not give; some may be missed (see above)
    assert set(_duties(plan)) <= set(_duties(reference))
    assert finish_text(text) == text


def _table_rows(plan: ParsedPlan) -> list[tuple]:
    rows = [t for t in plan.targets if t.source == "table"]
    return comparable_targets(replace(plan, targets=tuple(rows)))


def _duties(plan: ParsedPlan) -> list[tuple]:
    return [(t.number, t.lead_units) for t in plan.targets if t.source == "body"]


# A Government resolution as people transcribe them into Markdown (the shape of a Nghị
# quyết …/NQ-CP with an indicator appendix), written for this test.
RESOLUTION = """\
| CHÍNH PHỦ<br>-------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc<br>--------------- |
|---|---|
| Số: 03/NQ-CP | *Hà Nội, ngày 09 tháng 01 năm 2025* |

**NGHỊ QUYẾT**

**BAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG THỰC HIỆN NGHỊ QUYẾT VỀ CHUYỂN ĐỔI SỐ QUỐC GIA**

**CHÍNH PHỦ**

*Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 6 năm 2015;*

**QUYẾT NGHỊ:**

**Điều 1\\.** Ban hành kèm theo Nghị quyết này Chương trình hành động.

## **I\\. MỤC TIÊU**

**1\\.** Đến năm 2030, kinh tế số đạt tối thiểu 30% GDP.

**2\\.** Tầm nhìn đến năm 2045, Việt Nam là trung tâm công nghệ số của khu vực.

## **II\\. NHIỆM VỤ, GIẢI PHÁP**

**1\\.** Hoàn thiện thể chế

a\\) Bộ Khoa học và Công nghệ chủ trì xây dựng Luật Chuyển đổi số;

b\\) Bộ Tài chính chủ trì bố trí kinh phí.

# **PHỤ LỤC**

**CHỈ TIÊU GIÁM SÁT, ĐÁNH GIÁ**

| TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì theo dõi, đánh giá |
|:---:|---|:---:|---|---|
| **A** | **Kinh tế số** | | | |
| 1 | Tỷ trọng kinh tế số trong GDP | % | 30 | Bộ Tài chính |
| 2 | Số doanh nghiệp công nghệ số | Doanh nghiệp | 150.000 | Bộ Khoa học và Công nghệ |
| **B** | **Chính phủ số** | | | |
| 3 | Tỷ lệ dịch vụ công trực tuyến toàn trình | % | 100 | Văn phòng Chính phủ<br>Bộ Công an |
"""

OUTLINE = """\
# **ĐỀ ÁN PHÁT TRIỂN ĐÔ THỊ THÔNG MINH**

## **I. QUAN ĐIỂM**

Phát triển đô thị thông minh lấy người dân làm trung tâm.

## **II. MỤC TIÊU THEO GIAI ĐOẠN**

### Mục tiêu đến năm 2025

**1\\.** 100% hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng.

**2\\.** Tỷ lệ dân số trưởng thành có chữ ký số đạt 50%.

### Mục tiêu đến năm 2030

**1\\.** 100% hồ sơ công việc cấp xã được xử lý trên môi trường mạng.

**2\\.** Tỷ lệ dân số trưởng thành có chữ ký số đạt 80%.

### Tầm nhìn đến năm 2045

**1\\.** Trở thành đô thị thông minh kết nối với mạng lưới khu vực.

---

## **III. TỔ CHỨC THỰC HIỆN**

| STT | Nhiệm vụ | Cơ quan thực hiện | Cơ quan phối hợp, tham vấn | Thời gian |
|---|---|---|---|---|
| 1 | Xây dựng trung tâm điều hành<br>thông minh | Sở Khoa học và Công nghệ | Sở Xây dựng<br>Sở Tài chính | 2025-2026 |
| 2 | Phát triển nền tảng dữ liệu đô thị | Sở Xây dựng | Công an tỉnh | 2027-2030 |
"""


def test_resolution_in_markdown_keeps_its_header_lines_and_indicator_appendix() -> None:
    extracted = read_markdown(RESOLUTION)
    lines = _lines(extracted.text)
    assert lines[:4] == [
        "CHÍNH PHỦ",
        "--------",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert "Số: 03/NQ-CP" in lines and "Hà Nội, ngày 09 tháng 01 năm 2025" in lines
    plan = parse_plan(extracted.text, "nq-03")
    assert plan.document.number == "03/NQ-CP"
    numbered = [(c.kind, c.number) for c in plan.clauses if c.kind is not ClauseKind.TABLE_ROW]
    assert (ClauseKind.PART, "I") in numbered and (ClauseKind.PART, "II") in numbered
    assert [(c.number, c.heading) for c in plan.clauses if c.kind is ClauseKind.TABLE_GROUP] == [
        (None, "A Kinh tế số"),
        (None, "B Chính phủ số"),
    ]
    table = [t for t in plan.targets if t.source == "table"]
    rows = [(t.number, t.content, t.group) for t in table]
    assert rows == [
        ("1", "Tỷ trọng kinh tế số trong GDP", "A Kinh tế số"),
        ("2", "Số doanh nghiệp công nghệ số", "A Kinh tế số"),
        ("3", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "B Chính phủ số"),
    ]
    monitors = [cell.text for t in table for cell in t.cells_for("monitoring")]
    assert monitors == [
        "Bộ Tài chính",
        "Bộ Khoa học và Công nghệ",
        f"Văn phòng Chính phủ{CELL_LINE_BREAK}Bộ Công an",  # two lines in one cell
    ]
    values = {t.number: [c.text for c in t.cells if c.header == "Kết quả"] for t in table}
    # the body's "a) Bộ Khoa học và Công nghệ chủ trì xây dựng Luật …" is a duty of its own
    duties = {t.content: t.lead_units for t in plan.targets if t.source == "body"}
    assert duties["Bộ Khoa học và Công nghệ chủ trì xây dựng Luật Chuyển đổi số;"] == (
        "Bộ Khoa học và Công nghệ",
    )
    assert values == {"1": ["30"], "2": ["150.000"], "3": ["100"]}
    _assert_spans_index_the_text(extracted.text, extracted.blocks)


def test_outline_keeps_stage_headings_apart_from_the_targets_under_them() -> None:
    extracted = read_markdown(OUTLINE)
    stages = [
        (b.level, b.text) for b in extracted.blocks if isinstance(b, Heading) and b.level == 3
    ]
    assert stages == [
        (3, "Mục tiêu đến năm 2025"),
        (3, "Mục tiêu đến năm 2030"),
        (3, "Tầm nhìn đến năm 2045"),
    ]
    plan = parse_plan(extracted.text, "outline")
    part_two = next(c for c in plan.clauses if c.kind is ClauseKind.PART and c.number == "II")
    assert part_two.heading == "MỤC TIÊU THEO GIAI ĐOẠN"
    # each stage heading is its own line right before its targets, so a stage pass can
    # give "80%" the period 2030 and "50%" the period 2025
    text = extracted.text
    assert text.index("Mục tiêu đến năm 2025") < text.index("đạt 50%")
    assert text.index("đạt 50%") < text.index("Mục tiêu đến năm 2030") < text.index("đạt 80%")
    assert "\nMục tiêu đến năm 2030\n" in text
    by_text = {" ".join(c.body.split()): c.period for c in plan.clauses}
    assert by_text["2. Tỷ lệ dân số trưởng thành có chữ ký số đạt 50%."] == "2025"
    assert by_text["2. Tỷ lệ dân số trưởng thành có chữ ký số đạt 80%."] == "2030"
    assert by_text["1. Trở thành đô thị thông minh kết nối với mạng lưới khu vực."] == "2045"
    tasks = [(t.number, t.content, t.cooperating_units) for t in plan.targets]
    assert tasks[0][1] == f"Xây dựng trung tâm điều hành{CELL_LINE_BREAK}thông minh"
    assert tasks[0][2] == ("Sở Xây dựng", "Sở Tài chính")
    assert [number for number, _, _ in tasks] == ["1", "2"]
    _assert_spans_index_the_text(text, extracted.blocks)


def test_markdown_ingest_keeps_the_canonical_text_as_the_source(tmp_path: Path) -> None:
    path = tmp_path / "nghi-quyet-03.md"
    path.write_text(RESOLUTION, encoding="utf-8")
    source = read_source(path, 1_000_000)
    assert source.text == read_markdown(RESOLUTION).text
    with ingested_runtime(tmp_path / "home", [path]) as runtime:
        kept = runtime.settings.home / "sources" / "nghi-quyet-03.txt"
        assert kept.read_text(encoding="utf-8") == source.text
    plan = parse_plan(source.text, "nghi-quyet-03")
    for clause in plan.clauses:  # offsets point into the kept text: quotes verify
        assert source.text[clause.start : clause.end] == clause.text


def test_plain_text_files_are_not_read_as_markdown() -> None:
    raw = "**1\\.** Nội dung\n| a | b |\n"
    assert source_text(raw.encode(), "ke-hoach.txt") == (raw, ())
    assert source_text(raw.encode(), "ke-hoach.md")[0] == "1. Nội dung\n| a | b |\n"


def test_markdown_with_no_text_is_refused() -> None:
    with pytest.raises(EmptySourceError, match=r"trong\.md"):
        source_text(b"<!-- chua co noi dung -->\n\n---\n", "trong.md")


def test_front_matter_that_never_closes_is_text_and_reads_fast() -> None:
    extracted = read_markdown("---\n" + "   \n\n" * 3000 + "title: x\n")
    assert _lines(extracted.text) == ["title: x"]
