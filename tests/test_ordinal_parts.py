"""Parts written "Phần mở đầu", "Phần thứ nhất" … "Phần thứ ba" (NĐ 30/2020's "Phần", the way
Đề án are laid out) hold the Roman parts under them, so "I. MỤC TIÊU" of the second part is
never a sibling of "I. KẾT QUẢ ĐẠT ĐƯỢC" of the first; the part's heading in capitals on the
lines under it is read as its heading, not as a paragraph."""

from __future__ import annotations

from ingest.domain import ClauseKind
from ingest.parser.markers import is_letter_part, read_marker
from ingest.parser.plan import parse_plan

TEXT = """TỈNH ỦY AN LẠC
*
ĐỀ ÁN
Phát triển vùng chè an toàn
                       Phần mở đầu
        SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN
I. SỰ CẦN THIẾT
An Lạc có diện tích chè lớn nhưng năng suất còn thấp.
                     Phần thứ nhất
   THỰC TRẠNG VÙNG CHÈ
       GIAI ĐOẠN 2021-2025
I. KẾT QUẢ ĐẠT ĐƯỢC
1. Diện tích chè đạt 5.000 ha.
                     Phần thứ hai
     MỤC TIÊU VÀ GIẢI PHÁP
I. MỤC TIÊU
1. Đến năm 2030 diện tích chè an toàn đạt 8.000 ha.
"""


def test_an_ordinal_part_is_a_part_above_the_roman_ones() -> None:
    marker = read_marker("Phần thứ hai")
    assert marker is not None and marker.kind is ClauseKind.PART
    assert marker.number == "Phần thứ hai" and is_letter_part(marker)
    assert read_marker("PHẦN THỨ BA: TỔ CHỨC THỰC HIỆN") is not None
    assert read_marker("Phần mở đầu") is not None
    # a sentence opening with "Phần" is no part
    assert read_marker("Phần thứ hai của kế hoạch được giao cho Sở") is None


def test_roman_parts_sit_under_their_ordinal_part_with_its_heading() -> None:
    plan = parse_plan(TEXT, "chè")
    parts = {c.number: c for c in plan.clauses if c.kind is ClauseKind.PART}
    second = parts["Phần thứ hai"]
    assert second.heading == "MỤC TIÊU VÀ GIẢI PHÁP"
    assert parts["Phần thứ nhất"].heading == "THỰC TRẠNG VÙNG CHÈ GIAI ĐOẠN 2021-2025"
    goals = next(c for c in plan.clauses if c.text.startswith("I. MỤC TIÊU"))
    results = next(c for c in plan.clauses if c.text.startswith("I. KẾT QUẢ"))
    assert goals.parent_id == second.id
    assert results.parent_id == parts["Phần thứ nhất"].id
    assert goals.id != results.id
    assert plan.document.title and "Phần" not in plan.document.title
