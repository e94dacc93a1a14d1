"""The one meaning of a responsibility role, for every client (CLI, API, bots, matrix, exports).

A table cell's role is the one the parser read from its column header (`TargetCell.role`):
"Đơn vị chủ trì theo dõi, đôn đốc …" is a monitoring column although it says "chủ trì".
A question's role words are read here, and rows are selected by the payload field of that
role — the same filter the responsibility matrix (`GET /v1/targets?role=…`) applies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Protocol

from ingest.domain import TargetCell
from ingest.normalize_vi import folded
from ingest.parser.units import split_units, unit_key
from retrieval.stored import StoredClause


class Role(StrEnum):
    """A responsibility column of an assignment table."""

    MONITORING = "monitoring"  # theo dõi, trực tiếp chỉ đạo, đôn đốc, kiểm tra
    LEAD = "lead"  # chủ trì (tổ chức triển khai), chịu trách nhiệm
    COOPERATING = "cooperating"  # phối hợp
    # trực tiếp chỉ đạo: a monitoring column whose header says "chỉ đạo" ("Trực tiếp Chỉ
    # đạo"); "Đơn vị chủ trì theo dõi, đôn đốc …" monitors but does not direct
    DIRECT = "direct"


# The payload field holding each role's unit keys; "any" is every role.
PAYLOAD_FIELDS: dict[str, str] = {
    "any": "units",
    Role.LEAD.value: "units_lead",
    Role.MONITORING.value: "units_monitoring",
    Role.COOPERATING.value: "units_cooperating",
    Role.DIRECT.value: "units_monitoring",
}

# The stored role `rows_for_unit` selects for each role (the payload field's role).
_STORED_ROLE: dict[str, str] = {Role.DIRECT.value: Role.MONITORING.value}

# How answers name a role ("đơn vị phối hợp").
ROLE_NAMES: dict[Role, str] = {
    Role.MONITORING: "theo dõi, chỉ đạo, đôn đốc",
    Role.LEAD: "chủ trì thực hiện",
    Role.COOPERATING: "phối hợp",
    Role.DIRECT: "trực tiếp chỉ đạo",
}

# Question words naming each role, accent-free. "thực hiện"/"triển khai" alone name the
# lead role only when no other role word is there: "phối hợp thực hiện" is co-operating.
_ROLE_WORDS: dict[Role, re.Pattern[str]] = {
    Role.MONITORING: re.compile(r"\b(?:theo doi|don doc|giam sat|kiem tra|chu tri theo doi)\b"),
    Role.DIRECT: re.compile(r"\bchi dao\b"),
    Role.LEAD: re.compile(r"\b(?:chu tri|chiu trach nhiem|trach nhiem chinh|phu trach)\b"),
    Role.COOPERATING: re.compile(r"\bphoi hop\b"),
}
# ... but not where they name what a plan carries out ("kế hoạch thực hiện Chỉ thị 14-CT/TW")
_WEAK_LEAD = re.compile(
    r"\b(?:thuc hien|trien khai)\b(?!\s+(?:cac\s+)?(?:chi thi|nghi quyet|quyet dinh|ke hoach|"
    r"de an|chuong trinh|ket luan|luat|nghi dinh|thong tu|kh|nq|qd|ct)\b)"
)
_LEAD_FOR_MONITORING = re.compile(r"\bchu tri (?:theo doi|huong dan|don doc|kiem tra)")


def roles_asked(folded_question: str) -> tuple[Role, ...]:
    """The roles a question names, in `Role` order; none: every role."""
    text = folded_question.replace("ban chi dao", " ")  # the steering committee, not a role
    found = [role for role, pattern in _ROLE_WORDS.items() if pattern.search(text)]
    # "chủ trì theo dõi": the monitoring column's own wording, not a second role
    if (
        Role.LEAD in found
        and _LEAD_FOR_MONITORING.search(text)
        and not _ROLE_WORDS[Role.LEAD].search(_LEAD_FOR_MONITORING.sub(" ", text))
    ):
        found.remove(Role.LEAD)
    if not found and _WEAK_LEAD.search(text):
        found.append(Role.LEAD)
    if Role.DIRECT in found and Role.MONITORING in found:
        found.remove(Role.DIRECT)  # "theo dõi, chỉ đạo": the monitoring column as a whole
    return tuple(role for role in Role if role in found)


def unit_cells(row: StoredClause, unit_keys: Sequence[str], roles: Sequence[Role]) -> list[str]:
    """Headers of the row's columns that name one of the units in one of the roles (any
    responsibility role when `roles` is empty)."""
    if row.target is None:
        return []
    wanted = set(roles) if roles else set(Role)
    return [
        cell.header
        for cell in row.target.cells
        if any(cell_has_role(cell, role) for role in wanted)
        and any(unit_key(u) in unit_keys for u in split_units(cell.text))
    ]


def cell_has_role(cell: TargetCell, role: Role) -> bool:
    """Whether a cell's column is of this role (the parser's reading of its header)."""
    return column_has_role(cell.role, cell.header, role)


def column_has_role(column_role: str, header: str, role: Role) -> bool:
    """Whether a column (the parser's role for it, its header) is of this role."""
    if role is Role.DIRECT:
        return column_role == Role.MONITORING.value and bool(_DIRECTS.search(folded(header)))
    return column_role == role.value


def roles_of_columns(columns: Iterable[tuple[str, str]]) -> set[Role]:
    """The roles that these (column role, header) pairs of a plan's tables have."""
    return {
        role for column, header in columns for role in Role if column_has_role(column, header, role)
    }


_DIRECTS = re.compile(r"\bchi dao\b")


def header_names_role(header: str, role: Role) -> bool:
    """Whether a column header uses the words of a role ("Đơn vị chủ trì theo dõi …" uses
    "chủ trì"), whatever the column's own role."""
    return bool(_ROLE_WORDS[role].search(folded(header)))


def header_cells(row: StoredClause, unit_keys: Sequence[str], roles: Sequence[Role]) -> list[str]:
    """Headers of the row's columns of another role whose wording names an asked role
    ("Đơn vị chủ trì theo dõi …" for "chủ trì"): shown apart, never merged into the role."""
    if row.target is None or not roles:
        return []
    return [
        cell.header
        for cell in row.target.cells
        if cell.role in _VALUES
        and not any(cell_has_role(cell, role) for role in roles)
        and any(_ROLE_WORDS[role].search(folded(cell.header)) for role in roles)
        and any(unit_key(u) in unit_keys for u in split_units(cell.text))
    ]


def roles_present(rows: Iterable[StoredClause]) -> set[Role]:
    """The roles the tables of these rows have a filled column for."""
    present: set[Role] = set()
    for row in rows:
        if row.target is None:
            continue
        present.update(
            role for cell in row.target.cells for role in Role if cell_has_role(cell, role)
        )
    return present


_VALUES = {role.value for role in Role}


class RowSource(Protocol):
    """What selects table rows by payload (`ClauseSearch.rows`)."""

    def rows(
        self,
        documents: Sequence[str] = (),
        unit_field: str | None = None,
        units: Sequence[str] = (),
        due_range: tuple[int | None, int | None] | None = None,
    ) -> list[StoredClause]: ...


def rows_for_unit(
    source: RowSource,
    documents: Sequence[str],
    unit_keys: Sequence[str],
    roles: Sequence[Role | str] = (),
    due_range: tuple[int | None, int | None] | None = None,
) -> list[StoredClause]:
    """Table rows naming one of the units in one of the roles (any role when none), in
    document order: the one selection the CLI, the API, the bots and the matrix share.
    "Trực tiếp chỉ đạo" selects the monitoring rows (the callers keep the cells of the
    role, `unit_cells`). On a facts store, one indexed query names the rows (each once,
    however many roles) and only those are read; else one payload filter per role."""
    names = [str(role) for role in roles if str(role) != "any"] or ["any"]
    indexed = getattr(source, "indexed_rows", None)
    if indexed is not None:
        stored = [] if "any" in names else [_STORED_ROLE.get(name, name) for name in names]
        rows = indexed(documents, unit_keys, list(dict.fromkeys(stored)), due_range)
        if rows is not None:
            return list(rows)
    found: dict[str, StoredClause] = {}
    for name in names:
        for row in source.rows(documents, PAYLOAD_FIELDS[name], unit_keys, due_range):
            found.setdefault(row.clause_id, row)
    return sorted(found.values(), key=lambda c: (c.document_id, c.start))
