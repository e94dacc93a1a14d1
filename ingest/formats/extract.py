"""Choosing the extractor for a document file by its suffix."""

from __future__ import annotations

import logging
from pathlib import Path

from ingest.errors import EmptySourceError
from ingest.formats.assembly import ExtractedText
from ingest.formats.errors import UnsupportedFormatError

logger = logging.getLogger(__name__)

FORMAT_SUFFIXES = (".docx", ".pdf", ".html", ".htm")
# decoded as text first (the reader applies the encoding rules), then read as Markdown
MARKDOWN_SUFFIXES = (".md", ".markdown")

# formats people try that we do not read, and what to do instead
CONVERT_HINTS = {
    ".doc": "tệp Word cũ: hãy mở bằng Word hoặc LibreOffice và lưu lại dạng .docx",
    ".rtf": "hãy mở bằng Word hoặc LibreOffice và lưu lại dạng .docx",
    ".odt": "hãy mở bằng LibreOffice và lưu lại dạng .docx",
    ".xls": "bảng tính: hãy lưu chính văn bản kế hoạch dạng .docx hoặc PDF",
    ".xlsx": "bảng tính: hãy lưu chính văn bản kế hoạch dạng .docx hoặc PDF",
}


def extract_text(
    source: Path | bytes, suffix: str, name: str | None = None, encoding: str | None = None
) -> ExtractedText:
    """The plan text of a .docx, .pdf or .html/.htm file (a path, or its bytes).

    `encoding` applies to HTML only (the other formats say their own).
    """
    suffix = suffix.lower()
    label = name or (str(source) if isinstance(source, Path) else f"upload{suffix}")
    if suffix not in FORMAT_SUFFIXES:
        hint = CONVERT_HINTS.get(suffix, "đọc được: .txt, .md, " + ", ".join(FORMAT_SUFFIXES))
        shown = suffix or "(không có đuôi)"
        raise UnsupportedFormatError(f"{label}: không đọc được định dạng {shown}; {hint}")
    data = source.read_bytes() if isinstance(source, Path) else source
    if not data:
        raise EmptySourceError(f"{label}: tệp rỗng")
    # each reader loads its libraries (python-docx, pdfplumber, lxml) only when needed
    if suffix == ".docx":
        from ingest.formats.docx import extract_docx

        extracted = extract_docx(data, label)
    elif suffix == ".pdf":
        from ingest.formats.pdf import extract_pdf

        extracted = extract_pdf(data, label)
    else:
        from ingest.formats.html import extract_html

        extracted = extract_html(data, label, encoding)
    if not extracted.text.strip():
        raise EmptySourceError(f"{label}: tệp {extracted.source_format} không có chữ nào")
    for warning in extracted.warnings:
        logger.warning("%s: %s", label, warning)
    return extracted


def read_markdown(text: str, name: str = "markdown") -> ExtractedText:
    """The canonical plan text and blocks of a decoded Markdown file."""
    from ingest.formats.markdown import read_markdown as read

    extracted = read(text)
    if not extracted.text.strip():
        raise EmptySourceError(f"{name}: tệp Markdown không có chữ nào")
    for warning in extracted.warnings:
        logger.warning("%s", warning)
    return extracted
