"""Reading a rendering back through the real reader and parser, as `kehoach ingest` does."""

from __future__ import annotations

from ingest.domain import ParsedPlan
from ingest.parser.plan import parse_plan
from ingest.reader import read_document


def read_back(data: bytes | str, name: str) -> ParsedPlan:
    """The plan a file of this name and content parses to (reader + parser with the reader's
    blocks, no embedding)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    extracted = read_document(raw, name)
    return parse_plan(extracted.text, "generated", name, extracted.blocks)
