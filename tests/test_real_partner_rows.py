"""Tasks a unit's heading holds that open "Phối hợp với Sở B …" (the real Cần Thơ KH 165 of
tests/real_plans: "1. Sở Y tế" / "c) Phối hợp với Sở Tư pháp và các cơ quan liên quan …")
name no lead: the unit and B co-operate. "Sở Y tế phối hợp với những sở nào?" still lists
each such task with its partners, and B is given no task to lead."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.parser.plan import parse_plan
from retrieval.assistant import Assistant
from tests.conftest import ingested_runtime

CAN_THO = Path(__file__).parent / "real_plans" / "can-tho-165-KH-UBND-2025.txt"


def test_a_partner_named_under_another_units_heading_leads_nothing() -> None:
    plan = parse_plan(CAN_THO.read_text(encoding="utf-8"), CAN_THO.stem, CAN_THO.name)
    row = next(t for t in plan.targets if t.content.startswith("Phối hợp với Sở Nội vụ"))
    assert row.lead_units == ()
    assert row.cooperating_units[:2] == ("Sở Y tế", "Sở Nội vụ")
    assert not [t for t in plan.targets if "Sở Nội vụ" in t.lead_units]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("partner-home"), [CAN_THO]) as runtime:
        yield runtime.assistant()


def test_the_partners_of_a_unit_include_tasks_without_a_lead(assistant: Assistant) -> None:
    answer = assistant.ask("Sở Y tế phối hợp với những sở nào trong Kế hoạch 165?")
    assert "Sở Tư pháp" in answer.answer
    assert "Sở Nội vụ" in answer.answer
