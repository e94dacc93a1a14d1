"""Responsibilities written in a plan's body, as `Target` rows with `source="body"`.

Two ways of writing them, after Nghị định 30/2020 and Hướng dẫn 36-HD/VPTW practice:

- a unit heading ("1. Sở Khoa học và Công nghệ:", "a) Tổ đảng ở Thường trực Ủy ban …",
  "Công an tỉnh:") followed by the tasks it leads (sub-clauses, or the text after the colon);
- a sentence naming the roles ("Sở X chủ trì, phối hợp với Sở Y …", "Giao Sở X …",
  "… do Sở X chủ trì"), with its deadline ("Thời hạn: Quý IV/2025").

A row is attached to the task's clause; its cells point at the unit names and the deadline
in the source, so a quote of them is verbatim (a unit taken from a heading points into the
heading's clause). Clauses that already have a table row, and clauses that only mention a
unit in passing (no heading, no role verb), get no row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ingest.domain import Clause, ClauseKind, Target, TargetCell
from ingest.normalize_vi import folded
from ingest.parser.deadlines import parse_deadline
from ingest.parser.duty_roles import read_roles
from ingest.parser.timed_works import timed_works
from ingest.parser.unit_names import UNIT_HEADS, UnitSpan, name_end, split_unit_list, starts_unit
from ingest.parser.units import unit_key

_TASK_KINDS = (
    ClauseKind.SECTION,
    ClauseKind.ITEM,
    ClauseKind.POINT,
    ClauseKind.BULLET,
    ClauseKind.PARAGRAPH,
)
# A numbering marker (and any markup left in the source) before a clause's words.
# a multi-level number may go without its closing dot ("1.3 Xây dựng …", "7.1 Tổng kết …");
# a decision's article opens with its number too ("Điều 2. Giao Giám đốc Sở …")
_LEAD_IN = re.compile(
    r"[\s*_#>\\]*(?:\d{1,2}(?:\.\d{1,2})+\\?[.)]?(?=[\s*_])"
    r"|(?:Điều\s+\d{1,3}|[IVX]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\\?[.)]|[-–—+•*])?[\s*_\\]*"
)
# "Giao Giám đốc Sở Giáo dục và Đào tạo" (a decision's article): the office's head stands
# for the office, whose name is the unit
# A council's resolution asks the executive to direct a unit ("Đề nghị UBND tỉnh chỉ đạo Công
# an tỉnh:", "- Chỉ đạo Sở Nông nghiệp và PTNT:"), after the field's label too ("4. Về lĩnh
# vực Tư pháp: Đề nghị UBND tỉnh chỉ đạo …"): the unit directed is the one that acts
_DIRECTED = r"(?:Về [^:;.\n]{1,80}:\s*)?(?:Đề nghị\s+[^:;.\n]{1,60}?\s+)?(?:quan tâm\s+)?chỉ\s+đạo"
_HEADING_PREFIX = re.compile(
    rf"(?:Đối với|Trách nhiệm của|Nhiệm vụ của|Giao|Đề nghị|{_DIRECTED})\s+"
    rf"(?:(?:{'|'.join(UNIT_HEADS)})\s+(?=[A-ZĐ]))?",
    re.IGNORECASE,
)
# A line that only states when a task is due ("Thời hạn: Quý IV/2026.").
_DEADLINE_LINE = re.compile(
    r"(?:Thời hạn|Thời gian (?:hoàn thành|hoàn tất|thực hiện)|Tiến độ(?: thực hiện)?)\s*:",
    re.IGNORECASE,
)
# the plan's closing formula ("Trên đây là Kế hoạch …"), never a unit's task
_CLOSING = re.compile(r"Trên đây là\s", re.IGNORECASE)
HEADERS = {
    "content": "Nội dung nhiệm vụ",
    "monitoring": "Đơn vị theo dõi, giám sát",
    "lead": "Đơn vị chủ trì",
    "cooperating": "Đơn vị phối hợp",
    "deadline": "Thời hạn",
}


@dataclass(frozen=True)
class UnitHeading:
    """A clause that names the units leading the tasks under it."""

    clause: Clause
    units: tuple[UnitSpan, ...]
    inline_start: int | None  # where the task text after "Unit:" starts, if on the same line
    colon: bool
    # the clauses under the heading that only list the units it stands for ("… gồm:" and
    # its "- Sở X (đối với …);" items): neither tasks nor rows
    listing: frozenset[str] = frozenset()


# "Điều 3. Thủ trưởng các cơ quan … chịu trách nhiệm thi hành Quyết định này."
_EXECUTES_ITSELF = re.compile(r"\bthi hành\s+(?:Quyết định|Nghị quyết|Chỉ thị)\s+này\b")


def body_duties(
    clauses: Sequence[Clause], source: str, table_targets: Sequence[Target]
) -> tuple[Target, ...]:
    """Rows for the duties the plan's body assigns, in document order."""
    by_id = {clause.id: clause for clause in clauses}
    headings = {
        clause.id: heading
        for clause in clauses
        if (heading := unit_heading(clause, source) or _listed_group(clause, source, by_id))
        is not None
    }
    listing = {clause_id for heading in headings.values() for clause_id in heading.listing}
    led_by: dict[str, UnitHeading] = {}
    for heading in headings.values():
        if heading.inline_start is not None:
            led_by[heading.clause.id] = heading
        for task in _tasks_under(heading, by_id, headings, clauses):
            if task.id not in heading.listing:
                led_by.setdefault(task.id, heading)
    taken = {target.clause_id for target in table_targets}
    # each clause's next sibling, for a step's deadline written in the paragraph after it
    following = {
        child: clause.children[k + 1]
        for clause in clauses
        for k, child in enumerate(clause.children[:-1])
    }
    rows = []
    for clause in clauses:
        if clause.id in taken or clause.id in listing or clause.kind not in _TASK_KINDS:
            continue
        if clause.id in headings and clause.id not in led_by:
            continue  # the heading itself is not a task
        if _EXECUTES_ITSELF.search(clause.text):
            continue  # a decision's last article (NĐ 30/2020): who executes it, not a task
        row = _row(clause, source, led_by.get(clause.id), by_id, following)
        if row is not None and not _restates_a_table_row(row, table_targets):
            rows.append(row)
    rows = [_under_director(row, by_id, source) for row in rows]
    with_rows = taken | {row.clause_id for row in rows}
    for clause in clauses:
        rows.extend(_group_rows(clause, source, by_id, with_rows))
    rows.sort(key=lambda row: by_id[row.clause_id].start)
    return tuple(rows)


# "Trách nhiệm chỉ đạo thực hiện: Đảng ủy Ủy ban nhân dân tỉnh; các cấp ủy, tổ chức đảng."
# closing a group of tasks (a Party programme's way, HĐ 36): the units named lead every task
# of the group and the group itself
_GROUP_DUTY = re.compile(
    r"(?:Trách nhiệm|Cơ quan chịu trách nhiệm|Đơn vị chịu trách nhiệm)"
    r"(?:\s+chỉ\s+đạo)?(?:\s+(?:thực\s+hiện|triển\s+khai))?\s*:\s*"
)


def _group_rows(
    clause: Clause, source: str, by_id: dict[str, Clause], with_rows: set[str]
) -> list[Target]:
    """Rows for the group a "Trách nhiệm chỉ đạo thực hiện: …" paragraph closes."""
    if clause.kind is not ClauseKind.PARAGRAPH or clause.parent_id not in by_id:
        return []
    label = _GROUP_DUTY.match(source, content_start(clause, source), clause.body_end)
    if label is None:
        return []
    end = label.end() + len(source[label.end() : clause.body_end].rstrip(" \t\r\n.*_"))
    units = split_unit_list(source, label.end(), end, delimited=True)
    if not units or not _only_names(source, label.end(), end):
        return []
    group = by_id[clause.parent_id]
    tasks = [group] if group.heading else []
    for child_id in group.children:
        if child_id == clause.id:
            break
        child = by_id.get(child_id)
        if (
            child is not None
            and child.kind in _TASK_KINDS
            and child.kind is not ClauseKind.PARAGRAPH
        ):
            tasks.append(child)
    header = " ".join(source[label.start() : label.end()].split()).rstrip(" :")
    # "Trách nhiệm chỉ đạo thực hiện": the committees direct the group (the column "trực tiếp
    # chỉ đạo" of a task table); "Trách nhiệm thực hiện": they carry it out
    role = "monitoring" if "chỉ đạo" in header else "lead"
    rows = []
    for task in tasks:
        if task.id in with_rows:
            continue
        start = content_start(task, source)
        stop = task.body_end if task is not group else start + len(task.heading or "")
        stop = start + len(source[start:stop].rstrip(" \t\r\n.;:*_"))
        content = " ".join(source[start:stop].split())
        if not content:
            continue
        cells = [TargetCell(HEADERS["content"], "content", content, start, stop)]
        cells.extend(TargetCell(header, role, u.text, u.start, u.end) for u in units)
        rows.append(
            Target(
                clause_id=task.id,
                document_id=task.document_id,
                number=task.number,
                content=content,
                lead_units=_names(units) if role == "lead" else (),
                monitoring_units=_names(units) if role == "monitoring" else (),
                group=_heading_label(group, source),
                cells=tuple(cells),
                period=task.period,
                source="body",
            )
        )
    return rows


# "2. Đảng ủy Các cơ quan Đảng tỉnh chỉ đạo:" over "2.1. Đảng ủy HĐND tỉnh lãnh đạo …" (HD 36
# practice): the units of the sub-items lead, the unit of the heading directs them
_DIRECTOR_HEADING = re.compile(r"\s*(?:lãnh đạo,\s*)?chỉ\s+đạo\s*:\s*$", re.IGNORECASE)


def _director(clause: Clause, source: str) -> tuple[UnitSpan, ...]:
    """The units a "Unit chỉ đạo:" heading names, or () when the clause is none."""
    start = content_start(clause, source)
    if not clause.children or not starts_unit(source, start):
        return ()
    stop = name_end(source, start, clause.body_end)
    if not _DIRECTOR_HEADING.fullmatch(source, stop, clause.body_end):
        return ()
    return tuple(split_unit_list(source, start, stop))


def _under_director(row: Target, by_id: dict[str, Clause], source: str) -> Target:
    """A row led by the unit of a sub-item under a "Unit chỉ đạo:" heading, with that
    heading's unit as the one directing it."""
    clause = by_id.get(row.clause_id)
    parent = by_id.get(clause.parent_id or "") if clause is not None else None
    if parent is None or not row.lead_units or row.monitoring_units:
        return row
    directors = _director(parent, source)
    if not directors:
        return row
    cells = (*row.cells, *_unit_cells("monitoring", directors))
    return replace(row, monitoring_units=_names(directors), cells=cells)


def _restates_a_table_row(row: Target, table_targets: Sequence[Target]) -> bool:
    """Whether the body only repeats a task of the appendix table ("Sở Tư pháp: Chủ trì số
    hóa dữ liệu hộ tịch …" beside the row "Số hóa dữ liệu hộ tịch | Sở Tư pháp"): the same
    lead unit and the row's words all in the task. The table row is the one that answers."""
    leads = {unit_key(unit) for unit in row.lead_units}
    words = set(folded(row.content).split())
    for target in table_targets:
        if target.source != "table" or not leads & {unit_key(u) for u in target.lead_units}:
            continue
        wanted = set(folded(target.content).split())
        if len(wanted) >= 3 and len(wanted & words) >= 0.8 * len(wanted):
            return True
    return False


def content_start(clause: Clause, source: str) -> int:
    """Where the clause's own words start, after its numbering marker."""
    match = _LEAD_IN.match(source, clause.start, clause.body_end)
    return match.end() if match else clause.start


def unit_heading(clause: Clause, source: str) -> UnitHeading | None:
    """The units a clause's heading names ("2. Sở Tài chính", "a) Tổ đảng ở …:"), if it is one."""
    if clause.kind not in _TASK_KINDS:
        return None
    start = content_start(clause, source)
    prefix = _HEADING_PREFIX.match(source, start, clause.body_end)
    position = prefix.end() if prefix else start
    if not starts_unit(source, position):
        return None
    body_end = clause.body_end
    colon = source.find(":", position, body_end)
    name_stop = colon if colon >= 0 else len(source[:body_end].rstrip(" \t\r\n.*_"))
    if "\n\n" in source[position:name_stop]:
        return None
    if not _only_names(source, position, name_stop):
        return None  # the words go on past the name: a sentence, not a heading
    units = tuple(split_unit_list(source, position, name_stop, delimited=True))
    if not units:
        return None
    rest = source[colon + 1 : body_end] if colon >= 0 else ""
    shared = _shared_head_list(units, source, colon + 1, body_end) if colon >= 0 else None
    if shared and clause.children:  # "3. Các Bộ: Công Thương, Xây dựng" over its duties
        return UnitHeading(clause, shared, None, True)
    inline = None
    if rest.strip(" \t\r\n*_"):
        inline = colon + 1 + len(rest) - len(rest.lstrip(" \t\r\n*_"))
    elif not clause.children and not _opens_following(clause, colon >= 0):
        return None  # a unit's name with nothing under it
    return UnitHeading(clause, units, inline, colon >= 0)


# "Các Bộ: Công Thương, Giao thông vận tải, …" (NĐ 30/2020 headings of a Quyết định's "Tổ
# chức thực hiện"): a plural head, then the names it is shared by, comma-separated
_SHARED_HEAD = re.compile(r"^Các\s+(Bộ|Sở|Ban|Cục|Tổng cục|Ủy ban|Hội)$", re.IGNORECASE)
_SHARED_NAME = re.compile(r"[A-ZÀ-Ỹ][^\d:;()]*$")
_MAX_SHARED_WORDS = 8


def _shared_head_list(
    units: Sequence[UnitSpan], source: str, start: int, end: int
) -> tuple[UnitSpan, ...] | None:
    """The units of "Các Bộ: Công Thương, Xây dựng" ("Bộ Công Thương", "Bộ Xây dựng"), each
    spanning its own name; None when the heading is not such a list. A name that is itself a
    unit by its own words ("Ngân hàng Nhà nước Việt Nam") is kept as written."""
    if len(units) != 1 or not (head := _SHARED_HEAD.match(units[0].text)):
        return None
    noun = head.group(1)[0].upper() + head.group(1)[1:]
    names: list[UnitSpan] = []
    for piece in re.finditer(r"[^,]+", source[start:end]):
        raw = piece.group()
        text = " ".join(raw.strip(" \t\r\n*_.").split())
        if not text:
            continue
        if not _SHARED_NAME.match(text) or len(text.split()) > _MAX_SHARED_WORDS:
            return None
        first = start + piece.start() + len(raw) - len(raw.lstrip(" \t\r\n*_"))
        # "Công an" under "Các Bộ" is the Bộ Công an; "Ngân hàng Nhà nước Việt Nam" a unit
        whole = text if starts_unit(text) and len(text.split()) >= 3 else f"{noun} {text}"
        names.append(UnitSpan(whole, first, first + len(text)))
    return tuple(names) if len(names) >= 2 else None


# "2. Các sở quản lý nhà nước chuyên ngành về hạ tầng" / "Giao các sở … gồm:" / "- Sở Công
# Thương (đối với …);" … / "Có trách nhiệm:" / "a) …": a group heading whose units are listed
# under it, one item each, before the duties they share
_GROUP_LEAD = re.compile(r"Các\s+\w", re.IGNORECASE)
_MEMBER_NAME_STOP = re.compile(r"[(;:.]")


def _listed_group(clause: Clause, source: str, by_id: dict[str, Clause]) -> UnitHeading | None:
    """A heading naming a group ("Các sở …") whose first paragraph ends "gồm:" over items
    that each name units: the units listed lead the heading's duties."""
    if clause.kind not in _TASK_KINDS or not clause.children:
        return None
    start = content_start(clause, source)
    if not _GROUP_LEAD.match(source, start, clause.body_end):
        return None
    children = [by_id[child] for child in clause.children if child in by_id]
    if not children or children[0].kind is not ClauseKind.PARAGRAPH:
        return None
    if not _PARTS_FOLLOW.search(children[0].body.rstrip(" \t\r\n*_")):
        return None
    members: list[UnitSpan] = []
    listing = {children[0].id}
    for item in children[1:]:
        if item.kind is not ClauseKind.BULLET or item.children:
            break
        first = content_start(item, source)
        stop = _MEMBER_NAME_STOP.search(source, first, item.body_end)
        last = len(source[: stop.start() if stop else item.body_end].rstrip(" \t\r\n*_,"))
        if not starts_unit(source, first) or not _only_names(source, first, last):
            break
        members.extend(split_unit_list(source, first, last, delimited=True))
        listing.add(item.id)
    if len(listing) < 3 or len(listing) == len(children):
        return None  # fewer than two units listed, or no duties after them
    return UnitHeading(clause, tuple(members), None, False, frozenset(listing))


def _opens_following(clause: Clause, colon: bool) -> bool:
    """An unnumbered unit line ("Công an tỉnh:", "**2\\. Công an tỉnh**") or a bulleted one
    with a colon ("- UBND các xã, phường:") leads the list items that follow it."""
    return clause.kind is ClauseKind.PARAGRAPH or (colon and clause.kind is ClauseKind.BULLET)


def _only_names(source: str, start: int, stop: int) -> bool:
    """Whether source[start:stop] is nothing but unit names ("Các sở, ban, ngành; UBND …")."""
    for part in re.finditer(r"[^;]+", source[start:stop]):
        first = start + part.start() + len(part.group()) - len(part.group().lstrip())
        last = start + len(source[: start + part.end()].rstrip(" \t\r\n*_")) - start
        if first >= last:
            continue
        if not starts_unit(source, first) or name_end(source, first, last) < last:
            return False
    return True


def _tasks_under(
    heading: UnitHeading,
    by_id: dict[str, Clause],
    headings: dict[str, UnitHeading],
    clauses: Sequence[Clause],
) -> list[Clause]:
    """The tasks a heading leads: its sub-clauses, or, for an unnumbered "Unit:" line with
    nothing under it, the list items that follow it."""
    clause = heading.clause
    if clause.children:
        return _task_children(clause, by_id, headings, heading.inline_start is not None)
    if heading.inline_start is not None or not _opens_following(clause, heading.colon):
        return []
    siblings = [c for c in clauses if c.parent_id == clause.parent_id and c.start > clause.start]
    tasks = []
    for sibling in siblings:
        if sibling.id in headings or sibling.kind is not ClauseKind.BULLET:
            break
        tasks.append(sibling)
    return tasks


# a task whose items are its parts, not tasks of their own: "- Lập hồ sơ hoàn công cho từng
# hộ gia đình …, bao gồm:" followed by "+ Đơn đề nghị …", "+ Biên bản …"
_PARTS_FOLLOW = re.compile(r"\b(?:bao gồm|gồm có|gồm)\s*:$", re.IGNORECASE)


def _task_children(
    clause: Clause,
    by_id: dict[str, Clause],
    headings: dict[str, UnitHeading],
    inline: bool = False,
) -> list[Clause]:
    """A heading's sub-clauses that are tasks. Running text after a list, or after a heading
    that already carries its task ("Trưởng các thôn: …"), is the plan's closing, not a task."""
    tasks: list[Clause] = []
    listed = inline
    for child_id in clause.children:
        child = by_id.get(child_id)
        if child is not None and child.id in headings and not child.children:
            break  # another unit's line: what follows is that unit's
        if child is None or child.id in headings or child.kind not in _TASK_KINDS:
            continue
        if child.kind is ClauseKind.PARAGRAPH and listed:
            continue
        listed = listed or child.kind is not ClauseKind.PARAGRAPH
        body = child.body.rstrip(" \t\r\n*_")
        if child.children and body.endswith(":") and not _PARTS_FOLLOW.search(body):
            tasks.extend(_task_children(child, by_id, headings))  # "a) Về hạ tầng số:"
        else:
            tasks.append(child)
    return tasks


def _deadline_below(
    clause: Clause, end: int, source: str, by_id: dict[str, Clause]
) -> UnitSpan | None:
    """A deadline on the line under a task ("… báo cáo kết quả." / "Thời hạn: Quý IV/2026.",
    or "… Thời hạn:" / "Quý IV/2026."): hard wraps and PDF line breaks put it in a paragraph
    of its own under the task (`end`: where the task's own words end)."""
    child = by_id.get(clause.children[0]) if clause.children else None
    if child is None or child.kind is not ClauseKind.PARAGRAPH:
        return None
    start = content_start(child, source)
    label = _DEADLINE_LINE.search(source, max(clause.start, end - 40), end)
    if label and label.end() == end:  # the label closes the task's line, the date follows
        return read_roles(source, label.start(), child.body_end).deadline
    if not _DEADLINE_LINE.match(source, start, child.body_end):
        return None
    return read_roles(source, start, child.body_end).deadline


def _deadline_after(
    clause: Clause, source: str, by_id: dict[str, Clause], following: dict[str, str]
) -> UnitSpan | None:
    """The deadline of a step written as the paragraph after its task ("Sở Xây dựng chủ trì
    lập Đề án …" / "Thời gian hoàn tất: trước ngày 30 tháng 9 năm 2014.")."""
    if clause.kind is not ClauseKind.PARAGRAPH or clause.id not in following:
        return None
    after = by_id.get(following[clause.id])
    if after is None or after.kind is not ClauseKind.PARAGRAPH:
        return None
    start = content_start(after, source)
    if not _DEADLINE_LINE.match(source, start, after.body_end):
        return None
    return read_roles(source, start, after.body_end).deadline


_NUMBERED = (ClauseKind.SECTION, ClauseKind.ITEM, ClauseKind.POINT)


def _row(
    clause: Clause,
    source: str,
    heading: UnitHeading | None,
    by_id: dict[str, Clause],
    following: dict[str, str],
) -> Target | None:
    """The row of one task clause, or None when it states no duty."""
    start = heading.inline_start if heading and heading.clause is clause else None
    start = start if start is not None else content_start(clause, source)
    end = start + len(source[start : clause.body_end].rstrip(" \t\r\n*_"))
    if end <= start or source[start] == "(" or _CLOSING.match(source, start):
        return None  # nothing, a note in brackets ("(Chi tiết tại Phụ lục …)"), the closing
    roles = read_roles(source, start, end, own_acts=clause.kind in _NUMBERED)
    if roles.deadline is None:
        roles.deadline = _deadline_below(clause, end, source, by_id)
    if roles.deadline is None:
        roles.deadline = _deadline_after(clause, source, by_id, following)
    lead, cooperating = list(roles.lead), list(roles.cooperating)
    named = [unit for unit in roles.partners if unit.text[:1].isupper()]
    if heading is None and not _ends_sentence(source, end) and len(source[start:end].split()) < 12:
        return None  # a title ("Các đơn vị triển khai thí điểm"), not a sentence
    if (
        heading is not None
        and heading.clause is clause
        and lead
        and _LISTS_NAMES.search(heading.units[-1].text)
    ):
        # "Giám đốc các sở, ngành: Nông nghiệp và PTNT; …; Công an tỉnh trong phạm vi …
        # có trách nhiệm thực hiện": the colon lists the sở, who lead with the heading's units
        lead = [*heading.units, *lead]
    if heading is not None and roles.directed:
        # "- Chỉ đạo các trường …" under Sở A's heading: A directs them, the task is A's
        lead, cooperating = list(heading.units), []
    if heading is None and not lead and clause.kind is ClauseKind.BULLET:
        lead = _named_after_a_dash(source, start, end)
    if heading is not None and not lead:
        if roles.opens_with_cooperation:
            # "Phối hợp với Sở B …" under Sở A's heading (beside A's "Chủ trì …" tasks): A's
            # part is to co-operate, with B; the text names no lead, B is no more than A's
            # partner ("Sở B chủ trì những nhiệm vụ nào?" is not answered by it)
            cooperating = [*heading.units, *roles.partners, *cooperating]
        else:
            lead = list(heading.units)
            cooperating.extend(roles.partners)
    elif roles.subject_cooperates and named:
        lead = named
        cooperating.extend(unit for unit in roles.partners if unit not in named)
    else:
        cooperating.extend(roles.partners)
    monitoring = list(roles.monitoring) if heading is None else []
    # "Văn phòng Tỉnh ủy phối hợp theo dõi …", "Ủy ban Kiểm tra phối hợp với các cơ quan liên
    # quan kiểm tra …": no lead is named, the subject's duty is its co-operation
    cooperates_alone = roles.subject_cooperates and not lead and bool(cooperating)
    if (
        not lead
        and not monitoring
        and not (heading is not None and cooperating)
        and not cooperates_alone
    ):
        return None
    content = " ".join(source[start:end].split())
    cells = [TargetCell(HEADERS["content"], "content", content, start, end)]
    cells.extend(_unit_cells("monitoring", monitoring))
    cells.extend(_unit_cells("lead", lead))
    cells.extend(_unit_cells("cooperating", cooperating))
    if roles.deadline is not None:
        deadline = roles.deadline
        cells.append(
            TargetCell(HEADERS["deadline"], "deadline", deadline.text, deadline.start, deadline.end)
        )
    return Target(
        clause_id=clause.id,
        document_id=clause.document_id,
        number=clause.number,
        content=content,
        monitoring_units=_names(monitoring),
        lead_units=_names(lead),
        cooperating_units=tuple(n for n in _names(cooperating) if n not in _names(lead)),
        deadline=parse_deadline(roles.deadline.text) if roles.deadline else None,
        group=_heading_label(heading.clause, source) if heading else None,
        cells=tuple(cells),
        period=clause.period,
        source="body",
        works=timed_works(source, start, end),
    )


# a bullet that closes with the unit in charge after a dash ("- Tài sản kết cấu hạ tầng đô
# thị - Bộ Xây dựng."), the way a letter maps each domain to its ministry
_CLOSING_DASH = re.compile(r"\s[-–—]\s+(?=\S)")


def _named_after_a_dash(source: str, start: int, end: int) -> list[UnitSpan]:
    """The unit a bullet names after its last dash, when the name is all that follows."""
    dashes = list(_CLOSING_DASH.finditer(source, start, end))
    if not dashes or starts_unit(source, start):
        return []  # "- Ban Công tác đặc biệt - Ủy ban Chuyên trách …": one unit and its parent
    at = dashes[-1].end()
    if not starts_unit(source, at):
        return []
    stop = at + len(source[at:end].rstrip(" .;,\t\r\n"))
    if name_end(source, at, stop) != stop:
        return []
    return [UnitSpan(" ".join(source[at:stop].split()), at, stop)]


# a heading's last unit that the text after its colon names one by one ("các sở, ngành:")
_LISTS_NAMES = re.compile(r"\bcác\s+sở(?:\s*,\s*(?:ban|ngành))*$", re.IGNORECASE)


def _ends_sentence(source: str, end: int) -> bool:
    return source[end - 1 : end] in (".", ":", ";")


def _unit_cells(role: str, units: Sequence[UnitSpan]) -> list[TargetCell]:
    seen: set[int] = set()
    cells = []
    for unit in units:
        if unit.start not in seen:
            seen.add(unit.start)
            cells.append(TargetCell(HEADERS[role], role, unit.text, unit.start, unit.end))
    return cells


def _names(units: Sequence[UnitSpan]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(unit.text for unit in units))


def _heading_label(clause: Clause, source: str) -> str:
    """ "a) Tổ đảng ở Thường trực Ủy ban Pháp luật": the heading as its marker and name."""
    start = content_start(clause, source)
    stop = source.find(":", start, clause.body_end)
    name = " ".join(source[start : stop if stop >= 0 else clause.body_end].split())
    name = name.rstrip(" .*_")  # "**1. Sở Y tế**": the bold marks are no part of the name
    marker = f"{clause.number}) " if clause.kind is ClauseKind.POINT else ""
    if clause.kind in (ClauseKind.SECTION, ClauseKind.ITEM) and clause.number:
        marker = f"{clause.number}. "
    return f"{marker}{name}"
