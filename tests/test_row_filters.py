"""A list answer's rows as matrix filters: the period's days, the one role the matrix has."""

from __future__ import annotations

import datetime as dt

from retrieval.query import Period
from retrieval.roles import Role
from retrieval.row_filters import matrix_role, period_dates, row_filter


def test_a_period_becomes_its_first_and_last_day() -> None:
    assert period_dates(Period(2025, month=2)) == (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    assert period_dates(Period(2024, month=2)) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period_dates(Period(2025, quarter=3)) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    assert period_dates(Period(2026)) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert period_dates(Period(None, month=10)) == (None, None)  # "tháng 10": which year?


def test_one_role_asked_is_the_matrix_role_several_are_any() -> None:
    assert matrix_role([Role.LEAD]) == "lead"
    assert matrix_role([Role.DIRECT]) == "monitoring"  # a monitoring column in the matrix
    assert matrix_role([Role.DIRECT, Role.MONITORING]) == "monitoring"
    assert matrix_role([Role.LEAD, Role.COOPERATING]) == "any"
    assert matrix_role([]) == "any"


def test_the_filter_names_each_unit_and_plan_once() -> None:
    found = row_filter(["Công an tỉnh", "Công an tỉnh"], [Role.LEAD], ["kh-1", "kh-1", "kh-2"])
    assert found.units == ("Công an tỉnh",) and found.documents == ("kh-1", "kh-2")
    assert found.due_after is None and found.due_before is None
