"""Shapes of the real HĐND tỉnh Hà Giang resolutions of batch 12k (tests/real_plans_12k) on
the parser side: a resolution copied without its header box whose number and date stand only
in its appendix heading, written without the slash ("Nghị quyết số 89NQ-HĐND ngày 14 tháng 7
năm 2017"), and two sections both numbered "3." under one Điều, both kept."""

from __future__ import annotations

from pathlib import Path

from ingest.parser.plan import parse_plan

REAL = Path(__file__).parent / "real_plans_12k"
NQ_89 = REAL / "ha-giang-hdnd-89-NQ-HDND-2017-quy-hoach-bao-ve-tai-nguyen-nuoc.txt"
CHAT_VAN = REAL / "ha-giang-hdnd-nq-2017-chat-van-ky-hop-thu-nam.txt"


def test_number_and_date_of_a_resolution_come_from_its_own_appendix_heading() -> None:
    document = parse_plan(NQ_89.read_text(encoding="utf-8"), "nq89").document
    assert document.kind == "Nghị quyết"
    assert document.number == "89NQ-HĐND"
    assert document.issued_date == "2017-07-14"
    assert document.decision_number is None  # its own number, not a decision issuing it


def test_two_sections_numbered_3_under_one_article_are_both_kept() -> None:
    plan = parse_plan(CHAT_VAN.read_text(encoding="utf-8"), "cv")
    threes = [
        c for c in plan.clauses if c.id.split(":")[1].startswith("d2/3") and c.id.count("/") == 1
    ]
    assert [c.text.split("\n")[0][:40] for c in threes] == [
        "3. Về đầu tư xây dựng các công trình, dự",
        "3. Về lĩnh vực Quốc phòng:",
    ]
    assert len({c.id for c in threes}) == 2
    defence = next(c for c in plan.clauses if c.text.startswith("3. Về lĩnh vực Quốc phòng"))
    assert "Bộ Chỉ huy Quân sự tỉnh" in " ".join(defence.text.split())
