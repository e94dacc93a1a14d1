"""OCR copies of Party documents keep their structure: slipped markers and page furniture."""

from __future__ import annotations

from pathlib import Path

from ingest.domain import ClauseKind
from ingest.parser.lines import find_page_furniture, split_lines
from ingest.parser.ocr_slips import repaired_markers
from ingest.parser.plan import parse_plan

OCR = (
    Path(__file__).parent / "real_plans6" / "bo-chinh-tri-31-CTr-TW-2026-bao-ve-moi-truong-ocr.txt"
)

SLIPPED = """\
1- MỤC ĐÍCH, YÊU CẦU
1. Quán triệt sâu sắc chủ trương của Đảng.
II- NHIỆM VỤ CHỦ YẾU
1. Tăng cường sự lãnh đạo của Đảng.
HI- TỔ CHỨC THỰC HIỆN
1. Đảng uỷ Chính phủ
8) Chỉ đạo xây dựng chương trình hành động.
b) Chỉ đạo rà soát các quy định.
"""


REPEATED = """\
I- BỐI CẢNH
Sau hơn 13 năm thực hiện Nghị quyết.
I- QUAN ĐIỂM, MỤC TIÊU
1. Quan điểm
II- NHIỆM VỤ, GIẢI PHÁP
1. Tăng cường sự lãnh đạo của Đảng.
IV- TỔ CHỨC THỰC HIỆN
1. Bộ Chính trị ban hành Chương trình hành động.
"""


def test_parts_read_with_an_i_dropped_take_their_numerals_from_the_sequence() -> None:
    plan = parse_plan(REPEATED, "ocr")
    parts = [c.number for c in plan.clauses if c.kind is ClauseKind.PART]
    assert parts == ["I", "II", "III", "IV"]
    # a sequence with a gap that no dropped "I" explains is left as read
    gap = REPEATED.replace("II- NHIỆM", "V- NHIỆM")
    assert [c.number for c in parse_plan(gap, "ocr").clauses if c.kind is ClauseKind.PART][:2] != [
        "I",
        "II",
    ]


def _numbers(text: str) -> dict[str, str | None]:
    lines = split_lines(text)
    found = repaired_markers(lines)
    return {lines[k].text[:6]: marker.number for k, marker in found.items()}


def test_slipped_part_and_point_markers_are_read_from_their_sequence() -> None:
    assert _numbers(SLIPPED) == {"1- MỤC": "I", "HI- TỔ": "III", "8) Chỉ": "a"}
    plan = parse_plan(SLIPPED, "ocr")
    parts = [c.number for c in plan.clauses if c.kind is ClauseKind.PART]
    assert parts == ["I", "II", "III"]
    point = next(c for c in plan.clauses if c.kind is ClauseKind.POINT and c.number == "a")
    assert point.path.startswith("III. TỔ CHỨC THỰC HIỆN › 1. Đảng uỷ Chính phủ")


def test_no_slip_is_read_without_a_sequence_to_fill() -> None:
    # no Roman part read right: "1- MỤC TIÊU" is a section written in capitals
    assert _numbers("1- MỤC TIÊU CHUNG\n2- NHIỆM VỤ CỤ THỂ\n") == {}
    # part I is there already; sentence case is no part heading
    assert _numbers("I. MỤC ĐÍCH\n1. MỤC TIÊU CHUNG\nII. NHIỆM VỤ\n1- Nhiệm vụ chung\n") == {}
    # "8)" with no "b)" after it is item 8
    assert _numbers("7) Bảy.\n8) Tám.\n9) Chín.\n") == {}


def test_ocr_page_markers_and_the_running_head_are_furniture() -> None:
    text = "".join(
        f"===== Trang {page} =====\n18.CTRTW31.DOC {page}\n\nnội dung trang {page}\n"
        for page in range(2, 6)
    )
    text += "===== Trang 6 =====\nPHỤ LỤC 1\n===== Trang 7 =====\nPHỤ LỤC 2\n"
    lines = split_lines(text)
    dropped = {lines[k].text for k in find_page_furniture(lines)}
    assert "18.CTRTW31.DOC 3" in dropped and "===== Trang 4 =====" in dropped
    assert not any(text.startswith(("nội dung", "PHỤ LỤC")) for text in dropped)


def test_the_real_ocr_programme_has_its_parts_and_party_bodies() -> None:
    plan = parse_plan(OCR.read_text(encoding="utf-8"), "bct31")
    parts = [c.heading for c in plan.clauses if c.kind is ClauseKind.PART]
    assert parts == ["MỤC ĐÍCH, YÊU CÂU", "NHIỆM VỤ CHỦ YẾU", "TỎ CHỨC THỰC HIỆN"]
    bodies = [
        c.heading
        for c in plan.clauses
        if c.kind is ClauseKind.SECTION and c.path.startswith("III.")
    ]
    assert bodies[0] == "Đảng uỷ Quốc hội" and bodies[-1] == "Ban Tuyên giáo và Dân vận Trung ương"
    assert len(bodies) == 9
    assert not any("CTRTW" in (c.heading or "") for c in plan.clauses)
    provinces = next(c for c in plan.clauses if c.heading == "Các tỉnh uỷ, thành uỷ")
    points = [c.number for c in plan.clauses if c.parent_id == provinces.id]
    assert points == ["a", "b", "c", "d"]


def test_a_lone_part_i_before_item_2_is_item_1() -> None:
    text = "I. Tổ chức tuyên truyền.\n\n2. Rà soát văn bản.\n\n3. Chỉ đạo chủ đầu tư.\n"
    assert _numbers(text) == {"I. Tổ ": "1"}
    # a part I whose items open with 1 is a part
    assert _numbers("I. MỤC ĐÍCH\n1. Một.\n2. Hai.\n") == {}


def test_points_read_as_look_alikes_take_the_letter_their_sequence_needs() -> None:
    text = (
        "5. Đối với các Bộ:\na) Một.\nb) Hai.\n©) Ba.\nd) Bốn.\nđ) Năm.\ne) Sáu.\n"
        "8) Bảy.\n6. Các địa phương:\na) Một.\n"
    )
    assert _numbers(text) == {"©) Ba.": "c", "8) Bảy": "g"}
    # a look-alike that cannot stand for the letter needed stays as read
    assert _numbers("a) Một.\nb) Hai.\n8) Ba.\nd) Bốn.\n") == {}


def test_an_item_number_misread_inside_its_run_is_the_one_between() -> None:
    text = "3. Ba.\n\n4. Bốn.\n\n3. Năm.\n\n6. Sáu.\n"
    assert _numbers(text) == {"3. Năm": "5"}
    # numbering that restarts is no slip
    assert _numbers("1. Một.\n2. Hai.\n1. Một.\n2. Hai.\n") == {}
    # nor a nested list restarting at 1 between items two apart
    assert _numbers("3. Ba.\n\n1. Một.\n\n5. Năm.\n") == {}
