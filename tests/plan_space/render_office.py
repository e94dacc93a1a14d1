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

from tests.formats_fixtures import TableBlock, render_pdf
from tests.plan_space.layout import Grid, Header, Para, Signature, layout
from tests.plan_space.spec import PlanSpec


def _cell_lines(cell, lines: list[str]) -> None:
    """Write each line as its own paragraph of a table cell."""
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def render_docx(spec: PlanSpec) -> bytes:
    rng = random.Random(spec.seed)
    header_table = rng.random() < 0.7
    document = Document()
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
        elif isinstance(block, Grid):
            width = len(block.header)
            table = document.add_table(rows=1 + len(block.rows), cols=width)
            table.style = "Table Grid"
            cells = table._cells
            for r, texts in enumerate([block.header, *block.rows]):
                for c, text in enumerate(texts):
                    if text:
                        cells[r * width + c].text = text
            for k in block.groups:  # a group's title spans the row from the second column
                table.cell(k + 1, 1).merge(table.cell(k + 1, width - 1))
        else:
            document.add_paragraph(block.line)
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
            rows = ["<tr>" + "".join(f"<th>{escape(h)}</th>" for h in block.header) + "</tr>"]
            for k, row in enumerate(block.rows):
                if k in block.groups:
                    cells = f"<td>{escape(row[0])}</td><td colspan='{len(row) - 1}'><b>{escape(row[1])}</b></td>"
                else:
                    cells = "".join(f"<td>{escape(text)}</td>" for text in row)
                rows.append(f"<tr>{cells}</tr>")
            parts.append("<table border='1'>" + "".join(rows) + "</table>")
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
            blocks.append(TableBlock([list(block.header)], [list(row) for row in block.rows]))
        else:
            blocks.append(block.line)
    return render_pdf(blocks, running_header=None, page_numbers=True)
