"""Rules the real commune plans read from HTML showed (tests/real_plans5, batch -real5): each
task followed by its own labelled lines, a "repeated block" of identical labelled lines under
two tasks, a number without its closing dot, a standing organ as the issuer, and the monitoring
role asked only when a unit is asked for. On the real files, then on invented texts of the
same shape."""

from __future__ import annotations

from pathlib import Path

from ingest.domain import Clause, ParsedPlan, Target
from ingest.parser.lines import find_repeated_blocks, split_lines
from ingest.parser.plan import parse_plan
from ingest.reader import read_document
from retrieval.query import Intent, understand

FOLDER = Path(__file__).resolve().parent / "real_plans5"
KH16 = FOLDER / "luong-minh-16-KH-MTTQ-BTT-2025-cong-tac-bau-cu.htm"


def _parsed(path: Path) -> ParsedPlan:
    text = read_document(path.read_bytes(), str(path)).text
    return parse_plan(text, path.stem, path.name)


def _row(plan: ParsedPlan, number: str) -> Target:
    return next(t for t in plan.targets if t.number == number)


def _clause(plan: ParsedPlan, number: str) -> Clause:
    return next(c for c in plan.clauses if c.number == number)


def test_each_task_of_the_real_plan_has_its_own_row() -> None:
    plan = _parsed(KH16)
    row = _row(plan, "2.1")
    assert row.lead_units == (
        "Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực Giám sát và Phản biện xã hội",
    )
    assert "Trưởng đoàn thể xã" in row.cooperating_units
    assert row.deadline is not None and row.deadline.raw == "Quý IV/2025 và Quý I/2026"
    products = [c.text for c in row.cells if c.role == "product"]
    assert products == ["Hồ sơ nhân sự, các văn bản, tài liệu phục vụ các Hội nghị"]
    assert _row(plan, "7.1").deadline is not None
    assert _row(plan, "7.1").content == "Tổng kết công tác bầu cử"  # "7.1 Tổng kết" keeps its 7
    assert _row(plan, "1.3").content.startswith("Xây dựng, ban hành kế hoạch")


def test_identical_labelled_lines_under_two_tasks_are_no_repeated_header() -> None:
    plan = _parsed(KH16)
    task = _clause(plan, "1.2")
    assert len(task.children) == 4  # thời gian, chủ trì, phối hợp, kết quả
    assert _row(plan, "1.2").lead_units


def test_the_real_plans_issuer_is_the_standing_organ_of_its_body() -> None:
    assert _parsed(KH16).document.issuer == "Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh"


TASKS = """ỦY BAN NHÂN DÂN
XÃ HƯNG THỬ
Số: 41/KH-UBND
Hưng Thử, ngày 03 tháng 3 năm 2026
KẾ HOẠCH
Chuyển đổi số năm 2026

I. NHIỆM VỤ

1. Số hóa hồ sơ

1.1. Số hóa sổ hộ tịch

- Thời gian hoàn thành: Quý II/2026;

- Đơn vị chủ trì: Công chức Tư pháp - Hộ tịch

- Đơn vị phối hợp: Văn phòng HĐND và UBND xã

- Kết quả: Cơ sở dữ liệu hộ tịch

1.2. Số hóa hồ sơ đất đai

- Phối hợp với Chi nhánh Văn phòng đăng ký đất đai rà soát hồ sơ.

- Thời gian hoàn thành: Quý III/2026;

- Đơn vị chủ trì: Công chức Tư pháp - Hộ tịch

- Đơn vị phối hợp: Văn phòng HĐND và UBND xã

- Kết quả: Cơ sở dữ liệu hộ tịch
"""


def test_a_tasks_labelled_lines_make_its_row() -> None:
    plan = parse_plan(TASKS, "x", "x.txt")
    row = _row(plan, "1.1")
    assert row.lead_units == ("Công chức Tư pháp - Hộ tịch",)
    assert row.cooperating_units == ("Văn phòng HĐND và UBND xã",)
    assert row.deadline is not None and row.deadline.quarter == 2
    assert [c.text for c in row.cells if c.role == "product"] == ["Cơ sở dữ liệu hộ tịch"]


def test_a_task_that_opens_with_phoi_hop_is_no_label() -> None:
    plan = parse_plan(TASKS, "x", "x.txt")
    row = _row(plan, "1.2")
    assert row.deadline is not None and row.deadline.quarter == 3
    assert row.cooperating_units == ("Văn phòng HĐND và UBND xã",)
    rows = [t for t in plan.targets if "Chi nhánh Văn phòng đăng ký đất đai" in t.content]
    assert rows and all(t.lead_units == ("Công chức Tư pháp - Hộ tịch",) for t in rows)


def test_a_header_extracted_twice_is_still_a_repeated_block() -> None:
    header = "ỦY BAN NHÂN DÂN TỈNH QUẢNG THỬ\n\nSỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH QUẢNG THỬ\n\n"
    header += "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ CỦA SỞ KHOA HỌC VÀ CÔNG NGHỆ\n\n"
    header += "Số: 12/KH-SKHCN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
    header += "Độc lập - Tự do - Hạnh phúc\n\nQuảng Thử, ngày 02 tháng 3 năm 2026\n\n"
    text = header + header + "KẾ HOẠCH\n\nChuyển đổi số\n"
    repeated = find_repeated_blocks(split_lines(text))
    assert len(repeated) >= 6
    # three labelled lines repeated under two tasks, blank lines between, are content
    block = "- Đơn vị chủ trì: Công chức Tư pháp - Hộ tịch của xã Hưng Thử\n\n"
    block += "- Đơn vị phối hợp: Văn phòng HĐND và UBND xã Hưng Thử và các thôn\n\n"
    block += "- Kết quả: Cơ sở dữ liệu hộ tịch được cập nhật đầy đủ trên hệ thống\n\n"
    twice = "1. Việc một\n\n" + block + "2. Việc hai\n\n" + block
    assert not find_repeated_blocks(split_lines(twice))


def test_a_standing_organ_issues_in_its_bodys_name() -> None:
    text = (
        "ỦY BAN MTTQ VIỆT NAM\nTỈNH QUẢNG THỬ\nBAN THƯỜNG TRỰC\nSố: 04/KH-MTTQ-BTT\n"
        "Quảng Thử, ngày 04 tháng 12 năm 2025\nKẾ HOẠCH\nGiám sát công tác bầu cử\n"
        "I. MỤC ĐÍCH\n1. Bảo đảm dân chủ.\n"
    )
    document = parse_plan(text, "x", "x.txt").document
    assert document.issuer == "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Thử"


def test_the_monitoring_role_is_asked_only_with_a_unit() -> None:
    assert understand("Ai chỉ đạo trực tiếp các chuyên viên?").intent is Intent.WHO_MONITOR
    assert understand("Đơn vị nào theo dõi việc số hóa hộ tịch?").intent is not Intent.WHO_MONITOR
    for question in (
        "Hoạt động kiểm tra, giám sát bầu cử chia thành mấy đợt?",
        "Các hình thức kiểm tra, giám sát bầu cử gồm những gì?",
    ):
        assert understand(question).intent is not Intent.WHO_MONITOR, question


def test_a_numbered_step_asked_is_preferred_to_its_siblings() -> None:
    from retrieval.rerank import steps_named

    assert steps_named("hiep thuong lan thu nhat cham nhat ngay nao") == {("lan", 1)}
    assert steps_named("dot 2 kiem tra giam sat") == {("dot", 2)}
    assert steps_named("cham nhat ngay 10/12/2025 giai doan 2026-2030") == set()
    assert steps_named("hoi nghi hiep thuong lan thu nhat, lan thu hai") == {("lan", 1), ("lan", 2)}
