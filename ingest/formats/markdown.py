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
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ingest.formats.assembly import ExtractedText, finish_text
from ingest.formats.blocks import Block, Heading, ListItem, Paragraph, Rule
from ingest.formats.markdown_tables import CELL_LINE_BREAK, PENDING_BREAK, PipeTable
from ingest.formats.tables_to_text import TableShape, render_table
from ingest.parser.markers import read_marker

_BR = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
# YAML front matter that site generators and crawlers put on top ("title: …", "url: …")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:[\w-]+[ \t]*:.*\n|[ \t]+\S.*\n|[ \t]*\n)*?---[ \t]*\n")


def read_markdown(text: str) -> ExtractedText:
    """Markdown source text → the canonical text and its blocks."""
    text = _FRONT_MATTER.sub("", text.replace("\r\n", "\n").replace("\r", "\n"), count=1)
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    canvas = _Canvas()
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


def _clean_lines(text: str) -> list[str]:
    """Finished, whitespace-collapsed, non-empty lines (what TextAssembler keeps)."""
    finished = finish_text(text)
    lines = [" ".join(line.replace("\t", " ").split()) for line in finished.split("\n")]
    return [line for line in lines if line]


def _split_marker(text: str) -> tuple[str | None, str]:
    """("II.", "MỤC TIÊU") from "II. MỤC TIÊU"; (None, text) when no marker opens it."""
    marker = read_marker(text)
    if marker is None or marker.rest == text:
        return None, text
    head = text[: len(text) - len(marker.rest)] if marker.rest else text
    return head.strip() or None, marker.rest


# ---- the canonical text -----------------------------------------------------------------


@dataclass
class _Canvas:
    """Lines of the canonical text with their offsets, and the blocks that index them."""

    lines: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    open_table: TableShape | None = None  # a table the next one may continue

    def _append(self, line: str) -> None:
        previous = self.starts[-1] + len(self.lines[-1]) + 1 if self.lines else 0
        self.starts.append(previous)
        self.lines.append(line)

    def _gap(self) -> None:
        if self.lines and self.lines[-1]:
            self._append("")

    def _span(self, first: int) -> tuple[int, int]:
        return self.starts[first], self.starts[-1] + len(self.lines[-1])

    def add_lines(self, lines: Sequence[str]) -> tuple[int, int] | None:
        """Lines as one block after a blank line; their span, or None when all are empty."""
        if not lines:
            return None
        self._gap()
        first = len(self.lines)
        for line in lines:
            self._append(line)
        self.open_table = None
        return self._span(first)

    def add_heading(self, level: int, text: str) -> None:
        lines = _clean_lines(text)
        span = self.add_lines([" ".join(lines)] if lines else [])
        if span:
            marker, rest = _split_marker(" ".join(lines))
            self.blocks.append(Heading(level, marker, rest, *span))

    def add_paragraph(self, text: str) -> None:
        lines = _clean_lines(text)
        span = self.add_lines(lines)
        if span:
            self.blocks.append(Paragraph("\n".join(lines), *span))

    def add_list_item(self, marker: str, depth: int, text: str) -> None:
        lines = _clean_lines(text)
        if not lines:
            return
        span = self.add_lines([f"{marker} {lines[0]}", *lines[1:]])
        assert span is not None
        self.blocks.append(ListItem(marker, depth, "\n".join(lines), *span))

    def add_rule(self) -> None:
        end = self.starts[-1] + len(self.lines[-1]) if self.lines else 0
        self.blocks.append(Rule(end, end))

    def add_table(self, rows: list[list[tuple[str, ...]]], header_rows: int) -> None:
        cells = [[_cell_lines(cell) for cell in row] for row in rows]
        grid = PipeTable.build(cells, header_rows)
        if grid is None:
            return
        rendered = render_table(grid.cells(PENDING_BREAK), self.open_table)
        if rendered.shape is None:  # a layout table: each line of a cell on its own line
            rendered = render_table(grid.cells(None), None)
        lines = [line.replace(PENDING_BREAK, CELL_LINE_BREAK) for line in rendered.lines]
        if not lines:
            return
        if self.lines and self.lines[-1] and (rendered.shape is None or not self.open_table):
            self._append("")
        first = len(self.lines)
        for line in lines:
            self._append(line)
        self.open_table = rendered.shape
        self.blocks.append(grid.block(self.lines[first:], self.starts[first:], rendered.shape))

    def text(self) -> str:
        return "\n".join(self.lines) + "\n" if self.lines else ""


def _cell_lines(cell: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(line for text in cell for line in _clean_lines(text.replace("\t", " ")))


# ---- the token walk ---------------------------------------------------------------------


@dataclass
class _ListState:
    ordered: bool
    markup: str
    next_number: int


class _Walker:
    """Walks markdown-it's token stream once, sending blocks to the canvas."""

    def __init__(self, canvas: _Canvas) -> None:
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
            if span:
                self._canvas.blocks.append(Paragraph(extracted.text.rstrip("\n"), *span))
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
        self._canvas.add_table(rows, header_rows)
        return index + 1
