"""Tables laid out with spaces (text extracted by `pdftotext -layout`, text copied from a
PDF) → table blocks with rows and cells.

Such a table is a grid only to the eye: each column's text sits at about the same place on
every line, a cell's text wraps over several lines beside the other cells' lines, a cell is
often centred vertically in its row (the row number on the row's middle line, a short cell
above or below it), and page numbers and the repeated header come in between. Read here:
- the header: a line opening with the number column ("TT", "STT") and the lines around it
  (its labels wrap and are centred too); each label is a run of text the header lines share;
- the rows: every line whose number column holds a row label ("1", "II", "II.1") anchors a
  row; the lines between two anchors go to the row whose anchor they are centred on (cells
  centred vertically), or to the row above (cells aligned at the top), and lines before the
  first row of a page carry on the last row of the page before;
- the columns: each column's left edge is where many runs of text start (after two spaces
  or more), no nearer the previous edge than that column's label is wide; a run that reaches
  across an edge (two cells written with one space between them) is cut at the space nearest
  the edge, preferring a word that can open a cell (a capital, a figure);
- page furniture (page numbers, the header repeated on the next page) is left out.
Every cell keeps its lines and a span from its first to its last piece, so quotes stay
verbatim; rows span their lines.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.formats.blocks import RowKind, Table, TableCell, TableRow
from ingest.parser.columns import ColumnRole, classify_header

__all__ = ["find_aligned_tables"]

_HEADER_FIRST = re.compile(r"^\s{0,4}(?:STT|TT|Số\s?TT|ST/T|T/T)(?:\s{2,}\S|\s*$)", re.IGNORECASE)
_RUN = re.compile(r"\S+(?: \S+)*")  # text between gaps of two spaces or more
_WORD = re.compile(r"\S+")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
_STOP = re.compile(r"^\s*(?:PHỤ LỤC|Phụ lục|Nơi nhận|NƠI NHẬN|Ghi chú|GHI CHÚ)\b")
_ROW_LABEL = re.compile(r"(?:[IVX]{1,4}(?:\.\d{1,2})*|\d{1,3}(?:\.\d{1,2})*)")
_MAX_HEADER_LINES = 4
_PAGE_FEED = "\f"  # pdftotext starts each page's first line with a form feed
_ANCHOR_WINDOW = 24  # non-blank lines to look ahead for the next row before the table ends
_MIN_COLUMNS = 3
_EDGE_SLACK = 3  # a run may start this much left of its column's edge
_CUT_REACH = 8  # how far from an edge a run may be cut
_CLUSTER_GAP = 2  # starts this close support one another as a column's edge
_PAGE_ROWS = 3  # a page of fewer rows keeps the whole table's edges
_PAGE_SHIFT = 12  # how far a page may move a column against the whole table
_ROW_REACH = 8  # how far from its page's edge a row's column may start
_CENTRE_GAP = 6  # the centres of one cell's lines lie closer than this
_ALIGN = 3  # a cell's lines start this close to one another
_FIGURE_ROLES = (ColumnRole.DEADLINE, ColumnRole.VALUE)
# words after which a name goes on ("Đảng ủy | Ủy ban nhân dân tỉnh", "2026 - | 2030"):
# no cell ends there
_BOUND_WORDS = frozenset(["ủy", "uỷ", "ban", "đảng", "sở", "bộ", "phòng", "cục", "chi", "-", "–"])
# what opens a cell of a person or a time in a plan's table
_CELL_OPENERS = ("Đồng chí", "Trước ngày", "Trước", "Quý", "Năm", "Tháng", "Hằng năm")


@dataclass(frozen=True)
class _Line:
    index: int
    start: int  # offset of the line in the text
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class _Piece:
    """A run of a line's text assigned to a column: [x, end) on the line, offsets in text."""

    line: int
    x: int
    end: int
    text: str
    start: int  # offset in the text


def _runs(line: _Line) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _RUN.finditer(line.text)]


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    for index, raw in enumerate(text.split("\n")):
        lines.append(_Line(index, offset, raw))
        offset += len(raw) + 1
    return lines


# ---- the header --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Header:
    first: int  # line indexes of the header block
    last: int
    middle: int  # the line of the number column's label
    labels: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]  # x range of each label
    cells: tuple[tuple[int, int], ...]  # offsets of each label's first..last piece in text


def _header_at(
    lines: Sequence[_Line], middle: int, shape: tuple[int, int] | None = None
) -> _Header | None:
    """The header whose number-column label is on line `middle`: its labels wrap over the
    lines around it, as many above as below (centred); `shape`: the lines above and below
    of the header it repeats (at a page break nothing but a blank may stand above it)."""
    most_above = shape[0] if shape else _MAX_HEADER_LINES
    above: list[int] = []
    k = middle - 1
    while k >= 0 and len(above) < most_above and not lines[k].blank:
        text = lines[k].text
        if _STOP.match(text) or _PAGE_NUMBER.match(text) or _anchor_label(text, 4) is not None:
            break
        above.insert(0, k)
        if text.startswith(_PAGE_FEED):  # the page's first line
            break
        k -= 1
    # centred labels wrap as far below as above; labels aligned at the top only below
    most_below = shape[1] if shape else len(above) or _MAX_HEADER_LINES
    below: list[int] = []
    k = middle + 1
    while k < len(lines) and len(below) < most_below and not lines[k].blank:
        if _anchor_label(lines[k].text, 4) is not None:
            break
        below.append(k)
        k += 1
    block = [*above, middle, *below]
    pieces: list[tuple[int, int, int, int]] = []  # (x, end, line, offset)
    starts = {x for k in block for x, _, _ in _runs(lines[k])}
    for k in block:
        for x, _, run in _runs(lines[k]):
            # a run that reaches across a label another line starts (one space between)
            cuts = [
                m.start()
                for m in _WORD.finditer(run)
                if m.start()
                and _opens_cell(m.group(0))
                and any(abs(x + m.start() - s) <= 1 for s in starts if s > x)
            ]
            bounds = [0, *cuts, len(run)]
            for a, b in itertools.pairwise(bounds):
                label = run[a:b].rstrip()
                if label:
                    pieces.append((x + a, x + a + len(label), k, lines[k].start + x + a))
    pieces.sort()
    groups: list[list[tuple[int, int, int, int]]] = []
    for piece in pieces:
        if groups and piece[0] < max(p[1] for p in groups[-1]):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    if len(groups) < _MIN_COLUMNS:
        return None
    labels: list[str] = []
    spans: list[tuple[int, int]] = []
    cells: list[tuple[int, int]] = []
    for group in groups:
        ordered = sorted(group, key=lambda p: (p[2], p[0]))
        words = [lines[p[2]].text[p[0] : p[1]] for p in ordered]
        labels.append(" ".join(" ".join(words).split()))
        spans.append((min(p[0] for p in group), max(p[1] for p in group)))
        first, last = ordered[0], ordered[-1]
        cells.append((first[3], last[3] + last[1] - last[0]))
    return _Header(block[0], block[-1], middle, tuple(labels), tuple(spans), tuple(cells))


def _anchor_label(text: str, limit: int) -> str | None:
    """The row label opening a line when it starts within the number column."""
    match = _WORD.search(text)
    if match is None or match.start() > limit:
        return None
    token = match.group(0).rstrip(".")
    if not _ROW_LABEL.fullmatch(token):
        return None
    label = token
    rest = text[match.end() :]
    if rest and not rest[0].isspace():
        return None
    return label


# ---- rows ---------------------------------------------------------------------------------


@dataclass
class _Body:
    segments: list[list[int]]  # runs of content lines, split at blanks and page breaks
    breaks: set[int]  # segment indexes that start after a page break
    anchors: dict[int, str]  # line index → row label
    last: int  # the last line of the table


def _body(lines: Sequence[_Line], header: _Header, limit: int) -> _Body:
    head_words = set(" ".join(header.labels).casefold().split())
    segments: list[list[int]] = []
    breaks: set[int] = set()
    anchors: dict[int, str] = {}
    current: list[int] = []
    page_break = False
    k = header.last + 1
    last = header.last
    since_anchor = 0
    skip_until = -1
    while k < len(lines):
        line = lines[k]
        text = line.text
        if k <= skip_until:
            k += 1
            continue
        if line.blank or (_PAGE_NUMBER.match(text) and not _anchor_label(text, limit)):
            if current:
                segments.append(current)
                current = []
            page_break = page_break or bool(_PAGE_NUMBER.match(text))
            k += 1
            continue
        if _STOP.match(text):
            break
        if text.startswith(_PAGE_FEED) and current:  # a new page: the segment ends
            segments.append(current)
            current = []
            page_break = True
        if _HEADER_FIRST.match(text) and _repeats_header(lines, k, head_words):
            shape = (header.middle - header.first, header.last - header.middle)
            repeated = _header_at(lines, k, shape)
            if current:
                dropped = [i for i in current if repeated is None or i < repeated.first]
                if dropped:
                    segments.append(dropped)
                current = []
            page_break = True
            skip_until = repeated.last if repeated else k
            k = skip_until + 1
            continue
        label = _anchor_label(text, limit)
        if label is not None and not _follows(label, list(anchors.values())):
            break  # "2. …" after row 24: the text goes on below the table
        if label is None:
            since_anchor += 1
            if since_anchor > _ANCHOR_WINDOW:
                break
        else:
            anchors[k] = label
            since_anchor = 0
        if not current and page_break:
            breaks.add(len(segments))
        page_break = False
        current.append(k)
        last = k
        k += 1
    if current:
        segments.append(current)
    # lines after the last row's own lines (text below the table) are not the table's
    return _trim(_Body(segments, breaks, anchors, last))


def _follows(label: str, before: list[str]) -> bool:
    """Whether a row label can come next: a group ("II", "II.1"), or the number after the
    last numbered row (1 again under a new group)."""
    if not label.isdigit():
        return True
    numbers = [b for b in before if b.isdigit()]
    if not numbers:
        return True
    if int(label) == int(numbers[-1]) + 1:
        return True
    return int(label) == 1 and not before[-1].isdigit()


def _trim(body: _Body) -> _Body:
    """Drop the segments after the last anchor's segment (text after the table)."""
    if not body.anchors:
        return _Body([], set(), {}, body.last)
    final = max(body.anchors)
    kept = [segment for segment in body.segments if segment[0] <= final]
    return _Body(kept, body.breaks, body.anchors, kept[-1][-1] if kept else body.last)


def _repeats_header(lines: Sequence[_Line], k: int, head_words: set[str]) -> bool:
    words = set(lines[k].text.casefold().split())
    return len(words & head_words) >= 2


def _centred(body: _Body) -> bool:
    """Whether cells are centred vertically: some row has lines above its anchor that no
    row above can own (a segment not after a page break opening with text)."""
    for n, segment in enumerate(body.segments):
        if n in body.breaks:
            continue
        if segment[0] not in body.anchors and any(i in body.anchors for i in segment):
            return True
    return False


def _pages(body: _Body) -> dict[int, int]:
    """The page (counted from the table's first) of every line of the body."""
    page = 0
    found: dict[int, int] = {}
    for n, segment in enumerate(body.segments):
        page += n in body.breaks
        found.update(dict.fromkeys(segment, page))
    return found


def _rows(body: _Body) -> list[tuple[int, list[int]]]:
    """(anchor line, the row's lines) for every row, in order."""
    centred = _centred(body)
    rows: list[tuple[int, list[int]]] = []
    for n, segment in enumerate(body.segments):
        anchors = [i for i in segment if i in body.anchors]
        if not anchors:
            if rows and (n in body.breaks or not centred):
                rows[-1][1].extend(segment)  # the last row carries on over the page
            continue
        bounds = _bounds(segment, anchors, centred, carry=bool(rows) and n in body.breaks)
        if bounds[0] > 0 and rows:
            rows[-1][1].extend(segment[: bounds[0]])
        elif bounds[0] > 0:
            bounds[0] = 0
        for j, anchor in enumerate(anchors):
            end = bounds[j + 1] if j + 1 < len(anchors) else len(segment)
            rows.append((anchor, list(segment[bounds[j] : end])))
    return rows


def _bounds(segment: list[int], anchors: list[int], centred: bool, carry: bool) -> list[int]:
    """Where each row starts in the segment (positions): rows centred on their anchors when
    cells are centred; lines before the first row go to the row above only over a page."""
    positions = [segment.index(a) for a in anchors]
    if not centred:
        return [positions[0] if carry else 0, *positions[1:]]
    n, k = len(segment), len(positions)

    def cost(j: int, start: int, stop: int) -> int:
        return abs(start + stop - 1 - 2 * positions[j])

    firsts = range(positions[0] + 1) if carry else range(1)
    table: list[dict[int, tuple[int, int]]] = [{b: (0, -1) for b in firsts}]
    for j in range(1, k):
        layer: dict[int, tuple[int, int]] = {}
        for b in range(positions[j - 1] + 1, positions[j] + 1):
            layer[b] = min((c + cost(j - 1, a, b), a) for a, (c, _) in table[-1].items())
        table.append(layer)
    _, b = min((c + cost(k - 1, a, n), a) for a, (c, _) in table[-1].items())
    starts = [b]
    for j in range(k - 1, 0, -1):
        b = table[j][b][1]
        starts.insert(0, b)
    return starts


# ---- columns -------------------------------------------------------------------------------


def _edges(
    lines: Sequence[_Line],
    rows: list[tuple[int, list[int]]],
    header: _Header,
    fallback: list[int] | None = None,
) -> list[int]:
    """The left edge of every column (the number column at 0): the first place, no nearer
    the edge before than that column's label is wide, where two runs or more start. With a
    `fallback` (the whole table's edges), a column no two runs of these rows support keeps
    the fallback's edge."""
    anchors = {a for a, _ in rows}
    firsts = [
        _runs(lines[i])[0][0]
        for _, members in rows
        for i in members
        if _runs(lines[i]) and i not in anchors
    ]
    if fallback is not None:
        content = fallback[1]
    else:
        content = int(statistics.median_low(firsts)) if firsts else header.spans[1][0]
    widths = [b - a for a, b in header.spans]
    floor = content + widths[1] - _EDGE_SLACK
    starts = sorted(
        x
        for _, members in rows
        for i in members
        for n, (x, _, _) in enumerate(_runs(lines[i]))
        if n and x > floor
    )
    edges = [0, content]
    for j in range(2, len(header.labels)):
        # no nearer the edge before than its label is wide, nor among that edge's own starts
        lowest = max(edges[-1] + widths[j - 1] - _EDGE_SLACK, edges[-1] + _CLUSTER_GAP + 1)
        supported = [
            x
            for x in starts
            if x >= lowest and sum(x <= y <= x + _CLUSTER_GAP for y in starts) >= 2
        ]
        if supported and (fallback is None or abs(supported[0] - fallback[j]) <= _PAGE_SHIFT):
            edges.append(supported[0])
        elif fallback is not None:
            edges.append(max(fallback[j], lowest))
        else:
            later = [x for x in starts if x >= lowest]
            edges.append(later[0] if later else max(header.spans[j][0], lowest))
    return edges


def _opens_figure(text: str) -> bool:
    """A deadline or a target value opens with a figure or a time word."""
    return text[:1].isdigit() or text[:1] in "<>≥≤" or text.startswith(_CELL_OPENERS[1:])


def _opens_cell(word: str) -> bool:
    first = word[:1]
    return first.isupper() or first.isdigit() or first in "(<>-–"


def _cut(
    x: int, run: str, edge: int, figure: bool, aligned: frozenset[int] | None = None
) -> int | None:
    """Where to cut a run starting at x that reaches across `edge` (a position in the run).

    With `aligned` (the run already stands apart from the content: it is a cell's own), a
    cut must open a cell that shows it: a figure, a person or a time word, or a word where
    another line of the row starts a run."""
    best: tuple[int, int] | None = None
    for m in _WORD.finditer(run):
        if not m.start():
            continue
        distance = abs(x + m.start() - edge)
        if distance > _CUT_REACH:
            continue
        word = m.group(0)
        if not _opens_cell(word) or (figure and not _opens_figure(run[m.start() :])):
            continue
        rest = run[m.start() :]
        bound = run[: m.start()].split()[-1].casefold() in _BOUND_WORDS
        lined_up = aligned is not None and any(abs(x + m.start() - a) <= _ALIGN for a in aligned)
        if bound and not rest.startswith(_CELL_OPENERS) and not lined_up:
            continue  # a name goes on after it ("Đảng ủy | Ủy ban nhân dân tỉnh", "2026 - | 2030")
        if (
            aligned is not None
            and not _opens_figure(rest)
            and not rest.startswith(_CELL_OPENERS)
            and not any(abs(x + m.start() - a) <= _ALIGN for a in aligned)
        ):
            continue
        score = distance
        score -= 3 if run[m.start() :].startswith(_CELL_OPENERS) else 0
        if best is None or score < best[0]:
            best = (score, m.start())
    return best[1] if best is not None and best[0] <= _CUT_REACH else None


def _line_pieces(
    line: _Line,
    edges: list[int],
    numeric: list[bool],
    anchor: bool,
    floor: int,
    aligned: frozenset[int] = frozenset(),
) -> dict[int, list[_Piece]]:
    """The line's text per column, runs reaching across an edge cut there; `floor`: the
    content column's text starts left of it (it starts at the column's edge)."""
    out: dict[int, list[_Piece]] = {}
    for n, (x, end, run) in enumerate(_runs(line)):
        if anchor and n == 0:  # the row label, then (one space on) the content's line
            match = _WORD.match(run)
            assert match is not None
            out.setdefault(0, []).append(
                _Piece(line.index, x, x + match.end(), match.group(0), line.start + x)
            )
            rest = run[match.end() :]
            if not rest.strip():
                continue
            skip = len(rest) - len(rest.lstrip())
            x, run = x + match.end() + skip, rest.lstrip()
            end = x + len(run)
        column = max(
            (j for j, edge in enumerate(edges) if edge <= x + _EDGE_SLACK and j), default=1
        )
        if column == 1 and n == 0 and x > floor and len(edges) > 2:  # no content starts there
            column = min(range(2, len(edges)), key=lambda j: abs(edges[j] - x))
        while True:
            following = [j for j in range(column + 1, len(edges)) if edges[j] < end - 2]
            # the first edge the run can be cut at (a cut may fail at one and hold at the next)
            own = aligned if column >= 2 else None
            cuts = ((j, _cut(x, run, edges[j], numeric[j], own)) for j in following)
            target, cut = next(((j, c) for j, c in cuts if c is not None), (column, None))
            if cut is None:
                break
            piece = run[:cut].rstrip()
            out.setdefault(column, []).append(
                _Piece(line.index, x, x + len(piece), piece, line.start + x)
            )
            x, run = x + cut, run[cut:]
            column = target
        out.setdefault(column, []).append(_Piece(line.index, x, x + len(run), run, line.start + x))
    return out


def _regrouped(columns: dict[int, list[_Piece]], centres: list[float]) -> dict[int, list[_Piece]]:
    """The row's pieces right of the content column, grouped by where they are centred: a
    cell's lines share a centre, whatever the page did to the column's edge. Groups map in
    order onto the columns when there are as many; otherwise each goes to the column whose
    runs on the page are centred nearest."""
    right = sorted(
        (p for column, pieces in columns.items() if column >= 2 for p in pieces),
        key=_middle,
    )
    if not right:
        return columns
    groups: list[list[_Piece]] = [[right[0]]]
    for piece in right[1:]:
        if _middle(piece) - _middle(groups[-1][-1]) > _CENTRE_GAP:
            groups.append([piece])
        else:
            groups[-1].append(piece)
    out = {column: pieces for column, pieces in columns.items() if column < 2}
    if len(groups) == len(centres) - 2:
        targets = list(range(2, len(centres)))
    else:
        targets = [_nearest(centres, statistics.median(map(_middle, g))) for g in groups]
    for column, group in zip(targets, groups, strict=True):
        out.setdefault(column, []).extend(group)
    return out


def _misalignment(columns: dict[int, list[_Piece]]) -> float:
    """How far the lines of each cell right of the content are from lining up, at their
    left, centre or right (a cell is aligned one of these ways)."""
    total = 0.0
    for column, pieces in columns.items():
        if column < 2 or len(pieces) < 2:
            continue
        spreads = [
            max(values) - min(values)
            for values in (
                [p.x for p in pieces],
                [_middle(p) for p in pieces],
                [p.end for p in pieces],
            )
        ]
        total += min(spreads)
    return total


def _nearest(centres: list[float], middle: float) -> int:
    """The column right of the content whose runs are centred nearest `middle`."""
    return min((abs(centres[j] - middle), j) for j in range(2, len(centres)))[1]


def _middle(piece: _Piece) -> float:
    return piece.x + (piece.end - piece.x) / 2


def _row_starts(lines: Sequence[_Line], members: list[int], floor: int) -> frozenset[int]:
    """Where the row's runs right of the content start (each cell's lines start there)."""
    return frozenset(
        x
        for i in members
        for n, (x, _, _) in enumerate(_runs(lines[i]))
        if x > floor and (n or not _anchor_label(lines[i].text, floor))
    )


def _row_edges(starts: frozenset[int], edges: list[int]) -> list[int]:
    """The page's edges moved to where this row's own runs start: each start counts for
    the edge nearest it; a column with starts near its edge begins at the first of them."""
    nearest: dict[int, list[int]] = {}
    for x in starts:
        distances = [(abs(edges[k] - x), k) for k in range(2, len(edges))]
        if distances and min(distances)[0] <= _ROW_REACH:
            nearest.setdefault(min(distances)[1], []).append(x)
    moved = list(edges[:2])
    for j in range(2, len(edges)):
        moved.append(max(min(nearest[j]), moved[-1] + 1) if j in nearest else edges[j])
    return moved


def _centres(
    lines: Sequence[_Line],
    rows: list[tuple[int, list[int]]],
    edges: list[int],
    numeric: list[bool],
    floor: int,
) -> list[float]:
    """Where each column's runs are centred on these rows (placed by the edges alone)."""
    found: dict[int, list[float]] = {}
    for anchor, members in rows:
        for i in members:
            starts = _row_starts(lines, members, floor)
            read = _line_pieces(lines[i], edges, numeric, i == anchor, floor, starts)
            for column, pieces in read.items():
                found.setdefault(column, []).extend(p.x + (p.end - p.x) / 2 for p in pieces)
    bounds = [*edges, edges[-1] + 2 * (edges[-1] - edges[-2])]
    return [
        statistics.median(found[j]) if found.get(j) else (bounds[j] + bounds[j + 1]) / 2
        for j in range(len(edges))
    ]


# ---- the block -------------------------------------------------------------------------------


def _cell(column: int, pieces: list[_Piece], fallback: int) -> TableCell:
    if not pieces:
        return TableCell(column, (), fallback, fallback)
    ordered = sorted(pieces, key=lambda p: (p.line, p.x))
    return TableCell(
        column,
        tuple(p.text for p in ordered),
        min(p.start for p in ordered),
        max(p.start + len(p.text) for p in ordered),
    )


def _table(lines: Sequence[_Line], middle: int) -> tuple[Table, int] | None:
    header = _header_at(lines, middle)
    if header is None:
        return None
    limit = max(header.spans[0][1] + 1, 4)
    body = _body(lines, header, limit)
    rows = _rows(body)
    if len(rows) < 2:
        return None
    edges = _edges(lines, rows, header)
    pages = _pages(body)
    by_page = {page: [r for r in rows if pages[r[0]] == page] for page in set(pages.values())}
    page_edges = {  # a page of few rows says little about where its columns are
        page: _edges(lines, members, header, edges) if len(members) >= _PAGE_ROWS else edges
        for page, members in by_page.items()
    }
    numeric = [role in _FIGURE_ROLES for role in classify_header(header.labels)]
    floor = edges[1] + header.spans[1][1] - header.spans[1][0] - _EDGE_SLACK
    page_centres = {
        page: _centres(lines, by_page[page], edges_of, numeric, floor)
        for page, edges_of in page_edges.items()
    }
    width = len(header.labels)
    head_cells = tuple(
        TableCell(k, (label,), *header.cells[k]) for k, label in enumerate(header.labels)
    )
    head_start = lines[header.first].start
    head_end = lines[header.last].start + len(lines[header.last].text)
    out_rows = [TableRow(RowKind.HEADER, head_cells, head_start, head_end)]
    for anchor, members in rows:
        columns: dict[int, list[_Piece]] = {}
        group = len(members) == 1 and _is_group(body.anchors[anchor])
        for i in sorted(members):
            if group:
                runs = _runs(lines[i])
                label_end = _WORD.match(lines[i].text, runs[0][0])
                assert label_end is not None
                rest = lines[i].text[label_end.end() :]
                columns.setdefault(0, []).append(
                    _Piece(
                        i,
                        runs[0][0],
                        label_end.end(),
                        label_end.group(0),
                        lines[i].start + runs[0][0],
                    )
                )
                if rest.strip():
                    x = label_end.end() + len(rest) - len(rest.lstrip())
                    body_text = rest.strip()
                    columns.setdefault(1, []).append(
                        _Piece(i, x, x + len(body_text), body_text, lines[i].start + x)
                    )
                continue
            starts = _row_starts(lines, members, floor)
            row_edges = _row_edges(starts, page_edges[pages[anchor]])
            centres = page_centres[pages[anchor]]
            read = _line_pieces(lines[i], row_edges, numeric, i == anchor, floor, starts)
            for column, pieces in read.items():
                columns.setdefault(min(column, width - 1), []).extend(pieces)
        if not group:  # the grouping whose cells' lines line up best
            columns = min((columns, _regrouped(columns, centres)), key=_misalignment)
        first = lines[min(members)]
        last = lines[max(members)]
        start, end = (
            first.start + len(first.text) - len(first.text.lstrip()),
            last.start + len(last.text),
        )
        cells = tuple(_cell(k, columns.get(k, []), start) for k in range(width))
        kind = RowKind.GROUP if group else RowKind.DATA
        out_rows.append(TableRow(kind, cells, start, end))
    table = Table(tuple(out_rows), width, head_start, out_rows[-1].end)
    return table, body.last


def _is_group(label: str) -> bool:
    return label.isalpha() or "." in label


def find_aligned_tables(text: str) -> list[tuple[int, int, Table]]:
    """(first line, last line, table) of every space-aligned table in the text."""
    lines = _lines(text)
    found: list[tuple[int, int, Table]] = []
    k = 0
    while k < len(lines):
        if (
            "\t" not in lines[k].text
            and "|" not in lines[k].text
            and _HEADER_FIRST.match(lines[k].text)
        ):
            read = _table(lines, k)
            if read is not None:
                table, last = read
                header_first = next(i for i, line in enumerate(lines) if line.start == table.start)
                found.append((header_first, last, table))
                k = last + 1
                continue
        k += 1
    return found
