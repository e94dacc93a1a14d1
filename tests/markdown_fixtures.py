"""Writing corpus plans as Markdown the way people transcribe plans into it.

The paragraphs and tables of a plan (`corpus_blocks`) become a `.md` file in one of several
styles seen in real transcriptions: parts as `## **I. MỤC TIÊU**` headings, numbering in
bold with an escaped dot (`**1\\.**`), escaped points and dashes (`a\\)`, `\\-`), Markdown
lists, and pipe tables with an alignment row, the second header row as the first body row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.domain import ClauseKind
from ingest.parser.lines import find_page_furniture, split_lines
from ingest.parser.markers import read_marker
from tests.formats_fixtures import TableBlock, corpus_blocks

STYLES = ("bold", "escaped", "lists")
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|&])")


def escape(text: str) -> str:
    """Backslash-escape what Markdown would read as markup."""
    text = _SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"^(\d+)([.)])(\s|$)", r"\1\\\2\3", text)  # "2025. …" is not a list
    return re.sub(r"^([-+=~])", r"\\\1", text)


def plan_blocks(source: str) -> list[str | TableBlock]:
    """`corpus_blocks` of a plan text without its PDF page furniture (page numbers, running
    header), which a transcriber leaves out."""
    lines = split_lines(source)
    furniture = find_page_furniture(lines)
    return corpus_blocks("\n".join("" if line.index in furniture else line.text for line in lines))


def render_markdown(blocks: Sequence[str | TableBlock], style: str = "bold") -> str:
    """A plan's blocks as one Markdown document in `style` (one of `STYLES`)."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, TableBlock):
            out.append(_table(block))
        else:
            out.append(_line(block, style))
    return "\n\n".join(out) + "\n"


def _line(text: str, style: str) -> str:
    marker = read_marker(text)
    if marker is None:
        return escape(text)
    head = text[: len(text) - len(marker.rest)].strip() if marker.rest else text.strip()
    rest = escape(marker.rest)
    if marker.kind is ClauseKind.PART:
        return (
            f"## **{escape(head)} {rest}**" if style != "escaped" else f"## {escape(head)} {rest}"
        )
    if marker.kind is ClauseKind.APPENDIX:
        return f"# **{escape(text)}**"
    if marker.kind in (ClauseKind.SECTION, ClauseKind.ITEM):
        label = head.replace(".", "\\.").replace(")", "\\)")
        if style == "bold":
            return f"**{label}** {rest}".rstrip()
        if style == "lists" and marker.kind is ClauseKind.SECTION and head.endswith("."):
            return f"{head} {rest}".rstrip()  # a Markdown ordered list item
        return f"{label} {rest}".rstrip()
    if marker.kind is ClauseKind.POINT:
        label = head.replace(")", "\\)")
        return f"**{label}** {rest}" if style == "bold" else f"{label} {rest}"
    symbol = head[:1]
    if style == "lists" and symbol == "-":
        return f"- {rest}"
    return f"\\{symbol} {rest}"


def _table(block: TableBlock) -> str:
    width = max(len(row) for row in [*block.header_rows, *block.rows])

    def row(cells: Sequence[str]) -> str:
        padded = [*cells, *[""] * (width - len(cells))]
        return "| " + " | ".join(escape(cell) for cell in padded) + " |"

    lines = [row(block.header_rows[0]), "|" + "|".join([":---"] + ["---"] * (width - 1)) + "|"]
    lines += [row(cells) for cells in [*block.header_rows[1:], *block.rows]]
    return "\n".join(lines)
