"""Whether the loaded text is the original or a machine transcription: the note a
transcribed copy opens with ("[OCR] [Bản trích chữ tự động bằng tesseract … Có thể sai số,
ngày, dấu; số/ngày phải đối chiếu bản gốc …]"), and whether a question asks it ("bản gốc
hay bản trích chữ tự động?", "có phải bản OCR không?")."""

from __future__ import annotations

import re

from ingest.normalize_vi import folded

# the question asks what kind of copy the loaded text is (folded)
_ASKS = re.compile(
    r"\bban goc hay\b|\bhay (?:la )?ban (?:goc|trich chu|quet|sao)\b"
    r"|\b(?:co phai|la|duoc) (?:la )?(?:ban )?(?:trich chu|ocr|nhan dang chu|ban quet)\b"
)
# a transcription note: a bracketed line naming how the text was taken out of a file
_NOTE = re.compile(
    r"\b(?:trich chu|ocr|nhan dang chu|tesseract|pdftotext|ban quet|chuyen doi tu)\b"
)
_FIRST_LINES = 5


def asks_copy_kind(folded_question: str) -> bool:
    """Whether the question asks if the loaded text is the original or a transcription."""
    return _ASKS.search(folded_question) is not None


def transcription_note(text: str) -> str | None:
    """The transcription note among a document's first lines, as written (a bracketed line
    naming the tool or the scan it was read from); None when it opens with none."""
    for line in text.splitlines()[:_FIRST_LINES]:
        written = line.strip()
        if written.startswith("[") and written.endswith("]") and _NOTE.search(folded(written)):
            return written
    return None
