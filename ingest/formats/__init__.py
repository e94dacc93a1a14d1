"""Document formats plans arrive in — .docx, .pdf with a text layer, .html, Markdown — as
plan text.

`extract_text` turns a file into the text `parse_plan` reads; that text is the document's
source: clause offsets point into it, so it is what must be kept to verify citations. The
Markdown, DOCX and HTML readers also give the blocks they saw (`ingest.formats.blocks`),
spans into that text; the parser takes their tables as rows and cells.
"""

from ingest.formats.assembly import ExtractedText
from ingest.formats.errors import (
    DocumentFormatError,
    EncryptedDocumentError,
    ScannedPdfError,
    UnsupportedFormatError,
)
from ingest.formats.extract import (
    CONVERT_HINTS,
    FORMAT_SUFFIXES,
    MARKDOWN_SUFFIXES,
    extract_text,
    read_markdown,
)

__all__ = [
    "CONVERT_HINTS",
    "FORMAT_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "DocumentFormatError",
    "EncryptedDocumentError",
    "ExtractedText",
    "ScannedPdfError",
    "UnsupportedFormatError",
    "extract_text",
    "read_markdown",
]
