"""One plan in every format: .txt, .md, .docx and .html give the same clauses and rows.

The plan is written here once as structure (parts, numbered sections with stage headings,
points, a task table inside a body section, a signature and an appendix whose table has a
two-row header, group rows, a deadline merged down over two rows and a cell with two
lines) and rendered the way each format writes it: tab rows in the web-copy text, pipe
tables with `<br>` in Markdown, a Word document with heading styles and real merged cells
(built with python-docx), an HTML page with <h2>, colspan/rowspan and `<br>`. The DOCX,
HTML and Markdown readers give blocks whose tables the parser takes as rows and cells; the
text goes through the line reader. All four must parse to the same structure.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pytest
from docx import Document

from ingest.domain import ClauseKind, ParsedPlan
from ingest.formats.blocks import Heading, ListItem, Paragraph, RowKind, Rule, Table
from ingest.formats.markdown_tables import CELL_LINE_BREAK
from ingest.parser.plan import parse_plan
from ingest.reader import read_source
from tests.formats_fixtures import render_docx


@dataclass(frozen=True)
class Grid:
    """A table as its author made it: header rows, body rows, and its merges."""

    header: tuple[tuple[str, ...], ...]  # one or two rows; "" under or beside a merged label
    rows: tuple[tuple[str, ...], ...]  # a group row has its title in column 1 only
    merged_down: tuple[tuple[int, int], ...] = ()  # (body row, column) merged with the row below


PARTS: list[str | Grid] = [
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG THỬ",
    "Số: 77/KH-UBND",
    "Quảng Thử, ngày 10 tháng 3 năm 2026",
    "KẾ HOẠCH",
    "Chuyển đổi số tỉnh Quảng Thử năm 2026",
    "I. MỤC TIÊU",
    "1. Mục tiêu đến năm 2026",
    "a) 100% hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng.",
    "b) 80% thủ tục hành chính được cung cấp trực tuyến toàn trình.",
    "2. Tầm nhìn đến năm 2030",
    "a) Kinh tế số chiếm 30% GRDP của tỉnh.",
    "II. NHIỆM VỤ",
    "1. Hoàn thiện thể chế",
    "Sở Tư pháp chủ trì rà soát các văn bản quy phạm pháp luật của tỉnh.",
    "2. Các nhiệm vụ trọng tâm năm 2026",
    Grid(
        header=(("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"),),
        rows=(
            (
                "1",
                "Xây dựng trung tâm điều hành thông minh",
                "Sở Khoa học và Công nghệ",
                "Sở Tài chính\nSở Nội vụ",
                "Quý II/2026",
            ),
            ("2", "Triển khai nền tảng số cấp xã", "UBND các xã", "Sở Khoa học và Công nghệ", ""),
        ),
    ),
    "3. Bảo đảm an toàn thông tin",
    "Công an tỉnh chủ trì bảo đảm an toàn thông tin mạng.",
    "III. TỔ CHỨC THỰC HIỆN",
    "Các sở, ban, ngành căn cứ Kế hoạch này triển khai thực hiện.",
    "Nơi nhận:",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Nguyễn Văn An",
    "PHỤ LỤC",
    "DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026",
    Grid(
        header=(
            ("STT", "Nội dung", "Đơn vị thực hiện", "", "Thời gian hoàn thành"),
            ("", "", "Chủ trì", "Phối hợp", ""),
        ),
        rows=(
            ("I", "Hạ tầng số", "", "", ""),
            (
                "1",
                "Phủ sóng 5G tại các khu công nghiệp",
                "Sở Khoa học và Công nghệ",
                "Các doanh nghiệp viễn thông",
                "Quý IV/2026",
            ),
            (
                "2",
                "Nâng cấp mạng truyền số liệu chuyên dùng",
                "Văn phòng UBND tỉnh",
                "Viễn thông tỉnh\nBưu điện tỉnh",
                "Quý IV/2026",
            ),
            ("II", "Dữ liệu số", "", "", ""),
            ("3", "Xây dựng kho dữ liệu dùng chung", "Sở Khoa học và Công nghệ", "", "Năm 2026"),
        ),
        merged_down=((1, 4),),
    ),
]
# the second task row's deadline is left to the merge: the cell above spans it
_DOWN = "Quý IV/2026"


def _is_group(row: tuple[str, ...]) -> bool:
    return not any(row[2:])


def _part(text: str) -> bool:
    return text.split(" ", 1)[0] in ("I.", "II.", "III.")


# ---- the four renderings ------------------------------------------------------------------


def render_text(parts: list[str | Grid]) -> str:
    """A web copy: one line per paragraph, tables as tab rows, multi-line cells with "; "."""
    lines: list[str] = []
    for part in parts:
        if isinstance(part, str):
            lines.append(part)
            continue
        lines += ["\t".join(row) for row in part.header]
        lines += ["\t".join(cell.replace("\n", "; ") for cell in row) for row in part.rows]
    return "\n".join(lines) + "\n"


def render_md(parts: list[str | Grid]) -> str:
    """Markdown as transcribed: `##` parts, bold escaped numbers, pipe tables with `<br>`."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, Grid):
            width = len(part.header[0])
            rows = [*part.header, *part.rows]
            lines = ["| " + " | ".join(c.replace("\n", "<br>") for c in row) + " |" for row in rows]
            out.append("\n".join([lines[0], "|" + "---|" * width, *lines[1:]]))
        elif _part(part):
            out.append(f"## **{part.replace('.', chr(92) + '.', 1)}**")
        elif part[:2] in ("1.", "2.", "3.") or part[:2] in ("a)", "b)"):
            head, rest = part.split(" ", 1)
            out.append(f"**{head.replace('.', chr(92) + '.').replace(')', chr(92) + ')')}** {rest}")
        elif part == "PHỤ LỤC":
            out.append(f"# **{part}**")
        else:
            out.append(part)
    return "\n\n".join(out) + "\n"


def render_word(parts: list[str | Grid]) -> bytes:
    """A Word document: parts in Heading 1, tables with real merged cells."""
    document = Document()
    for part in parts:
        if isinstance(part, str):
            if _part(part):
                document.add_heading(part, level=1)
            else:
                document.add_paragraph(part)
            continue
        rows = [*part.header, *part.rows]
        width = len(rows[0])
        table = document.add_table(rows=len(rows), cols=width)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                down = r - len(part.header) - 1
                if text and (down, c) not in part.merged_down:
                    cell = table.cell(r, c)
                    first, *more = text.split("\n")
                    cell.text = first
                    for line in more:  # a second paragraph in the cell
                        cell.add_paragraph(line)
        _merge_header(table, part)
        for r, row in enumerate(part.rows, start=len(part.header)):
            if _is_group(row):
                table.cell(r, 1).merge(table.cell(r, width - 1))
        for r, c in part.merged_down:
            top = len(part.header) + r
            table.cell(top, c).merge(table.cell(top + 1, c))
        for tc in table._tbl.iter():  # merged cells keep an empty paragraph Word would hide
            paragraphs = [p for p in tc if p.tag.endswith("}p")] if tc.tag.endswith("}tc") else []
            for paragraph in paragraphs[1:]:
                if not "".join(paragraph.itertext()).strip():
                    tc.remove(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _merge_header(table, grid: Grid) -> None:
    if len(grid.header) < 2:
        return
    top, sub = grid.header
    for c, label in enumerate(top):
        if label and c + 1 < len(top) and not top[c + 1] and sub[c + 1]:
            table.cell(0, c).merge(table.cell(0, c + 1))
        elif label and not sub[c]:
            table.cell(0, c).merge(table.cell(1, c))


def render_page(parts: list[str | Grid]) -> bytes:
    """An HTML page: <h2> parts, colspan/rowspan, `<br>` inside cells."""
    body: list[str] = []
    for part in parts:
        if isinstance(part, str):
            tag = "h2" if _part(part) else "p"
            body.append(f"<{tag}>{escape(part)}</{tag}>")
            continue
        html = ["<table border='1'>"]
        width = len(part.header[0])
        if len(part.header) == 2:
            top, sub = part.header
            cells = []
            for c, label in enumerate(top):
                if not label:
                    continue
                if c + 1 < width and not top[c + 1] and sub[c + 1]:
                    cells.append(f"<th colspan='2'>{escape(label)}</th>")
                else:
                    cells.append(f"<th rowspan='2'>{escape(label)}</th>")
            html.append("<tr>" + "".join(cells) + "</tr>")
            html.append("<tr>" + "".join(f"<th>{escape(s)}</th>" for s in sub if s) + "</tr>")
        else:
            html.append("<tr>" + "".join(f"<th>{escape(s)}</th>" for s in part.header[0]) + "</tr>")
        for r, row in enumerate(part.rows):
            if _is_group(row):
                html.append(
                    f"<tr><td><b>{row[0]}</b></td><td colspan='{width - 1}'><b>{row[1]}</b></td></tr>"
                )
                continue
            cells = []
            for c, text in enumerate(row):
                if (r - 1, c) in part.merged_down:
                    continue
                span = " rowspan='2'" if (r, c) in part.merged_down else ""
                cells.append(f"<td{span}>" + "<br>".join(map(escape, text.split("\n"))) + "</td>")
            html.append("<tr>" + "".join(cells) + "</tr>")
        body.append("\n".join([*html, "</table>"]))
    page = "<html><head><meta charset='utf-8'></head><body>" + "\n".join(body) + "</body></html>"
    return page.encode("utf-8")


RENDERERS = {
    ".txt": lambda parts: render_text(parts).encode("utf-8"),
    ".md": lambda parts: render_md(parts).encode("utf-8"),
    ".docx": render_word,
    ".html": render_page,
}


def _parse(tmp_path: Path, suffix: str) -> ParsedPlan:
    path = tmp_path / f"ke-hoach-77{suffix}"
    path.write_bytes(RENDERERS[suffix](PARTS))
    source = read_source(path, 10_000_000)
    if suffix in (".txt",):  # plain text: a paragraph block per line, the words decide
        assert source.blocks and all(isinstance(block, Paragraph) for block in source.blocks)
    else:
        assert any(isinstance(block, Table) for block in source.blocks)
    return parse_plan(source.text, "ke-hoach-77", str(path), source.blocks)


_KINDS = (
    ClauseKind.PART,
    ClauseKind.SECTION,
    ClauseKind.ITEM,
    ClauseKind.POINT,
    ClauseKind.APPENDIX,
    ClauseKind.TABLE_GROUP,
    ClauseKind.TABLE_ROW,
)


def _clauses(plan: ParsedPlan) -> list[tuple]:
    return [(c.kind.value, c.number, c.path, c.period) for c in plan.clauses if c.kind in _KINDS]


def _rows(plan: ParsedPlan) -> list[tuple]:
    return [
        (
            t.number,
            t.content,
            t.lead_units,
            t.cooperating_units,
            t.deadline.raw if t.deadline else None,
            t.group,
            t.period,
            t.source,
        )
        for t in plan.targets
    ]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> ParsedPlan:
    return _parse(tmp_path_factory.mktemp("txt"), ".txt")


def test_the_text_rendering_parses_to_the_written_structure(reference: ParsedPlan) -> None:
    clauses = _clauses(reference)
    body_rows = [c for c in clauses if c[0] == "table_row" and c[2].startswith("II.")]
    # the task table inside section II.2 is that section's, not an implied appendix
    assert [(c[1], c[3]) for c in body_rows] == [("1", "2026"), ("2", "2026")]
    appendices = [c for c in clauses if c[0] == "appendix"]
    assert [c[1] for c in appendices] == ["Phụ lục 1"]
    table_rows = [t for t in _rows(reference) if t[7] == "table"]
    assert [(t[0], t[2], t[3], t[4]) for t in table_rows[:2]] == [
        ("1", ("Sở Khoa học và Công nghệ",), ("Sở Tài chính", "Sở Nội vụ"), "Quý II/2026"),
        ("2", ("UBND các xã",), ("Sở Khoa học và Công nghệ",), None),
    ]
    appendix = table_rows[2:]
    assert [(t[0], t[2], t[3], t[4], t[5]) for t in appendix] == [
        ("1", ("Sở Khoa học và Công nghệ",), ("Các doanh nghiệp viễn thông",), _DOWN, "Hạ tầng số"),
        ("2", ("Văn phòng UBND tỉnh",), ("Viễn thông tỉnh", "Bưu điện tỉnh"), _DOWN, "Hạ tầng số"),
        ("3", ("Sở Khoa học và Công nghệ",), (), "Năm 2026", "Dữ liệu số"),
    ]
    periods = {c[2]: c[3] for c in clauses if c[0] == "point"}
    assert set(periods.values()) == {"2026", "2030"}


@pytest.mark.parametrize("suffix", [".md", ".docx", ".html"])
def test_every_format_gives_the_same_clauses_periods_and_rows(
    suffix: str, reference: ParsedPlan, tmp_path: Path
) -> None:
    plan = _parse(tmp_path, suffix)
    assert _clauses(plan) == _clauses(reference)
    assert _rows(plan) == _rows(reference)
    for target in plan.targets:  # every cell quotes the canonical text verbatim
        for cell in target.cells:
            assert plan.source_text[cell.start : cell.end].replace(CELL_LINE_BREAK, "; ") in (
                cell.text,
                cell.text.replace(CELL_LINE_BREAK, "; "),
            )


@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_word_and_html_blocks_index_the_canonical_text(suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"plan{suffix}"
    path.write_bytes(RENDERERS[suffix](PARTS))
    source = read_source(path, 10_000_000)
    text = source.text
    headings = [b for b in source.blocks if isinstance(b, Heading)]
    assert [(h.level, h.marker, h.text) for h in headings] == [
        (1 if suffix == ".docx" else 2, "I.", "MỤC TIÊU"),
        (1 if suffix == ".docx" else 2, "II.", "NHIỆM VỤ"),
        (1 if suffix == ".docx" else 2, "III.", "TỔ CHỨC THỰC HIỆN"),
    ]
    previous_end = 0
    for block in source.blocks:
        assert isinstance(block, Heading | Paragraph | ListItem | Table | Rule)
        assert previous_end <= block.start <= block.end <= len(text)
        previous_end = block.end
        if isinstance(block, Heading):
            assert text[block.start : block.end] == f"{block.marker} {block.text}"
        elif isinstance(block, Paragraph):
            assert text[block.start : block.end] == block.text
    tables = [b for b in source.blocks if isinstance(b, Table)]
    assert len(tables) == 2
    appendix = tables[1]
    assert [row.kind for row in appendix.rows] == [
        RowKind.HEADER,
        RowKind.HEADER,
        RowKind.GROUP,
        RowKind.DATA,
        RowKind.DATA,
        RowKind.GROUP,
        RowKind.DATA,
    ]
    top = {cell.column: cell for cell in appendix.rows[0].cells}
    assert (top[2].lines, top[2].col_span) == (("Đơn vị thực hiện",), 2)
    assert (top[0].lines, top[0].row_span) == (("STT",), 2)
    deadline = next(cell for cell in appendix.rows[3].cells if cell.column == 4)
    assert (deadline.lines, deadline.row_span) == ((_DOWN,), 2)
    two_lines = next(cell for cell in appendix.rows[4].cells if cell.column == 3)
    assert two_lines.lines == ("Viễn thông tỉnh", "Bưu điện tỉnh")
    assert text[two_lines.start : two_lines.end] == CELL_LINE_BREAK.join(two_lines.lines)
    for row in appendix.rows:
        for cell in row.cells:
            if cell.end > cell.start:
                assert text[cell.start : cell.end] in (
                    CELL_LINE_BREAK.join(cell.lines),
                    " ".join(cell.lines),
                )


def test_word_numbering_becomes_list_items_with_their_labels() -> None:
    from ingest.formats import extract_text

    data = render_docx(["I. MỤC TIÊU", "1. Hạ tầng số", "a) Phủ sóng 5G", "- Trạm mới"])
    extracted = extract_text(data, ".docx")
    items = [(b.marker, b.text) for b in extracted.blocks if isinstance(b, ListItem)]
    assert items == [("1.", "Hạ tầng số"), ("a)", "Phủ sóng 5G"), ("-", "Trạm mới")]
    for block in extracted.blocks:
        if isinstance(block, ListItem):
            assert extracted.text[block.start : block.end] == f"{block.marker} {block.text}"


def test_html_lists_and_headings_become_blocks() -> None:
    from ingest.formats import extract_text

    page = (
        "<html><body><h1>KẾ HOẠCH</h1><h3>II. NHIỆM VỤ</h3>"
        "<ol type='a'><li>Phủ sóng 5G<ul><li>Trạm mới</li></ul></li><li>Dữ liệu</li></ol>"
        "</body></html>"
    ).encode()
    extracted = extract_text(page, ".html")
    blocks = extracted.blocks
    assert [(b.level, b.marker, b.text) for b in blocks if isinstance(b, Heading)] == [
        (1, None, "KẾ HOẠCH"),
        (3, "II.", "NHIỆM VỤ"),
    ]
    items = [(b.marker, b.depth, b.text) for b in blocks if isinstance(b, ListItem)]
    assert items == [("a)", 0, "Phủ sóng 5G"), ("-", 1, "Trạm mới"), ("b)", 0, "Dữ liệu")]
    for block in blocks:
        if isinstance(block, ListItem):
            assert extracted.text[block.start : block.end] == f"{block.marker} {block.text}"


# ---- unnumbered headings: Word "Heading 1", HTML <h2>, Markdown `#` ------------------------

UNNUMBERED: list[str] = [
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG THỬ",
    "KẾ HOẠCH",
    "Chuyển đổi số tỉnh Quảng Thử năm 2026",
    "Thực hiện Nghị quyết số 57-NQ/TW, UBND tỉnh ban hành Kế hoạch như sau:",
    "# MỤC ĐÍCH, YÊU CẦU",
    "Bảo đảm hạ tầng số phủ khắp tỉnh.",
    "# NHIỆM VỤ VÀ GIẢI PHÁP",
    "## Hạ tầng số",
    "Sở Khoa học và Công nghệ chủ trì phủ sóng 5G tại các khu công nghiệp.",
    "## Dữ liệu số",
    "Văn phòng UBND tỉnh chủ trì xây dựng kho dữ liệu dùng chung.",
    "# TỔ CHỨC THỰC HIỆN",
    "Các sở, ban, ngành căn cứ Kế hoạch này triển khai thực hiện.",
]


def _unnumbered_file(suffix: str) -> bytes:
    if suffix == ".md":
        return ("\n\n".join(UNNUMBERED) + "\n").encode("utf-8")
    if suffix == ".html":
        body = []
        for part in UNNUMBERED:
            level = len(part) - len(part.lstrip("#"))
            tag = f"h{level + 1}" if level else "p"
            body.append(f"<{tag}>{escape(part.lstrip('# '))}</{tag}>")
        return f"<html><body>{''.join(body)}</body></html>".encode()
    document = Document()
    for part in UNNUMBERED:
        level = len(part) - len(part.lstrip("#"))
        if level:
            document.add_heading(part.lstrip("# "), level=level)
        else:
            document.add_paragraph(part)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("suffix", [".md", ".docx", ".html"])
def test_an_unnumbered_heading_opens_a_clause_in_every_format(suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"ke-hoach{suffix}"
    path.write_bytes(_unnumbered_file(suffix))
    source = read_source(path, 10_000_000)
    plan = parse_plan(source.text, "ke-hoach", str(path), source.blocks)
    headed = [
        (c.kind.value, c.heading, c.path)
        for c in plan.clauses
        if c.kind in (ClauseKind.PART, ClauseKind.SECTION)
    ]
    assert headed == [
        ("part", "MỤC ĐÍCH, YÊU CẦU", "MỤC ĐÍCH, YÊU CẦU"),
        ("part", "NHIỆM VỤ VÀ GIẢI PHÁP", "NHIỆM VỤ VÀ GIẢI PHÁP"),
        ("section", "Hạ tầng số", "NHIỆM VỤ VÀ GIẢI PHÁP › Hạ tầng số"),
        ("section", "Dữ liệu số", "NHIỆM VỤ VÀ GIẢI PHÁP › Dữ liệu số"),
        ("part", "TỔ CHỨC THỰC HIỆN", "TỔ CHỨC THỰC HIỆN"),
    ]
    by_id = {c.id: c for c in plan.clauses}
    duty = next(c for c in plan.clauses if c.body.startswith("Sở Khoa học"))
    assert by_id[duty.parent_id or ""].heading == "Hạ tầng số"
    for clause in plan.clauses:  # spans index the canonical text
        assert plan.source_text[clause.start : clause.end] == clause.text
    preamble = [c for c in plan.clauses if c.kind is ClauseKind.PREAMBLE]
    assert len(preamble) == 1 and "KẾ HOẠCH" in preamble[0].text
    assert plan.document.title.startswith("Kế hoạch Chuyển đổi số tỉnh Quảng Thử")
    rows = [(t.lead_units, t.source) for t in plan.targets]
    assert (("Sở Khoa học và Công nghệ",), "body") in rows
