"""Property test: the responsibility rows read back from every layout are the ones generated:
duties under unit headings ("1. Sở Khoa học và Công nghệ:", "Công an tỉnh:") and in role
sentences ("Sở X chủ trì, phối hợp với Sở Y …", "Thời hạn: Quý IV/2026"), and the appendix
task or indicator table (column orders and header synonyms, group rows, per-stage value
columns, unit of measure, note)."""

from __future__ import annotations

import pytest

from tests.plan_space import expected
from tests.plan_space.cases import cases, parsed


@pytest.mark.parametrize(("layout", "seed"), cases())
def test_body_duties(layout: str, seed: int) -> None:
    spec, plan = parsed(layout, seed)
    assert expected.read_duties(plan, spec) == expected.duties(spec)


@pytest.mark.parametrize(("layout", "seed"), cases())
def test_appendix_rows(layout: str, seed: int) -> None:
    spec, plan = parsed(layout, seed)
    assert expected.read_table_rows(plan) == expected.table_rows(spec)
