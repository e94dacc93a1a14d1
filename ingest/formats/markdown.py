"""Markdown (.md) → blocks and the canonical plan text, read with a CommonMark parser.

The canonical text is laid out the way the DOCX and HTML readers lay theirs out, so the
plan parser reads every format alike: each heading, paragraph and list item on its own
lines with its marker as plain text (`## **II. MỤC TIÊU**` → "II. MỤC TIÊU",
`**1\\.** Nội dung` → "1. Nội dung"), emphasis and escapes removed, a blank line between
blocks, and pipe tables as the tab rows `render_table` writes. A `<br>` inside a table
cell stays a line break inside the cell (U+2028, which the line parser does not split
on), never a new row. Every block's span indexes that text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ingest.formats.assembly import ExtractedText
from ingest.formats.blocks import shifted
from ingest.formats.canvas import BlockCanvas, clean_lines
from ingest.formats.markdown_tables import PENDING_BREAK, PipeTable

_BR = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
# YAML front matter that site generators and crawlers put on top ("title: …", "url: …")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:[\w-]+[ \t]*:.*\n|[ \t]+\S.*\n|[ \t]*\n)*?---[ \t]*\n")


def read_markdown(text: str) -> ExtractedText:
    """Markdown source text → the canonical text and its blocks."""
    text = _FRONT_MATTER.sub("", text.replace("\r\n", "\n").replace("\r", "\n"), count=1)
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    canvas = BlockCanvas()
    _Walker(canvas).walk(parser.parse(text))
    return ExtractedText(canvas.text(), "markdown", blocks=tuple(canvas.blocks))


# ---- inline content ---------------------------------------------------------------------


def _inline_text(tokens: Sequence[Token] | None, line_break: str) -> str:
    """Inline tokens → plain text: emphasis, links and tags dropped, escapes resolved."""
    parts: list[str] = []
    for token in tokens or ():
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type == "softbreak":
            parts.append("\n" if line_break == "\n" else " ")
        elif token.type == "hardbreak" or (
            token.type == "html_inline" and _BR.match(token.content.strip())
        ):
            parts.append(line_break)
    return "".join(parts)


def _cell_lines(cell: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(line for text in cell for line in clean_lines(text.replace("\t", " ")))


# ---- the token walk ---------------------------------------------------------------------


@dataclass
class _ListState:
    ordered: bool
    markup: str
    next_number: int


class _Walker:
    """Walks markdown-it's token stream once, sending blocks to the canvas."""

    def __init__(self, canvas: BlockCanvas) -> None:
        self._canvas = canvas
        self._lists: list[_ListState] = []
        self._marker: str | None = None  # a list item's marker, waiting for its first text

    def walk(self, tokens: list[Token]) -> None:
        index = 0
        while index < len(tokens):
            index = self._block(tokens, index)

    def _block(self, tokens: list[Token], index: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            text = _inline_text(tokens[index + 1].children, " ")
            self._text(text, level=int(token.tag[1:]))
            return index + 3
        if kind == "paragraph_open":
            self._text(_inline_text(tokens[index + 1].children, "\n"))
            return index + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(str(token.attrGet("start") or 1))
            self._lists.append(_ListState(kind == "ordered_list_open", token.markup, start))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self._lists.pop()
        elif kind == "list_item_open":
            self._marker = self._item_marker(token.info)
        elif kind == "list_item_close":
            self._marker = None
        elif kind == "table_open":
            return self._table(tokens, index)
        elif kind == "hr":
            self._canvas.add_rule()
        elif kind in ("code_block", "fence"):
            self._text(token.content)
        elif kind == "html_block":
            self._html(token.content)
        return index + 1

    def _item_marker(self, written: str) -> str:
        """The item's label: an ordered item keeps the number written in the source."""
        state = self._lists[-1]
        if state.ordered:
            number = written or str(state.next_number)
            state.next_number += 1
            return f"{number}{state.markup}"
        nested = len(self._lists) > 1
        return "+" if nested and state.markup == "-" else state.markup

    def _text(self, text: str, level: int | None = None) -> None:
        if self._marker is not None:
            marker, self._marker = self._marker, None
            self._canvas.add_list_item(marker, len(self._lists) - 1, text)
        elif level is not None:
            self._canvas.add_heading(level, text)
        else:
            self._canvas.add_paragraph(text)

    def _html(self, html: str) -> None:
        """An HTML block: a table is read as the HTML reader reads one; other tags dropped."""
        if "<table" in html.lower():
            from ingest.formats.html import extract_html

            extracted = extract_html(html.encode("utf-8"), "markdown", "utf-8")
            span = self._canvas.add_lines(extracted.text.rstrip("\n").split("\n"))
            if span:  # the HTML reader's blocks, moved to where its text now lies
                self._canvas.blocks.extend(shifted(b, span[0]) for b in extracted.blocks)
            return
        text = re.sub(r"<br\s*/?>|</p>|</div>|</li>", "\n", html, flags=re.IGNORECASE)
        self._text(_TAG.sub("", text))

    def _table(self, tokens: list[Token], index: int) -> int:
        rows: list[list[tuple[str, ...]]] = []
        header_rows = 0
        in_head = False
        while index < len(tokens) and tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                rows.append([])
                header_rows += 1 if in_head else 0
            elif token.type == "inline" and rows:
                text = _inline_text(token.children, PENDING_BREAK)
                rows[-1].append(tuple(text.split(PENDING_BREAK)))
            index += 1
        self._marker = None
        cells = [[_cell_lines(cell) for cell in row] for row in rows]
        grid = PipeTable.build(cells, header_rows)
        if grid is not None:
            self._canvas.add_table(grid)
        return index + 1
