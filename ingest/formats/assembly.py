"""Collecting paragraphs and tables in reading order into the text the parser sees.

The assembled text *is* the source of an extracted document: `parse_plan` reads it and
every clause's offsets point into it, so it is produced deterministically (the same file
always gives the same text, hence the same content hash).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.formats.blocks import Block
from ingest.formats.tables_to_text import TableCell, TableShape, render_table

# Invisible characters Word and web pages scatter through text; they would break the
# parser's patterns (a soft hyphen inside "Tháng 11/2025") without being visible.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u3000\x0b\x0c"), " ")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ExtractedText:
    """The text extracted from a document file: what `parse_plan` reads and offsets index."""

    text: str
    source_format: str  # "docx", "pdf", "html" or "markdown"
    warnings: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()  # the structure read, spans into `text`


class TextAssembler:
    """Paragraphs and tables, in order, into lines; `text()` gives the finished source."""

    def __init__(self, paragraph_gap: bool = False) -> None:
        # DOCX and HTML know where paragraphs end: a blank line says so, so the parser
        # does not join a paragraph to the one before as if it were a hard-wrapped line.
        self._gap = paragraph_gap
        self._lines: list[str] = []
        self._open_table: TableShape | None = None

    @property
    def lines(self) -> list[str]:
        return self._lines

    def add_paragraph(self, text: str) -> None:
        """A paragraph; line breaks inside it stay, tabs become spaces (tabs split cells)."""
        lines = [" ".join(line.replace("\t", " ").split()) for line in text.splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            return
        if self._gap and self._lines and self._lines[-1]:
            self._lines.append("")
        self._lines.extend(lines)
        self._open_table = None

    def add_table(self, grid: Sequence[Sequence[TableCell]]) -> None:
        """A table; it continues the previous one when nothing but blanks came between."""
        rendered = render_table(grid, self._open_table)
        if not rendered.lines:
            return
        if self._lines and self._lines[-1] and (rendered.shape is None or not self._open_table):
            self._lines.append("")
        self._lines.extend(rendered.lines)
        self._open_table = rendered.shape

    def text(self) -> str:
        """The finished source text: NFC, invisible characters removed, tidy blank lines."""
        return finish_text("\n".join(self._lines))


def finish_line(line: str) -> str:
    """One line normalised as `finish_text` normalises it inside a text (tabs kept)."""
    line = unicodedata.normalize("NFC", line).translate(_INVISIBLE).translate(_SPACES)
    return _CONTROL.sub("", line.replace("\r", "").replace("\n", " ")).rstrip(" ")


def finish_text(text: str) -> str:
    """Normalise extracted text the same way for every format."""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_INVISIBLE).translate(_SPACES)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    # trailing tabs are kept: they are the empty last cells of a tab row
    lines = [line.rstrip(" ") for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip("\n") + "\n" if text.strip() else ""
