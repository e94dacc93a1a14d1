"""The year a plan is known by: an election plan's title names the term of the bodies
elected ("… Hội đồng nhân dân các cấp nhiệm kỳ 2026 - 2031"), not the plan's year, so the
year is the date line's (the real KH kiểm tra, giám sát of tests/real_plans5, issued
10/12/2025); a stage or a year the title gives for the plan itself stays the plan's."""

from __future__ import annotations

from pathlib import Path

from ingest.facts import document_year
from ingest.parser.plan import parse_plan
from ingest.reader import read_document

FOLDER = Path(__file__).resolve().parent / "real_plans5"
KIEM_TRA = FOLDER / "luong-minh-KH-MTTQ-BTT-2025-kiem-tra-giam-sat-bau-cu.htm"


def test_the_real_election_plan_is_known_by_its_issue_year() -> None:
    text = read_document(KIEM_TRA.read_bytes(), str(KIEM_TRA)).text
    document = parse_plan(text, KIEM_TRA.stem, KIEM_TRA.name).document
    assert "nhiệm kỳ 2026 - 2031" in document.title
    assert document_year(document.title, document.issued_date) == 2025


def test_a_term_of_office_is_no_plan_year() -> None:
    title = "Kế hoạch tổ chức bầu cử Hội đồng nhân dân phường khóa 2021-2026"
    assert document_year(title, "2021-01-20") == 2021
    assert document_year("Kế hoạch bầu cử đại biểu HĐND nhiệm kỳ 2026–2031", None) is None


def test_the_plans_own_year_or_stage_stays() -> None:
    assert document_year("Kế hoạch chuyển đổi số giai đoạn 2026-2030", "2025-12-01") == 2026
    title = "Kế hoạch tuyên truyền bầu cử nhiệm kỳ 2026-2031 năm 2026"
    assert document_year(title, "2025-11-18") == 2026
