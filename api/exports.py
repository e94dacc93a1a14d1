"""The responsibility matrix (ma trận phân công) as CSV or Excel.

One row per target: number, document, content, monitoring, lead and co-operating units,
deadline, note, and where it is written (an appendix table or the body). Cells that a
spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) are written as text, so an
exported plan can never execute anything in the reader's Excel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from api.schemas import TargetRow

HEADERS = (
    "Số (phụ lục · số)",
    "Văn bản",
    "Nội dung chỉ tiêu/nhiệm vụ",
    "Đơn vị theo dõi, chỉ đạo",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời hạn",
    "Ghi chú",
    "Nguồn",
)
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_COLUMN_WIDTHS = (12, 22, 60, 30, 30, 40, 16, 30, 18)


def matrix_rows(rows: Sequence[TargetRow]) -> list[tuple[str, ...]]:
    """The matrix as text cells, in `HEADERS` order."""
    return [
        (
            row.label,
            row.document_label,
            row.content,
            "; ".join(row.monitoring_units),
            "; ".join(row.lead_units),
            "; ".join(row.cooperating_units),
            row.deadline.raw if row.deadline else "",
            row.note or "",
            "Nội dung văn bản" if row.source == "body" else "Bảng phụ lục",
        )
        for row in rows
    ]


def to_csv(rows: Sequence[TargetRow]) -> bytes:
    """UTF-8 CSV with a byte-order mark, so that Excel shows Vietnamese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(tuple(_inert(cell) for cell in row) for row in matrix_rows(rows))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: Sequence[TargetRow]) -> bytes:
    """An Excel workbook with one sheet, a bold frozen header row and wrapped text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Phân công"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for values in matrix_rows(rows):
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
            cell.alignment = wrap
    for column, width in enumerate(_COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _inert(cell: str) -> str:
    # OWASP's advice for CSV injection: a leading quote makes the cell plain text. A lone
    # "-" (an empty cell in many plan tables) is no formula and stays as it is.
    return "'" + cell if cell.startswith(_FORMULA_STARTS) and cell != "-" else cell
