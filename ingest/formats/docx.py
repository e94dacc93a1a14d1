"""Word (.docx) → blocks and the canonical plan text: headings (heading styles, outline
levels), paragraphs, numbered paragraphs as list items with their labels, tables with
their merged cells (tab rows in the text).

The body's XML children are walked in order so tables stay where they are among the
paragraphs. Page headers and footers are skipped (page furniture); footnotes are kept the
way plan extractions show them: "[1]" at the reference, "[1] text" after the body.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator

import docx
from docx.document import Document as WordDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from ingest.formats.assembly import ExtractedText, TextAssembler, finish_line
from ingest.formats.canvas import BlockCanvas
from ingest.formats.docx_numbering import DocxNumbering
from ingest.formats.errors import DocumentFormatError, EncryptedDocumentError
from ingest.formats.markdown_tables import PipeTable
from ingest.formats.tables_to_text import Span, TableCell
from ingest.parser.markers import read_marker

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_UNZIPPED_BYTES = 512 * 1024 * 1024  # a zip bomb would otherwise fill memory
_FOOTNOTES_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

_W = {name: qn(f"w:{name}") for name in (
    "p", "tbl", "tr", "tc", "r", "t", "tab", "ptab", "br", "cr", "sym", "noBreakHyphen",
    "softHyphen", "footnoteReference", "txbxContent", "instrText", "delText", "pPr", "rPr",
    "vanish", "sdt", "sdtContent", "customXml", "ins", "trPr", "tcPr", "gridSpan", "vMerge",
    "hMerge", "gridBefore", "footnote", "tblPr", "del", "moveFrom", "pStyle", "outlineLvl",
    "style", "basedOn", "name",
)}  # fmt: skip
_HEADING_NAME = re.compile(r"^(?:heading|đề mục|tiêu đề)\s*([1-9])$", re.IGNORECASE)
_BODY_LEVEL = 9  # w:outlineLvl 9: body text
# field codes, deleted text and properties are not what the reader sees
_SKIPPED = {_W[name] for name in ("instrText", "delText", "del", "moveFrom", "pPr", "rPr")}
_SKIPPED |= {_W["tcPr"], _W["trPr"], _W["tblPr"], _MC_FALLBACK}
_CONTAINERS = {_W["sdt"], _W["sdtContent"], _W["customXml"], _W["ins"]}


def extract_docx(data: bytes, name: str) -> ExtractedText:
    """The plan text of a .docx file's bytes; clear errors for what cannot be read."""
    document = _open(data, name)
    canvas = _BodyWalker(document).read()
    return ExtractedText(canvas.text(), "docx", blocks=tuple(canvas.blocks))


def _open(data: bytes, name: str) -> WordDocument:
    if data.startswith(_OLE_MAGIC):
        raise EncryptedDocumentError(
            f"{name}: tệp Word có mật khẩu hoặc là tệp .doc cũ; hãy mở bằng Word hoặc "
            "LibreOffice, bỏ mật khẩu và lưu lại dạng .docx"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise DocumentFormatError(
                    f"{name}: tệp zip này không phải văn bản Word (thiếu word/document.xml); "
                    "hãy lưu từ Word hoặc LibreOffice dạng .docx"
                )
            if sum(info.file_size for info in archive.infolist()) > _MAX_UNZIPPED_BYTES:
                raise DocumentFormatError(f"{name}: văn bản giải nén ra hơn 512 MB")
            broken = archive.testzip()
            if broken is not None:
                raise DocumentFormatError(
                    f"{name}: phần {broken} bị hỏng (tệp lỗi hoặc bị cắt cụt); "
                    "hãy tải hoặc xuất lại tệp"
                )
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise DocumentFormatError(
            f"{name}: không đọc được tệp .docx (tệp lỗi hoặc bị cắt cụt: {error}); "
            "hãy tải hoặc xuất lại tệp"
        ) from error
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise DocumentFormatError(
            f"{name}: không đọc được văn bản Word ({error}); hãy mở bằng Word hoặc "
            "LibreOffice và lưu lại dạng .docx"
        ) from error


class _BodyWalker:
    """Walks the document body once, in order, keeping list counters and footnote numbers."""

    def __init__(self, document: WordDocument) -> None:
        self._numbering = DocxNumbering.of(document)
        self._outline = _style_outline_levels(document.styles.element)
        self._footnotes = _footnote_texts(document)
        self._note_numbers: dict[str, int] = {}
        self._body = document.element.body

    def read(self) -> BlockCanvas:
        out = BlockCanvas()
        self._blocks(self._body, out)
        # footnote texts after the body, as "[n] …": the parser keeps them as notes
        for note_id, number in list(self._note_numbers.items()):
            note = self._footnotes.get(note_id)
            if note is not None:
                lines = self._cell_lines(note)
                out.add_paragraph(f"[{number}] " + " ".join(lines))
        return out

    def _blocks(self, container: etree._Element, out: BlockCanvas | TextAssembler) -> None:
        for child in container:
            if child.tag == _W["p"]:
                self._paragraph(child, out)
            elif child.tag == _W["tbl"]:
                grid = self._grid(child)
                if isinstance(out, TextAssembler):
                    out.add_table(grid)
                else:
                    table = PipeTable.from_grid(grid)
                    if table is not None:
                        out.add_table(table, find_header=True)
            elif child.tag in _CONTAINERS:
                self._blocks(child, out)

    def _paragraph(self, paragraph: etree._Element, out: BlockCanvas | TextAssembler) -> None:
        parts: list[str] = []
        boxes: list[etree._Element] = []
        self._inline(paragraph, parts, boxes)
        text = "".join(parts).strip()
        label = self._numbering.label(paragraph)
        labelled = bool(text and label and not _has_own_number(text, label))
        if labelled:
            text = f"{label} {text}"
        text = "\n".join(text.splitlines())  # U+2028 and the like break lines, as before
        level = self._heading_level(paragraph)
        if isinstance(out, TextAssembler):
            out.add_paragraph(text)
        elif level is not None:
            out.add_heading(level, text, one_line=False)
        elif labelled and label:
            out.add_list_item(label, self._numbering.depth(paragraph), text[len(label) + 1 :])
        else:
            out.add_paragraph(text)
        for box in boxes:  # text boxes: their paragraphs after the one that anchors them
            self._blocks(box, out)

    def _heading_level(self, paragraph: etree._Element) -> int | None:
        """1-based heading level from the paragraph's outline level or its style's."""
        properties = paragraph.find(_W["pPr"])
        own = properties.find(_W["outlineLvl"]) if properties is not None else None
        if own is not None:
            value = _int_val(own)
        else:
            style = properties.find(_W["pStyle"]) if properties is not None else None
            value = self._outline.get(style.get(qn("w:val")) or "") if style is not None else None
        return None if value is None or value >= _BODY_LEVEL else value + 1

    def _inline(self, element: etree._Element, parts: list[str], boxes: list) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == _W["t"]:
                parts.append(child.text or "")
            elif tag in (_W["tab"], _W["ptab"]):
                parts.append(" ")
            elif tag in (_W["br"], _W["cr"]):
                parts.append("\n")
            elif tag == _W["noBreakHyphen"]:
                parts.append("-")
            elif tag == _W["sym"]:
                parts.append(_symbol(child))
            elif tag == _W["footnoteReference"]:
                parts.append(f"[{self._note_number(child.get(qn('w:id')) or '')}]")
            elif tag == _W["txbxContent"]:
                boxes.append(child)
            elif tag == _W["r"] and _hidden(child):
                continue
            elif tag != _W["softHyphen"]:
                self._inline(child, parts, boxes)

    def _note_number(self, note_id: str) -> int:
        return self._note_numbers.setdefault(note_id, len(self._note_numbers) + 1)

    def _grid(self, table: etree._Element) -> list[list[TableCell]]:
        grid: list[list[TableCell]] = []
        for row in _children(table, _W["tr"]):
            cells: list[TableCell] = []
            properties = row.find(_W["trPr"])
            before = _grid_count(properties, "gridBefore")
            cells.extend(TableCell() for _ in range(before))
            for cell in _children(row, _W["tc"]):
                properties = cell.find(_W["tcPr"])
                span = max(1, _grid_count(properties, "gridSpan"))
                vmerge = properties.find(_W["vMerge"]) if properties is not None else None
                hmerge = properties.find(_W["hMerge"]) if properties is not None else None
                if vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue"):
                    first = TableCell(span=Span.ABOVE)
                elif hmerge is not None and hmerge.get(qn("w:val")) in (None, "continue"):
                    first = TableCell(span=Span.LEFT)
                else:
                    lines = (finish_line(line) for line in self._cell_lines(cell))
                    first = TableCell(tuple(line for line in lines if line.strip()))
                cells.append(first)
                cells.extend(TableCell(span=Span.LEFT) for _ in range(span - 1))
            grid.append(cells)
        return grid

    def _cell_lines(self, container: etree._Element) -> list[str]:
        """A cell's content as lines: its paragraphs, nested tables as tab rows."""
        inner = TextAssembler()
        self._blocks(container, inner)
        return inner.lines


def _int_val(element: etree._Element) -> int | None:
    try:
        return int(element.get(qn("w:val")) or "")
    except ValueError:
        return None


def _style_outline_levels(styles: etree._Element) -> dict[str, int]:
    """Paragraph style id → outline level (0 for Heading 1), following `w:basedOn`."""
    own: dict[str, int] = {}
    parent: dict[str, str] = {}
    for style in styles.iter(_W["style"]):
        style_id = style.get(qn("w:styleId")) or ""
        level = style.find(f"{_W['pPr']}/{_W['outlineLvl']}")
        name = style.find(_W["name"])
        by_name = _HEADING_NAME.match((name.get(qn("w:val")) or "") if name is not None else "")
        if level is not None and _int_val(level) is not None:
            own[style_id] = _int_val(level) or 0
        elif by_name:
            own[style_id] = int(by_name.group(1)) - 1
        based = style.find(_W["basedOn"])
        if based is not None and based.get(qn("w:val")):
            parent[style_id] = based.get(qn("w:val")) or ""
    levels: dict[str, int] = {}
    for style_id in {*own, *parent}:
        current: str | None = style_id
        seen: set[str] = set()
        while current and current not in seen:
            seen.add(current)
            if current in own:
                levels[style_id] = own[current]
                break
            current = parent.get(current)
    return levels


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with this tag, looking through content controls and custom XML."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _children(child, tag)


def _grid_count(properties: etree._Element | None, name: str) -> int:
    element = properties.find(_W[name]) if properties is not None else None
    try:
        return int(element.get(qn("w:val")) or 1) if element is not None else 0
    except ValueError:
        return 0


def _hidden(run: etree._Element) -> bool:
    vanish = run.find(f"{_W['rPr']}/{_W['vanish']}")
    return vanish is not None and vanish.get(qn("w:val")) not in ("0", "false")


def _symbol(sym: etree._Element) -> str:
    """A `w:sym` character; symbol-font private-use glyphs have no text meaning."""
    try:
        code = int(sym.get(qn("w:char")) or "", 16)
    except ValueError:
        return ""
    return "" if 0xE000 <= code <= 0xF8FF else chr(code)


def _has_own_number(text: str, label: str) -> bool:
    """Whether the paragraph already starts with a number typed as text ("1.5 triệu" does not)."""
    return re.match(re.escape(label) + r"(\s|$)", text) is not None or read_marker(text) is not None


def _footnote_texts(document: WordDocument) -> dict[str, etree._Element]:
    for rel in document.part.rels.values():
        if rel.reltype == _FOOTNOTES_RELTYPE and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            return {note.get(qn("w:id")) or "": note for note in root.iter(_W["footnote"])}
    return {}
