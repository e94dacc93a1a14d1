"""Rules the real Party-body programmes showed (tests/real_plans6, batch -real6): a sentence
hard-wrapped just before "Phụ lục 2 kèm theo …", a table's "II.1" group inside an appendix,
"Trách nhiệm chỉ đạo thực hiện: …" closing a group of tasks, duties under Party-committee
headings ("1. Các cấp ủy, tổ chức đảng", "4. Quân uỷ Trung ương") and Party duty verbs
("lãnh đạo", "chỉ đạo", "thường xuyên kiểm tra, giám sát"). On the real files, then on
invented texts of the same shapes."""

from __future__ import annotations

from pathlib import Path

from ingest.domain import ClauseKind, ParsedPlan, Target
from ingest.parser.plan import parse_plan

FOLDER = Path(__file__).resolve().parent / "real_plans6"
LAO_CAI = FOLDER / "lao-cai-104-CTr-TU-2026-bao-ve-moi-truong.txt"
POLITBURO = FOLDER / "bo-chinh-tri-31-CTr-TW-2026-bao-ve-moi-truong-ocr.txt"


def _parsed(path: Path) -> ParsedPlan:
    return parse_plan(path.read_text(encoding="utf-8"), path.stem, path.name)


def _rows(plan: ParsedPlan, words: str) -> list[Target]:
    return [t for t in plan.targets if t.content.startswith(words)]


def test_a_sentence_wrapped_before_phu_luc_opens_no_appendix() -> None:
    plan = _parsed(LAO_CAI)
    item = next(c for c in plan.clauses if c.number == "3.9")
    assert item.path.startswith("III. NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM › 3.")
    appendices = [c for c in plan.clauses if c.kind is ClauseKind.APPENDIX]
    assert [c.number for c in appendices] == ["Phụ lục 1", "Phụ lục 2"]
    assert all(c.start > plan.source_text.index("Hoàng Giang") for c in appendices)


def test_a_group_row_of_an_appendix_table_is_no_part() -> None:
    plan = _parsed(LAO_CAI)
    parts = [c.number for c in plan.clauses if c.kind is ClauseKind.PART]
    assert parts == ["I", "II", "III", "IV"]
    # the layout table is read as a table: "II.5" is a group row, its tasks are its rows
    group = next(c for c in plan.clauses if c.number == "II.5")
    assert group.kind is ClauseKind.TABLE_GROUP and group.path.startswith("Phụ lục 2 › ")
    rows = {t.number: t for t in plan.targets if t.clause_id in group.children}
    assert rows["16"].content == "Xây dựng Kịch bản biến đổi khí hậu (cập nhật)"


def test_the_group_s_responsibility_line_leads_its_tasks() -> None:
    plan = _parsed(LAO_CAI)
    (group,) = _rows(plan, "Tăng cường hợp tác quốc tế và liên kết vùng")
    # "chỉ đạo": the column a task table calls "trực tiếp chỉ đạo" (a monitoring column)
    assert group.monitoring_units == ("Đảng ủy Ủy ban nhân dân tỉnh",)
    header = {c.header for c in group.cells if c.role == "monitoring"}
    assert header == {"Trách nhiệm chỉ đạo thực hiện"}
    (task,) = _rows(plan, "Đẩy mạnh hợp tác đối ngoại môi trường với tỉnh Vân Nam")
    assert task.monitoring_units == ("Đảng ủy Ủy ban nhân dân tỉnh",)
    (nature,) = _rows(plan, "Bảo tồn thiên nhiên, phục hồi hệ sinh thái")
    assert nature.monitoring_units == ("Các cấp ủy", "tổ chức đảng")
    for row in (group, task, nature):
        for cell in row.cells:
            assert " ".join(plan.source_text[cell.start : cell.end].split()) == cell.text


def test_party_committee_headings_lead_the_tasks_under_them() -> None:
    plan = _parsed(LAO_CAI)
    assert _rows(plan, "Tổ chức học tập, quán triệt sâu rộng")[0].lead_units == (
        "Các cấp ủy",
        "tổ chức đảng",
    )
    (control,) = _rows(plan, "Ủy ban Kiểm tra Tỉnh ủy thường xuyên")
    assert control.monitoring_units == ("Ủy ban Kiểm tra Tỉnh ủy",)
    politburo = _parsed(POLITBURO)
    assert _rows(politburo, "Chủ động tổ chức, rà soát")[0].lead_units == ("Quân uỷ Trung ương",)
    (police,) = _rows(politburo, "Chỉ đạo đổi mới tư duy")
    assert police.lead_units == ("Đảng uỷ Công an Trung ương",)
    assert "Đảng uỷ Viện Kiểm sát nhân dân tối cao" in police.cooperating_units


TEXT = """TỈNH ỦY HÀ THỬ                         ĐẢNG CỘNG SẢN VIỆT NAM
      *
Số 20-CTr/TU                       Hà Thử, ngày 05 tháng 5 năm 2026

CHƯƠNG TRÌNH HÀNH ĐỘNG
thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị

I. NHIỆM VỤ
1. Phát triển hạ tầng số
- Xây dựng trung tâm dữ liệu của tỉnh.
- Phủ sóng 5G các khu công nghiệp.
Trách nhiệm chỉ đạo thực hiện: Đảng ủy Ủy ban nhân dân tỉnh; các cấp ủy, tổ chức đảng.
2. Các nhiệm vụ thường xuyên được xác định tại
Phụ lục 1 kèm theo Chương trình hành động này, tổ chức thực hiện theo tiến độ.
II. TỔ CHỨC THỰC HIỆN
1. Các cấp ủy, tổ chức đảng
- Quán triệt Nghị quyết đến cán bộ, đảng viên.
2. Giao Đảng đoàn Hội đồng nhân dân tỉnh lãnh đạo thể chế hóa các chính sách.
3. Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo xây dựng kế hoạch thực hiện.
4. Ủy ban Kiểm tra Tỉnh ủy thường xuyên kiểm tra, giám sát việc thực hiện.

T/M TỈNH ỦY
BÍ THƯ
Nguyễn Văn Thử
"""


def test_the_rules_on_an_invented_programme() -> None:
    plan = parse_plan(TEXT, "x", "x.txt")
    assert not [c for c in plan.clauses if c.kind is ClauseKind.APPENDIX]
    (five_g,) = _rows(plan, "Phủ sóng 5G")
    directing = ("Đảng ủy Ủy ban nhân dân tỉnh", "các cấp ủy", "tổ chức đảng")
    assert five_g.monitoring_units == directing and not five_g.lead_units
    assert _rows(plan, "Phát triển hạ tầng số")[0].monitoring_units == directing
    carried = parse_plan(
        TEXT.replace("Trách nhiệm chỉ đạo thực hiện", "Trách nhiệm thực hiện"), "x", "x"
    )
    assert _rows(carried, "Phủ sóng 5G")[0].lead_units == directing
    assert _rows(plan, "Quán triệt Nghị quyết")[0].lead_units == ("Các cấp ủy", "tổ chức đảng")
    assert _rows(plan, "Giao Đảng đoàn")[0].lead_units == ("Đảng đoàn Hội đồng nhân dân tỉnh",)
    assert _rows(plan, "Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo")[0].lead_units == (
        "Đảng ủy Ủy ban nhân dân tỉnh",
    )
    assert _rows(plan, "Ủy ban Kiểm tra")[0].monitoring_units == ("Ủy ban Kiểm tra Tỉnh ủy",)
