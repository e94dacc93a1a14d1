"""Plain text (web copies, text pasted from a PDF) → blocks: one paragraph per written line.

Plain text says nothing about where a heading or a paragraph ends, so each non-blank line is
a block of its own and the plan parser decides from the words (a numbering marker opens a
clause, a hard-wrapped line joins the one before, tab or pipe rows are a table). Spans index
the text as given, so quotes stay verbatim.
"""

from __future__ import annotations

import re

from ingest.formats.assembly import ExtractedText
from ingest.formats.blocks import Block, Paragraph

_LINE = re.compile(r"[^\r\n]+")


def line_blocks(text: str) -> tuple[Block, ...]:
    """A `Paragraph` for every line with something on it, spanning the line as written."""
    return tuple(
        Paragraph(match.group(0), match.start(), match.end())
        for match in _LINE.finditer(text)
        if match.group(0).strip()
    )


def read_text(text: str) -> ExtractedText:
    """A decoded plain-text plan: the text itself and its line blocks."""
    return ExtractedText(text, "text", blocks=line_blocks(text))
