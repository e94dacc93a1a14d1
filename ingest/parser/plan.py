"""`parse_plan`: a plan's source text → `ParsedPlan` (metadata, clause tree, target rows).

The walk goes through the blocks a reader gave (`ingest.formats.blocks`; plain text gets
one paragraph block per line from `ingest.formats.text`), in order, each read from its span
of the one source text. A heading block opens a clause at its level even without a number
(a Word "Heading 1", an HTML <h2>, a Markdown `#`); a table block with a header is taken as
rows and cells directly. The lines of paragraphs and list items go to the line reader:
numbering markers open clauses on a stack (parts, sections, items, points, bullets);
unmarked lines are paragraphs or, when they continue a hard-wrapped line, join the clause
before them; tables written as text (tab or pipe rows) are read from their lines. A table
under an appendix heading is that appendix; a table inside a body section belongs to that
section. Headings lost in extraction are inferred from the numbering.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ingest.domain import (
    Clause,
    ClauseKind,
    Document,
    ParsedPlan,
    Target,
    TargetCell,
    TargetValue,
)
from ingest.errors import PlanTooDeepError
from ingest.formats.blocks import Block, Heading
from ingest.formats.labels import roman
from ingest.formats.text import line_blocks
from ingest.parser.body_duties import body_duties
from ingest.parser.budget import checkpoint
from ingest.parser.columns import ColumnRole, measure_line
from ingest.parser.deadlines import parse_deadline
from ingest.parser.header.issuer import opens_body
from ingest.parser.header.motto import strip_mottos
from ingest.parser.header.title import BODY_START, authority_line, kind_line
from ingest.parser.indent_layout import indent, margin_wraps
from ingest.parser.lines import (
    SourceLine,
    blank_out,
    clean_markup,
    find_page_furniture,
    find_repeated_blocks,
    split_lines,
)
from ingest.parser.markers import (
    ORDINAL_PART_WORD,
    Marker,
    is_article,
    is_letter_part,
    read_marker,
    roman_to_int,
    row_number,
)
from ingest.parser.metadata import extract_metadata
from ingest.parser.ocr_slips import repaired_markers, specked_appendix
from ingest.parser.periods import column_stage, heading_stage, leading_stage
from ingest.parser.role_blocks import role_block_duties
from ingest.parser.table_groups import group_unit, is_total_row, subtotal_groups
from ingest.parser.tables import (
    Table,
    TableRow,
    is_table_start,
    read_table,
    tables_from_blocks,
)
from ingest.parser.unit_names import name_end, name_pending, starts_unit
from ingest.parser.units import split_units

# Bump when a parser change alters clauses or targets: re-ingesting then re-indexes
# documents whose text did not change.
PARSER_VERSION = 19
PATH_SEPARATOR = " › "
_HEADED = (ClauseKind.PART, ClauseKind.SECTION, ClauseKind.ITEM, ClauseKind.APPENDIX)
_HEADING_CHARS = 60
_ROW_LETTER = re.compile(r"^\s*([a-zđ])\s*[).]\s*$")
# "Nơi nhận" also as an OCR copy misreads its tone mark ("Nơi nhân:")
_SIGNATURE_START = re.compile(r"^(Nơi nh[ậâạ]n\b|TM\.|T/M|KT\.|Q\.|TL\.)", re.IGNORECASE)
# a line of nothing but rule characters: the rule under a header box, not a bullet
_RULE_LINE = re.compile(r"^[-_=~.–—*\s]{3,}$")
# a paragraph closing the plan or a part of it, written after the last numbered point; the
# kind after "Trên đây là" is often written in lower case ("Trên đây là kế hoạch triển khai
# thực hiện của Tiểu ban …")
_CLOSING = re.compile(
    r"^(?:Trên đây là (?:[Kk]ế hoạch|[Cc]hương trình|[Đđ]ề án|[Pp]hương án)|"
    r"(?:Trong )?[Qq]uá trình (?:tổ chức )?(?:thực hiện|triển khai)(?: Kế hoạch| Chương trình)?"
    r"(?: này)?,? nếu)"
)
_APPENDIX_HINT = re.compile(r"^(\(Kèm theo|PHÂN CÔNG|DANH MỤC|BIỂU|BẢNG)")
_TERMINAL = (".", ";", ":", "!", "?", ")", "”", '"', "|")
_DANGLING_WORDS = {"và", "của", "ở", "với", "về", "cho", "các", "thuộc", "tại"}
# a line at least this long that stops mid-sentence was wrapped at the page width
_WRAP_WIDTH = 60
# a line holding only an amount ("1.594.379 triệu đồng.", "12,5 tỷ đồng;"): the value of the
# line before it, which ends with a colon, wrapped onto a line of its own
_BARE_AMOUNT = re.compile(
    r"\d{1,3}(?:[.,]\d{3})*(?:,\d+)?\s*(?:(?:triệu|tỷ|nghìn|ngàn)\s+)?(?:đồng|USD|%)\s*[.;]?"
)
# numbered clauses that may head a unit's tasks, and the most words of a name cut by a wrap
_UNIT_HEADED = (ClauseKind.SECTION, ClauseKind.ITEM, ClauseKind.POINT, ClauseKind.BULLET)
_WRAPPED_NAME_WORDS = 6

# a letter part ("A. MỤC ĐÍCH, YÊU CẦU") holds the Roman parts that follow it
_LETTER_LEVEL = -0.5
# a decision's article ("Điều 2."): below a part, above the sections numbered in it
_ARTICLE_LEVEL = 0.5
_LEVEL = {
    ClauseKind.APPENDIX: 0.0,
    ClauseKind.PART: 0.0,
    ClauseKind.SECTION: 1.0,
    ClauseKind.POINT: 4.0,
    ClauseKind.BULLET: 5.0,
    ClauseKind.PARAGRAPH: 7.0,
}


@dataclass
class _Node:
    """A clause under construction."""

    kind: ClauseKind
    number: str | None
    heading: str | None
    level: float
    key: str
    label: str  # own label in the readable path
    parent: _Node | None
    first_line: int | None = None
    last_line: int = -10
    start: int = 0
    body_end: int = 0
    end: int = 0
    last_text: str = ""
    own_text: str = ""  # its lines so far, joined (a hard-wrapped heading read whole)
    children: list[_Node] = field(default_factory=list)
    implied: bool = False
    heading_closed: bool = False  # an unnumbered heading from a reader's heading block
    bold_open: bool = False  # a "**" opened on its lines and not yet closed
    target: tuple[TargetCell, ...] | None = None
    period: str | None = None
    measure: str | None = None  # a table row's unit of measure from the line above its table
    # for an appendix opened by a table met inside the body: the clause the table sits in
    anchor: _Node | None = None
    # Kept as children are added, so that adding one never rescans its siblings.
    keys: set[str] = field(default_factory=set)
    numbers: set[str | None] = field(default_factory=set)
    kind_counts: dict[ClauseKind, int] = field(default_factory=dict)
    last_of_kind: dict[ClauseKind, _Node] = field(default_factory=dict)
    next_suffix: dict[str, int] = field(default_factory=dict)

    def add_line(self, line: SourceLine) -> None:
        if self.first_line is None:
            self.first_line = line.index
            self.start = line.start
        self.body_end = max(self.body_end, line.end)
        self.end = max(self.end, line.end)
        self.last_text = line.clean
        self.last_line = line.index
        self.bold_open ^= line.text.count("**") % 2 == 1
        if len(self.own_text) < _HEADING_CHARS * 3:
            self.own_text = f"{self.own_text} {line.clean}".strip()

    def add_span(self, start: int, end: int) -> None:
        if self.first_line is None:
            self.first_line = -1
            self.start = start
        self.body_end = max(self.body_end, end)
        self.end = max(self.end, end)

    def adopt(self, child: _Node) -> None:
        self.children.append(child)
        self.keys.add(child.key)
        self.numbers.add(child.number)
        self.kind_counts[child.kind] = self.kind_counts.get(child.kind, 0) + 1
        self.last_of_kind[child.kind] = child

    def unique_key(self, key: str) -> str:
        """`key`, or `key~2`, `key~3`… the first one no child has taken."""
        if key not in self.keys:
            return key
        suffix = self.next_suffix.get(key, 2)
        while f"{key}~{suffix}" in self.keys:
            suffix += 1
        self.next_suffix[key] = suffix + 1
        return f"{key}~{suffix}"


def _label(number: str | None, heading: str | None, kind: ClauseKind) -> str:
    """A clause's label in a readable path ("6. Về Chính quyền số", "2.1", "Phụ lục 1")."""
    if kind in (ClauseKind.ITEM, ClauseKind.APPENDIX) or not heading:
        return number or ""
    return f"{number}. {_short(heading)}"


def _short(text: str) -> str:
    text = " ".join(text.split()).rstrip(":")
    return text if len(text) <= _HEADING_CHARS else text[: _HEADING_CHARS - 1].rstrip() + "…"


class _TreeBuilder:
    """Builds the clause tree from body lines and tables."""

    def __init__(
        self,
        heading_kinds: dict[int, ClauseKind] | None = None,
        repaired: dict[int, Marker] | None = None,
        margin_wraps: bool = False,
    ) -> None:
        self.root = _Node(ClauseKind.PART, None, None, -1.0, "", "", None)
        self.heading_kinds = heading_kinds or {}  # heading level → the clause kind it opens
        self.repaired = repaired or {}  # line index → the marker an OCR slip stands for
        self.body_started = False  # a line of the text proper ("Căn cứ …", a numbered clause)
        self.after_kind_line = False  # the previous line was the kind ("KẾ HOẠCH")
        self.after_rule = False  # the previous line was a rule ("-------"): nothing goes on
        self.stack: list[_Node] = [self.root]
        self.last: _Node | None = None  # the clause the previous line went to
        self.warnings: list[str] = []
        self.appendix_count = 0
        self.part_count = 0
        self.root_has_sections = False
        self.in_signature = False
        self.stage_parents: set[int] = set()  # ids of nodes holding an unnumbered stage heading
        self.signed = False  # a signature closed the text (what follows is appended to it)
        # the copy indents paragraphs and wraps at the margin (`indent_layout.margin_wraps`)
        self.margin_wraps = margin_wraps
        self.seen_line = -10  # the last line read (into a clause or a table)
        self.line_before = -10  # the one read before the current line

    # ---- generic tree operations ----------------------------------------------------

    def _new(
        self,
        kind: ClauseKind,
        number: str | None,
        heading: str | None,
        level: float,
        parent: _Node,
        key: str,
        label: str,
        implied: bool = False,
    ) -> _Node:
        unique = parent.unique_key(key)
        node = _Node(kind, number, heading, level, unique, label, parent, implied=implied)
        parent.adopt(node)
        return node

    def _pop_to(self, level: float) -> _Node:
        while len(self.stack) > 1 and self.stack[-1].level >= level:
            self.stack.pop()
        return self.stack[-1]

    def _push(self, node: _Node) -> None:
        self.stack.append(node)
        self.last = node

    def _current_part(self) -> _Node:
        for node in reversed(self.stack):
            if node.kind in (ClauseKind.PART, ClauseKind.APPENDIX) or is_article(node.number):
                return node
        return self.root

    # ---- body lines -------------------------------------------------------------------

    def add_line(self, line: SourceLine) -> None:
        self.line_before, self.seen_line = self.seen_line, line.index
        text = line.clean
        if not text or set(text) <= {"|"}:
            return
        if _RULE_LINE.match(text):  # a rule under a header box ("-------", "______"): no
            # bullet; after a rule of dashes (a bullet's marker) what follows starts afresh
            self.after_rule = self.after_rule or read_marker(text) is not None
            return
        after_rule, self.after_rule = self.after_rule, False
        marker = self.repaired.get(line.index) or read_marker(text)
        self.body_started = self.body_started or bool(marker) or bool(BODY_START.match(text))
        self.after_kind_line = bool(kind_line(text))
        if self.in_signature:
            if _APPENDIX_HINT.match(text) or (marker and marker.kind is ClauseKind.APPENDIX):
                self.in_signature = False
            elif self.after_kind_line:  # "KẾ HOẠCH" after a decision's signature: the plan
                self.in_signature = self.signed = False  # it issues, attached, begins
                self.body_started = False
                self._add_paragraph(line)
                return
            else:
                assert self.last is not None
                self.last.add_line(line)
                return
        elif _SIGNATURE_START.match(text) and self._current_part().kind is not ClauseKind.APPENDIX:
            self._open_signature(line)
            return
        if marker is None and self._appendix_heading_starts(text):
            self.open_appendix(None, text, line)
            return
        if marker is not None and self._wrapped_reference(marker, line):
            marker = None  # "… được xác định tại" / "Phụ lục 2 kèm theo …": a sentence goes on
        if marker is None and _CLOSING.match(text):
            self._add_closing(line)
            return
        if marker is None and not after_rule and self._continues(text, line):
            assert self.last is not None
            last = self.last
            if last.heading and not last.children and last.kind in _HEADED:
                last.heading = f"{last.heading} {text}"
                last.label = _label(last.number, last.heading, last.kind)
            last.add_line(line)
            return
        if marker is None:
            footnote = re.match(r"^\[(\d+)\]", text)
            if footnote:
                self._add_footnote(footnote.group(1), line)
            else:
                self._add_paragraph(line, after_rule)
            return
        self._open_marker(marker, line)

    def add_heading(self, level: int, lines: list[SourceLine]) -> None:
        """A reader's heading block: numbered, its marker decides as on any line; unnumbered
        (a Word "Heading 1" without numbering), a clause at the kind its level stands for."""
        text = " ".join(line.clean for line in lines)
        if not text or read_marker(lines[0].clean) is not None or not self._opens_heading(text):
            for line in lines:
                self.add_line(line)
            return
        kind = self.heading_kinds.get(level, ClauseKind.PART)
        level_value = {ClauseKind.PART: 0.0, ClauseKind.SECTION: 1.0}.get(kind, 2.0)
        parent = self._pop_to(level_value)
        if kind is ClauseKind.PART:
            parent, self.stack = self.root, [self.root]
        count = parent.kind_counts.get(kind, 0) + 1
        node = self._new(kind, None, text, level_value, parent, f"h{count}", _short(text))
        node.heading_closed = True
        for line in lines:
            node.add_line(line)
        self._push(node)
        self.body_started = True
        self.after_kind_line = False

    def _opens_heading(self, text: str) -> bool:
        """Whether an unnumbered heading opens a clause: not a title or header line above
        the text, not the signature, not inside an appendix (its titles are read as text)."""
        if self.in_signature or self._after_signature():
            return False
        if self._current_part().kind is ClauseKind.APPENDIX:
            return False
        if _SIGNATURE_START.match(text) or _APPENDIX_HINT.match(text) or BODY_START.match(text):
            return False  # "QUYẾT ĐỊNH:", "Căn cứ …" as a heading are lines of the text
        if self.body_started:
            return True
        header_line = (
            kind_line(text)
            or strip_mottos(text) != text
            or opens_body(text.upper())
            or authority_line(text)  # "GIÁM ĐỐC SỞ Y TẾ" above a decision's text
        )
        return not (header_line or self.after_kind_line or text.startswith("Số"))

    def _continues(self, text: str, line: SourceLine) -> bool:
        """Whether an unmarked line continues the previous clause (a hard-wrapped line)."""
        last = self.last
        if last is None or last is self.root or last.kind is ClauseKind.TABLE_ROW:
            return False
        if text[:1].islower():
            return True
        previous = last.last_text
        if not previous:
            return False
        if last.heading_closed:  # a reader's heading block ends where the block ends
            return False
        if self._wrapped_at_margin(line):
            return True
        # a bold span hard-wrapped ("**2. Sở" / "Khoa học và Công nghệ**") or a unit word cut
        # from its name ("2. Sở" / "Khoa học và Công nghệ:") is one line of text
        adjacent = line.index == last.last_line + 1 and not last.children
        if adjacent and previous.endswith(":") and _BARE_AMOUNT.fullmatch(text):
            return True  # "d) Nguồn thu …:" / "1.594.379 triệu đồng.": the figure wrapped
        if adjacent and (last.bold_open or name_pending(previous)):
            return True
        if adjacent and _name_goes_on(last, text):
            return True
        if last.kind in (ClauseKind.PART, ClauseKind.SECTION, ClauseKind.ITEM):
            # a numbered sentence hard-wrapped at a page width goes on on the next line, even
            # at a capital ("… lấy tên là tỉnh Đồng" / "Tháp, …"); a short heading does not
            # ("… Giám đốc các sở, ngành: Nông nghiệp và" / "Phát triển nông thôn; …": a
            # line ending on "và", "của" stops mid-phrase whatever its length)
            wrapped = (
                line.index == last.last_line + 1
                and (len(previous) >= _WRAP_WIDTH or previous.split()[-1] in _DANGLING_WORDS)
                and not previous.endswith(_TERMINAL)
            )
            return previous.endswith(",") or wrapped
        if last.kind is ClauseKind.APPENDIX:
            return not previous.endswith(_TERMINAL)
        if text[:1].isupper() and _is_unit_heading(last):
            return False  # "a) Tổ đảng ở Thường trực Ủy ban X" then its first task
        return not previous.endswith(_TERMINAL) and line.index == last.last_line + 1

    def _wrapped_at_margin(self, line: SourceLine) -> bool:
        """Whether, in a copy that indents paragraphs and wraps at the margin, this line at
        the margin goes on with the clause the line read before it went to (blank lines and
        page furniture between allowed: a page break)."""
        last = self.last
        return (
            self.margin_wraps
            and self.body_started
            and last is not None
            and last.last_line == self.line_before
            and indent(line) == 0
        )

    def _wrapped_reference(self, marker: Marker, line: SourceLine) -> bool:
        """Whether a line opening "Phụ lục 2 kèm theo …" goes on with a sentence hard-wrapped
        just before the appendix's name: a heading names the appendix alone or with its title,
        never with a lowercase word after it under an unfinished line."""
        last = self.last
        if marker.kind is not ClauseKind.APPENDIX or not marker.rest[:1].islower():
            return False
        if last is None or last is self.root or line.index != last.last_line + 1:
            return False
        previous = last.last_text
        return bool(previous) and not previous.endswith(_TERMINAL)

    def _appendix_heading_starts(self, text: str) -> bool:
        """An unnumbered appendix title ("PHÂN CÔNG …", "DANH MỤC …") after the signature."""
        if not _APPENDIX_HINT.match(text) or not (text == text.upper() or text.startswith("(Kèm")):
            return False
        if self.last is not None and self.last.kind is ClauseKind.APPENDIX:
            return False  # still the title of the appendix just opened
        return self.appendix_count > 0 or self._after_signature()

    def _add_footnote(self, number: str, line: SourceLine) -> None:
        node = self._new(
            ClauseKind.PARAGRAPH,
            f"[{number}]",
            None,
            7.0,
            self.root,
            f"fn{number}",
            f"chú thích [{number}]",
        )
        node.add_line(line)
        self.last = node

    def _after_signature(self) -> bool:
        return self.signed

    def _open_signature(self, line: SourceLine) -> None:
        parent = self._pop_to(0.0)
        if parent.kind is ClauseKind.APPENDIX:
            parent = self.root
            self.stack = [self.root]
        if self.in_signature and self.last is not None:
            self.last.add_line(line)
            return
        node = self._new(ClauseKind.SIGNATURE, None, None, 0.0, self.root, "sig", "Phần ký")
        node.add_line(line)
        self.stack = [self.root]
        self.last = node
        self.in_signature = self.signed = True

    def _add_paragraph(self, line: SourceLine, after_rule: bool = False) -> None:
        if self._continues_part_heading(line):
            return
        parent = self._stage_sibling_parent(line.clean) or self._pop_to(_LEVEL[ClauseKind.BULLET])
        if parent is self.root and not parent.children:
            node = self._new(ClauseKind.PREAMBLE, None, None, 7.0, parent, "pre", "Phần mở đầu")
        elif (
            parent is self.root
            and parent.children[-1].kind is ClauseKind.PREAMBLE
            and not after_rule
        ):
            node = parent.children[-1]
        else:
            count = parent.kind_counts.get(ClauseKind.PARAGRAPH, 0) + 1
            node = self._new(
                ClauseKind.PARAGRAPH, None, None, 7.0, parent, f"p{count}", f"đoạn {count}"
            )
        node.add_line(line)
        self.last = node

    def _continues_part_heading(self, line: SourceLine) -> bool:
        """A "Phần thứ hai" line's heading in capitals on the lines under it ("QUAN ĐIỂM, MỤC
        TIÊU, NHIỆM VỤ" / "VÀ GIẢI PHÁP GIAI ĐOẠN 2026-2030"): the part's heading, read whole."""
        node = self.last
        if (
            node is None
            or node.kind is not ClauseKind.PART
            or node.children
            or not (node.number or "").startswith(f"{ORDINAL_PART_WORD} ")
        ):
            return False
        letters = [char for char in line.clean if char.isalpha()]
        if len(letters) < 2 or not all(char.isupper() for char in letters):
            return False
        node.heading = " ".join(f"{node.heading or ''} {line.clean}".split())
        node.label = f"{node.number}. {_short(node.heading)}"
        node.add_line(line)
        return True

    def _add_closing(self, line: SourceLine) -> None:
        """A closing paragraph ("Trên đây là Kế hoạch …", "Trong quá trình thực hiện …") is
        about the whole plan, or the whole part it ends: not a paragraph of the last point."""
        whole_plan = line.clean.startswith(("Trên đây", "TRÊN ĐÂY"))
        part = self.root if whole_plan else self._current_part()
        if part.kind is ClauseKind.APPENDIX:
            self._add_paragraph(line)
            return
        while len(self.stack) > 1 and self.stack[-1] is not part:
            self.stack.pop()
        count = part.kind_counts.get(ClauseKind.PARAGRAPH, 0) + 1
        node = self._new(ClauseKind.PARAGRAPH, None, None, 7.0, part, f"p{count}", f"đoạn {count}")
        node.add_line(line)
        self.last = node

    def _stage_sibling_parent(self, text: str) -> _Node | None:
        """Where an unnumbered stage heading goes ("Mục tiêu đến năm 2030" after the 2025 items).

        The second and later stage headings of a run are siblings of the first, not a
        paragraph of the last item before them: otherwise the 2030 items would stay in 2025.
        """
        if heading_stage(text) is None:
            return None
        if len(self.stack) == 1 and not self.body_started:
            return None  # a title line ("ĐẾN NĂM 2030" under "KẾ HOẠCH") scopes nothing
        for index in range(len(self.stack) - 1, -1, -1):
            node = self.stack[index]
            if id(node) in self.stage_parents:
                self.stack = self.stack[: index + 1]
                return node
        parent = self._pop_to(_LEVEL[ClauseKind.BULLET])
        self.stage_parents.add(id(parent))
        return parent

    def _open_marker(self, marker: Marker, line: SourceLine) -> None:
        kind = marker.kind
        if kind is ClauseKind.APPENDIX:
            self.open_appendix(marker.number, marker.rest, line)
            return
        if kind is ClauseKind.PART:
            # a Roman part goes under the letter part it sits in ("B." › "I."), if any
            letter = is_letter_part(marker)
            level = _LETTER_LEVEL if letter else 0.0
            parent = self._pop_to(level)
            if parent.level != _LETTER_LEVEL or letter:
                parent = self.root
            self.stack = [self.root] if parent is self.root else [self.root, parent]
            if not letter:
                self.part_count += 1
            node = self._new(
                kind,
                marker.number,
                marker.rest or None,
                level,
                parent,
                marker.number or "?",
                f"{marker.number}. {_short(marker.rest)}" if marker.rest else f"{marker.number}",
            )
        elif kind is ClauseKind.SECTION and is_article(marker.number):
            node = self._open_article(marker)
        elif kind is ClauseKind.SECTION:
            node = self._open_section(marker)
        elif kind is ClauseKind.ITEM:
            node = self._open_item(marker)
        elif kind is ClauseKind.POINT:
            parent = self._pop_to(_LEVEL[kind])
            node = self._new(
                kind,
                marker.number,
                None,
                _LEVEL[kind],
                parent,
                marker.number or "?",
                f"điểm {marker.number}",
            )
        else:
            symbol = clean_markup(line.text).lstrip()[:1]
            level = {"*": 4.5, "+": 6.0}.get(symbol, _LEVEL[ClauseKind.BULLET])
            parent = self._pop_to(level)
            count = parent.kind_counts.get(ClauseKind.BULLET, 0) + 1
            heading = marker.rest.rstrip(":") if symbol == "*" and len(marker.rest) < 40 else None
            node = self._new(
                kind, None, heading, level, parent, f"b{count}", heading or f"ý {count}"
            )
        node.add_line(line)
        self._push(node)

    def _open_article(self, marker: Marker) -> _Node:
        """ "Điều 2. Chủ đầu tư chịu trách nhiệm …:" holds the numbered clauses after it,
        under the part or appendix it sits in (a regulation's articles), else the root."""
        parent = self._pop_to(_ARTICLE_LEVEL)
        number = marker.number or "?"
        heading = marker.rest or None
        label = f"{number}. {_short(heading)}" if heading else number
        unique = "d" + number.split()[-1]
        return self._new(ClauseKind.SECTION, number, heading, _ARTICLE_LEVEL, parent, unique, label)

    def _open_section(self, marker: Marker) -> _Node:
        parent = self._pop_to(1.0)
        number = marker.number or "?"
        part = self._current_part()
        last_section = part.last_of_kind.get(ClauseKind.SECTION)
        if part is self.root:
            self.root_has_sections = True
        restart = (
            last_section is not None
            and number.isdigit()
            and last_section.number
            and last_section.number.isdigit()
            and int(number) <= int(last_section.number)
        )
        if restart and part is self.root and number == "1":
            # numbering restarts with no part heading: a part heading was lost
            parent = self._open_implied_part()
        heading = marker.rest or None
        label = f"{number}. {_short(heading)}" if heading else number
        return self._new(ClauseKind.SECTION, number, heading, 1.0, parent, number, label)

    def _open_implied_part(self) -> _Node:
        self.stack = [self.root]
        self.part_count += 1
        number = roman(self.part_count + (1 if self.root_has_sections else 0))
        self.warnings.append(f"phần {number}: tiêu đề bị mất khi trích xuất, suy ra từ đánh số")
        node = self._new(
            ClauseKind.PART, number, None, 0.0, self.root, number, number, implied=True
        )
        self.stack.append(node)
        return node

    def _open_item(self, marker: Marker) -> _Node:
        number = marker.number or "?"
        components = number.split(".")
        level = 1.0 + len(components) - 1
        parent_number = ".".join(components[:-1])
        # the parent is the open clause numbered with our prefix, at any depth
        for k in range(len(self.stack) - 1, 0, -1):
            node = self.stack[k]
            if node.number == parent_number and node.kind in (ClauseKind.SECTION, ClauseKind.ITEM):
                self.stack = self.stack[: k + 1]
                break
        else:
            self._pop_to(1.0)
            part = self._current_part()
            if part is self.root and ClauseKind.SECTION in part.kind_counts:
                part = self._open_implied_part()
            if len(components) == 2:
                self.warnings.append(f"mục {parent_number}: tiêu đề bị mất, suy ra từ mục {number}")
                implied = self._new(
                    ClauseKind.SECTION,
                    parent_number,
                    None,
                    1.0,
                    part,
                    parent_number,
                    parent_number,
                    implied=True,
                )
                self.stack.append(implied)
        parent = self.stack[-1]
        previous = parent.last_of_kind.get(ClauseKind.ITEM)
        if previous is not None and previous.number:
            gap = _numbering_gap(previous.number, number)
            if gap:
                self.warnings.append(f"đánh số nhảy từ {previous.number} sang {number}: {gap}")
        heading = marker.rest or None
        return self._new(ClauseKind.ITEM, number, heading, level, parent, number, number)

    # ---- appendices and tables --------------------------------------------------------

    def open_appendix(
        self, number: str | None, heading: str | None, line: SourceLine | None
    ) -> _Node:
        self.in_signature = False
        self.appendix_count += 1
        label_number = number or str(self.appendix_count)
        self.appendix_count = (
            max(self.appendix_count, int(label_number))
            if label_number.isdigit()
            else self.appendix_count
        )
        node = self._new(
            ClauseKind.APPENDIX,
            f"Phụ lục {label_number}",
            heading or None,
            0.0,
            self.root,
            f"pl{label_number}",
            f"Phụ lục {label_number}",
            implied=line is None,
        )
        if line is not None:
            node.add_line(line)
        self.stack = [self.root, node]
        self.last = node
        return node

    def add_table(self, table: Table, document_id: str, measure: str | None = None) -> None:
        """Add a table's rows (and group rows) under the current appendix or section;
        `measure` is the unit of measure written above the table ("Đơn vị: tấn CO2 …")."""
        appendix = self._current_part()
        body = appendix.kind is not ClauseKind.APPENDIX and not self._after_signature()
        if body:  # a table inside a body section: its rows are that section's
            appendix = self.stack[-1]
        elif appendix.kind is not ClauseKind.APPENDIX:  # after the signature, no heading
            anchor = self.stack[-1] if len(self.stack) > 1 else None
            appendix = self.open_appendix(None, None, None)
            appendix.anchor = anchor
        self.seen_line = table.last_line
        stack = list(self.stack)
        roles = table.roles
        group: _Node | None = None
        last_row: _Node | None = None
        labels = [row_number(row.texts[0]) if row.texts else None for row in table.rows]
        subtotals = subtotal_groups(labels)
        for index, row in enumerate(table.rows):
            texts = row.texts
            label = labels[index]
            filled = [k for k, text in enumerate(texts) if text]
            if not filled:
                continue
            is_heading_row = index in subtotals or all(
                roles[k] in (ColumnRole.NUMBER, ColumnRole.CONTENT) for k in filled
            )
            if label is None and is_heading_row:
                title = " ".join(texts[k] for k in filled)
                group = self._new(
                    ClauseKind.TABLE_GROUP, None, title, 1.0, appendix, "g", _short(title)
                )
                group.add_span(row.start, row.end)
                continue
            if label is not None and is_heading_row:
                if label in appendix.numbers and not body:
                    appendix = self.open_appendix(None, None, None)
                content = " ".join(
                    dict.fromkeys(texts[k] for k in filled if roles[k] is ColumnRole.CONTENT)
                )
                group = self._new(
                    ClauseKind.TABLE_GROUP,
                    label,
                    content or None,
                    1.0,
                    appendix,
                    label,
                    f"{label}. {_short(content)}" if content else label,
                )
                group.add_span(row.start, row.end)
                if index in subtotals and any(  # its figures are the group's subtotal
                    roles[k] not in (ColumnRole.NUMBER, ColumnRole.CONTENT) for k in filled
                ):
                    group.target = _target_cells(row, table.header, roles)
                    group.measure = measure
                continue
            parent: _Node = appendix
            # a lettered row ("a)") is a point of the numbered group row above it
            letter = _ROW_LETTER.match(texts[0]) if label is None and texts else None
            if (
                not (label is None and is_total_row(texts))  # the table's total: no group's
                and group is not None
                and group.parent is appendix
                and (
                    group.number is None
                    or _is_roman(group.number.split(".")[0])
                    or (label or "").startswith(group.number + ".")
                    or letter is not None
                )
            ):
                parent = group
                label = letter.group(1) if letter is not None else label
            if label is not None and parent is appendix and label in appendix.numbers and not body:
                appendix = self.open_appendix(None, None, None)
                parent, group = appendix, None
            node = self._new(
                ClauseKind.TABLE_ROW, label, None, 2.0, parent, label or "r", label or "dòng"
            )
            node.add_span(row.start, row.end)
            node.target = _target_cells(row, table.header, roles)
            node.measure = measure
            last_row = node
        if body:  # the section goes on after its table
            self.stack = stack
            self.last = last_row or self.last
            return
        self.stack = [self.root, appendix]
        self.last = appendix


_MEASURE_LOOKBACK = 4  # written lines above a table that may name its unit of measure


def _table_measure(lines: Sequence[SourceLine], first: int) -> str | None:
    """The unit of measure a line just above the table names ("ĐVT: triệu đồng", "Đơn vị:
    tấn CO2 tương đương"), or None."""
    seen = 0
    for line in reversed(lines[max(0, first - 3 * _MEASURE_LOOKBACK) : first]):
        if line.blank:
            continue
        found = measure_line(clean_markup(line.text).strip() or line.text)
        if found is not None:
            return found[1]
        seen += 1
        if seen >= _MEASURE_LOOKBACK:
            break
    return None


def _name_goes_on(node: _Node, text: str) -> bool:
    """Whether a short numbered heading opening a unit's name ("1. Thường trực", "1. Ban
    Thường vụ") goes on, hard-wrapped, on the next line that closes the name with a colon
    ("Hội đồng nhân dân tỉnh:", "Tỉnh ủy:"): one unit heading, whose tasks follow."""
    if node.kind not in _UNIT_HEADED or node.children or not text.endswith(":"):
        return False
    marker = read_marker(node.own_text)
    rest = marker.rest.rstrip() if marker else ""
    if not rest or rest.endswith(_TERMINAL) or len(rest.split()) > _WRAPPED_NAME_WORDS:
        return False
    if not (starts_unit(rest) and starts_unit(text)):
        return False
    name = f"{rest} {text}"
    return name_end(name, 0) == len(name) - 1


def _is_unit_heading(node: _Node) -> bool:
    """A point or bullet of one line that is nothing but a unit's name ("a) Tổ đảng ở
    Thường trực Ủy ban Pháp luật"): the tasks under it follow on lines of their own."""
    if node.kind not in (ClauseKind.POINT, ClauseKind.BULLET) or node.children:
        return False
    marker = read_marker(node.own_text)
    name = marker.rest.rstrip() if marker else ""
    if not name or name.endswith((",", "-", "–")) or name.split()[-1] in _DANGLING_WORDS:
        return False  # a name cut by a hard wrap ("… Công nghệ và" / "Môi trường")
    return starts_unit(name) and name_end(name, 0) >= len(name)


def _is_roman(label: str) -> bool:
    return roman_to_int(label) > 0 and label.isalpha()


def _numbering_gap(previous: str, current: str) -> str | None:
    a, b = previous.split("."), current.split(".")
    if len(a) != len(b) or a[:-1] != b[:-1] or not (a[-1].isdigit() and b[-1].isdigit()):
        return None
    if int(b[-1]) > int(a[-1]) + 1:
        prefix = ".".join(a[:-1])
        return f"thiếu {prefix}.{int(a[-1]) + 1}–{prefix}.{int(b[-1]) - 1} (tiêu đề có thể bị mất)"
    return None


def _target_cells(
    row: TableRow, header: tuple[str, ...], roles: tuple[ColumnRole, ...]
) -> tuple[TargetCell, ...]:
    return tuple(
        TargetCell(label, role.value, cell.text, cell.start, cell.end)
        for label, role, cell in zip(header, roles, row.cells, strict=False)
        if cell.text
    )


def _finalize(
    node: _Node,
    document_id: str,
    source: str,
    parent_id: str | None,
    ancestor_labels: list[str],
    keys: list[str],
    clauses: list[Clause],
    targets: list[Target],
) -> None:
    """Turn the builder's nodes into `Clause`s (and `Target`s for table rows), depth first."""
    for child in node.children:
        child_keys = [*keys, child.key]
        clause_id = f"{document_id}:{'/'.join(child_keys)}"
        before = len(clauses)
        _finalize(
            child,
            document_id,
            source,
            clause_id,
            [*ancestor_labels, _ancestor_label(child)],
            child_keys,
            clauses,
            targets,
        )
        descendants = clauses[before:]
        if child.first_line is None:  # implied by numbering: no text of its own
            start = min((c.start for c in descendants), default=0)
            end = body_end = start
        else:
            start = child.start
            end = max([child.end, *(c.end for c in descendants)])
            body_end = child.body_end
        clause = Clause(
            id=clause_id,
            document_id=document_id,
            kind=child.kind,
            number=child.number,
            heading=child.heading,
            path=PATH_SEPARATOR.join([*ancestor_labels, child.label]),
            text=source[start:end],
            start=start,
            end=end,
            body_end=body_end,
            parent_id=parent_id,
            children=tuple(c.id for c in descendants if c.parent_id == clause_id),
            period=child.period,
        )
        clauses.append(clause)
        if child.target is not None and not _header_layout_row(child.target):
            targets.append(_make_target(clause, child, node))


def _header_layout_row(cells: Sequence[TargetCell]) -> bool:
    """A web copy's header laid out as a table ("| ỦY BAN NHÂN DÂN TỈNH … | CỘNG HÒA … |" over
    "| Số: 254/QĐ-UBND | Sơn La, ngày … |"): the số hiệu and date, no task."""
    mottos = any(strip_mottos(c.header) != " ".join(c.header.split()) for c in cells)
    return mottos and all(cell.role == "unknown" for cell in cells)


def _ancestor_label(node: _Node) -> str:
    if node.level == _LETTER_LEVEL and ClauseKind.PART in node.kind_counts:
        # "B › I. CÔNG TÁC QUÁN TRIỆT …": the Roman part says what its clauses are about;
        # the letter part's own heading ("NỘI DUNG, NHIỆM VỤ … ĐẾN NĂM 2020") would add its
        # words (and its year) to every clause under it
        return node.number or node.label
    if node.kind in (ClauseKind.ITEM,) and node.heading and node.number:
        return f"{node.number}. {_short(node.heading)}"
    return node.label


def _make_target(clause: Clause, node: _Node, parent: _Node) -> Target:
    cells = node.target or ()

    def joined(role: ColumnRole) -> str:
        return "; ".join(cell.text for cell in cells if cell.role == role.value)

    values = tuple(
        TargetValue(column_stage(cell.header) or node.period, cell.text, cell.start, cell.end)
        for cell in cells
        if cell.role == ColumnRole.VALUE.value
    )
    group = parent.heading if parent.kind is ClauseKind.TABLE_GROUP else None
    own_group = node.heading if node.kind is ClauseKind.TABLE_GROUP else None
    lead = joined(ColumnRole.LEAD) or group_unit(group or own_group, cells) or ""
    return Target(
        clause_id=clause.id,
        document_id=clause.document_id,
        number=clause.number,
        content=joined(ColumnRole.CONTENT),
        monitoring_units=split_units(joined(ColumnRole.MONITORING)),
        lead_units=split_units(lead),
        cooperating_units=split_units(joined(ColumnRole.COOPERATING)),
        deadline=parse_deadline(joined(ColumnRole.DEADLINE)),
        note=joined(ColumnRole.NOTE) or None,
        group=group or joined(ColumnRole.GROUP) or None,
        cells=cells,
        period=node.period,
        values=values,
        measure_unit=joined(ColumnRole.MEASURE_UNIT) or (node.measure if values else None),
        highest_units=split_units(joined(ColumnRole.HIGHEST_RESPONSIBILITY)),
    )


# ---- periods: a pass over the finished tree ------------------------------------------

_STAGE_TEXT_CHARS = 200
_LEAD_IN_WORDS = 14


def _own_text(node: _Node, source: str) -> str:
    """The first line of a clause's own text (its marker left in; the periods reader drops it)."""
    if node.first_line is None:  # implied by numbering: no text of its own
        return ""
    return source[node.start : min(node.body_end, node.start + _STAGE_TEXT_CHARS)].split("\n")[0]


def _appendix_title(node: _Node, source: str) -> str:
    """The title line under a bare "PHỤ LỤC 1" (NĐ 30: the appendix's title on the next line,
    "CÁC CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2026-2030"), when the marker line holds nothing else."""
    if node.first_line is None:
        return ""
    lines = source[node.start : min(node.body_end, node.start + _STAGE_TEXT_CHARS * 2)].split("\n")
    marker = read_marker(clean_markup(lines[0])) or specked_appendix(clean_markup(lines[0]))
    if marker is None or marker.kind is not ClauseKind.APPENDIX or marker.rest or len(lines) < 2:
        return ""
    return clean_markup(lines[1])


def _stage_of(node: _Node, source: str) -> tuple[str | None, bool]:
    """A clause's own stage and whether it is a lead-in ("Đến năm 2025:") for its siblings.

    A heading that is a stage ("2. Mục tiêu đến năm 2030", a group row "Năm 2025") scopes the
    clauses under it; a short unnumbered lead-in line with nothing under it scopes the siblings
    that follow it; a clause opening with its stage ("Đến năm 2030, 100% …") has that stage.
    """
    if node.kind in (ClauseKind.TABLE_ROW, ClauseKind.SIGNATURE):
        return None, False
    text = node.heading if node.kind in (*_HEADED, ClauseKind.TABLE_GROUP) else None
    if not text and node.kind is ClauseKind.APPENDIX:
        text = _appendix_title(node, source)
    text = text or clean_markup(_own_text(node, source))
    if not text:
        return None, False
    stage = heading_stage(text)
    if stage is not None:
        lead_in = not node.children and len(text.split()) <= _LEAD_IN_WORDS
        return stage, lead_in and node.kind not in (*_HEADED, ClauseKind.TABLE_GROUP)
    return leading_stage(text), False


def _assign_periods(node: _Node, inherited: str | None, source: str) -> None:
    """Give every clause the stage it sits in: its own, a lead-in sibling's, or its parent's."""
    running = inherited
    for child in node.children:
        stage, lead_in = _stage_of(child, source)
        if lead_in:
            running = stage
        child.period = stage or (child.anchor.period if child.anchor else running)
        _assign_periods(child, child.period, source)


def content_hash(source: str) -> str:
    """A stable hash of the source text (what re-ingestion compares)."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def parse_plan(
    source: str, document_id: str, source_path: str = "", blocks: Sequence[Block] = ()
) -> ParsedPlan:
    """Parse a plan's source text into metadata, clauses and target rows.

    `blocks` are what the reader saw in the file (Markdown, DOCX, HTML, PDF, plain text),
    spans into `source`; without them the text is read as plain text (a block per line).
    """
    lines = split_lines(source)
    lines = blank_out(lines, find_page_furniture(lines))
    repeated = find_repeated_blocks(lines)
    blocks = blocks or line_blocks(source)
    block_tables = tables_from_blocks(blocks, lines, source)
    block_starts = sorted(block_tables)
    headings = _heading_lines(blocks, lines)
    # (a reader's heading blocks say the copy is no page layout)
    wraps = margin_wraps(lines) and not headings
    builder = _TreeBuilder(_heading_kinds(blocks), repaired_markers(lines), wraps)
    index = 0
    consumed_tables: list[Table] = []
    while index < len(lines):
        checkpoint()
        line = lines[index]
        if index in block_tables:
            table = block_tables[index]
            if table.rows:
                builder.add_table(table, document_id, _table_measure(lines, index))
                consumed_tables.append(table)
            index = table.last_line + 1
            continue
        if line.index in repeated or line.blank:
            index += 1
            continue
        if index in headings:
            level, last = headings[index]
            kept = [
                line
                for line in lines[index : last + 1]
                if not line.blank and line.index not in repeated
            ]
            builder.add_heading(level, kept)
            index = last + 1
            continue
        layout = is_table_start(line, lines[index + 1] if index + 1 < len(lines) else None)
        if layout:
            # a table found in the text stops where a reader's table block starts
            following = bisect.bisect_right(block_starts, index)
            stop = block_starts[following] if following < len(block_starts) else len(lines)
            table = read_table(lines if stop == len(lines) else lines[:stop], index, layout)
            if table.rows:
                builder.add_table(table, document_id, _table_measure(lines, index))
                consumed_tables.append(table)
                index = table.last_line + 1
                continue
        builder.add_line(line)
        index += 1
    clauses: list[Clause] = []
    targets: list[Target] = []
    _refuse_deep_nesting(builder.root)  # before the recursive walks below
    _assign_periods(builder.root, None, source)
    _finalize(builder.root, document_id, source, None, [], [], clauses, targets)
    clauses.sort(key=lambda c: (c.start, -c.end))
    body_text = "\n".join(line.text for line in lines if line.index not in repeated)
    meta = extract_metadata([line for line in lines if line.index not in repeated], body_text)
    warnings = list(builder.warnings)
    if not any(
        c.kind in (ClauseKind.SECTION, ClauseKind.ITEM, ClauseKind.PART, ClauseKind.TABLE_ROW)
        for c in clauses
    ):
        warnings.append("không nhận ra cấu trúc đánh số: văn bản được lưu thành các đoạn")
    if repeated:
        warnings.append(f"bỏ {len(repeated)} dòng lặp lại (khối tiêu đề trích xuất hai lần)")
    document = Document(
        id=document_id,
        title=meta.title or document_id,
        source_path=source_path,
        content_hash=content_hash(source),
        **meta.document_fields(),
    )
    stage = {clause.id: clause.period for clause in clauses}
    # roles written in labelled blocks beside a group of tasks ("2. Cơ quan chủ trì, phối hợp")
    targets.extend(role_block_duties(clauses, source, {t.clause_id for t in targets}))
    targets.extend(  # duties written in the text, in the stage of the clause they sit in
        replace(duty, period=duty.period or stage.get(duty.clause_id))
        for duty in body_duties(clauses, source, targets)
    )
    return ParsedPlan(document, source, tuple(clauses), tuple(targets), tuple(warnings))


def _heading_lines(blocks: Sequence[Block], lines: list[SourceLine]) -> dict[int, tuple[int, int]]:
    """The reader's heading blocks by the line they start on: (level, last line)."""
    starts = [line.start for line in lines]
    found: dict[int, tuple[int, int]] = {}
    for block in blocks:
        if isinstance(block, Heading):
            first = max(0, bisect.bisect_right(starts, block.start) - 1)
            last = max(first, bisect.bisect_right(starts, max(block.start, block.end - 1)) - 1)
            found[first] = (block.level, last)
    return found


_HEADING_KINDS = (ClauseKind.PART, ClauseKind.SECTION, ClauseKind.ITEM)


def _heading_kinds(blocks: Sequence[Block]) -> dict[int, ClauseKind]:
    """The clause kind each heading level stands for: what the numbered headings of that
    level are (Word "Heading 1" = "I. …" = a part), else one below the level above it."""
    votes: dict[int, Counter[ClauseKind]] = {}
    levels: set[int] = set()
    for block in blocks:
        if not isinstance(block, Heading) or kind_line(block.text):
            continue  # the title ("KẾ HOẠCH" as <h1>) is no level of the text
        levels.add(block.level)
        marker = read_marker(f"{block.marker} {block.text}") if block.marker else None
        if marker is not None and marker.kind in _HEADING_KINDS:
            votes.setdefault(block.level, Counter())[marker.kind] += 1
    known = {level: counter.most_common(1)[0][0] for level, counter in votes.items()}
    kinds: dict[int, ClauseKind] = {}
    for level in sorted(levels):
        if level in known:
            kinds[level] = known[level]
            continue
        above = [kinds[other] for other in sorted(kinds) if other < level]
        below = [known[other] for other in sorted(known) if other > level]
        if above:
            rank = min(_HEADING_KINDS.index(above[-1]) + 1, len(_HEADING_KINDS) - 1)
        elif below:
            rank = max(_HEADING_KINDS.index(below[0]) - 1, 0)
        else:
            rank = 0
        kinds[level] = _HEADING_KINDS[rank]
    return kinds


MAX_CLAUSE_DEPTH = 64  # NĐ 30/2020 plans nest about 6 levels; the tree is walked recursively


def _refuse_deep_nesting(root: _Node) -> None:
    """`PlanTooDeepError` when clauses nest deeper than `MAX_CLAUSE_DEPTH` (checked without
    recursion, so that text numbered 1.1.1.1… never ends in a `RecursionError`)."""
    pending = [(root, 0)]
    while pending:
        node, depth = pending.pop()
        if depth > MAX_CLAUSE_DEPTH:
            raise PlanTooDeepError(
                f"các mục của văn bản lồng nhau quá {MAX_CLAUSE_DEPTH} cấp (đánh số kiểu "
                "1.1.1.1…); đây không phải một kế hoạch thông thường, hãy kiểm tra lại tệp"
            )
        pending.extend((child, depth + 1) for child in node.children)
