"""The blocks a reader gave, as JSON: kept beside a document's source text so that a later
look at the document (`kehoach inspect <id>`) parses it with the structure it was ingested
with — the headings of a Word file or the tables of a page are not in the text alone.

Paragraphs are kept as spans only (their text is the source's), other blocks whole.
"""

from __future__ import annotations

import json
from typing import Any

from ingest.formats.blocks import (
    Block,
    Heading,
    ListItem,
    Paragraph,
    RowKind,
    Rule,
    Table,
    TableCell,
    TableRow,
)


def _cell(cell: TableCell) -> list[Any]:
    return [cell.column, list(cell.lines), cell.start, cell.end, cell.col_span, cell.row_span]


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"h": [block.level, block.marker, block.text, block.start, block.end]}
    if isinstance(block, Paragraph):
        return {"p": [block.start, block.end]}
    if isinstance(block, ListItem):
        return {"li": [block.marker, block.depth, block.text, block.start, block.end]}
    if isinstance(block, Rule):
        return {"hr": [block.start, block.end]}
    rows = [
        [row.kind.value, [_cell(c) for c in row.cells], row.start, row.end] for row in block.rows
    ]
    return {"table": [rows, block.width, block.start, block.end, block.continued]}


def dump_blocks(blocks: tuple[Block, ...], content_hash: str) -> str:
    """The blocks as JSON, tied to the source text they index (by its content hash)."""
    data = {"content_hash": content_hash, "blocks": [_block(block) for block in blocks]}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def load_blocks(text: str, content_hash: str, source: str) -> tuple[Block, ...] | None:
    """The blocks kept as JSON, or None when they index another text than `source`."""
    data = json.loads(text)
    if data.get("content_hash") != content_hash:
        return None
    blocks: list[Block] = []
    for item in data["blocks"]:
        ((tag, value),) = item.items()
        if tag == "h":
            blocks.append(Heading(*value))
        elif tag == "p":
            blocks.append(Paragraph(source[value[0] : value[1]], *value))
        elif tag == "li":
            blocks.append(ListItem(*value))
        elif tag == "hr":
            blocks.append(Rule(*value))
        else:
            rows, width, start, end, continued = value
            blocks.append(
                Table(
                    tuple(
                        TableRow(
                            RowKind(kind),
                            tuple(
                                TableCell(column, tuple(lines), a, b, cols, down)
                                for column, lines, a, b, cols, down in cells
                            ),
                            row_start,
                            row_end,
                        )
                        for kind, cells, row_start, row_end in rows
                    ),
                    width,
                    start,
                    end,
                    continued,
                )
            )
    return tuple(blocks)
