"""Errors for documents that cannot be turned into plan text.

    InputError (ingest.errors)
    ├── UnsupportedFormatError     a file type we do not read (.doc, .xls, …)
    └── DocumentFormatError        a .docx / .pdf / .html file that cannot be read
        ├── EncryptedDocumentError password-protected
        └── ScannedPdfError        a PDF without a text layer: it needs OCR first

Every message names the file, says what is wrong and what to do; nothing is ingested.
"""

from __future__ import annotations

from ingest.errors import InputError


class UnsupportedFormatError(InputError):
    """The file type is not one we can read."""


class DocumentFormatError(InputError):
    """The file is corrupt, truncated or not the format its name says."""


class EncryptedDocumentError(DocumentFormatError):
    """The file is password-protected."""


class ScannedPdfError(DocumentFormatError):
    """The PDF has no usable text layer (scanned pages): it must be OCR'd first."""
