"""Table rows by when they are due (rows by a unit's role: `retrieval.roles`)."""

from __future__ import annotations

from collections.abc import Iterable

from retrieval.query import Period
from retrieval.stored import StoredClause


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
