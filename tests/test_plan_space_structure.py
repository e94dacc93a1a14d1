"""Property test: the clause tree and the stages read back from every layout are the ones
generated: parts, sections and points with their numbers and headings in order, and every
clause under a stage heading ("Mục tiêu đến năm 2030", "Giai đoạn 2026-2030", "Tầm nhìn đến
năm 2045") in that stage, and no other clause in any."""

from __future__ import annotations

import pytest

from tests.plan_space import expected
from tests.plan_space.cases import cases, parsed


@pytest.mark.parametrize(("layout", "seed"), cases())
def test_clause_numbers_and_headings(layout: str, seed: int) -> None:
    spec, plan = parsed(layout, seed)
    assert expected.read_clauses(plan, spec) == expected.clauses(spec)


@pytest.mark.parametrize(("layout", "seed"), cases())
def test_periods_of_targets(layout: str, seed: int) -> None:
    spec, plan = parsed(layout, seed)
    assert expected.read_periods(plan, spec) == expected.periods(spec)
