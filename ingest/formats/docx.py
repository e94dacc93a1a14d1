"""Word (.docx) → plan text: body paragraphs with their list labels, tables as tab rows.

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

from ingest.formats.assembly import ExtractedText, TextAssembler
from ingest.formats.docx_numbering import DocxNumbering
from ingest.formats.errors import DocumentFormatError, EncryptedDocumentError
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
    "hMerge", "gridBefore", "footnote", "tblPr", "del", "moveFrom",
)}  # fmt: skip
# field codes, deleted text and properties are not what the reader sees
_SKIPPED = {_W[name] for name in ("instrText", "delText", "del", "moveFrom", "pPr", "rPr")}
_SKIPPED |= {_W["tcPr"], _W["trPr"], _W["tblPr"], _MC_FALLBACK}
_CONTAINERS = {_W["sdt"], _W["sdtContent"], _W["customXml"], _W["ins"]}


def extract_docx(data: bytes, name: str) -> ExtractedText:
    """The plan text of a .docx file's bytes; clear errors for what cannot be read."""
    document = _open(data, name)
    return ExtractedText(_BodyWalker(document).text(), "docx")


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
        self._footnotes = _footnote_texts(document)
        self._note_numbers: dict[str, int] = {}
        self._body = document.element.body

    def text(self) -> str:
        out = TextAssembler(paragraph_gap=True)
        self._blocks(self._body, out)
        # footnote texts after the body, as "[n] …": the parser keeps them as notes
        for note_id, number in list(self._note_numbers.items()):
            note = self._footnotes.get(note_id)
            if note is not None:
                lines = self._cell_lines(note)
                out.add_paragraph(f"[{number}] " + " ".join(lines))
        return out.text()

    def _blocks(self, container: etree._Element, out: TextAssembler) -> None:
        for child in container:
            if child.tag == _W["p"]:
                self._paragraph(child, out)
            elif child.tag == _W["tbl"]:
                out.add_table(self._grid(child))
            elif child.tag in _CONTAINERS:
                self._blocks(child, out)

    def _paragraph(self, paragraph: etree._Element, out: TextAssembler) -> None:
        parts: list[str] = []
        boxes: list[etree._Element] = []
        self._inline(paragraph, parts, boxes)
        text = "".join(parts).strip()
        label = self._numbering.label(paragraph)
        if text and label and not _has_own_number(text, label):
            text = f"{label} {text}"
        out.add_paragraph(text)
        for box in boxes:  # text boxes: their paragraphs after the one that anchors them
            self._blocks(box, out)

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
                    first = TableCell(tuple(self._cell_lines(cell)))
                cells.append(first)
                cells.extend(TableCell(span=Span.LEFT) for _ in range(span - 1))
            grid.append(cells)
        return grid

    def _cell_lines(self, container: etree._Element) -> list[str]:
        """A cell's content as lines: its paragraphs, nested tables as tab rows."""
        inner = TextAssembler()
        self._blocks(container, inner)
        return inner.lines


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
