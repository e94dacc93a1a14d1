"""Responsibilities written as labelled blocks beside a group of tasks.

Plans after Nghị định 30/2020 often give each group of tasks its roles in numbered blocks
instead of a table ("Kế hoạch … III. ĐẨY MẠNH THÔNG TIN, TUYÊN TRUYỀN …"):

    1. Nội dung, biện pháp          a) …  b) …
    2. Cơ quan chủ trì, phối hợp
       a) Cơ quan chủ trì           - Ban Chỉ đạo quốc gia.  - Bộ Thông tin và Truyền thông; …
       b) Cơ quan phối hợp          - Mặt trận Tổ quốc Việt Nam, Hội Cựu chiến binh …
    3. Thời gian thực hiện: Từ tháng 11/2013 trở đi.

The units listed under (or after the colon of) a "chủ trì" block lead every task of the group,
those of a "phối hợp" block co-operate, those of an "Đơn vị thực hiện:" block carry the tasks
out (listed after the leads), and a "Thời gian thực hiện:" block is the group's
deadline. Each task, and the group itself, becomes a `Target` row (`source="body"`) whose
cells point at the names and the deadline in the source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest.domain import Clause, ClauseKind, Target, TargetCell
from ingest.parser.body_duties import HEADERS, content_start
from ingest.parser.deadlines import parse_deadline
from ingest.parser.unit_names import UnitSpan, split_unit_list, starts_unit

_LEAD = re.compile(r"(?:(?:Cơ quan|Đơn vị)\s+)?chủ\s+trì(?:\s+thực\s+hiện)?", re.IGNORECASE)
# "b) Đơn vị thực hiện: Các Đội chuyên trách …": the units that carry the tasks out, named
# after the ones that lead them (or alone, where no block names a lead)
_EXECUTING = re.compile(
    r"(?:Cơ quan|Đơn vị|Lực lượng)\s+(?:trực\s+tiếp\s+)?thực\s+hiện", re.IGNORECASE
)
_COOPERATING = re.compile(r"(?:(?:Cơ quan|Đơn vị)\s+)?phối\s+hợp", re.IGNORECASE)
_DEADLINE = re.compile(
    r"(?:Thời gian(?: thực hiện| hoàn thành)?|Thời hạn(?: hoàn thành)?|Tiến độ(?: thực hiện)?)\s*:",
    re.IGNORECASE,
)
# "- Kết quả: Dự thảo Hướng dẫn trình Ban Thường trực ban hành.": what the task delivers
_PRODUCT = re.compile(r"(?:Kết quả|Sản phẩm)(?:\s+(?:đầu ra|dự kiến|cần đạt))?\s*:", re.IGNORECASE)
# a labelled block may name an office holder, not a body ("- Đơn vị chủ trì: Đồng chí Phó
# chủ tịch Thường trực, phụ trách lĩnh vực …"; "Các đ/c Phó Chủ tịch, …"): after the label
# the text is the unit by construction, so a person's title opens it as well as a unit word
_OFFICE_HOLDER = re.compile(
    r"(?:[Cc]ác\s+)?(?:[Đđ]ồng\s+chí|[Đđ]/c)\s|(?:Phó\s+)?(?:[Cc]hủ\s+tịch|Bí\s+thư|Trưởng|"
    r"Giám\s+đốc|Thủ\s+trưởng)\s|(?:[Cc]án\s+bộ|[Cc]huyên\s+viên|[Cc]ông\s+chức)\s"
)
# a label ends its line or opens a list with a colon ("Cơ quan chủ trì" / "Đơn vị phối hợp:
# …"); "Phối hợp với Ủy ban bầu cử xã …" is a task, not a label
_LABEL_END = re.compile(r"[ \t*_]*(?::|\r?\n|$)")
# a step that states its own time ("Chậm nhất ngày 10/12/2025", "trước ngày 30/6/2026")
_OWN_TIME = re.compile(
    r"\b(?:[Cc]hậm nhất|[Tt]rước ngày|[Hh]oàn thành trước|[Tt]hời hạn)\b|\b\d{1,2}/\d{1,2}/\d{4}\b"
)
_UNIT_ROLES = ("lead", "cooperating", "executing")
_TASK_KINDS = (ClauseKind.SECTION, ClauseKind.ITEM, ClauseKind.POINT, ClauseKind.BULLET)
_TRAILING = " \t\r\n*_.;,"


@dataclass
class _Roles:
    """What the blocks of one group say."""

    lead: list[UnitSpan] = field(default_factory=list)
    cooperating: list[UnitSpan] = field(default_factory=list)
    executing: list[UnitSpan] = field(default_factory=list)  # "Đơn vị thực hiện: …"
    deadline: tuple[int, int] | None = None
    product: tuple[int, int] | None = None  # "Kết quả: …" / "Sản phẩm: …"
    blocks: set[str] = field(default_factory=set)  # ids of the role and deadline clauses


def role_block_duties(clauses: Sequence[Clause], source: str, taken: set[str]) -> list[Target]:
    """Rows for the groups of tasks whose roles are written in labelled blocks."""
    by_id = {clause.id: clause for clause in clauses}
    rows: list[Target] = []
    for group in clauses:
        children = [by_id[c] for c in group.children if c in by_id]
        roles = _roles(children, source, by_id)
        if not roles.lead:
            continue
        # the group's tasks come before its role blocks; what follows them is not the group's
        first_block = next(i for i, child in enumerate(children) if child.id in roles.blocks)
        if first_block == 0 and _label(group, source)[0] is not None:
            continue  # a block of blocks ("2. Cơ quan chủ trì, phối hợp" / "a) …" / "b) …")
        # with no task before its blocks, the group is the one task ("1.2. Xây dựng …" /
        # "- Thời gian hoàn thành: …" / "- Đơn vị chủ trì: …" / "- Kết quả: …")
        tasks = [group]
        for child in children[:first_block]:
            subtasks = [by_id[c] for c in child.children if c in by_id]
            subtasks = [t for t in subtasks if t.kind in _TASK_KINDS]
            if not subtasks and _OWN_TIME.search(source, child.start, child.body_end):
                continue  # "(1) … Chậm nhất ngày 10/12/2025": its own time, not the group's
            tasks.extend(subtasks or [child])
        rows.extend(
            _row(task, source, roles) for task in tasks if task.id not in taken and _words(task)
        )
    return rows


def _label(clause: Clause, source: str) -> tuple[str | None, int]:
    """The role a block's label names ("lead", "cooperating", "both", "deadline") and where
    the text after its label starts."""
    start = content_start(clause, source)
    text = source[start : clause.body_end]
    deadline = _DEADLINE.match(text)
    if deadline:
        return "deadline", start + deadline.end()
    product = _PRODUCT.match(text)
    if product:
        return "product", start + product.end()
    lead, cooperating = _LEAD.match(text), _COOPERATING.match(text)
    if lead:
        rest = re.match(r"\s*,\s*(?:thực hiện|phối hợp)", text[lead.end() :])
        end = lead.end() + (rest.end() if rest else 0)
        if not _LABEL_END.match(text, end):
            return None, start  # "Chủ trì tổ chức …": a task that starts with the verb
        if rest and "phối hợp" in rest.group():
            return "both", start + end
        return "lead", start + end
    if cooperating and _LABEL_END.match(text, cooperating.end()):
        return "cooperating", start + cooperating.end()
    executing = _EXECUTING.match(text)
    if executing and re.match(r"\s*(?::|$)", text[executing.end() :]):
        return "executing", start + executing.end()
    return None, start


def _roles(children: Sequence[Clause], source: str, by_id: dict[str, Clause]) -> _Roles:
    roles = _Roles()
    for child in children:
        role, after = _label(child, source)
        if role is None:
            continue
        if role in ("deadline", "product"):
            end = child.body_end
            end = after + len(source[after:end].rstrip(_TRAILING))
            start = after + len(source[after:end]) - len(source[after:end].lstrip())
            if end > start:
                if role == "deadline":
                    roles.deadline = (start, end)
                else:
                    roles.product = (start, end)
                roles.blocks.add(child.id)
            continue
        inner = [by_id[c] for c in child.children if c in by_id]
        labelled = [(_label(c, source), c) for c in inner]
        if any(lbl in _UNIT_ROLES for (lbl, _), _c in labelled):
            for (lbl, at), clause in labelled:
                if lbl in _UNIT_ROLES:
                    _add_units(roles, lbl, _units(clause, at, source, by_id))
            roles.blocks.add(child.id)
            continue
        if role == "both":
            role = "lead"
        _add_units(roles, role, _units(child, after, source, by_id))
        roles.blocks.add(child.id)
    roles.lead.extend(unit for unit in roles.executing if unit not in roles.lead)
    return roles


def _add_units(roles: _Roles, role: str, units: list[UnitSpan]) -> None:
    {"lead": roles.lead, "cooperating": roles.cooperating, "executing": roles.executing}[
        role
    ].extend(units)


def _units(clause: Clause, after: int, source: str, by_id: dict[str, Clause]) -> list[UnitSpan]:
    """The units after a block's label (": Bộ Quốc phòng; Bộ Tài chính.") and in its list."""
    spans = [(after, clause.body_end)]
    spans.extend(
        (content_start(by_id[c], source), by_id[c].body_end) for c in clause.children if c in by_id
    )
    units: list[UnitSpan] = []
    for k, (start, end) in enumerate(spans):
        start += len(source[start:end]) - len(source[start:end].lstrip(" \t\r\n:*_"))
        end = start + len(source[start:end].rstrip(_TRAILING))
        if end <= start:
            continue
        if starts_unit(source, start):
            units.extend(split_unit_list(source, start, end, delimited=True))
        elif k == 0 and _OFFICE_HOLDER.match(source, start):  # inline after the label
            units.extend(_holders(source, start, end))
    return units


def _holders(source: str, start: int, end: int) -> list[UnitSpan]:
    """The office holders after a block's label, split where another holder or unit starts
    ("Các đ/c Phó chủ tịch, Trưởng đoàn thể xã, các đồng chí Chuyên viên …")."""
    spans: list[UnitSpan] = []
    piece = start
    for sep in re.finditer(r"\s*[,;]\s*", source[start:end]):
        after = start + sep.end()
        if _OFFICE_HOLDER.match(source, after) or starts_unit(source, after):
            spans.append(
                UnitSpan(
                    " ".join(source[piece : start + sep.start()].split()),
                    piece,
                    start + sep.start(),
                )
            )
            piece = after
    spans.append(UnitSpan(" ".join(source[piece:end].split()), piece, end))
    return [span for span in spans if span.text]


def _words(clause: Clause) -> bool:
    return bool(clause.body.strip(_TRAILING))


def _row(task: Clause, source: str, roles: _Roles) -> Target:
    start = content_start(task, source)
    end = start + len(source[start : task.body_end].rstrip(_TRAILING))
    content = " ".join(source[start:end].split())
    cells = [TargetCell(HEADERS["content"], "content", content, start, end)]
    for role, units in (("lead", roles.lead), ("cooperating", roles.cooperating)):
        cells.extend(TargetCell(HEADERS[role], role, u.text, u.start, u.end) for u in units)
    deadline = None
    if roles.deadline is not None:
        d_start, d_end = roles.deadline
        text = " ".join(source[d_start:d_end].split())
        cells.append(TargetCell(HEADERS["deadline"], "deadline", text, d_start, d_end))
        deadline = parse_deadline(text)
    if roles.product is not None:
        p_start, p_end = roles.product
        text = " ".join(source[p_start:p_end].split())
        cells.append(TargetCell("Kết quả", "product", text, p_start, p_end))
    lead = tuple(dict.fromkeys(u.text for u in roles.lead))
    return Target(
        clause_id=task.id,
        document_id=task.document_id,
        number=task.number,
        content=content,
        lead_units=lead,
        cooperating_units=tuple(
            n for n in dict.fromkeys(u.text for u in roles.cooperating) if n not in lead
        ),
        deadline=deadline,
        cells=tuple(cells),
        period=task.period,
        source="body",
    )
