"""Table rows by the role a unit has in them, or by when they are due."""

from __future__ import annotations

from collections.abc import Iterable

from ingest.normalize_vi import folded
from ingest.parser.units import split_units, unit_key
from retrieval.query import Period
from retrieval.stored import StoredClause

ROLE_FIELDS = ("monitoring", "lead", "cooperating")
ROLE_VERBS = {
    "monitoring": ("theo doi", "chi dao", "don doc"),
    "lead": ("chu tri", "thuc hien"),
    "cooperating": ("phoi hop",),
}


def asked_roles(folded_question: str) -> list[str]:
    """The roles a question names ("chủ trì", "phối hợp", "theo dõi"); none: every role."""
    return [role for role, words in ROLE_VERBS.items() if any(w in folded_question for w in words)]


def matching_roles(row: StoredClause, unit_keys: list[str], roles: list[str]) -> list[str]:
    """Headers of the row's columns that name one of the units in an asked role."""
    assert row.target is not None
    found = []
    for cell in row.target.cells:
        if cell.role not in ROLE_FIELDS:
            continue
        if not any(unit_key(u) in unit_keys for u in split_units(cell.text)):
            continue
        header = folded(cell.header)
        if roles and not any(
            role == cell.role or any(w in header for w in ROLE_VERBS[role]) for role in roles
        ):
            continue
        found.append(cell.header)
    return found


def due_in(rows: Iterable[StoredClause], period: Period) -> list[StoredClause]:
    """The rows whose deadline falls in the period."""
    return [
        row
        for row in rows
        if row.target is not None
        and row.target.deadline is not None
        and row.target.deadline.year is not None
        and period.contains(
            row.target.deadline.year, row.target.deadline.month, row.target.deadline.quarter
        )
    ]


def period_label(period: Period) -> str:
    if period.month is not None:
        return f"tháng {period.month}" + (f"/{period.year}" if period.year else "")
    if period.quarter is not None:
        return f"quý {period.quarter}" + (f"/{period.year}" if period.year else "")
    return f"năm {period.year}"
