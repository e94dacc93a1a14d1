"""Tables copied one cell per line (a web copy of a PDF, `pdftotext` without `-layout`) →
table blocks with rows and cells.

Such a copy keeps the table's header — a pipe row (`| TT | Nội dung | Cơ quan chủ trì |`),
its labels one per line, or both, the labels that did not fit the pipe row following it —
and then writes every cell on lines of its own, row after row: the row number (`1`, `a)`,
`II`), the task, the lead, the co-operating units, the period. Nothing marks where a cell
ends, so the cells are read by what they say:
- a header is a number label (`TT`, `STT`, `ST` / `T` wrapped) and labels of known column
  roles (content, lead, co-operating, deadline, product …), at least a content column and
  one more;
- a row opens at a row number that follows the one before (`1` → `2`, `a)` → `b)`, `I` →
  `II`; a group title may sit beside its number: `II. NHIỆM VỤ CỤ THỂ`); a figure out of
  sequence is a cell's text;
- its lines are laid on the columns in order (a dynamic programme): a unit's name fits the
  lead / co-operating columns, a time expression (`Quý III/2026`, `Thường xuyên`) the
  deadline column, other text the content, product and note columns; a line opening in
  lower case goes on with the cell before it; empty cells leave no line, so a column may be
  skipped, at a price;
- a row cut by a page break comes as two passes over its columns (each cell's first part,
  then the rest): lines after the last column that do not fit it go back, in order, to the
  cells left open (a sentence not ended, a name cut after `Cục`);
- the header repeated after a page break and page numbers (`- 3 -`) are left out.
Every cell keeps its lines and a span from its first to its last line, so quotes stay
verbatim; rows span their lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.formats.blocks import RowKind, Table, TableCell, TableRow
from ingest.normalize_vi import folded
from ingest.parser.columns import AGENCY_ROLES, ColumnRole, classify_header
from ingest.parser.periods import column_stage
from ingest.parser.unit_names import name_pending, starts_unit

__all__ = ["find_stream_tables"]

_NUMBER_LABEL = re.compile(r"^(?:s\.?\s?tt|tt|so\s*tt|so\s*thu\s*tu|st\s*/\s*t|t\s*/\s*t)$")
# a number label wrapped over two lines: "ST" / "T", "S" / "TT", "T" / "T"
_WRAPPED_NUMBER = (("st", "t"), ("s", "tt"), ("t", "t"))
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*\d{1,3}\s*-|trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?)\s*$", re.I)
_STOP = re.compile(
    r"^\s*(?:PHỤ LỤC|Phụ lục|Nơi nhận|NƠI NHẬN|Ghi chú|GHI CHÚ|KT\.|TM\.|Q\.|"
    r"Trên đây|Người lập|NGƯỜI LẬP)\b|^\s*\|"
)
# a bare row number: "1", "1.", "1.2", "a)", "đ.", "II", "II."
_BARE_LABEL = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,2})*|[IVXL]{1,5}|[a-zđ])\s*([.)]?)\s*$")
# a group title beside its number: "II. NHIỆM VỤ CỤ THỂ", "1. Tuyên truyền …"
_SECTION_HEADING = re.compile(r"^\s*[IVX]{1,5}\.\s+\S")  # "III. TỔ CHỨC THỰC HIỆN"
_INLINE_LABEL = re.compile(r"^\s*(\d{1,3}|[IVXL]{1,5})\s*[.)]\s+(\S.*)$")
_TIME = re.compile(
    r"^(?:(?:(?:tu|trong|den|truoc|sau|cuoi|dau|giua|het|ca) )?(?:quy [ivx1-4]|thang \d|"
    r"nam 20\d\d|nam hoc|20\d\d|ngay \d|\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}/20\d\d|"
    r"giai doan|6 thang|nam|thang|quy|ngay)|thuong xuyen|hang (?:nam|quy|thang|tuan|ngay)|"
    r"dinh ky|lien tuc|truoc ngay|truoc|khi co|theo (?:ke hoach|tien do|yeu cau|chi dao))"
    r"(?![a-z])"
)
# a figure cell: "80", "1.000", "26,1%", "<30%", "Tối thiểu 2%", "01 khu", ">25"
_FIGURE_CELL = re.compile(r"^(?:\D{0,12}\s)?[<>≤≥~]?\s*\d[\d.,]*\s*(?:%|[^\W\d]{1,6})?$")
_YEAR = re.compile(r"(?<!\d)20\d\d(?!\d)")
_TIME_WORDS = 12
_END_SENTENCE = (".", ";", "!", "?")
_BOUND_ENDS = (",", "-", "–", "/", "(")
_BOUND_WORDS = frozenset(["và", "của", "các", "với", "cho", "về", "tại", "trên", "theo", "để"])
_MIN_COLUMNS = 3
_MIN_STAGES = 2  # figure columns of their own year or stage that make an indicator table
# what a year's figure splits into in a report-like plan table: planned and achieved
_PLAN_DONE = re.compile(r"^(?:ke hoach|chi tieu|(?:uoc )?thuc hien|uoc dat|ket qua thuc hien)$")
_MAX_NUMBER_LABEL = 14  # "Số thứ tự"
_MAX_LABEL_CHARS = 70
_MAX_LABEL_LINES = 12
_ROW_LINES = 40  # more lines than this between two row numbers: not a row of this table
_MIN_RUN = 3  # row numbers one after another, no cell between: a table copied column by column
_LAST_ROW_EXTRA = 3  # lines the last row may hold beyond one per column
_SKIP = {  # the price of an empty cell, by column role (empty notes and products are common)
    ColumnRole.NOTE: 0.3,
    ColumnRole.PRODUCT: 1.5,
    ColumnRole.COOPERATING: 1.5,
}
_SKIP_DEFAULT = 2.5
_NEW_CELL_LOWER = -4.0  # a cell opening in lower case
_WRAP_LOWER = 1.0  # a line in lower case going on with its cell
_WRAP_OPEN = 0.5  # a line going on with a cell that did not end a sentence
_WRAP_CLOSED = -1.0  # a capitalised line after a cell that ended
_SPLIT = 3.0  # the price of reading a row as two passes (cut by a page break)
_SPILL_BOUND = 2.0  # a second-pass line going on with a name or phrase cut short
_SPILL_LOWER = 2.0  # a second-pass line in lower case going on with the task


@dataclass(frozen=True)
class _Line:
    index: int
    start: int
    end: int  # end of the text without trailing spaces
    text: str  # stripped

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass(frozen=True)
class _Header:
    labels: tuple[str, ...]
    roles: tuple[ColumnRole, ...]
    cells: tuple[TableCell, ...]
    first: int  # index of its first line
    last: int  # index of its last line
    label_lines: frozenset[str]  # the texts of its lines (to skip it repeated)
    sub_cells: tuple[TableCell, ...] = ()  # a second header row: the labels under a spanning one

    def rows(self, start: int) -> tuple[TableRow, ...]:
        """Its header rows: one, or two when a label spans per-year sub-labels."""
        top = TableRow(RowKind.HEADER, self.cells, start, max(c.end for c in self.cells))
        if not self.sub_cells:
            return (top,)
        sub = self.sub_cells
        return top, TableRow(RowKind.HEADER, sub, sub[0].start, sub[-1].end)


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    position = 0
    for raw in text.split("\n"):
        body = raw.strip().lstrip("\f").strip()
        lead = raw.index(body) if body else 0
        out.append(_Line(len(out), position + lead, position + lead + len(body), body))
        position += len(raw) + 1
    return out


def _plain(text: str) -> str:
    return folded(text).strip(" :.*")


# ---- header -------------------------------------------------------------------------------


def _pipe_labels(line: _Line) -> list[tuple[str, int, int]] | None:
    """(label, start, end) of each cell of a pipe row opening with a number label."""
    text = line.text
    if not (text.startswith("|") and text.count("|") >= 3):
        return None
    cells: list[tuple[str, int, int]] = []
    position = line.start + 1
    for piece in text[1:].rstrip("|").split("|"):
        stripped = piece.strip(" *")
        offset = position + piece.index(stripped) if stripped else position
        cells.append((stripped, offset, offset + len(stripped)))
        position += len(piece) + 1
    if not cells or not _NUMBER_LABEL.match(_plain(cells[0][0])):
        return None
    return cells


def _number_label_at(lines: list[_Line], k: int) -> int | None:
    """The index of the last line of a number label written alone from line `k`, or None."""
    plain = _plain(lines[k].text)
    if _NUMBER_LABEL.match(plain):
        return k
    nxt = _next_filled(lines, k + 1)
    if nxt is not None and (plain, _plain(lines[nxt].text)) in _WRAPPED_NUMBER:
        return nxt
    return None


def _next_filled(lines: list[_Line], k: int) -> int | None:
    while k < len(lines):
        if not lines[k].blank:
            return k
        k += 1
    return None


def _is_label(text: str) -> bool:
    return (
        len(text) <= _MAX_LABEL_CHARS
        and _bare_label(text) is None
        and not text.startswith("|")
        and not _STOP.match(text)
    )


def _read_header(lines: list[_Line], k: int) -> _Header | None:
    """The header starting at line `k`, with the label lines after it, when a row follows."""
    cells: list[tuple[str, int, int]] = []
    split: dict[int, tuple[str, ...]] = {}  # the lines of a label wrapped over several
    pipe = _pipe_labels(lines[k])
    if pipe is not None:
        cells = pipe
        last = k
        rule = _next_filled(lines, k + 1)
        if rule is not None and _PIPE_RULE.match(lines[rule].text):
            last = rule
    else:
        end = _number_label_at(lines, k)
        if end is None:
            return None
        cells = [(_joined(lines, k, end), lines[k].start, lines[end].end)]
        split[0] = tuple(line.text for line in lines[k : end + 1] if not line.blank)
        last = end
    roles = list(classify_header([c[0] for c in cells]))
    roles[0] = ColumnRole.NUMBER
    subs: list[tuple[str, int, int]] = []  # per-year labels under a spanning one, in order
    span: int | None = None  # the column whose label spans them
    # plan / done labels ("Kế hoạch", "Thực hiện") read under a year, with the year seen last
    splits: list[tuple[int, tuple[str, int, int]]] = []
    count = 0
    while count < _MAX_LABEL_LINES:
        nxt = _next_filled(lines, last + 1)
        if nxt is None or not _is_label(lines[nxt].text):
            break
        text = lines[nxt].text.strip(" *")
        if text[:1].islower() and len(cells) > 1:  # a label wrapped: "Cơ quan" / "chủ trì"
            label, start, _ = cells[-1]
            split[len(cells) - 1] = (*split.get(len(cells) - 1, (label,)), text)
            cells[-1] = (f"{label} {text}", start, lines[nxt].end)
            roles[-1] = classify_header([cells[-1][0]])[0]
        elif _PLAN_DONE.match(_plain(text)) and (stage := _last_stage(cells, roles)) is not None:
            # "Kế hoạch" / "Thực hiện" under a year: after it or after the whole first row
            splits.append((stage, (text, lines[nxt].start, lines[nxt].end)))
        else:
            role = classify_header([text])[0]
            if column_stage(text) is not None and (span := span or _spanning(cells, roles)):
                subs.append((text, lines[nxt].start, lines[nxt].end))
            elif not _new_column(text, role, cells, roles):
                break
            else:
                cells.append((text, lines[nxt].start, lines[nxt].end))
                roles.append(role)
        last = nxt
        count += 1
    if pipe is not None and count == 0 and len(cells) == len(pipe):
        # a pipe header alone is a stream table only when no pipe rows follow it
        nxt = _next_filled(lines, last + 1)
        if nxt is None or lines[nxt].text.startswith("|"):
            return None
    split_subs = _split_stages(splits, cells, roles) if splits else {}
    if splits and (not split_subs or span is not None):
        return None  # the sub-labels cannot be set under their years safely
    stages = len(subs) + sum(
        1
        for (label, _, _), role in zip(cells, roles, strict=True)
        if role is ColumnRole.VALUE and column_stage(label) is not None
    )
    if span is not None:  # the spanning column becomes one value column per sub-label
        roles[span : span + 1] = [ColumnRole.VALUE] * len(subs)
    for index in sorted(split_subs, reverse=True):  # each year one value column per sub-label
        roles[index : index + 1] = [ColumnRole.VALUE] * len(split_subs[index])
    if not _is_task_header(roles, stages):
        return None
    first_row = _next_filled(lines, last + 1)
    if first_row is None or _row_start(lines[first_row].text, _Sequence()) is None:
        return None
    header_cells: list[TableCell] = []
    column = 0
    under: list[TableCell] = []
    two_rows = bool(subs or split_subs)
    for index, (label, start, end) in enumerate(cells):
        spanned = subs if index == span else split_subs.get(index, [])
        width = len(spanned) or 1
        spans = {"col_span": width} if spanned else {"row_span": 2 if two_rows else 1}
        header_cells.append(TableCell(column, split.get(index, (label,)), start, end, **spans))
        under.extend(
            TableCell(column + i, (sub,), sub_start, sub_end)
            for i, (sub, sub_start, sub_end) in enumerate(spanned)
        )
        column += width
    sub_cells = tuple(under)
    labels = tuple(c[0] for c in cells)
    texts = frozenset(lines[i].text for i in range(k, last + 1) if not lines[i].blank)
    return _Header(labels, tuple(roles), tuple(header_cells), k, last, texts, sub_cells)


def _last_stage(cells: list[tuple[str, int, int]], roles: list[ColumnRole]) -> int | None:
    """The last figure column naming a year or stage ("Năm 2025"), if any."""
    for index in range(len(cells) - 1, 0, -1):
        if roles[index] is ColumnRole.VALUE and column_stage(cells[index][0]) is not None:
            return index
    return None


def _split_stages(
    splits: list[tuple[int, tuple[str, int, int]]],
    cells: list[tuple[str, int, int]],
    roles: list[ColumnRole],
) -> dict[int, list[tuple[str, int, int]]]:
    """The plan / done sub-labels of each year column: those read right after it, or, when all
    came after the last year, the same labels in turn under every year ("Năm 2025", "Năm
    2026", then "Kế hoạch", "Thực hiện", "Kế hoạch", "Thực hiện"). Empty when every year does
    not get the same labels (which year a label belongs to cannot be told)."""
    years = [i for i, role in enumerate(roles) if role is ColumnRole.VALUE and i < len(cells)]
    years = [i for i in years if column_stage(cells[i][0]) is not None]
    out: dict[int, list[tuple[str, int, int]]] = {i: [] for i in years}
    if len({stage for stage, _ in splits}) == 1 and len(years) > 1:  # all after the last year
        per_year, rest = divmod(len(splits), len(years))
        if rest:
            return {}
        for n, (_, sub) in enumerate(splits):
            out[years[n // per_year]].append(sub)
    else:
        for stage, sub in splits:
            out[stage].append(sub)
    labels = {tuple(_plain(sub[0]) for sub in subs) for subs in out.values()}
    if len(labels) != 1 or len(next(iter(labels))) < _MIN_STAGES:
        return {}
    return out


def _spanning(cells: list[tuple[str, int, int]], roles: list[ColumnRole]) -> int | None:
    """The column whose label spans per-year sub-labels written after the first header row
    ("Kết quả" over "Năm 2026", "Năm 2027"): the last figure column naming no year itself."""
    for index in range(len(cells) - 1, 0, -1):
        if roles[index] is ColumnRole.VALUE and column_stage(cells[index][0]) is None:
            return index
    return None


def _new_column(
    text: str, role: ColumnRole, cells: list[tuple[str, int, int]], roles: list[ColumnRole]
) -> bool:
    """Whether a label line opens another column of the header: a known role not taken yet,
    or one more figure column of its own year ("Năm 2025", "Năm 2026")."""
    if role is ColumnRole.UNKNOWN or role is ColumnRole.NUMBER:
        return False
    if role is ColumnRole.VALUE and column_stage(text) is not None:
        return text not in (c[0] for c in cells)
    return role not in roles


def _joined(lines: list[_Line], first: int, last: int) -> str:
    return " ".join(line.text for line in lines[first : last + 1] if not line.blank)


def _is_task_header(roles: list[ColumnRole], stages: int = 0) -> bool:
    """A table of tasks (content and who or when), or of indicators with a figure column per
    year or stage (`stages` such columns: "Năm 2026", "Năm 2027", no agency column at all)."""
    known = [r for r in roles if r not in (ColumnRole.NUMBER, ColumnRole.UNKNOWN)]
    return (
        len(roles) >= _MIN_COLUMNS
        and ColumnRole.CONTENT in roles
        and (
            any(r in AGENCY_ROLES or r in (ColumnRole.DEADLINE, ColumnRole.PRODUCT) for r in known)
            or stages >= _MIN_STAGES
        )
    )


# ---- row numbers --------------------------------------------------------------------------


def _bare_label(text: str) -> tuple[str, str] | None:
    """(kind, label) of a line that is nothing but a row number."""
    match = _BARE_LABEL.match(text)
    if match is None:
        return None
    label, mark = match.groups()
    if label.isdigit() or "." in label:
        return "arabic", label
    if re.fullmatch(r"[IVXL]+", label) and label != "L":
        return "roman", label
    if len(label) == 1 and label.islower() and mark:
        return "letter", label
    return None


_LETTERS = "abcdđefghiklmnopqrstuvxy"
_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII")


@dataclass
class _Sequence:
    """The row numbers read so far, to tell the next row's number from a figure in a cell."""

    arabic: str | None = None
    letter: str | None = None
    roman: str | None = None

    def follows(self, kind: str, label: str) -> bool:
        if kind == "roman":
            if label not in _ROMANS:
                return False
            position = _ROMANS.index(label)
            return position == 0 or (
                self.roman is not None and _ROMANS.index(self.roman) + 1 == position
            )
        if kind == "letter":
            if label not in _LETTERS:
                return False
            position = _LETTERS.index(label)
            if self.letter is None:
                return position == 0
            # "j" and "w" are skipped by some plans, so a step of two is allowed
            return 0 < position - _LETTERS.index(self.letter) <= 2 or position == 0
        parts = label.split(".")
        if len(parts) == 1:
            if self.arabic is None:
                return label in ("1", "01")
            top = int(self.arabic.split(".")[0])
            return int(label) in (top + 1, 1)
        previous = (self.arabic or "0").split(".")
        if parts[:-1] == previous[:-1] and len(previous) == len(parts):
            return int(parts[-1]) == int(previous[-1]) + 1
        return parts[:-1] == previous and int(parts[-1]) == 1

    def take(self, kind: str, label: str) -> None:
        if kind == "roman":
            self.roman, self.arabic, self.letter = label, None, None
        elif kind == "letter":
            self.letter = label
        else:
            self.arabic, self.letter = label, None


def _row_start(text: str, sequence: _Sequence) -> tuple[str, str, str | None] | None:
    """(kind, label, title beside it) when the line opens the next row."""
    bare = _bare_label(text)
    if bare is not None:
        return (*bare, None) if sequence.follows(*bare) else None
    match = _INLINE_LABEL.match(text)
    if match is None:
        return None
    label, title = match.groups()
    kind = "arabic" if label.isdigit() else "roman"
    if kind == "roman" and (label not in _ROMANS):
        return None
    if not sequence.follows(kind, label) or title[:1].islower():
        return None
    return kind, label, title


# ---- cells --------------------------------------------------------------------------------


def _is_time(text: str) -> bool:
    plain = _plain(text)
    return len(plain.split()) <= _TIME_WORDS and bool(_TIME.match(plain))


def _is_unit(text: str) -> bool:
    return starts_unit(text.lstrip("- +")) or starts_unit(text[:1].upper() + text[1:])


def _fit(text: str, role: ColumnRole) -> float:
    """How well a line fits a column of that role."""
    time, unit = _is_time(text), _is_unit(text)
    if role is ColumnRole.DEADLINE:
        short_year = bool(_YEAR.search(text)) and len(text.split()) <= _TIME_WORDS and not unit
        return 3.0 if time or short_year else -3.0
    if role in AGENCY_ROLES:
        if unit:
            return 2.0
        return -3.0 if time else -1.5
    figure = bool(_FIGURE_CELL.match(text))
    if role is ColumnRole.VALUE:
        return 2.0 if figure else (-1.0 if time or unit else 0.0)
    if role is ColumnRole.CONTENT:
        return -2.0 if time or figure else (-1.0 if unit else 1.0)
    if role is ColumnRole.NOTE:
        return 0.0
    return -1.0 if time or unit else 0.5


def _opens_lower(text: str) -> bool:
    first = text.lstrip('"“(')[:1]
    return first.islower() or first in (",", ";", ")")


def _ends_open(text: str) -> bool:
    """Whether a cell's text stops where a sentence or a name cannot end."""
    return not text.rstrip(" *").endswith(_END_SENTENCE) or _ends_bound(text)


def _ends_bound(text: str) -> bool:
    """Whether a cell's text stops on a word that must go on ("Phòng Nông nghiệp và", "…,
    Cục"): the line after it is the same cell's."""
    stripped = text.rstrip(" *")
    last = stripped.split()[-1].lower() if stripped.split() else ""
    return name_pending(stripped) or stripped.endswith(_BOUND_ENDS) or last in _BOUND_WORDS


def _wrap(previous: str) -> float:
    """The score of a line going on with the cell of the line before."""
    if _ends_bound(previous):
        return _WRAP_OPEN
    return 0.0 if _ends_open(previous) else _WRAP_CLOSED


def _assign(texts: list[str], roles: tuple[ColumnRole, ...]) -> tuple[list[int], float]:
    """The column (index into `roles`) of each line, the best in-order assignment, and its
    score."""
    n = len(roles)
    if not texts:
        return [], 0.0
    neg = float("-inf")

    def skip(a: int, b: int) -> float:  # price of leaving columns a … b-1 empty
        return sum(_SKIP.get(roles[j], _SKIP_DEFAULT) for j in range(a, b))

    best = [[neg] * n for _ in texts]
    back = [[-1] * n for _ in texts]
    for j in range(n):
        start_cost = -2 * _SKIP_DEFAULT if _opens_lower(texts[0]) else 0.0
        best[0][j] = _fit(texts[0], roles[j]) - skip(0, j) + start_cost
    for i in range(1, len(texts)):
        lower = _opens_lower(texts[i])
        for j in range(n):
            fit = _fit(texts[i], roles[j])
            # the line goes on with the cell of the line before
            wrap = _wrap(texts[i - 1]) + (_WRAP_LOWER if lower else 0.0)
            candidates = [(best[i - 1][j] + fit + wrap, j)]
            for p in range(j):  # or opens column j after column p
                if best[i - 1][p] == neg:
                    continue
                opened = _NEW_CELL_LOWER if lower else 0.0
                candidates.append((best[i - 1][p] + fit + opened - skip(p + 1, j), p))
            best[i][j], back[i][j] = max(candidates)
    last = len(texts) - 1
    scores = [best[last][j] - skip(j + 1, n) for j in range(n)]
    j = max(range(n), key=lambda c: scores[c])
    out = [j]
    for i in range(last, 0, -1):
        j = back[i][j]
        out.append(j)
    return out[::-1], max(scores)


def _columns(texts: list[str], roles: tuple[ColumnRole, ...]) -> list[int]:
    """The column of each line of a row, read as one pass over the columns or, for a row cut
    by a page break, as two: every column reached, then the rest of the cells left open."""
    columns, best = _assign(texts, roles)
    last = len(roles) - 1
    for split in range(2, len(texts)):
        first, score = _assign(texts[:split], roles)
        if first[-1] != last:
            continue
        rest = _second_pass(texts[:split], first, texts[split:], roles)
        if rest is not None and score + rest[1] - _SPLIT > best:
            columns, best = first + rest[0], score + rest[1] - _SPLIT
    return columns


def _second_pass(
    before: list[str], columns: list[int], texts: list[str], roles: tuple[ColumnRole, ...]
) -> tuple[list[int], float] | None:
    """The cells left open that the lines after a full pass go on, in column order, and the
    score; None when a line has no open cell to go to."""
    cells: dict[int, list[str]] = {}
    for text, column in zip(before, columns, strict=True):
        cells.setdefault(column, []).append(text)
    out: list[int] = []
    total = 0.0
    previous: int | None = None  # the column of the line before
    for text in texts:
        lower = _opens_lower(text)
        # a capitalised line opens the next cell's rest, unless the piece before must go on
        floor = 0 if previous is None else previous
        if previous is not None and not lower and not _ends_bound(cells[previous][-1]):
            floor = previous + 1
        scored = [
            (
                _fit(text, roles[j])
                + (_SPILL_BOUND if _ends_bound(" ".join(cells[j])) else 0.0)
                + (_SPILL_LOWER if lower and roles[j] is ColumnRole.CONTENT else 0.0),
                -j,
            )
            for j in sorted(cells)
            if j >= floor and _ends_open(" ".join(cells[j]))
        ]
        if not scored:
            return None
        score, negative = max(scored)
        out.append(-negative)
        cells[-negative].append(text)
        previous = -negative
        total += score
    return out, total


# ---- tables -------------------------------------------------------------------------------


@dataclass
class _RowLines:
    label: _Line
    kind: str
    number: str
    title: str | None
    body: list[_Line]


def _collect_rows(lines: list[_Line], header: _Header) -> tuple[list[_RowLines], int]:
    """The rows after the header (their number line and cell lines) and the last line used."""
    sequence = _Sequence()
    rows: list[_RowLines] = []
    k = header.last + 1
    last_used = header.last
    while k < len(lines):
        line = lines[k]
        if line.blank or _PAGE_NUMBER.match(line.text):
            k += 1
            continue
        repeated = _repeated_header(lines, k, header)
        if repeated is not None:
            k = repeated + 1
            continue
        start = _row_start(line.text, sequence)
        if start is not None and not (rows and _figure_in_row(lines, k, rows[-1], header)):
            kind, label, title = start
            sequence.take(kind, label)
            rows.append(_RowLines(line, kind, label, title, []))
            last_used = k
            k += 1
            continue
        if (
            not rows
            or _STOP.match(line.text)
            or _SECTION_HEADING.match(line.text)
            or len(rows[-1].body) >= _ROW_LINES * _run_length(rows)
        ):
            break
        rows[-1].body.append(line)
        last_used = k
        k += 1
    if rows:  # the last row ends where its cells are full: what follows is the text after
        tail = rows[-1]
        run = _run_length(rows)
        if run > 1:  # the cells of a run of rows written column by column
            tail.body = [
                line
                for block in _blocks(tail.body)[: run * (len(header.roles) - 1)]
                for line in block
            ]
        else:
            tail.body = tail.body[: _last_row_lines(tail, header.roles)]
        last_used = tail.body[-1].index if tail.body else tail.label.index
    return rows, last_used


def _figure_in_row(lines: list[_Line], k: int, row: _RowLines, header: _Header) -> bool:
    """Whether a bare number that could open the next row is a figure of this one: the row
    has not reached its last figure column yet and the line after is a figure or a unit
    (a row number is followed by its task)."""
    if ColumnRole.VALUE not in header.roles or _bare_label(lines[k].text) is None:
        return False
    last_value = len(header.roles) - 1 - header.roles[::-1].index(ColumnRole.VALUE)
    nxt = _next_filled(lines, k + 1)
    if not row.body or len(row.body) >= last_value or nxt is None:
        return False
    after = lines[nxt].text
    return bool(_FIGURE_CELL.match(after)) or _is_unit(after)


def _run_length(rows: list[_RowLines]) -> int:
    """How many rows end with the last one in a run whose numbers came one after another
    with no cell between them (a copy that writes the table column by column)."""
    run = 1
    while run < len(rows) and not rows[-run - 1].body and rows[-run - 1].title is None:
        run += 1
    return run


def _blocks(body: list[_Line]) -> list[list[_Line]]:
    """The body's lines cut where a blank line (a gap in line numbers) separated them: in a
    copy that writes each cell as a paragraph, one cell each."""
    out: list[list[_Line]] = []
    for line in body:
        if out and line.index == out[-1][-1].index + 1:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _last_row_lines(row: _RowLines, roles: tuple[ColumnRole, ...]) -> int:
    """How many of the last row's lines are its cells: once its last column is reached,
    lines that do not fit that column are the text after the table."""
    body = row.body[: len(roles) - 1 + _LAST_ROW_EXTRA]
    if row.title is not None:
        return 0
    texts = [line.text for line in body]
    columns = _columns(texts, roles[1:])
    last = len(roles) - 2
    for i in range(1, len(texts)):
        if columns[i] == last and columns[i - 1] == last and _fit(texts[i], roles[-1]) < 0:
            return i
    return len(texts)


def _repeated_header(lines: list[_Line], k: int, header: _Header) -> int | None:
    """The last line of the header repeated from line `k` (after a page break), or None."""
    if lines[k].text not in header.label_lines:
        return None
    if _pipe_labels(lines[k]) is None and _number_label_at(lines, k) is None:
        return None
    end = k
    while True:
        nxt = _next_filled(lines, end + 1)
        if nxt is None or lines[nxt].text not in header.label_lines:
            return end
        end = nxt


def _row_block(row: _RowLines, roles: tuple[ColumnRole, ...]) -> TableRow:
    label = row.label
    if row.title is None:
        number = TableCell(0, (label.text,), label.start, label.end)
        body = list(row.body)
        texts = [line.text for line in body]
        columns = [c + 1 for c in _columns(texts, roles[1:])]
    else:
        marker_end = label.text.index(row.title)
        mark = label.text[:marker_end].rstrip()
        number = TableCell(0, (mark,), label.start, label.start + len(mark))
        title_start = label.start + marker_end
        body = [_Line(label.index, title_start, label.end, row.title), *row.body]
        texts = [line.text for line in body]
        content = roles.index(ColumnRole.CONTENT)
        columns = [content] * len(body)
    cells = [number]
    for column in range(1, len(roles)):
        own = [line for line, c in zip(body, columns, strict=True) if c == column]
        if own:
            cells.append(
                TableCell(column, tuple(line.text for line in own), own[0].start, own[-1].end)
            )
    kept = _undecided_figures_dropped(cells, roles)
    filled = [cell for cell in kept[1:] if cell.lines]
    content_only = len(kept) == len(cells) and all(
        roles[cell.column] is ColumnRole.CONTENT for cell in filled
    )
    cells = kept
    kind = RowKind.GROUP if content_only and row.kind != "letter" else RowKind.DATA
    end = max([label.end, *(cell.end for cell in cells)])
    return TableRow(kind, tuple(cells), label.start, end)


def _undecided_figures_dropped(
    cells: list[TableCell], roles: tuple[ColumnRole, ...]
) -> list[TableCell]:
    """A row's cells without its figures when it fills only some of several figure columns
    ("Năm 2026", "Năm 2027", "Năm 2028" and two figures): a copy that writes one cell per line
    does not show which year was left empty, and a figure under another year is a wrong
    answer."""
    values = [c for c, role in enumerate(roles) if role is ColumnRole.VALUE]
    if len(values) < _MIN_STAGES:
        return cells
    filled = {cell.column for cell in cells if cell.lines and cell.column in values}
    if not filled or len(filled) == len(values):
        return cells
    return [cell for cell in cells if cell.column not in values]


def _block_kind(block: list[_Line]) -> str:
    """ "unit", "time" or "text": what a cell written as a paragraph holds."""
    text = " ".join(line.text for line in block)
    if _is_unit(block[0].text):
        return "unit"
    short_year = bool(_YEAR.search(text)) and len(text.split()) <= _TIME_WORDS
    return "time" if _is_time(text) or short_year else "text"


def _column_kind(role: ColumnRole) -> str:
    if role is ColumnRole.DEADLINE:
        return "time"
    return "unit" if role in AGENCY_ROLES else "text"


def _run_rows(run: list[_RowLines], roles: tuple[ColumnRole, ...]) -> list[TableRow] | None:
    """The rows of a run written column by column (`pdftotext` without `-layout`: every row
    number, then the cells): the cells, one paragraph each, dealt out in order to the
    columns of their kind (units to the agency columns, time expressions to the deadline
    column, other text to the others, column after column). None when a kind's cells do not
    fill its columns exactly: which row lacks a cell cannot be told, and a unit set beside
    another row's task would be an answer wrong with confidence."""
    n = len(run)
    by_kind: dict[str, list[list[_Line]]] = {}
    for block in _blocks(run[-1].body):
        by_kind.setdefault(_block_kind(block), []).append(block)
    columns: dict[str, list[int]] = {}
    for column, role in enumerate(roles[1:], start=1):
        columns.setdefault(_column_kind(role), []).append(column)
    if any(kind not in columns for kind in by_kind):
        return None
    cells: list[list[TableCell]] = [[] for _ in run]
    for kind, blocks in by_kind.items():
        if len(blocks) != n * len(columns[kind]):
            return None
        for i, block in enumerate(blocks):
            column = columns[kind][i // n]
            texts = tuple(line.text for line in block)
            cells[i % n].append(TableCell(column, texts, block[0].start, block[-1].end))
    out = []
    for row, own in zip(run, cells, strict=True):
        label = row.label
        number = TableCell(0, (label.text,), label.start, label.end)
        own.sort(key=lambda cell: cell.column)
        end = max([label.end, *(cell.end for cell in own)])
        out.append(TableRow(RowKind.DATA, (number, *own), label.start, end))
    return out


def _body_rows(rows: list[_RowLines], roles: tuple[ColumnRole, ...]) -> list[TableRow] | None:
    """The table's rows, a run written column by column rebuilt row by row; None when a run
    cannot be rebuilt."""
    out: list[TableRow] = []
    i = 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and not rows[j].body and rows[j].title is None:
            j += 1
        rebuilt = _run_rows(rows[i : j + 1], roles) if j > i else None
        if rebuilt is not None:
            out.extend(rebuilt)
        elif j + 1 - i >= _MIN_RUN or _holds_other_rows(rows[j], roles):
            return None
        else:
            out.extend(_row_block(row, roles) for row in rows[i : j + 1])
        i = j + 1
    return out


def _holds_other_rows(row: _RowLines, roles: tuple[ColumnRole, ...]) -> bool:
    """Whether a row's cells, written as paragraphs, hold more units or time expressions
    than its columns can: cells of other rows copied out of order (their numbers before or
    after them), which no reading can pair with the right task."""
    blocks = _blocks(row.body)
    if len(blocks) < 2:
        return False
    kinds = [_block_kind(block) for block in blocks]
    columns = [_column_kind(role) for role in roles[1:]]
    return any(kinds.count(kind) > columns.count(kind) for kind in ("unit", "time"))


def _table(lines: list[_Line], k: int) -> tuple[Table, int] | None:
    header = _read_header(lines, k)
    if header is None:
        return None
    rows, last = _collect_rows(lines, header)
    if not rows:
        return None
    body = _body_rows(rows, header.roles)
    if body is None:
        return None
    if not any(row.kind is RowKind.DATA for row in body):
        return None
    table = Table(
        (*header.rows(lines[header.first].start), *body),
        len(header.roles),
        lines[header.first].start,
        lines[last].end,
    )
    return table, last


def find_stream_tables(text: str) -> list[tuple[int, int, Table]]:
    """(first line, last line, table) of every table copied one cell per line."""
    lines = _lines(text)
    found: list[tuple[int, int, Table]] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if not line.blank and (line.text.startswith("|") or len(line.text) <= _MAX_NUMBER_LABEL):
            read = _table(lines, k)
            if read is not None:
                table, last = read
                found.append((k, last, table))
                k = last + 1
                continue
        k += 1
    return found
