"""One test per parser fix the plan-space generator led to (tests/plan_space): each shape is
written out here so the rule stays tested even if the generator changes."""

from __future__ import annotations

from ingest.parser.header.casing import sentence_case
from ingest.parser.header.number import parse_number
from ingest.parser.header.signature import find_signer
from ingest.parser.periods import heading_stage
from ingest.parser.plan import parse_plan
from ingest.parser.unit_names import split_unit_list


def test_party_number_left_blank_until_signing() -> None:
    blank = parse_number("Số      -CTr/TU")
    assert blank is not None and blank.value is None and blank.kind == "Chương trình"
    document = parse_plan(
        "TỈNH ỦY HƯNG YÊN\n*\nSố      -KH/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Hưng Yên, ngày 26 tháng 5 năm 2026\n\nKẾ HOẠCH\nCẢI CÁCH HÀNH CHÍNH NĂM 2026\n"
        "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị, Ban Thường vụ ban hành:\n"
        "I. MỤC ĐÍCH\n",
        "t",
    ).document
    assert document.number is None
    assert document.issuer == "Tỉnh ủy Hưng Yên", "the number's box no longer hides the issuer"


def test_titles_keep_the_capitals_of_symbols() -> None:
    assert sentence_case("THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW VỀ PHỦ SÓNG 5G NĂM 2026") == (
        "Thực hiện Nghị quyết số 57-NQ/TW về phủ sóng 5G năm 2026"
    )


def test_a_steering_committee_name_is_one_description() -> None:
    caps = "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ"
    assert sentence_case(caps, body=True) == (
        "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"
    )
    assert sentence_case("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", body=True) == (
        "Sở Lao động - Thương binh và Xã hội"
    )


def test_government_office_signers() -> None:
    assert find_signer(["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Lê Văn An"]) == (
        "Lê Văn An",
        "Phó Chủ nhiệm",
    )
    assert find_signer(["BỘ TRƯỞNG, CHỦ NHIỆM", "Lê Văn An"]) == (
        "Lê Văn An",
        "Bộ trưởng, Chủ nhiệm",
    )


def test_a_subject_line_ending_on_cua_goes_on_over_bo_chinh_tri() -> None:
    document = parse_plan(
        "BỘ TÀI CHÍNH\nSố: 12/KH-BTC\nHà Nội, ngày 3 tháng 4 năm 2026\n\nKẾ HOẠCH\n"
        "THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW CỦA\nBỘ CHÍNH TRỊ VỀ CHUYỂN ĐỔI SỐ NĂM 2026\n"
        "Căn cứ Luật Tổ chức Chính phủ;\nI. MỤC ĐÍCH\n",
        "t",
    ).document
    assert document.title == (
        "Kế hoạch Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về chuyển đổi số năm 2026"
    )


def test_a_plan_title_is_not_a_stage_heading() -> None:
    assert heading_stage("KẾ HOẠCH CHUYỂN ĐỔI SỐ TỈNH QUẢNG THỬ NĂM 2026") is None
    assert heading_stage("Kế hoạch cải cách hành chính tỉnh Gia Lai năm 2026 12/KH-UBND") is None
    assert heading_stage("Kế hoạch năm 2026") == "2026"
    assert heading_stage("Kế hoạch thực hiện năm 2026") == "2026"
    plan = parse_plan(
        "Kế hoạch Cải cách hành chính tỉnh Quảng Thử năm 2026 68/KH-UBND\n"
        "Số hiệu | 68/KH-UBND |\nI. MỤC TIÊU\n1. Mục tiêu chung\n"
        "- Nâng cao chất lượng phục vụ người dân.\n",
        "t",
    )
    assert {clause.period for clause in plan.clauses} == {None}


def test_an_office_of_two_councils_is_one_unit() -> None:
    text = "Văn phòng HĐND và UBND xã, Công an xã và Sở Y tế"
    assert [u.text for u in split_unit_list(text, 0, len(text))] == [
        "Văn phòng HĐND và UBND xã",
        "Công an xã",
        "Sở Y tế",
    ]


def test_a_unit_name_wrapped_over_two_lines() -> None:
    plan = parse_plan(
        "III. NHIỆM VỤ\na) Giao Sở Y tế chủ trì, phối hợp với Ban Chỉ huy Quân sự xã và Công\n"
        "an xã phát triển mô hình thôn thông minh thí điểm.\n",
        "t",
    )
    (row,) = [t for t in plan.targets if t.source == "body"]
    assert row.lead_units == ("Sở Y tế",)
    assert row.cooperating_units == ("Ban Chỉ huy Quân sự xã", "Công an xã")


def test_a_deadline_on_the_line_under_its_task() -> None:
    for text in (
        "a) Sở Tư pháp chủ trì, phối hợp với Công an tỉnh tổng hợp, báo cáo kết quả.\n"
        "Thời hạn: Quý IV/2026.\nb) Nâng cấp Cổng dịch vụ công.\n",
        "a) Sở Tư pháp chủ trì, phối hợp với Công an tỉnh tổng hợp, báo cáo kết quả. Thời hạn:\n"
        "Quý IV/2026.\nb) Nâng cấp Cổng dịch vụ công.\n",
    ):
        plan = parse_plan("III. NHIỆM VỤ\n1. Về thể chế\n" + text, "t")
        (row,) = [t for t in plan.targets if t.source == "body"]
        assert row.deadline is not None and row.deadline.raw == "Quý IV/2026"
        (cell,) = row.cells_for("deadline")
        assert plan.source_text[cell.start : cell.end] == "Quý IV/2026", "the quote is verbatim"


def test_an_issuer_box_hard_wrapped_inside_its_name() -> None:
    council = parse_plan(
        "HỘI ĐỒNG NHÂN\nDÂN\nTỈNH NINH BÌNH\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n"
        "Số: 332/NQ-HĐND\n|\nNinh Bình, ngày 5 tháng 1 năm 2025\n|\nNGHỊ QUYẾT\n"
        "Phát triển hạ tầng số\nCăn cứ Luật Tổ chức chính quyền địa phương;\n",
        "t",
    ).document
    assert council.issuer == "Hội đồng nhân dân tỉnh Ninh Bình"
    office = parse_plan(
        "VĂN PHÒNG\nCHÍNH PHỦ\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n"
        "Số: 50/KH-VPCP\n|\nHà Nội, ngày 12 tháng 10 năm 2025\n|\nKẾ HOẠCH\n"
        "CẢI CÁCH HÀNH CHÍNH NĂM 2026\nCăn cứ Nghị định số 30/2020/NĐ-CP;\n",
        "t",
    ).document
    assert office.issuer == "Văn phòng Chính phủ", "a 'VĂN PHÒNG' line is not a parent body"


def test_a_signer_title_wrapped_in_a_narrow_column() -> None:
    assert find_signer(["BỘ TRƯỞNG, CHỦ", "NHIỆM", "", "Vũ Văn Bình |"]) == (
        "Vũ Văn Bình",
        "Bộ trưởng, Chủ nhiệm",
    )
    assert find_signer(["TM. ỦY BAN NHÂN", "DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ", "TỊCH", "Lê An"]) == (
        "Lê An",
        "Phó Chủ tịch",
    )


_DECISION = (
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG THỬ\nSố: 312/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nQuảng Thử, ngày 10 tháng 3 năm 2026\n"
    "QUYẾT ĐỊNH\nBan hành Kế hoạch Chuyển đổi số năm 2026\n"
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG THỬ\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\nQUYẾT ĐỊNH:\n"
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch Chuyển đổi số năm 2026.\n"
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
    "Điều 3. Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành "
    "Quyết định này.\n"
    "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nCHỦ TỊCH\n(Đã ký)\nNguyễn Văn An\n"
    "KẾ HOẠCH\nChuyển đổi số năm 2026\n"
    "(Ban hành kèm theo Quyết định số 312/QĐ-UBND ngày 10/03/2026 của Chủ tịch UBND tỉnh)\n"
    "I. MỤC TIÊU\n1. Mục tiêu chung\nPhát triển chính quyền số.\nII. NHIỆM VỤ\n"
    "1. Sở Tài chính chủ trì bố trí kinh phí thực hiện Kế hoạch.\n"
)


def test_a_plan_attached_to_the_decision_that_issues_it_is_read_as_a_plan() -> None:
    plan = parse_plan(_DECISION, "t")
    parts = [(c.number, c.heading) for c in plan.clauses if c.kind.value == "part"]
    assert parts == [("I", "MỤC TIÊU"), ("II", "NHIỆM VỤ")], "not swallowed by the signature"
    signature = next(c for c in plan.clauses if c.kind.value == "signature")
    assert "KẾ HOẠCH" not in signature.text
    document = plan.document
    assert (document.kind, document.number) == ("Quyết định", "312/QĐ-UBND")
    assert document.issues == "Kế hoạch Chuyển đổi số năm 2026"
    assert [t.lead_units for t in plan.targets] == [("Sở Tài chính",)], "Điều 3 is no duty"


def test_party_cell_headings_assign_the_tasks_under_them() -> None:
    plan = parse_plan(
        "ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ĐOÀN QUỐC HỘI\nSố 3260-KH/ĐĐQH15\nKẾ HOẠCH\n"
        "Triển khai Nghị quyết số 57-NQ/TW\nIV. TỔ CHỨC THỰC HIỆN\n"
        "1. Trách nhiệm của các tổ đảng\n"
        "a) Tổ đảng ở Thường trực Ủy ban Pháp luật và Tư pháp\n"
        "Chủ trì thẩm tra dự án Luật Chuyển đổi số.\n"
        "b) Tổ đảng ở Thường trực Ủy ban Khoa học, Công nghệ và\nMôi trường\n"
        "Giám sát việc thực hiện chính sách phát triển khoa học, công nghệ.\n",
        "t",
    )
    rows = sorted((t.lead_units, t.content[:16]) for t in plan.targets)
    assert rows == [
        (("Tổ đảng ở Thường trực Ủy ban Khoa học, Công nghệ và Môi trường",), "Giám sát việc th"),
        (("Tổ đảng ở Thường trực Ủy ban Pháp luật và Tư pháp",), "Chủ trì thẩm tra"),
    ]


def test_a_decisions_heading_lines_in_markdown_open_no_clause() -> None:
    """`# **GIÁM ĐỐC SỞ Y TẾ**` (the authority) and `# **QUYẾT ĐỊNH:**` are heading blocks
    of the decision's header and formula, not parts of its text."""
    from ingest.formats import read_markdown

    markdown = (
        "**SỞ Y TẾ**\n\nSố: 1662/QĐ-SYT\n\n# **QUYẾT ĐỊNH**\n\nBan hành Kế hoạch Chuyển đổi số\n\n"
        "# **GIÁM ĐỐC SỞ Y TẾ**\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\n"
        "# **QUYẾT ĐỊNH:**\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch Chuyển đổi số.\n\n"
        "**Nơi nhận:**\n\n**GIÁM ĐỐC**\n\n# **KẾ HOẠCH**\n\nChuyển đổi số\n\n"
        "## **I. MỤC TIÊU**\n\nPhát triển chính quyền số.\n"
    )
    extracted = read_markdown(markdown)
    plan = parse_plan(extracted.text, "t", blocks=extracted.blocks)
    parts = [(c.number, c.heading) for c in plan.clauses if c.kind.value == "part"]
    assert parts == [("I", "MỤC TIÊU")]
