"""Rule lines under header boxes are not bullets; a closing paragraph stands alone; a number
column labelled "ST/T" or "T/T" (wrapped in a narrow column) still opens a table."""

from __future__ import annotations

from ingest.domain import ClauseKind
from ingest.parser.plan import parse_plan

PLAN = """\
ỦY BAN NHÂN DÂN TỈNH X
-------
Số: 12/KH-UBND
KẾ HOẠCH
Thực hiện nhiệm vụ năm 2026
_____
I. MỤC ĐÍCH
1. Nâng cao chất lượng.
2. Bảo đảm tiến độ.
II. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ chủ trì, theo dõi việc thực hiện.
2. Sở Tài chính bố trí kinh phí.
Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan báo cáo Sở Nội vụ.
Trên đây là Kế hoạch thực hiện nhiệm vụ năm 2026 của UBND tỉnh.
"""


def test_a_rule_line_is_no_bullet_and_nothing_joins_it() -> None:
    plan = parse_plan(PLAN, "x")
    assert not [c for c in plan.clauses if c.kind is ClauseKind.BULLET]
    texts = [c.text for c in plan.clauses]
    assert not any(text.strip(" -_\n") == "" for text in texts)
    # the line after the rule is not a continuation of the one before it
    assert any(c.text.startswith("Số: 12/KH-UBND") for c in plan.clauses)


def test_closing_paragraphs_are_not_part_of_the_last_point() -> None:
    plan = parse_plan(PLAN, "x")
    by_start = {c.text.split(",")[0]: c for c in plan.clauses}
    during = by_start["Trong quá trình thực hiện"]
    closing = next(c for c in plan.clauses if c.text.startswith("Trên đây là Kế hoạch"))
    last_point = next(c for c in plan.clauses if c.text.startswith("2. Sở Tài chính"))
    assert during.parent_id == "x:II"  # it closes the part on carrying the plan out
    assert closing.parent_id is None  # it closes the plan
    assert "Trên đây" not in last_point.text and "Trong quá trình" not in last_point.text


def test_a_wrapped_number_label_opens_a_table() -> None:
    for label in ("ST/T", "T/T"):
        text = (
            "PHỤ LỤC\n"
            f"{label}\tNội dung\tCơ quan chủ trì\tThời hạn\n"
            "1\tTuyên truyền pháp luật\tSở Tư pháp\tQuý II/2026\n"
        )
        plan = parse_plan(text, "t")
        rows = [t for t in plan.targets if t.source == "table"]
        assert [(t.number, t.lead_units) for t in rows] == [("1", ("Sở Tư pháp",))]
        assert rows[0].deadline is not None and rows[0].deadline.raw == "Quý II/2026"


def test_a_closing_naming_its_kind_in_lower_case_stands_alone() -> None:
    """A plan of numbered slogans ends on its 23rd slogan, then "Trên đây là kế hoạch …" in
    lower case: the closing is the plan's, not a paragraph of the last slogan."""
    text = (
        "KẾ HOẠCH\nTuyên truyền\n"
        "I. KHẨU HIỆU TUYÊN TRUYỀN\n"
        "1. Ngày bầu cử là Ngày hội của toàn dân!\n"
        "2. Chủ tịch Hồ Chí Minh vĩ đại sống mãi trong sự nghiệp của chúng ta!\n"
        "Trên đây là kế hoạch triển khai thực hiện của Tiểu ban, đề nghị các cơ quan thực hiện.\n"
    )
    plan = parse_plan(text, "k")
    last = next(c for c in plan.clauses if c.text.startswith("2. Chủ tịch"))
    closing = next(c for c in plan.clauses if c.text.startswith("Trên đây là kế hoạch"))
    assert closing.parent_id is None
    assert "Trên đây" not in last.text
    assert not [c for c in plan.clauses if c.parent_id == last.id]
