"""Rules the failing questions of batch-2026-12-real2 showed missing (issue 12), each tested
on invented texts of the same shape as the real ones (tests/real_plans2):

- letter parts above the Roman ones ("A. MỤC ĐÍCH, YÊU CẦU" … "D. TỔ CHỨC THỰC HIỆN"), as long
  plans group their parts: the Roman parts nest under them, and a letter part's sections are
  its own (not the last Roman part's);
- "Bộ Ngoại giao" is one unit ("giao" assigns, "ngoại giao" is a noun);
- an "Đơn vị thực hiện:" block beside "Cơ quan chủ trì" names the units that carry the tasks
  out;
- "… do Bộ Quốc phòng hướng dẫn thực hiện": the unit that guides the doing leads;
- the words a title uses to cite the document it implements ("Quyết định số … của Thủ tướng
  Chính phủ về việc phê duyệt Đề án …") never name the plan.
"""

from __future__ import annotations

from ingest.domain import ClauseKind
from ingest.parser.duty_roles import read_roles
from ingest.parser.markers import is_letter_part, read_marker
from ingest.parser.plan import parse_plan
from ingest.parser.unit_names import name_end
from retrieval.documents import _CITING, _COMMON, DocumentInfo, _naming_score

LETTER_PARTS = """BAN CHỈ ĐẠO TỈNH QUẢNG THỬ
Số: 12/KH-BCĐ
Quảng Thử, ngày 05 tháng 3 năm 2026
KẾ HOẠCH
Triển khai công tác phòng, chống dịch năm 2026
A. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao năng lực phòng, chống dịch.
B. NỘI DUNG, NHIỆM VỤ
I. TUYÊN TRUYỀN
1. Nội dung, biện pháp
a) Tổ chức tuyên truyền trên báo, đài.
2. Cơ quan chủ trì, thực hiện
a) Cơ quan chủ trì
- Sở Y tế.
b) Đơn vị thực hiện: Các Đội phản ứng nhanh của tỉnh.
3. Thời gian thực hiện: Từ tháng 3/2026 trở đi.
II. HỢP TÁC
1. Nội dung, biện pháp
a) Trao đổi thông tin với các tỉnh bạn.
2. Cơ quan chủ trì: Sở Ngoại vụ.
C. TỔ CHỨC THỰC HIỆN
1. Sở Y tế
Chủ trì theo dõi, đôn đốc thực hiện Kế hoạch.
2. Bộ Ngoại giao
Phối hợp với Sở Y tế trong việc trao đổi thông tin dịch bệnh.
"""


def test_a_letter_part_is_read_only_from_a_heading_in_capitals() -> None:
    marker = read_marker("B. NỘI DUNG, NHIỆM VỤ, GIẢI PHÁP")
    assert marker is not None and marker.kind is ClauseKind.PART and marker.number == "B"
    assert is_letter_part(marker)
    assert read_marker("A. Nguyễn Văn Bình, Giám đốc Sở") is None  # an initial, not a part
    roman = read_marker("I. TUYÊN TRUYỀN")
    assert roman is not None and not is_letter_part(roman)


def test_roman_parts_nest_under_the_letter_part_and_sections_stay_in_theirs() -> None:
    parsed = parse_plan(LETTER_PARTS, "qt-12", "qt-12.txt")
    by_id = {c.id.split(":", 1)[1]: c for c in parsed.clauses}
    assert by_id["B/I"].kind is ClauseKind.PART and by_id["B/I"].parent_id == "qt-12:B"
    assert by_id["B/II"].parent_id == "qt-12:B"
    # a letter part holding Roman parts is named by its letter in their paths
    assert by_id["B/I/1"].path.startswith("B › I. TUYÊN TRUYỀN › 1.")
    assert by_id["B"].path == "B. NỘI DUNG, NHIỆM VỤ"
    # "C. TỔ CHỨC THỰC HIỆN" › "1. Sở Y tế": not a section of the Roman part II before it
    assert by_id["C/1"].path.startswith("C. TỔ CHỨC THỰC HIỆN › 1. Sở Y tế")
    assert "B/II/1~2" not in by_id and "A/1" in by_id
    for clause in parsed.clauses:  # offsets still quote the source
        assert LETTER_PARTS[clause.start : clause.end] == clause.text


def test_an_executing_block_names_the_units_after_the_leads() -> None:
    parsed = parse_plan(LETTER_PARTS, "qt-12", "qt-12.txt")
    rows = {row.content: row for row in parsed.targets if row.source == "body"}
    task = rows["Tổ chức tuyên truyền trên báo, đài"]
    assert task.lead_units == ("Sở Y tế", "Các Đội phản ứng nhanh của tỉnh")
    assert task.deadline is not None and task.deadline.month == 3
    cell = next(c for c in task.cells if c.text == "Các Đội phản ứng nhanh của tỉnh")
    assert LETTER_PARTS[cell.start : cell.end] == cell.text


def test_bo_ngoai_giao_is_one_unit_that_heads_its_tasks() -> None:
    text = "Bộ Ngoại giao chủ trì"
    assert text[: name_end(text, 0)] == "Bộ Ngoại giao"
    assigned = "Sở Tư pháp giao việc"
    assert assigned[: name_end(assigned, 0)] == "Sở Tư pháp"  # "giao" still assigns
    parsed = parse_plan(LETTER_PARTS, "qt-12", "qt-12.txt")
    row = next(r for r in parsed.targets if r.content.startswith("Phối hợp với Sở Y tế"))
    # "Phối hợp với Sở Y tế …" under Bộ Ngoại giao's heading: the ministry's part is to
    # co-operate, with Sở Y tế; the text makes neither the lead
    assert row.lead_units == () and row.cooperating_units == ("Bộ Ngoại giao", "Sở Y tế")


def _info(doc_id: str, title: str) -> DocumentInfo:
    return DocumentInfo(
        id=doc_id,
        title=title,
        number=None,
        issued_date=None,
        issuer=None,
        signer=None,
        signer_title=None,
        field=None,
        kind="Kế hoạch",
        place_level=None,
        place_name=None,
        replaces=(),
        based_on=(),
    )


def test_the_document_a_title_cites_does_not_name_the_plan() -> None:
    title = (
        "Kế hoạch Triển khai thực hiện Quyết định số 1237/QĐ-TTg của Thủ tướng Chính phủ "
        "về việc phê duyệt đề án tìm kiếm, quy tập hài cốt liệt sĩ"
    )
    # the title's word pairs no other title has (the facts store's distinctive bigrams)
    bigrams = {"thu tuong", "tuong chinh", "chinh phu", "de an", "quyet dinh", "quy tap", "hai cot"}
    distinctive = {b for b in bigrams if not set(b.split()) <= _COMMON | _CITING}
    assert distinctive == {"quy tap", "hai cot"}
    info = _info("bcd-252", title)
    asked = " bo ldtbxh phai trinh thu tuong de an phat trien co so nuoi duong trong thoi han nao "
    assert _naming_score(asked, info, distinctive) == 0
    named = " ke hoach tim kiem quy tap hai cot liet si giao bo nao "
    assert _naming_score(named, info, distinctive) == 2


def test_the_unit_that_guides_the_doing_leads() -> None:
    text = (
        "Cơ cấu thành phần Ban Chỉ đạo các cấp, Văn phòng Ban Chỉ đạo quốc gia và cơ quan "
        "thường trực Ban Chỉ đạo các cấp do Bộ Quốc phòng hướng dẫn thực hiện."
    )
    assert [u.text for u in read_roles(text, 0, len(text)).lead] == ["Bộ Quốc phòng"]
    pointer = "Lập báo cáo theo mẫu do Bộ Tài chính hướng dẫn."
    assert read_roles(pointer, 0, len(pointer)).lead == []
