"""Rendering corpus plans into real DOCX, PDF and HTML files for the extraction round trips.

A corpus text is read with the parser's own line and table readers into blocks
(paragraphs and tables with their header rows), then written as a document a plan's
author would produce: Word list numbering for "1.", "a)", "-", "+" paragraphs, the
appendix as a real table with merged header cells and group rows spanning the row; in the
PDF, ruled tables whose header repeats on every page, a running header and page numbers;
in HTML, a saved portal page with its menus, scripts and footer around the document.
"""

from __future__ import annotations

import importlib.util
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ingest.domain import ClauseKind, ParsedPlan
from ingest.formats import ExtractedText
from ingest.parser.lines import clean_markup, find_repeated_blocks, split_lines
from ingest.parser.markers import read_marker
from ingest.parser.plan import parse_plan
from ingest.parser.tables import is_table_start, read_table


def vietnamese_font() -> Path | None:
    """DejaVu Sans (full Vietnamese coverage): Debian's fonts-dejavu-core, or matplotlib's."""
    candidates = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin:
        candidates.append(Path(spec.origin).parent / "mpl-data/fonts/ttf/DejaVuSans.ttf")
    return next((path for path in candidates if path.is_file()), None)


@dataclass
class TableBlock:
    """A table as the author laid it out: header rows (top first) and data rows."""

    header_rows: list[list[str]]
    rows: list[list[str]]


def corpus_blocks(source: str) -> list[str | TableBlock]:
    """The paragraphs (clean text) and tables of a corpus plan, in order."""
    lines = split_lines(source)
    repeated = find_repeated_blocks(lines)
    blocks: list[str | TableBlock] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.index in repeated or line.blank:
            index += 1
            continue
        layout = is_table_start(line)
        if layout:
            table = read_table(lines, index, layout)
            header_rows = [list(table.header)]
            if layout == "tab":
                top = [clean_markup(cell) for cell in line.text.split("\t")]
                sub = [clean_markup(cell) for cell in lines[index + 1].text.split("\t")]
                header_rows = [top, sub] if sub and not sub[0] and any(sub) else [top]
            width = max(len(r) for r in header_rows)
            rows = [list(row.texts) + [""] * (width - len(row.texts)) for row in table.rows]
            blocks.append(TableBlock(header_rows, rows))
            index = table.last_line + 1
            continue
        text = clean_markup(line.text.rstrip().removesuffix("|"))
        if text:
            blocks.append(text)
        index += 1
    return blocks


def parse_extracted(extracted: ExtractedText, document_id: str) -> ParsedPlan:
    """The plan of an extracted file, its table blocks taken as rows (as ingest does)."""
    return parse_plan(extracted.text, document_id, blocks=extracted.blocks)


def comparable_targets(plan: ParsedPlan) -> list[tuple]:
    """What a target says, without offsets (they differ between formats)."""
    return [
        (
            t.number,
            t.content,
            t.monitoring_units,
            t.lead_units,
            t.cooperating_units,
            t.deadline,
            t.note,
            t.group,
        )
        for t in plan.targets
    ]


NUMBERED = (ClauseKind.PART, ClauseKind.SECTION, ClauseKind.ITEM, ClauseKind.POINT)


def numbered_clauses(plan: ParsedPlan) -> list[tuple[str, str | None, str]]:
    """(kind, number, path) of the numbered body and appendix structure, in order."""
    kinds = (*NUMBERED, ClauseKind.APPENDIX, ClauseKind.TABLE_GROUP, ClauseKind.TABLE_ROW)
    return [(c.kind.value, c.number, c.path) for c in plan.clauses if c.kind in kinds]


# ---- DOCX ---------------------------------------------------------------------------------

_LIST_STYLES = {  # marker family → (numFmt, lvlText)
    "section": ("decimal", "%1."),
    "point": ("lowerLetter", "%1)"),
    "dash": ("bullet", "-"),
    "plus": ("bullet", "o"),
}


class _WordLists:
    """Word numbering for the marker families, restarting a list where the text does."""

    def __init__(self, document) -> None:
        self._numbering = document.part.numbering_part.element
        self._abstract: dict[str, int] = {}
        self._current: dict[str, tuple[int, int]] = {}  # family → (numId, last value)
        self._next_id = 100
        for family, (fmt, text) in _LIST_STYLES.items():
            self._abstract[family] = self._add_abstract(fmt, text)

    def _add_abstract(self, fmt: str, text: str) -> int:
        self._next_id += 1
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(self._next_id))
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        abstract.append(lvl)
        # abstractNum elements must come before num elements
        nums = self._numbering.findall(qn("w:num"))
        if nums:
            nums[0].addprevious(abstract)
        else:
            self._numbering.append(abstract)
        return self._next_id

    def _add_num(self, family: str, start: int) -> int:
        self._next_id += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(self._next_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(self._abstract[family]))
        num.append(ref)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start_el = OxmlElement("w:startOverride")
        start_el.set(qn("w:val"), str(start))
        override.append(start_el)
        num.append(override)
        self._numbering.append(num)
        return self._next_id

    def num_id(self, family: str, value: int) -> int:
        """The list for this paragraph: a new one (restarting at `value`) when the text
        does not simply count on; bullets (value 0) share one list."""
        current = self._current.get(family)
        if current is None or (value and value != current[1] + 1):
            current = (self._add_num(family, value), value - 1)
        self._current[family] = (current[0], value)
        return current[0]


def _list_item(text: str) -> tuple[str, int, str] | None:
    """(family, value, text without the marker) for a paragraph Word would number."""
    marker = read_marker(text)
    if marker is None:
        return None
    if marker.kind is ClauseKind.SECTION and re.match(r"^\d+\.\s", text):
        return "section", int(marker.number or 0), marker.rest
    if marker.kind is ClauseKind.POINT and marker.number and "a" <= marker.number <= "z":
        return "point", ord(marker.number) - ord("a") + 1, marker.rest
    if marker.kind is ClauseKind.BULLET and text[:2] in ("- ", "+ "):
        return ("dash" if text[0] == "-" else "plus"), 0, marker.rest
    return None


def _set_numbering(paragraph, num_id: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", str(num_id))):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        num_pr.append(child)
    properties.append(num_pr)


def render_docx(
    blocks: Sequence[str | TableBlock],
    column_order: Sequence[int] | None = None,
    word_lists: bool = True,
) -> bytes:
    """A .docx of the blocks; `column_order` permutes every table's columns."""
    document = Document()
    lists = _WordLists(document) if word_lists else None
    for block in blocks:
        if isinstance(block, TableBlock):
            _docx_table(document, block, column_order)
            continue
        item = _list_item(block)
        if lists is None or item is None or not item[2]:
            document.add_paragraph(block)
            continue
        family, value, rest = item
        paragraph = document.add_paragraph(rest)
        _set_numbering(paragraph, lists.num_id(family, value))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _permute(cells: Sequence[str], order: Sequence[int] | None) -> list[str]:
    return [cells[k] for k in order] if order else list(cells)


def _docx_table(document, block: TableBlock, order: Sequence[int] | None) -> None:
    header_rows = [_permute(r, order) for r in block.header_rows]
    rows = [_permute(r, order) for r in block.rows]
    width = len(header_rows[0])
    table = document.add_table(rows=len(header_rows) + len(rows), cols=width)
    table.style = "Table Grid"
    cells = table._cells  # one grid walk; table.cell() walks the whole grid every call
    for r, texts in enumerate(header_rows + rows):
        for c, text in enumerate(texts):
            if text:
                cells[r * width + c].text = text
    if len(header_rows) == 2:  # a spanning label over sub-labels; labels alone span down
        top, sub = header_rows
        c = 0
        while c < width:
            end = c + 1
            while end < width and not top[end] and sub[end]:
                end += 1
            if end - c > 1:
                table.cell(0, c).merge(table.cell(0, end - 1))
            elif not sub[c]:
                table.cell(0, c).merge(table.cell(1, c))
            c = end
    for r, texts in enumerate(rows, start=len(header_rows)):
        filled = [k for k, text in enumerate(texts) if text]
        if filled and max(filled) <= 1 and width > 2:
            # a group row ("6." + "Về Chính quyền số"): its title spans the rest of the row
            table.cell(r, filled[-1]).merge(table.cell(r, width - 1))
    _drop_empty_merge_paragraphs(table)


def _drop_empty_merge_paragraphs(table) -> None:
    """python-docx keeps the merged cells' empty paragraphs; Word users would not see them."""
    for cell in table._tbl.iter(qn("w:tc")):
        paragraphs = cell.findall(qn("w:p"))
        for paragraph in paragraphs[1:]:
            if not "".join(paragraph.itertext()).strip():
                cell.remove(paragraph)


# ---- PDF ----------------------------------------------------------------------------------

RUNNING_HEADER = "Văn bản điện tử – bản sao từ hệ thống quản lý văn bản"


def render_pdf(
    blocks: Sequence[str | TableBlock],
    running_header: str | None = RUNNING_HEADER,
    page_numbers: bool = True,
    repeat_table_header: bool = True,
) -> bytes:
    """A PDF of the blocks in DejaVu Sans: ruled tables, their header on every page."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    font = vietnamese_font()
    if font is None:
        raise FileNotFoundError("no Vietnamese TTF font: apt-get install fonts-dejavu-core")
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(font)))
    body = ParagraphStyle("body", fontName="DejaVuSans", fontSize=10, leading=13, spaceAfter=3)
    cell = ParagraphStyle("cell", fontName="DejaVuSans", fontSize=8, leading=10)
    width = A4[0] - 3 * cm
    story: list = []
    for block in blocks:
        if not isinstance(block, TableBlock):
            story.append(Paragraph(escape(block), body))
            continue
        columns = len(block.header_rows[0])
        narrow = 1.1 * cm
        share = (width - narrow) / (columns)  # the content column gets two shares
        widths = [narrow, 2 * share] + [share] * (columns - 2)
        data = [
            [Paragraph(escape(text), cell) for text in row]
            for row in [*block.header_rows, *block.rows]
        ]
        commands: list = [
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        commands += _pdf_spans(block)
        repeat = len(block.header_rows) if repeat_table_header else 0
        table = Table(data, colWidths=widths, repeatRows=repeat)
        table.setStyle(TableStyle(commands))
        story.append(table)

    def furniture(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont("DejaVuSans", 8)
        if running_header:
            canvas.drawString(1.5 * cm, A4[1] - 1.2 * cm, running_header)
        if page_numbers:
            canvas.drawCentredString(A4[0] / 2, 1.0 * cm, str(document.page))
        canvas.restoreState()

    out = io.BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=1.5 * cm, rightMargin=1.5 * cm, topMargin=2 * cm,
        bottomMargin=2 * cm, invariant=True,
    )  # fmt: skip
    document.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return out.getvalue()


def _pdf_spans(block: TableBlock) -> list:
    spans: list = []
    width = len(block.header_rows[0])
    if len(block.header_rows) == 2:
        top, sub = block.header_rows
        c = 0
        while c < width:
            end = c + 1
            while end < width and not top[end] and sub[end]:
                end += 1
            if end - c > 1:
                spans.append(("SPAN", (c, 0), (end - 1, 0)))
            elif not sub[c]:
                spans.append(("SPAN", (c, 0), (c, 1)))
            c = end
    for r, texts in enumerate(block.rows, start=len(block.header_rows)):
        filled = [k for k, text in enumerate(texts) if text]
        if filled and max(filled) <= 1 and width > 2:
            spans.append(("SPAN", (filled[-1], r), (width - 1, r)))
    return spans


# ---- HTML ---------------------------------------------------------------------------------


def render_html(blocks: Sequence[str | TableBlock], portal: bool = True) -> bytes:
    """A saved legal-portal page: site chrome around the document, tables with spans.

    With `portal`, the document sits in thuvienphapluat's `divContentDoc` among menus and
    related-document lists; without it, chrome comes as script/style/nav/footer elements.
    """
    from html import escape

    body: list[str] = []
    lists = _HtmlLists()
    for block in blocks:
        if isinstance(block, TableBlock):
            body.append(lists.close())
            body.append(_html_table(block))
            continue
        item = _list_item(block)
        if item is not None and item[0] == "dash" and item[2]:
            body.append(lists.open("ul") + f"<li>{escape(item[2])}</li>")
            continue
        body.append(lists.close())
        body.append(f"<p>{escape(block)}</p>")
    body.append(lists.close())
    document = "\n".join(part for part in body if part)
    chrome_head = (
        "<head><meta charset='utf-8'><title>Kế hoạch</title>"
        "<style>p{margin:0} .x{display:none}</style>"
        "<script>var tracker = 'Phụ lục 9: không phải văn bản';</script></head>"
    )
    if portal:
        page = (
            f"<html>{chrome_head}<body><div class='menu'>Trang chủ | Văn bản mới | Hỏi đáp</div>"
            f"<div id='divContentDoc'><div class='content1'>{document}</div></div>"
            "<div class='related'><p>Văn bản liên quan: Kế hoạch 99/KH-UBND</p></div>"
            "</body></html>"
        )
    else:
        page = (
            f"<!DOCTYPE html><html>{chrome_head}<body><nav><a href='/'>Trang chủ</a></nav>"
            f"<header>Cổng thông tin</header><main>{document}</main>"
            "<p class='x' style='display: none'>ẩn</p>"
            "<footer>Bản quyền © 2025</footer><noscript>Bật JavaScript</noscript></body></html>"
        )
    return page.encode("utf-8")


class _HtmlLists:
    """Opens a <ul> for a run of "-" paragraphs and closes it when the run ends."""

    def __init__(self) -> None:
        self._open: str | None = None

    def open(self, tag: str) -> str:
        if self._open == tag:
            return ""
        self._open = tag
        return f"<{tag}>"

    def close(self) -> str:
        tag, self._open = self._open, None
        return f"</{tag}>" if tag else ""


def _html_table(block: TableBlock) -> str:
    from html import escape

    width = len(block.header_rows[0])
    rows: list[str] = []
    if len(block.header_rows) == 2:
        top, sub = block.header_rows
        cells: list[str] = []
        c = 0
        while c < width:
            end = c + 1
            while end < width and not top[end] and sub[end]:
                end += 1
            if end - c > 1:
                cells.append(f"<th colspan='{end - c}'>{escape(top[c])}</th>")
            elif not sub[c]:
                cells.append(f"<th rowspan='2'>{escape(top[c])}</th>")
            else:
                cells.append(f"<th>{escape(top[c])}</th>")
            c = end
        rows.append("<tr>" + "".join(cells) + "</tr>")
        spanned = {k for k in range(width) if not sub[k]}
        rows.append(
            "<tr>"
            + "".join(f"<th>{escape(sub[k])}</th>" for k in range(width) if k not in spanned)
            + "</tr>"
        )
    else:
        rows.append(
            "<tr>" + "".join(f"<th>{escape(t)}</th>" for t in block.header_rows[0]) + "</tr>"
        )
    for texts in block.rows:
        filled = [k for k, text in enumerate(texts) if text]
        if filled and max(filled) <= 1 and width > 2:
            last = filled[-1]
            cells = [f"<td>{escape(t)}</td>" for t in texts[:last]]
            cells.append(f"<td colspan='{width - last}'><b>{escape(texts[last])}</b></td>")
        else:
            cells = [f"<td><p>{escape(t)}</p></td>" for t in texts]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table border='1'><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"
