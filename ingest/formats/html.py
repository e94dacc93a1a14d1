"""HTML (a saved legal-portal page) → blocks and the canonical plan text: <h1>–<h6> as
headings, other block elements as paragraphs, list items with their labels, `<table>` as
tables with their merged cells (tab rows in the text); scripts, styles and site chrome
dropped.
"""

from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from ingest.errors import EncodingError
from ingest.formats.assembly import ExtractedText, TextAssembler, finish_line
from ingest.formats.canvas import BlockCanvas
from ingest.formats.errors import DocumentFormatError
from ingest.formats.labels import letter, roman
from ingest.formats.markdown_tables import PipeTable
from ingest.formats.tables_to_text import Span, TableCell
from ingest.parser.markers import read_marker

# not document content: code, styling, navigation and forms of the page around it
_DROPPED = {
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "nav",
    "header", "footer", "aside", "form", "button", "select", "option", "input", "textarea",
    "iframe", "svg", "canvas", "object", "embed", "map", "audio", "video",
}  # fmt: skip
_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "dl", "blockquote",
    "pre", "section", "article", "main", "address", "figure", "figcaption", "center", "hr",
    "ul", "ol", "caption", "body", "html", "tr", "td", "th", "thead", "tbody", "tfoot",
}  # fmt: skip
# where legal portals put the document itself (thuvienphapluat.vn, vbpl.vn): the rest of a
# saved page is menus, related documents and comments
_CONTENT_IDS = ("divContentDoc", "toanvancontent")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BREAK = "\u2028"  # a <br> inside a block, kept apart from the source's own newlines
_MAX_SPAN = 1000  # a rowspan/colspan beyond this is broken markup, not a layout
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def extract_html(data: bytes, name: str, encoding: str | None = None) -> ExtractedText:
    """The plan text of an HTML page's bytes."""
    text = _decode(data, name, encoding)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str with a declaration
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise DocumentFormatError(f"{name}: không đọc được trang HTML ({error})") from error
    out = BlockCanvas()
    walker = _Walker(out)
    walker.block(_content_root(root))
    walker.flush()
    return ExtractedText(out.text(), "html", blocks=tuple(out.blocks))


def _content_root(root: etree._Element) -> etree._Element:
    """The legal portal's document container when the page has a known one, else the page."""
    for container_id in _CONTENT_IDS:
        found = root.get_element_by_id(container_id, None)
        if found is not None:
            return found
    return root


def _decode(data: bytes, name: str, encoding: str | None) -> str:
    """Bytes → text: the named encoding, a BOM, the page's <meta charset>, else UTF-8."""
    declared = _CHARSET.search(data[:4096])
    candidates = [encoding] if encoding else []
    if data.startswith(codecs.BOM_UTF8):
        candidates.append("utf-8-sig")
    elif data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        candidates.append("utf-16")
    if declared:
        candidates.append(declared.group(1).decode("ascii", "replace"))
    candidates.append("utf-8")
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except LookupError:
            continue
        except UnicodeDecodeError as error:
            raise EncodingError(
                f"{name}: trang không đúng bảng mã {candidate} (byte {error.start}); hãy lưu "
                "dạng UTF-8 hoặc dùng --encoding (ví dụ --encoding cp1258)"
            ) from error
        except UnicodeError:  # a <meta charset="undefined">: that codec refuses everything
            continue
    raise EncodingError(f"{name}: không biết bảng mã {encoding!r}")


class _Walker:
    """Walks the element tree once, sending finished paragraphs and tables to `out`."""

    def __init__(self, out: BlockCanvas | TextAssembler) -> None:
        self._out = out
        self._parts: list[str] = []
        self._label = ""  # a list item's label, waiting for the item's first text
        self._depth = 0  # that item's list depth
        self._heading: int | None = None  # the level of the <hN> being read

    def block(self, element: etree._Element, pre: bool = False) -> None:
        """The content of a block element (its text, children and their tails)."""
        if element.text:
            self._text(element.text, pre)
        list_kind = _tag(element) if _tag(element) in ("ol", "ul") else None
        counter = _ol_start(element) if list_kind == "ol" else 0
        depth = sum(1 for _ in element.iterancestors("ul")) if list_kind else 0
        nesting = sum(1 for _ in element.iterancestors("ul", "ol")) if list_kind else 0
        for child in element:
            tag = _tag(child)
            if tag and tag not in _DROPPED and not _hidden(child):
                if tag == "br":
                    self._parts.append(_BREAK)
                elif tag == "table":
                    self.flush()
                    self._table(self._grid(child))
                elif tag in _BLOCKS:
                    self.flush()
                    if tag == "li" and list_kind:
                        style = child.get("type") or element.get("type") or "1"
                        self._label = _label(list_kind, counter, style, depth)
                        self._depth = nesting
                        counter += 1
                    outer, self._heading = self._heading, _HEADINGS.get(tag, self._heading)
                    self.block(child, pre or tag == "pre")
                    self.flush()
                    self._heading = outer
                    if tag == "li":
                        self._label = ""  # an empty item's label must not reach what follows
                else:
                    self.block(child, pre)
            if child.tail:
                self._text(child.tail, pre)

    def _text(self, text: str, pre: bool) -> None:
        self._parts.append(text.replace("\n", _BREAK) if pre else text)

    def flush(self) -> None:
        """End the current paragraph: collapse HTML whitespace, keep <br> breaks."""
        lines = [" ".join(piece.split()) for piece in "".join(self._parts).split(_BREAK)]
        self._parts = []
        text = "\n".join(line for line in lines if line)
        if not text:
            return
        label, self._label = self._label, ""
        if label and read_marker(text) is None:  # a number typed as text stays
            text = f"{label} {text}"
        else:
            label = ""
        if isinstance(self._out, TextAssembler):
            self._out.add_paragraph(text)
        elif self._heading is not None:
            self._out.add_heading(self._heading, text, one_line=False)
        elif label:
            self._out.add_list_item(label, self._depth, text[len(label) + 1 :])
        else:
            self._out.add_paragraph(text)

    def _table(self, grid: list[list[TableCell]]) -> None:
        if isinstance(self._out, TextAssembler):
            self._out.add_table(grid)
            return
        table = PipeTable.from_grid(grid)
        if table is not None:
            self._out.add_table(table, find_header=True)

    def _grid(self, table: etree._Element) -> list[list[TableCell]]:
        grid: dict[tuple[int, int], TableCell] = {}
        rows = _rows(table)
        for r, row in enumerate(rows):
            c = 0
            for cell in row:
                while (r, c) in grid:
                    c += 1
                height = min(_span(cell, "rowspan"), len(rows) - r)
                width = _span(cell, "colspan")
                for dr in range(height):
                    for dc in range(width):
                        if dr or dc:
                            span = Span.LEFT if dc else Span.ABOVE
                            grid.setdefault((r + dr, c + dc), TableCell(span=span))
                lines = (finish_line(line) for line in self._cell_lines(cell))
                grid[(r, c)] = TableCell(tuple(line for line in lines if line.strip()))
                c += width
        if not grid:
            return []
        height = max(r for r, _ in grid) + 1
        width = max(c for _, c in grid) + 1
        return [[grid.get((r, c), TableCell()) for c in range(width)] for r in range(height)]

    def _cell_lines(self, cell: etree._Element) -> list[str]:
        inner = TextAssembler()
        walker = _Walker(inner)
        walker.block(cell)
        walker.flush()
        return inner.lines


def _rows(table: etree._Element) -> list[list[etree._Element]]:
    """The table's own rows of cells (nested tables belong to their cells)."""
    rows: list[list[etree._Element]] = []
    for child in table:
        group = list(child) if _tag(child) in ("thead", "tbody", "tfoot") else [child]
        rows.extend(
            [cell for cell in row if _tag(cell) in ("td", "th")]
            for row in group
            if _tag(row) == "tr"
        )
    return rows


def _tag(element: etree._Element) -> str:
    """The lower-case tag name ("" for comments and processing instructions)."""
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _span(cell: etree._Element, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name) or 1), _MAX_SPAN))
    except ValueError:
        return 1


def _hidden(element: etree._Element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return element.get("hidden") is not None or "display:none" in style


def _ol_start(element: etree._Element) -> int:
    try:
        return int(element.get("start") or 1)
    except ValueError:
        return 1


def _label(kind: str, value: int, style: str, depth: int) -> str:
    """A list item's label in the parser's conventions: "1.", "a)", "I.", "-", "+"."""
    if kind == "ul":
        return "-" if depth == 0 else "+"
    if style == "a":
        return letter(value) + ")"  # Vietnamese plans write points as "a)", not "a."
    if style == "A":
        return letter(value).upper() + "."
    if style in ("i", "I"):
        return (roman(value).lower() if style == "i" else roman(value)) + "."
    return f"{value}."
