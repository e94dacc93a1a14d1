"""The canonical text a reader writes, with the blocks whose spans index it.

Every reader (Markdown, DOCX, HTML) lays its text out the same way, so the plan parser
reads every format alike: each heading, paragraph and list item on its own lines with its
marker as plain text, a blank line between blocks, and tables as the tab rows
`render_table` writes (a line break inside a data cell kept as U+2028, which the line
parser does not split on). Lines are normalised (`finish_text`) as they are written, so
the offsets recorded for each block are offsets into the finished text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest.formats.assembly import finish_line, finish_text
from ingest.formats.blocks import Block, Heading, ListItem, Paragraph, Rule
from ingest.formats.markdown_tables import CELL_LINE_BREAK, PENDING_BREAK, PipeTable
from ingest.formats.tables_to_text import TableShape, render_table
from ingest.parser.markers import read_marker


def clean_lines(text: str) -> list[str]:
    """Finished, whitespace-collapsed, non-empty lines (what TextAssembler keeps)."""
    finished = finish_text(text)
    lines = [" ".join(line.replace("\t", " ").split()) for line in finished.split("\n")]
    return [line for line in lines if line]


def split_marker(text: str) -> tuple[str | None, str]:
    """("II.", "MỤC TIÊU") from "II. MỤC TIÊU"; (None, text) when no marker opens it."""
    marker = read_marker(text)
    if marker is None or marker.rest == text:
        return None, text
    head = text[: len(text) - len(marker.rest)] if marker.rest else text
    return head.strip() or None, marker.rest


@dataclass
class BlockCanvas:
    """Lines of the canonical text with their offsets, and the blocks that index them."""

    lines: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    open_table: TableShape | None = None  # a table the next one may continue
    # a blank line between blocks (DOCX, HTML, Markdown); a PDF keeps its lines as extracted
    gap: bool = True

    def _append(self, line: str) -> None:
        previous = self.starts[-1] + len(self.lines[-1]) + 1 if self.lines else 0
        self.starts.append(previous)
        self.lines.append(line)

    def _gap(self) -> None:
        if self.gap and self.lines and self.lines[-1]:
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

    def add_heading(self, level: int, text: str, one_line: bool = True) -> None:
        """A heading; Markdown's on one line, a Word or HTML heading keeps its line breaks."""
        lines = clean_lines(text)
        if one_line and lines:
            lines = [" ".join(lines)]
        span = self.add_lines(lines)
        if span:
            marker, rest = split_marker("\n".join(lines))
            self.blocks.append(Heading(level, marker, rest, *span))

    def add_paragraph(self, text: str) -> None:
        lines = clean_lines(text)
        span = self.add_lines(lines)
        if span:
            self.blocks.append(Paragraph("\n".join(lines), *span))

    def add_list_item(self, marker: str, depth: int, text: str) -> None:
        lines = clean_lines(text)
        if not lines:
            return
        span = self.add_lines([f"{marker} {lines[0]}", *lines[1:]])
        assert span is not None
        self.blocks.append(ListItem(marker, depth, "\n".join(lines), *span))

    def add_rule(self) -> None:
        end = self.starts[-1] + len(self.lines[-1]) if self.lines else 0
        self.blocks.append(Rule(end, end))

    def add_table(self, grid: PipeTable, find_header: bool = False) -> None:
        """A table laid out as tab rows (a layout table as its cells' lines).

        `find_header`: the grid does not say which rows are its header (DOCX, HTML), so the
        rows `render_table` takes for the header are the header, those above it titles.
        """
        if find_header:
            grid.locate_header(self.open_table)
        rendered = render_table(grid.cells(PENDING_BREAK), self.open_table)
        if rendered.shape is None:  # a layout table: each line of a cell on its own line
            rendered = render_table(grid.cells(None), None)
        lines = [line.replace(PENDING_BREAK, CELL_LINE_BREAK) for line in rendered.lines]
        lines = [finish_line(line) for line in lines]
        if not lines:
            return
        continued = rendered.shape is not None and rendered.shape is self.open_table
        if self.lines and self.lines[-1] and (rendered.shape is None or not self.open_table):
            self._append("")
        first = len(self.lines)
        for line in lines:
            self._append(line)
        self.open_table = rendered.shape
        block = grid.block(self.lines[first:], self.starts[first:], rendered.shape, continued)
        self.blocks.append(block)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n" if self.lines else ""
