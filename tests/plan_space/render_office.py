"""Word, HTML and PDF files of a generated plan, made the way their authors make them.

DOCX: the header in a borderless two-column table (or as paragraphs), typed numbering, the
signature beside the recipients in a table, the appendix as a real table with group rows
merged across. HTML: a portal page with the same tables. PDF: the lines and a ruled table,
drawn by reportlab (the project's PDF fixture writer) in a Vietnamese font.
"""

from __future__ import annotations

import io
import random
from html import escape

from docx import Document

from tests.formats_fixtures import (  # Word lists and merged cells, as the format tests make them
    TableBlock,
    _docx_table,
    _html_table,
    _list_item,
    _set_numbering,
    _WordLists,
    render_pdf,
)
from tests.plan_space.layout import Grid, Header, Para, Signature, layout
from tests.plan_space.spec import PlanSpec


def _table_block(grid: Grid) -> TableBlock:
    return TableBlock(grid.header_rows, [list(row) for row in grid.rows])


def _cell_lines(cell, lines: list[str]) -> None:
    """Write each line as its own paragraph of a table cell."""
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def render_docx(spec: PlanSpec) -> bytes:
    rng = random.Random(spec.seed)
    header_table = rng.random() < 0.7
    document = Document()
    # half the files number "1.", "a)" and "-" paragraphs with Word's list numbering: the
    # markers are then not in the paragraph text at all
    lists = _WordLists(document) if rng.random() < 0.5 else None
    for block in layout(spec):
        if isinstance(block, Header):
            left = [*block.issuer, block.number]
            right = [*block.motto, block.date]
            if header_table:
                table = document.add_table(rows=1, cols=2)
                _cell_lines(table.cell(0, 0), left)
                _cell_lines(table.cell(0, 1), right)
            else:
                for line in [*left, *right]:
                    document.add_paragraph(line)
        elif isinstance(block, Signature):
            table = document.add_table(rows=1, cols=2)
            _cell_lines(table.cell(0, 0), ["Nơi nhận:", *(f"- {r}" for r in block.recipients)])
            _cell_lines(table.cell(0, 1), [*block.lines, "", block.name])
        elif isinstance(block, Grid):  # group rows merged across, spanning header labels
            _docx_table(document, _table_block(block), None)
        else:
            item = _list_item(block.line) if lists is not None else None
            if lists is None or item is None or not item[2] or block.role == "part":
                document.add_paragraph(block.line)
                continue
            family, value, rest = item
            paragraph = document.add_paragraph(rest)
            _set_numbering(paragraph, lists.num_id(family, value))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _html_lines(lines: list[str]) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in lines)


def render_html(spec: PlanSpec) -> bytes:
    parts: list[str] = []
    for block in layout(spec):
        if isinstance(block, Header):
            left = _html_lines([*block.issuer, block.number])
            right = _html_lines([*block.motto, block.date])
            parts.append(f"<table><tr><td>{left}</td><td>{right}</td></tr></table>")
        elif isinstance(block, Signature):
            left = _html_lines(["Nơi nhận:", *(f"- {r}" for r in block.recipients)])
            right = _html_lines([*block.lines, block.name])
            parts.append(f"<table><tr><td>{left}</td><td>{right}</td></tr></table>")
        elif isinstance(block, Grid):
            parts.append(_html_table(_table_block(block)))
        elif isinstance(block, Para):
            text = escape(block.line)
            parts.append(
                f"<p><b>{text}</b></p>" if block.role in ("part", "kind") else f"<p>{text}</p>"
            )
    body = "\n".join(parts)
    page = (
        "<html><head><meta charset='utf-8'><title>Văn bản</title></head><body>"
        f"<div class='menu'>Trang chủ | Văn bản</div><div id='divContentDoc'>{body}</div></body></html>"
    )
    return page.encode("utf-8")


def render_pdf_file(spec: PlanSpec) -> bytes:
    blocks: list[str | TableBlock] = []
    for block in layout(spec):
        if isinstance(block, Header):
            blocks += [*block.issuer, block.number, *block.motto, block.date]
        elif isinstance(block, Signature):
            blocks += ["Nơi nhận:", *(f"- {r}" for r in block.recipients), *block.lines, block.name]
        elif isinstance(block, Grid):
            blocks.append(_table_block(block))
        else:
            blocks.append(block.line)
    return render_pdf(blocks, running_header=None, page_numbers=True)
