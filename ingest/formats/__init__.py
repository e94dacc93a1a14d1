"""Document formats plans arrive in — .docx, .pdf with a text layer, .html, Markdown — as
plan text.

`extract_text` turns a file into the text `parse_plan` reads; that text is the document's
source: clause offsets point into it, so it is what must be kept to verify citations. Every
reader also gives the blocks it saw (`ingest.formats.blocks`), spans into that text: the
parser walks them (headings, tables as rows and cells); plain text gets a block per line
(`ingest.formats.text`).
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
