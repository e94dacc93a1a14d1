"""A list answer's rows as the responsibility matrix's filters (`RowFilter`): the units,
the role, the plans and the period the rows were selected by, so that "xem tất cả" on the
web opens the matrix showing the same list."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

from retrieval.answers import MatrixRole, RowFilter
from retrieval.query import Period
from retrieval.roles import Role

# the matrix has no "trực tiếp chỉ đạo" column of its own: it is a monitoring column
_MATRIX_ROLES: dict[Role, MatrixRole] = {
    Role.LEAD: "lead",
    Role.MONITORING: "monitoring",
    Role.COOPERATING: "cooperating",
    Role.DIRECT: "monitoring",
}


def row_filter(
    units: Sequence[str] = (),
    roles: Sequence[Role] = (),
    documents: Sequence[str] = (),
    period: Period | None = None,
) -> RowFilter:
    """The filter of rows naming one of `units` in the role asked, in `documents` (none:
    every plan), due within `period`."""
    due_after, due_before = period_dates(period) if period else (None, None)
    return RowFilter(
        units=tuple(dict.fromkeys(units)),
        role=matrix_role(roles),
        documents=tuple(dict.fromkeys(documents)),
        due_after=due_after,
        due_before=due_before,
    )


def matrix_role(roles: Sequence[Role]) -> MatrixRole:
    """The one matrix role the roles asked map to; "any" for none or several."""
    found = {_MATRIX_ROLES[role] for role in roles}
    return found.pop() if len(found) == 1 else "any"


def period_dates(period: Period) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of the period; (None, None) when it names no year."""
    year = period.year
    if year is None:
        return None, None
    if period.month is not None:
        first, last = period.month, period.month
    elif period.quarter is not None:
        first, last = period.quarter * 3 - 2, period.quarter * 3
    else:
        first, last = 1, 12
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
