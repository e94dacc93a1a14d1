"""PDF with a text layer → plan text and blocks: lines in reading order, ruled tables.

Per page, pdfplumber's table finder locates ruled tables; their characters are taken out
of the page text (so nothing is read twice) and each table is placed where its top edge
is. Running headers, footers and page numbers are dropped. Lines are kept as the PDF
breaks them: the parser joins hard-wrapped lines. A table cut by a page break continues
on the next page as the same table. Blocks: a paragraph per line (a PDF does not say where
a paragraph ends) and each ruled table with its rows and cells, as the DOCX reader gives them;
a cell's lines are joined (a PDF breaks a cell's text where the column is too narrow).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSException
from pdfplumber.page import Page
from pdfplumber.table import Table
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ingest.formats.assembly import ExtractedText
from ingest.formats.canvas import BlockCanvas
from ingest.formats.errors import DocumentFormatError, EncryptedDocumentError, ScannedPdfError
from ingest.formats.markdown_tables import PipeTable
from ingest.formats.pdf_furniture import find_furniture
from ingest.formats.tables_to_text import Span, TableCell

_TAIL_BYTES = 2048  # "%%EOF" must be near the end; a truncated download loses it
_UNDECODABLE_SHARE = 0.2  # "(cid:NN)" glyphs: fonts without a Unicode map
# pdfminer reports damaged input with these (and with plain built-in errors)
_PARSE_ERRORS = (
    PSException,
    PdfminerException,
    MalformedPDFException,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
)
_OCR_HINT = "hãy nhận dạng chữ (OCR) trước, ví dụ `ocrmypdf in.pdf out.pdf`, rồi nạp tệp đã OCR"

Grid = list[list[TableCell]]


@dataclass
class _Page:
    """One page's lines and tables from top to bottom (a table item holds its grid)."""

    items: list[str | Grid] = field(default_factory=list)
    chars: int = 0
    images: int = 0


def extract_pdf(data: bytes, name: str) -> ExtractedText:
    """The plan text of a PDF's bytes; clear errors for scans, passwords and damage."""
    _check_envelope(data, name)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as error:
        raise _open_error(error, name) from error
    try:
        with pdf:
            pages = [_read_page(page) for page in pdf.pages]
    except _PARSE_ERRORS as error:
        raise DocumentFormatError(
            f"{name}: tệp PDF bị hỏng ({type(error).__name__}: {error}); hãy xuất hoặc tải lại tệp"
        ) from error
    if not pages:
        raise DocumentFormatError(f"{name}: tệp PDF không có trang nào (bị hỏng hoặc cắt cụt?)")
    if not any(page.chars for page in pages):
        raise ScannedPdfError(
            f"{name}: tệp PDF không có lớp chữ (trang quét, hoặc chữ vẽ thành hình), "
            f"nên không có gì để đọc; {_OCR_HINT}"
        )
    canvas = _assemble(pages)
    text = canvas.text()
    undecodable = text.count("(cid:") * len("(cid:0)")
    if undecodable > _UNDECODABLE_SHARE * max(1, len(text)):
        raise ScannedPdfError(
            f"{name}: phông chữ của tệp PDF không có bảng mã Unicode nên không đọc được "
            f"lớp chữ; {_OCR_HINT}"
        )
    warnings = []
    blind = [str(k + 1) for k, page in enumerate(pages) if not page.chars and page.images]
    if blind:
        warnings.append(
            f"trang {', '.join(blind)}: không có lớp chữ (trang quét), nội dung các trang "
            "này không được đọc; cần OCR"
        )
    return ExtractedText(text, "pdf", tuple(warnings), tuple(canvas.blocks))


def _check_envelope(data: bytes, name: str) -> None:
    if b"%PDF-" not in data[:1024]:
        raise DocumentFormatError(f"{name}: không phải tệp PDF (thiếu phần đầu %PDF-)")
    if b"%%EOF" not in data[-_TAIL_BYTES:]:
        raise DocumentFormatError(
            f"{name}: tệp PDF bị cắt cụt (không kết thúc bằng %%EOF); hãy tải hoặc xuất lại tệp"
        )


def _open_error(error: PdfminerException, name: str) -> DocumentFormatError:
    cause = error.args[0] if error.args else error
    if isinstance(cause, PDFEncryptionError):
        return EncryptedDocumentError(
            f"{name}: tệp PDF có mật khẩu; hãy lưu một bản không mật khẩu "
            "(in ra PDF, hoặc qpdf --decrypt) rồi nạp bản đó"
        )
    return DocumentFormatError(
        f"{name}: không mở được tệp PDF ({type(cause).__name__}: {cause}); tệp bị "
        "hỏng: hãy xuất hoặc tải lại"
    )


def _read_page(page: Page) -> _Page:
    out = _Page(chars=sum(1 for c in page.chars if c["text"].strip()), images=len(page.images))
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside_tables(obj: dict) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside_tables) if boxes else page
    placed: list[tuple[float, str | Grid]] = [
        (line["top"], line["text"])
        for line in text_page.extract_text_lines(return_chars=False)
        if line["text"].strip()
    ]
    placed.extend((table.bbox[1], _grid(table)) for table in tables)
    placed.sort(key=lambda item: item[0])
    out.items = [item for _, item in placed]
    return out


def _grid(table: Table) -> Grid:
    """The table's cells; a missing cell is covered by a merge from its left or above."""
    rows = table.rows
    texts = table.extract()
    lefts = sorted({cell[0] for row in rows for cell in row.cells if cell is not None})
    grid: Grid = []
    for r, row in enumerate(rows):
        cells: list[TableCell] = []
        for c, bbox in enumerate(row.cells):
            if bbox is not None:
                cells.append(TableCell(tuple((texts[r][c] or "").split("\n"))))
                continue
            left = next((b for b in reversed(row.cells[:c]) if b is not None), None)
            column_left = lefts[c] if c < len(lefts) else 0.0
            spans_here = left is not None and left[2] > column_left + 1
            cells.append(TableCell(span=Span.LEFT if spans_here or r == 0 else Span.ABOVE))
        grid.append(cells)
    return grid


def _assemble(pages: list[_Page]) -> BlockCanvas:
    """The document's lines and blocks without page furniture."""
    furniture = find_furniture(
        [[item if isinstance(item, str) else None for item in page.items] for page in pages]
    )
    out = BlockCanvas(gap=False)
    for p, page in enumerate(pages):
        for k, item in enumerate(page.items):
            if isinstance(item, str):
                if (p, k) not in furniture:
                    out.add_paragraph(item)
                continue
            joined = [
                [
                    TableCell((" ".join(cell.lines),), cell.span) if cell.lines else cell
                    for cell in row
                ]
                for row in item
            ]
            table = PipeTable.from_grid(joined)
            if table is not None:
                out.add_table(table, find_header=True)
    return out
