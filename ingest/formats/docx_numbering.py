"""Rebuilding the list labels Word draws but does not store ("1.", "2.1.", "a)", "-").

A numbered paragraph stores only a list id and a level (`w:numPr`, on the paragraph or
its style); the label comes from the numbering definitions and running counters. We
replay the counters in document order the way Word does: counters belong to the abstract
list, so list instances sharing it continue each other unless one restarts a level
(`w:startOverride`); using a level restarts the levels below it (`w:lvlRestart` aside).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree

from ingest.formats.labels import letter, roman

_LEVELS = 9
_BULLETS_KEPT = "-–—+•*"  # the parser reads these as bullets
_SUB_BULLETS = "o◦○"  # Word's second-level circles: "+" is the Vietnamese second level
_NUMBERING_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"


@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # 1-based level whose use restarts this one; 0 = never
    legal: bool = False  # w:isLgl: every number shown in decimal


@dataclass
class _Instance:
    abstract: str
    overrides: dict[int, _Level] = field(default_factory=dict)
    starts: dict[int, int] = field(default_factory=dict)


def _val(element: etree._Element | None, name: str = "w:val") -> str | None:
    return None if element is None else element.get(qn(name))


def _int(element: etree._Element | None, default: int) -> int:
    value = _val(element)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _read_level(lvl: etree._Element) -> _Level:
    restart = lvl.find(qn("w:lvlRestart"))
    legal = lvl.find(qn("w:isLgl"))
    return _Level(
        start=_int(lvl.find(qn("w:start")), 1),
        fmt=_val(lvl.find(qn("w:numFmt"))) or "decimal",
        text=_val(lvl.find(qn("w:lvlText"))) or "",
        restart=None if restart is None else _int(restart, 0),
        legal=legal is not None and _val(legal) not in ("0", "false"),
    )


class DocxNumbering:
    """Labels of numbered paragraphs, computed in document order."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._style_links: dict[str, str] = {}  # abstract id → numbering style it defers to
        self._instances: dict[str, _Instance] = {}
        self._style_num: dict[str, tuple[str | None, int | None]] = {}
        self._style_parent: dict[str, str] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._used: set[str] = set()
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    @classmethod
    def of(cls, document: object) -> DocxNumbering:
        """The numbering of a python-docx `Document` (an empty one when it has none)."""
        part = document.part  # type: ignore[attr-defined]
        numbering = None
        for rel in part.rels.values():
            if rel.reltype == _NUMBERING_RELTYPE and not rel.is_external:
                numbering = rel.target_part.element
        styles = document.styles.element  # type: ignore[attr-defined]
        return cls(numbering, styles)

    def _read_numbering(self, root: etree._Element) -> None:
        for abstract in root.iter(qn("w:abstractNum")):
            key = _val(abstract, "w:abstractNumId") or ""
            levels = {
                _int_attr(lvl, "w:ilvl"): _read_level(lvl) for lvl in abstract.iter(qn("w:lvl"))
            }
            self._abstract[key] = levels
            link = _val(abstract.find(qn("w:numStyleLink")))
            if link:
                self._style_links[key] = link
        for num in root.iter(qn("w:num")):
            instance = _Instance(_val(num.find(qn("w:abstractNumId"))) or "")
            for override in num.iter(qn("w:lvlOverride")):
                ilvl = _int_attr(override, "w:ilvl")
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    instance.starts[ilvl] = _int(start, 1)
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    instance.overrides[ilvl] = _read_level(lvl)
            self._instances[_val(num, "w:numId") or ""] = instance

    def _read_styles(self, root: etree._Element) -> None:
        for style in root.iter(qn("w:style")):
            style_id = _val(style, "w:styleId") or ""
            parent = _val(style.find(qn("w:basedOn")))
            if parent:
                self._style_parent[style_id] = parent
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                ilvl = num_pr.find(qn("w:ilvl"))
                self._style_num[style_id] = (
                    _val(num_pr.find(qn("w:numId"))),
                    None if ilvl is None else _int(ilvl, 0),
                )

    def label(self, paragraph: etree._Element) -> str | None:
        """The label Word draws before this paragraph, or None when it is not numbered."""
        num_id, ilvl = self._num_pr(paragraph)
        if not num_id or num_id == "0" or num_id not in self._instances:
            return None
        instance = self._instances[num_id]
        abstract_id = self._resolve_abstract(instance.abstract)
        levels = self._levels(instance, abstract_id)
        if ilvl not in levels:
            return None
        counters = self._counters.setdefault(abstract_id, [None] * _LEVELS)
        if num_id not in self._used:
            self._used.add(num_id)
            for restarted, start in instance.starts.items():
                if 0 <= restarted < _LEVELS:
                    counters[restarted] = start - 1
        level = levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart and ilvl < restart):
                counters[deeper] = None
        return _render(level, levels, counters) or None

    def depth(self, paragraph: etree._Element) -> int:
        """The list level (0 for the top) of a numbered paragraph."""
        return self._num_pr(paragraph)[1]

    def _num_pr(self, paragraph: etree._Element) -> tuple[str | None, int]:
        num_pr = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        num_id = _val(num_pr.find(qn("w:numId"))) if num_pr is not None else None
        ilvl_el = num_pr.find(qn("w:ilvl")) if num_pr is not None else None
        ilvl = None if ilvl_el is None else _int(ilvl_el, 0)
        style = _val(paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}"))
        seen: set[str] = set()
        while style and style not in seen and (num_id is None or ilvl is None):
            seen.add(style)
            style_num, style_ilvl = self._style_num.get(style, (None, None))
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
            style = self._style_parent.get(style)
        return num_id, ilvl or 0

    def _resolve_abstract(self, abstract_id: str) -> str:
        """Follow `w:numStyleLink` to the abstract list that holds the levels."""
        link = self._style_links.get(abstract_id)
        if link:
            num_id = self._style_num.get(link, (None, None))[0]
            if num_id and num_id in self._instances:
                return self._instances[num_id].abstract
        return abstract_id

    def _levels(self, instance: _Instance, abstract_id: str) -> dict[int, _Level]:
        levels = dict(self._abstract.get(abstract_id, {}))
        levels.update(instance.overrides)
        return levels


def _int_attr(element: etree._Element, name: str) -> int:
    try:
        return int(element.get(qn(name)) or 0)
    except ValueError:
        return 0


def _render(level: _Level, levels: dict[int, _Level], counters: list[int | None]) -> str:
    """The label text: `%N` placeholders filled with level N's counter in its format."""
    if level.fmt == "bullet":
        return _bullet(level.text)
    if level.fmt == "none":
        return ""
    out: list[str] = []
    text = level.text
    k = 0
    while k < len(text):
        if text[k] == "%" and k + 1 < len(text) and text[k + 1].isdigit():
            index = int(text[k + 1]) - 1
            shown = levels.get(index, _Level())
            value = counters[index] if 0 <= index < _LEVELS else None
            value = shown.start if value is None else value
            out.append(_format(value, "decimal" if level.legal else shown.fmt))
            k += 2
        else:
            out.append(text[k])
            k += 1
    return "".join(out).strip()


def _bullet(glyph: str) -> str:
    glyph = glyph.strip()
    if glyph and glyph[0] in _BULLETS_KEPT:
        return glyph[0]
    if glyph and glyph[0] in _SUB_BULLETS:
        return "+"
    return "-"  # symbol-font glyphs (U+F0B7 …) and pictures


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        return letter(value).upper() if fmt == "upperLetter" else letter(value)
    if fmt in ("lowerRoman", "upperRoman"):
        return roman(value).lower() if fmt == "lowerRoman" else roman(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
