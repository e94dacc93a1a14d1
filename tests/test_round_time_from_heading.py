"""A round's dates stated by its heading answer "Đợt 2 … từ ngày nào đến ngày nào": the
clauses under "2. Đợt 2: Từ ngày 23/02/2026 đến ngày 14/3/2026 gồm các nội dung:" state no
time of their own, but their heading does, so the deadline check that declines a task the
plan gives no time (another task's deadline put first) does not decline it (the real
commune plan of tests/real_plans5)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ingested_runtime

KIEM_TRA = (
    Path(__file__).resolve().parent
    / "real_plans5"
    / "luong-minh-KH-MTTQ-BTT-2025-kiem-tra-giam-sat-bau-cu.htm"
)


def test_a_round_is_dated_by_its_heading(tmp_path: Path) -> None:
    with ingested_runtime(tmp_path, [KIEM_TRA]) as runtime:
        answer = runtime.assistant().ask("dot 2 kiem tra giam sat bau cu tu ngay nao den ngay nao")
    assert not answer.abstained
    assert "23/02/2026" in answer.answer and "14/3/2026" in answer.answer
