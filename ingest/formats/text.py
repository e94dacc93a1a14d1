"""Plain text (web copies, text pasted from a PDF) → blocks: one paragraph per written line.

Plain text says nothing about where a heading or a paragraph ends, so each non-blank line is
a block of its own and the plan parser decides from the words (a numbering marker opens a
clause, a hard-wrapped line joins the one before, tab or pipe rows are a table). A table
laid out with spaces (`pdftotext -layout`) is read here, as a table block with its rows and
cells (`ingest.formats.aligned_tables`): its lines mix the cells of a row, so no line of it
is a paragraph. So is a table copied one cell per line (a web copy of a PDF, `pdftotext`
without `-layout`; `ingest.formats.stream_tables`). Spans index the text as given, so quotes
stay verbatim.
"""

from __future__ import annotations

import re

from ingest.formats.aligned_tables import find_aligned_tables
from ingest.formats.assembly import ExtractedText
from ingest.formats.blocks import Block, Paragraph, Table
from ingest.formats.stream_tables import find_stream_tables

_LINE = re.compile(r"[^\r\n]+")


def line_blocks(text: str) -> tuple[Block, ...]:
    """A `Paragraph` for every line with something on it, spanning the line as written,
    and a `Table` in place of the lines of each space-aligned or cell-per-line table."""
    tables = _tables(text)
    blocks: list[Block] = []
    for match in _LINE.finditer(text):
        if not match.group(0).strip():
            continue
        while tables and tables[0][1] < match.start():
            blocks.append(tables.pop(0)[2])
        if tables and tables[0][0] <= match.start() <= tables[0][1]:
            continue
        blocks.append(Paragraph(match.group(0), match.start(), match.end()))
    blocks.extend(table for _, _, table in tables)
    return tuple(blocks)


def read_text(text: str) -> ExtractedText:
    """A decoded plain-text plan: the text itself and its line blocks."""
    return ExtractedText(text, "text", blocks=line_blocks(text))


def _tables(text: str) -> list[tuple[int, int, Table]]:
    """(start, end, table) of the tables laid out in the text, in order, none overlapping."""
    aligned = [(table.start, table.end, table) for _, _, table in find_aligned_tables(text)]
    streamed = [
        (table.start, table.end, table)
        for _, _, table in find_stream_tables(text)
        if not any(start <= table.end and table.start <= end for start, end, _ in aligned)
    ]
    return sorted(aligned + streamed, key=lambda found: found[0])
