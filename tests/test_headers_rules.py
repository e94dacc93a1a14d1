"""One test per header rule (Nghị định 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW), the four header
cases of issue 12 included."""

from __future__ import annotations

import pytest

from ingest.domain import Document, Place
from ingest.parser.header.casing import sentence_case
from ingest.parser.header.cells import blocks, header_cells
from ingest.parser.header.dateline import find_date
from ingest.parser.header.issuer import bodies
from ingest.parser.header.motto import motto_free, strip_mottos
from ingest.parser.header.number import parse_number
from ingest.parser.header.signature import find_signer
from ingest.parser.lines import split_lines
from ingest.parser.plan import parse_plan


def doc(text: str) -> Document:
    return parse_plan(text, "t").document


# --- the four cases of issue 12 ------------------------------------------------------------


def test_government_resolution_in_markdown() -> None:
    document = doc(
        "| **CHÍNH PHỦ** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |\n"
        "| --- | --- |\n"
        "| Số: 01/NQ-CP | Hà Nội, ngày 09 tháng 01 năm 2025 |\n\n"
        "# **NGHỊ QUYẾT**\n\n"
        "**VỀ NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2025**\n\n"
        "**CHÍNH PHỦ**\n\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
    )
    assert document.issued_date == "2025-01-09"
    assert document.number == "01/NQ-CP"
    assert document.issuer == "Chính phủ"
    assert document.kind == "Nghị quyết"
    assert document.place is None, "never a commune called 'xã HỘI CHỦ NGHĨA'"
    assert document.title.lower().startswith("nghị quyết về nhiệm vụ, giải pháp chủ yếu")


def test_party_plan_number_without_colon() -> None:
    document = doc(
        "ĐẢNG BỘ QUỐC HỘI\nĐẢNG ĐOÀN QUỐC HỘI\n*\nSố 3260-KH/ĐĐQH15\n\n"
        "ĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 15 tháng 3 năm 2025\n\n"
        "KẾ HOẠCH\nthực hiện Kết luận số 119-KL/TW của Bộ Chính trị\n\n"
        "Thực hiện Kết luận số 119-KL/TW ngày 20/01/2025 của Bộ Chính trị, Đảng đoàn Quốc hội "
        "ban hành Kế hoạch như sau:\n\nI. MỤC ĐÍCH, YÊU CẦU\n"
    )
    assert document.number == "3260-KH/ĐĐQH15"
    assert document.issuer == "Đảng đoàn Quốc hội"
    assert document.kind == "Kế hoạch"
    assert document.issued_date == "2025-03-15"
    assert document.title == "Kế hoạch thực hiện Kết luận số 119-KL/TW của Bộ Chính trị"
    assert any("119-KL/TW" in ref for ref in document.based_on)


def test_docx_style_header_of_a_province() -> None:
    document = doc(
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG THỬ\nSố: 77/KH-UBND\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Quảng Thử, ngày 10 tháng 4 năm 2026\n"
        "KẾ HOẠCH Chuyển đổi số tỉnh Quảng Thử năm 2026\n"
        "Thực hiện Kế hoạch số 12/KH-BCĐ ngày 02/3/2026 của Ban Chỉ đạo tỉnh, UBND tỉnh ban hành:\n"
        "I. MỤC TIÊU\n"
    )
    assert document.place == Place("tỉnh", "Quảng Thử"), "not 'QUẢNG THỬ Số'"
    assert document.issuer == "Ủy ban nhân dân tỉnh Quảng Thử"
    assert document.title == "Kế hoạch Chuyển đổi số tỉnh Quảng Thử năm 2026"
    assert document.number == "77/KH-UBND"
    assert document.issued_date == "2026-04-10"


def test_markdown_outline_without_kind_line_gets_its_heading_not_the_file_name() -> None:
    document = doc("## **II. MỤC TIÊU THEO GIAI ĐOẠN**\n\n**1\\.** Đến năm 2030 …\n")
    assert document.title != "t"


# --- rules -----------------------------------------------------------------------------------


def test_mottos_removed_even_when_wrapped() -> None:
    assert strip_mottos("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc") == ""
    assert strip_mottos("CỘNG HỊA XàHỘI CHỦ NGHĨA VIỆT NAM") == ""  # PDF extraction slips
    assert motto_free(["TỈNH ỦY X", "ĐẢNG CỘNG", "SẢN VIỆT NAM"]) == ["TỈNH ỦY X", "", ""]


def test_number_forms() -> None:
    assert parse_number("Số: 77/KH-UBND").value == "77/KH-UBND"  # type: ignore[union-attr]
    assert parse_number("Số:80/NQ-CP").value == "80/NQ-CP"  # type: ignore[union-attr]
    assert parse_number("Số 12-KH/TU").value == "12-KH/TU"  # type: ignore[union-attr]
    assert parse_number("Số: 09/2015/TT-BTTTT").value == "09/2015/TT-BTTTT"  # type: ignore[union-attr]
    assert parse_number("Số: 344/QĐ-TTg |").value == "344/QĐ-TTg"  # type: ignore[union-attr]
    blank = parse_number("Số: /KH-UBND")
    assert blank is not None and blank.value is None and blank.kind == "Kế hoạch"
    assert parse_number("Số hiệu: 19/KH-UBND") is None  # an attribute table's key, not the header
    assert parse_number("Tại Quy định số 97-QĐ/TW ngày 7/2/2023") is None  # a mention


def test_place_and_date_forms() -> None:
    full = find_date("Hà Nội, ngày 09 tháng 01 năm 2025")
    assert full is not None and full.iso == "2025-01-09" and full.place == "Hà Nội"
    blank_day = find_date("Xuân Trường, ngày   tháng 4 năm 2026")
    assert blank_day is not None and blank_day.iso == "2026-04" and blank_day.place == "Xuân Trường"
    blank = find_date("ngày … tháng … năm 2026")
    assert blank is not None and blank.iso == "2026"
    wrapped = doc("CHÍNH\nPHỦ\n|\nSố:\n80/NQ-CP\n|\nHà\nNội, ngày 19 tháng 05 năm 2011\n|\n")
    assert wrapped.issued_date == "2011-05-19" and wrapped.number == "80/NQ-CP"


def test_issuer_and_parent_on_two_lines() -> None:
    found = bodies(["UBND TỈNH LÀO CAI", "SỞ NỘI VỤ"])
    assert [b.caps for b in found] == ["UBND TỈNH LÀO CAI", "SỞ NỘI VỤ"]
    document = doc(
        "UBND TỈNH LÀO CAI\nSỞ NỘI VỤ\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n"
        "Số: 15/KH-SNV\n|\nLào Cai, ngày 03 tháng 02 năm 2025\n|\nKẾ HOẠCH\nCẢI CÁCH HÀNH CHÍNH NĂM 2025\n"
    )
    assert document.issuer == "Sở Nội vụ tỉnh Lào Cai"
    assert document.place == Place("tỉnh", "Lào Cai")


def test_wrapped_body_names_are_joined() -> None:
    assert [b.name() for b in bodies(["ỦY BAN NHÂN", "DÂN", "THÀNH PHỐ HỒ CHÍ MINH"])] == [
        "Ủy ban nhân dân thành phố Hồ Chí Minh"
    ]
    assert [b.name() for b in bodies(["THỦ TƯỚNG", "CHÍNH PHỦ"])] == ["Thủ tướng Chính phủ"]
    assert [b.name() for b in bodies(["BỘ THÔNG TIN", "VÀ TRUYỀN THÔNG"])] == [
        "Bộ Thông tin và Truyền thông"
    ]


def test_party_bodies() -> None:
    assert [b.name() for b in bodies(["TỈNH ỦY THỪA THIÊN HUẾ"])] == ["Tỉnh ủy Thừa Thiên Huế"]
    found = bodies(["ĐẢNG BỘ TỈNH NINH BÌNH", "HUYỆN ỦY KIM SƠN"])
    assert found[-1].name() == "Huyện ủy Kim Sơn"
    assert found[-1].place() == Place("huyện", "Kim Sơn")


def test_place_names_starting_with_unit_like_words_are_kept_whole() -> None:
    for name in ("Văn Bàn", "Trung Sơn", "Chi Lăng", "Công Hải", "Tân Uyên"):
        document = doc(
            f"ỦY BAN NHÂN DÂN\nXÃ {name.upper()}\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n"
            f"Số: 5/KH-UBND\n|\n{name}, ngày 02 tháng 3 năm 2026\n|\nKẾ HOẠCH\nCHUYỂN ĐỔI SỐ NĂM 2026\n"
        )
        assert document.place == Place("xã", name), name
        assert document.issuer == f"Ủy ban nhân dân xã {name}"


def test_kinds_recognised() -> None:
    for caps, kind in (
        ("KẾ HOẠCH", "Kế hoạch"),
        ("QUYẾT ĐỊNH", "Quyết định"),
        ("NGHỊ QUYẾT", "Nghị quyết"),
        ("CHƯƠNG TRÌNH", "Chương trình"),
        ("ĐỀ ÁN", "Đề án"),
        ("ĐỀ CƯƠNG", "Đề cương"),
        ("CHỈ THỊ", "Chỉ thị"),
        ("THÔNG BÁO", "Thông báo"),
        ("BÁO CÁO", "Báo cáo"),
    ):
        document = doc(
            f"ỦY BAN NHÂN DÂN TỈNH X\nSố: 1/ABC-UBND\nX, ngày 1 tháng 2 năm 2026\n{caps}\nVỀ VIỆC Y\n"
        )
        assert document.kind == kind, caps
        assert document.title == f"{kind} Về việc y"


def test_cong_van_with_trich_yeu() -> None:
    document = doc(
        "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n"
        "Số: 120/UBND-VP5\nV/v triển khai chuyển đổi số năm 2026\n|\nNinh Bình, ngày 05 tháng 01 năm 2026\n|\n"
        "Kính gửi: Các sở, ban, ngành tỉnh\n"
    )
    assert document.kind == "Công văn"
    assert document.number == "120/UBND-VP5"
    assert document.title == "Công văn V/v triển khai chuyển đổi số năm 2026"


def test_a_sub_committee_head_signs_with_their_own_post_under_the_name() -> None:
    """A Tiểu ban of a commune election committee: "TM. TIỂU BAN" / "TRƯỞNG TIỂU BAN", the
    name, then the post the signer holds outside it in capitals (not a second signer)."""
    block = ["TM. TIỂU BAN", "TRƯỞNG TIỂU BAN", "", "Lê Thị Hoa", "TRƯỞNG BAN XÂY DỰNG ĐẢNG"]
    assert find_signer(block) == ("Lê Thị Hoa", "Trưởng tiểu ban")
    assert find_signer(["KT. TRƯỞNG TIỂU BAN", "PHÓ TRƯỞNG TIỂU BAN", "Vũ Văn Nam"]) == (
        "Vũ Văn Nam",
        "Phó trưởng tiểu ban",
    )


def test_signature_blocks() -> None:
    assert find_signer(
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Nguyễn Văn An"]
    ) == (
        "Nguyễn Văn An",
        "Phó Chủ tịch",
    )
    assert find_signer(["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "(Đã ký)", "Trần Thị Bình"]) == (
        "Trần Thị Bình",
        "Bí thư",
    )
    assert find_signer(["Q. GIÁM ĐỐC", "Lê Văn Đức"]) == ("Lê Văn Đức", "Giám đốc")
    assert find_signer(
        ["TM. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀNBÍ THƯ THƯỜNG TRỰC (đã ký) Phan Văn Mãi"]
    ) == (
        "Phan Văn Mãi",
        "Bí thư thường trực",
    )
    assert find_signer(["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Phạm Minh Đức"]) == (
        "Phạm Minh Đức",
        "Chánh văn phòng",
    )


def test_layout_signature_beside_a_recipient_wrapped_over_two_lines() -> None:
    """A layout copy (found4/50): the title beside "Nơi nhận" and its first recipients, a
    recipient hard-wrapped ("… Website của" / "tỉnh);"), the name far below."""
    gap = " " * 30
    lines = [
        f"Nơi nhận:{gap}KT. GIÁM ĐỐC",
        "- Như trên;",
        f"- Uỷ ban nhân dân tỉnh (thay báo cáo);{gap}PHÓ GIÁM ĐỐC",
        "- Cổng thông tin điện tử tỉnh (đăng tải trên Website của",
        "tỉnh);",
        "- Lưu: VT, CCMT.",
        f"{gap}{gap}Hà Mạnh Cường",
    ]
    assert find_signer(lines) == ("Hà Mạnh Cường", "Phó giám đốc")


def test_layout_signature_beside_a_recipient_with_a_wrapped_note_in_brackets() -> None:
    """A ward's layout copy (found5/54): the rest of a recipient is a note in brackets opened
    in lower case ("(đăng tải trên cổng …);"), the name beside the last wrapped recipient."""
    gap = " " * 30
    lines = [
        f"Nơi nhận:{gap}TM. ỦY BAN NHÂN DÂN",
        f"- UBND tỉnh Lào Cai (B/c);{gap}CHỦ TỊCH",
        "- Các phòng: Kinh tế, Hạ tầng; Văn hóa - Xã hội",
        "(đăng tải trên cổng thông tin điện tử phường);",
        "- Trung tâm Dịch vụ tổng hợp phường (đăng tải",
        f"thông của địa phương);{gap}Nguyễn Xuân Nhẫn",
        "- Lưu: VT, KTHT.",
    ]
    assert find_signer(lines) == ("Nguyễn Xuân Nhẫn", "Chủ tịch")
    # a "(Đã ký)" under the title is not the rest of a recipient
    assert find_signer(["Nơi nhận:", "- Như trên;", "CHỦ TỊCH", "(Đã ký)", "Trần Văn An"]) == (
        "Trần Văn An",
        "Chủ tịch",
    )


def test_a_resolution_without_its_header_takes_its_number_from_its_own_appendix() -> None:
    """The number written without its slash ("89NQ-HĐND") is still a số hiệu; an appendix
    "Ban hành kèm theo" a document of the same kind names the document itself."""
    text = (
        "NGHỊ QUYẾT\nTHÔNG QUA QUY HOẠCH BẢO VỆ TÀI NGUYÊN NƯỚC\n"
        "HỘI ĐỒNG NHÂN DÂN TỈNH HÀ GIANG\nQUYẾT NGHỊ:\nĐiều 1. Thông qua Quy hoạch.\n"
        "PHỤ LỤC\nDANH MỤC CÁC NHIỆM VỤ\n(Ban hành kèm theo Nghị quyết số 89NQ-HĐND ngày 14"
        " tháng 7 năm 2017 của Hội\nđồng nhân dân tỉnh Hà Giang)\n"
    )
    document = doc(text)
    assert (document.number, document.issued_date, document.decision_number) == (
        "89NQ-HĐND",
        "2017-07-14",
        None,
    )
    plan = doc(
        text.replace("NGHỊ QUYẾT\nTHÔNG QUA", "KẾ HOẠCH\nTHỰC HIỆN").replace("QUYẾT NGHỊ:\n", "")
    )
    assert plan.number is None  # a plan's appendix names the resolution it is issued with
    assert plan.decision_number == "89NQ-HĐND"


def test_decision_issuing_a_plan_keeps_both_documents_apart() -> None:
    document = doc(
        "ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n"
        "Số: 4216/QĐ-UBND\n|\nThanh Hóa, ngày 06 tháng 10 năm 2020\n|\nQUYẾT ĐỊNH\n"
        "VỀ VIỆC BAN HÀNH KẾ HOẠCH CHUYỂN ĐỔI SỐ\nỦY BAN NHÂN DÂN TỈNH THANH HÓA\n"
        "QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch Chuyển đổi số tỉnh Thanh Hóa.\n"
    )
    assert (document.kind, document.number, document.issued_date) == (
        "Quyết định",
        "4216/QĐ-UBND",
        "2020-10-06",
    )
    assert document.issues == "Kế hoạch Chuyển đổi số tỉnh Thanh Hóa"
    plan = doc(
        "ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n"
        "KẾ HOẠCH\nCHUYỂN ĐỔI SỐ TỈNH THANH HÓA\n(Ban hành kèm theo Quyết định số 4216/QĐ-UBND "
        "ngày 06/10/2020 của UBND tỉnh Thanh Hóa)\nI. MỤC TIÊU\n"
    )
    assert (plan.kind, plan.number) == ("Kế hoạch", None)
    assert (plan.decision_number, plan.decision_date) == ("4216/QĐ-UBND", "2020-10-06")
    assert plan.title == "Kế hoạch Chuyển đổi số tỉnh Thanh Hóa"
    assert not any("4216" in ref for ref in plan.based_on)


def test_based_on_and_replaces() -> None:
    document = doc(
        "ỦY BAN NHÂN DÂN\nTỈNH X\n|\nSố: 9/KH-UBND\n|\nX, ngày 1 tháng 2 năm 2026\n|\nKẾ HOẠCH\nVỀ Y\n"
        "Căn cứ Nghị định số\n07/2021/NĐ-CP ngày 27/01/2021 của Chính phủ;\n"
        "Thực hiện Công văn số 5511/BKHCN-CĐSQG ngày 10/10/2025 của Bộ Khoa học và Công nghệ;\n"
        "I. MỤC TIÊU\nKế hoạch này thay thế Kế hoạch số 3/KH-UBND ngày 02/01/2025 của UBND tỉnh X.\n"
        "Quyết định 5/QĐ-UBND đã được thay thế bởi Quyết định 6/QĐ-UBND.\n"
    )
    assert [ref.split(" ngày")[0] for ref in document.based_on] == [
        "Nghị định số 07/2021/NĐ-CP",
        "Công văn số 5511/BKHCN-CĐSQG",
    ]
    assert document.replaces == ("Kế hoạch số 3/KH-UBND ngày 02/01/2025 của UBND tỉnh X",)


def test_sentence_case_of_names() -> None:
    assert sentence_case("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", body=True) == (
        "Sở Lao động - Thương binh và Xã hội"
    )
    assert (
        sentence_case("CHUYỂN ĐỔI SỐ TỈNH TIỀN GIANG NĂM 2025")
        == "Chuyển đổi số tỉnh Tiền Giang năm 2025"
    )


def test_cells_and_blocks_follow_web_layouts() -> None:
    cells = header_cells(
        split_lines("BỘ X -------- Số: 1/QĐ-BX | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |")
    )
    assert [c.text for c in cells] == ["BỘ X", "Số: 1/QĐ-BX", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    wrapped = blocks(header_cells(split_lines("Vĩnh Long, ngày\n06 tháng 6 năm 2022\n|\n")))
    assert wrapped[0].text == "Vĩnh Long, ngày 06 tháng 6 năm 2022"


# --- issuers the real stores held no header of (issue 12 part 2): each written to the rule ---

_STATE_HEAD = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
_PARTY_HEAD = "ĐẢNG CỘNG SẢN VIỆT NAM\n"


@pytest.mark.parametrize(
    ("box", "number_line", "date_line", "motto", "issuer", "place"),
    [
        # HĐ 36: a committee under its Đảng bộ, a commune's and a ward's after the 2025
        # reorganisation, the Ban Thường vụ named under the Đảng bộ
        (
            "ĐẢNG BỘ TỈNH NINH THỬ\nHUYỆN ỦY KIM THỬ\n*",
            "Số 45-KH/HU",
            "Kim Thử, ngày 15 tháng 3 năm 2025",
            _PARTY_HEAD,
            "Huyện ủy Kim Thử",
            Place("huyện", "Kim Thử"),
        ),
        (
            "ĐẢNG BỘ TỈNH LÀO THỬ\nĐẢNG ỦY XÃ VĂN THỬ\n*",
            "Số 05-KH/ĐU",
            "Văn Thử, ngày 02 tháng 10 năm 2025",
            _PARTY_HEAD,
            "Đảng ủy xã Văn Thử",
            Place("xã", "Văn Thử"),
        ),
        (
            "ĐẢNG BỘ TỈNH QUẢNG THỬ\nBAN THƯỜNG VỤ TỈNH ỦY\n*",
            "Số 13-NQ/TU",
            "Quảng Thử, ngày 06 tháng 9 năm 2025",
            _PARTY_HEAD,
            "Ban Thường vụ Tỉnh ủy Quảng Thử",
            Place("tỉnh", "Quảng Thử"),
        ),
        # NĐ 30: an office and a steering committee named under the UBND above them
        (
            "UBND TỈNH LÀO THỬ\nVĂN PHÒNG",
            "Số: 25/KH-VP",
            "Lào Thử, ngày 12 tháng 8 năm 2025",
            _STATE_HEAD,
            "Văn phòng Ủy ban nhân dân tỉnh Lào Thử",
            Place("tỉnh", "Lào Thử"),
        ),
        (
            "ỦY BAN NHÂN DÂN\nTỈNH LÀO THỬ\nVĂN PHÒNG",
            "Số: 25/KH-VP",
            "Lào Thử, ngày 12 tháng 8 năm 2025",
            _STATE_HEAD,
            "Văn phòng Ủy ban nhân dân tỉnh Lào Thử",
            Place("tỉnh", "Lào Thử"),
        ),
        (
            "UBND TỈNH LÀO THỬ\nBAN CHỈ ĐẠO\nCHUYỂN ĐỔI SỐ TỈNH",
            "Số: 03/KH-BCĐ",
            "Lào Thử, ngày 12 tháng 8 năm 2025",
            _STATE_HEAD,
            "Ban Chỉ đạo chuyển đổi số tỉnh Lào Thử",
            Place("tỉnh", "Lào Thử"),
        ),
        # the Fatherland Front: the standing organ under its committee, a commune's committee
        (
            "ỦY BAN MTTQ VIỆT NAM\nTỈNH LÀO THỬ\nBAN THƯỜNG TRỰC",
            "Số: 12/KH-MTTQ-BTT",
            "Lào Thử, ngày 05 tháng 3 năm 2025",
            _STATE_HEAD,
            "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Lào Thử",
            Place("tỉnh", "Lào Thử"),
        ),
        # joint documents (văn bản liên tịch): bodies of one rank over one area, or on one line
        (
            "ỦY BAN NHÂN DÂN\nỦY BAN MTTQ VIỆT NAM\nTỈNH LÀO THỬ",
            "Số: 01/QCPH-UBND-MTTQ",
            "Lào Thử, ngày 27 tháng 10 năm 2025",
            _STATE_HEAD,
            "Ủy ban nhân dân - Ủy ban MTTQ Việt Nam tỉnh Lào Thử",
            Place("tỉnh", "Lào Thử"),
        ),
        (
            "THƯỜNG TRỰC\nHĐND - UBND TỈNH LÀO THỬ",
            "Số: 06/QC-TT.HĐND-UBND",
            "Lào Thử, ngày 20 tháng 3 năm 2025",
            _STATE_HEAD,
            "Thường trực Hội đồng nhân dân - Ủy ban nhân dân tỉnh Lào Thử",
            Place("tỉnh", "Lào Thử"),
        ),
        # a ward's people's committee of the two-level local government (no district above)
        (
            "ỦY BAN NHÂN DÂN\nPHƯỜNG SÀI THỬ",
            "Số: 15/KH-UBND",
            "Sài Thử, ngày 12 tháng 8 năm 2025",
            _STATE_HEAD,
            "Ủy ban nhân dân phường Sài Thử",
            Place("phường", "Sài Thử"),
        ),
        # the mass organisations (their guides follow HD 36): the committee of an area on
        # the left, the organisation's national name top right where HD 36 puts the Party's
        (
            "TỈNH ĐOÀN LÀO THỬ\n***",
            "Số: 45-KH/TĐTN-PT",
            "Lào Thử, ngày 10 tháng 3 năm 2025",
            "ĐOÀN TNCS HỒ CHÍ MINH\n",
            "Tỉnh đoàn Lào Thử",
            Place("tỉnh", "Lào Thử"),
        ),
        (
            "BCH ĐOÀN TỈNH LÀO THỬ\n***",
            "Số: 45-KH/TĐTN-PT",
            "Lào Thử, ngày 10 tháng 3 năm 2025",
            "ĐOÀN TNCS HỒ CHÍ MINH\n",
            "Ban Chấp hành Đoàn tỉnh Lào Thử",
            Place("tỉnh", "Lào Thử"),
        ),
        (
            "HỘI NÔNG DÂN TỈNH LÀO THỬ\nBAN THƯỜNG VỤ\n*",
            "Số 45-KH/HNDT",
            "Lào Thử, ngày 10 tháng 3 năm 2025",
            "HỘI NÔNG DÂN VIỆT NAM\n",
            "Ban Thường vụ Hội Nông dân tỉnh Lào Thử",
            Place("tỉnh", "Lào Thử"),
        ),
        (
            "HỘI CỰU CHIẾN BINH TỈNH LÀO THỬ\nHỘI CCB HUYỆN VĂN THỬ",
            "Số: 08-KH/CCB",
            "Văn Thử, ngày 10 tháng 3 năm 2025",
            "HỘI CỰU CHIẾN BINH VIỆT NAM\n",
            "Hội CCB huyện Văn Thử",
            Place("huyện", "Văn Thử"),
        ),
        (
            "BAN CHẤP HÀNH TRUNG ƯƠNG\nHỘI NÔNG DÂN VIỆT NAM\n*",
            "Số 100-KH/HNDTW",
            "Hà Nội, ngày 10 tháng 3 năm 2025",
            "",
            "Ban Chấp hành Trung ương Hội Nông dân Việt Nam",
            None,
        ),
        (
            "TỔNG LĐLĐ VIỆT NAM\nLĐLĐ TỈNH LÀO THỬ",
            "Số: 45/KH-LĐLĐ",
            "Lào Thử, ngày 10 tháng 3 năm 2025",
            _STATE_HEAD,
            "LĐLĐ tỉnh Lào Thử",
            Place("tỉnh", "Lào Thử"),
        ),
        # HĐ 36: the provincial committee named by its role under its Đảng bộ
        (
            "ĐẢNG BỘ TỈNH LÀO THỬ\nTỈNH ỦY\n*",
            "Số 115-KH/TU",
            "Lào Thử, ngày 02 tháng 10 năm 2025",
            _PARTY_HEAD,
            "Tỉnh ủy Lào Thử",
            Place("tỉnh", "Lào Thử"),
        ),
    ],
)
def test_issuers_by_the_rules(
    box: str, number_line: str, date_line: str, motto: str, issuer: str, place: Place | None
) -> None:
    text = f"{box}\n{number_line}\n\n{motto}{date_line}\n\nKẾ HOẠCH\nCải cách hành chính năm 2025\n"
    document = doc(text + "I. MỤC ĐÍCH, YÊU CẦU\n")
    assert document.issuer == issuer
    assert document.place == place
    assert document.kind == "Kế hoạch"


def test_an_organisations_name_beside_its_committee_in_cells_is_no_body() -> None:
    """A web copy puts both header boxes in one row: "ĐOÀN TNCS HỒ CHÍ MINH" (top right)
    beside the committee that issues the document is not read as the issuer."""
    document = doc(
        "TỈNH ĐOÀN LÀO THỬ | ĐOÀN TNCS HỒ CHÍ MINH |\n*** |\n"
        "Số: 45-KH/TĐTN-PT | Lào Thử, ngày 10 tháng 3 năm 2025 |\n"
        "KẾ HOẠCH\nTổ chức Tháng Thanh niên năm 2025\nI. MỤC ĐÍCH, YÊU CẦU\n"
    )
    assert document.issuer == "Tỉnh đoàn Lào Thử"
    assert document.place == Place("tỉnh", "Lào Thử")


def test_blank_number_and_date_of_a_draft_are_left_open() -> None:
    document = doc(
        "ỦY BAN NHÂN DÂN\nPHƯỜNG SÀI THỬ\nSố:     /KH-UBND\n\n"
        + _STATE_HEAD
        + "Sài Thử, ngày   tháng   năm 2026\n\nKẾ HOẠCH\nChuyển đổi số năm 2026\nI. MỤC ĐÍCH\n"
    )
    assert document.number is None  # "Số: /KH-UBND": the number is given when it is signed
    assert document.issued_date == "2026"
    party = doc(
        "ĐẢNG BỘ THÀNH PHỐ HỒ THỬ\nĐẢNG ỦY PHƯỜNG SÀI THỬ\n*\nSố      -KH/ĐU\n\n"
        + _PARTY_HEAD
        + "Sài Thử, ngày     tháng 01 năm 2026\n\nKẾ HOẠCH\ntriển khai Nghị quyết Đại hội\n"
        "I- MỤC ĐÍCH, YÊU CẦU\n"
    )
    assert (party.number, party.issued_date) == (None, "2026-01")
    assert party.issuer == "Đảng ủy phường Sài Thử"


def test_a_flattened_kind_line_ends_its_subject_before_the_authority_and_the_text() -> None:
    document = doc(
        "BỘ Y THỬ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 55/QĐ-BYT "
        "Hà Nội, ngày 04 tháng 12 năm 2025 QUYẾT ĐỊNH VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH HÀNH ĐỘNG "
        "THỰC HIỆN CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ BỘ TRƯỞNG BỘ Y THỬ Căn cứ Nghị định số "
        "75/2017/NĐ-CP ngày 20 tháng 6 năm 2017 của Chính phủ;\n"
    )
    assert document.title == (
        "Quyết định Về việc phê duyệt kế hoạch hành động thực hiện chỉ thị của Thủ tướng Chính phủ"
    )


@pytest.mark.parametrize(
    ("attached", "date"),
    [
        ("Kèm theo Kế hoạch số 88/KH-UBND ngày 15/3/2025 của UBND tỉnh Lào Thử", "2025-03-15"),
        ("Kèm theo Kế hoạch số 88/KH-UBND ngày 15 tháng 3 năm 2025", "2025-03-15"),
        ("Kèm theo Kế hoạch số     /KH-UBND ngày    /12/2025 của UBND xã", "2025-12"),
        ("Kèm theo Kế hoạch số     /KH-UBND ngày   tháng 12 năm 2025", "2025-12"),
    ],
)
def test_an_appendix_file_carries_the_date_of_its_plan(attached: str, date: str) -> None:
    document = doc(f"Phụ lục 01\n({attached})\nDANH MỤC NHIỆM VỤ\n| STT | Nhiệm vụ |\n|---|---|\n")
    assert document.kind == "Phụ lục"
    assert document.issued_date == date


def test_a_cong_van_s_trich_yeu_wrapped_in_its_box_is_read_whole() -> None:
    """NĐ 30/2020: the "V/v" stands under the số ký hiệu and may wrap over a few lines of its
    box; it ends at the separator before "Kính gửi"."""
    document = doc(
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH LÀO THỬ Độc lập - Tự do - Hạnh phúc\n\n"
        "Số: 93 /UBND-KT Lào Thử, ngày 15 tháng 9 năm 2026\n"
        "V/v triển khai thực hiện Chương\ntrình hành động số 10-CTr/TU ngày\n"
        "30/8/2026 của Tỉnh ủy Lào Thử\n\nKính gửi:\n- Các sở, ban, ngành.\n\n"
        "Thực hiện Chương trình hành động số 10-CTr/TU, Chủ tịch UBND tỉnh chỉ đạo như sau:\n"
    )
    assert document.kind == "Công văn"
    assert document.title == (
        "Công văn V/v triển khai thực hiện Chương trình hành động số 10-CTr/TU ngày 30/8/2026"
        " của Tỉnh ủy Lào Thử"
    )


def test_a_party_cong_van_between_interleaved_columns() -> None:
    """HD 36: a Party body's công văn writes its trích yếu in lower case ("về việc …"); a copy
    that interleaves the two columns puts the date line between the issuer's lines."""
    document = doc(
        "ĐẢNG BỘ TỈNH LÀO THỬ ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH\n"
        "Lào Thử, ngày 07 tháng 9 năm 2026\n*\nSố 24 -CV/ĐU\n"
        "về việc triển khai thực hiện Chương trình hành động\n"
        "số 10-CTr/TU ngày 30/8/2026 của Tỉnh ủy Lào Thử\n\n"
        "Kính gửi: - Ủy ban nhân dân tỉnh,\n\nThực hiện Chương trình hành động số 10-CTr/TU …\n"
    )
    assert document.issuer == "Đảng ủy Ủy ban nhân dân tỉnh Lào Thử"
    assert document.title == (
        "Công văn về việc triển khai thực hiện Chương trình hành động số 10-CTr/TU ngày"
        " 30/8/2026 của Tỉnh ủy Lào Thử"
    )


def test_a_plan_kem_theo_its_decision_names_the_decision() -> None:
    """NĐ 30/2020: a plan issued with a decision says so under its trích yếu, "(Kèm theo
    Quyết định số … ngày … của …)", with or without "Ban hành"."""
    document = doc(
        "THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "KẾ HOẠCH QUỐC GIA\nThích ứng với biến đổi khí hậu giai đoạn 2021 - 2030\n"
        "(Kèm theo Quyết định số 1422/QĐ-TTg\nNgày 19 tháng 11 năm 2024 của Thủ tướng Chính phủ)\n"
        "Thực hiện Luật Bảo vệ môi trường, Thủ tướng Chính phủ ban hành Kế hoạch.\nI. MỤC TIÊU\n"
    )
    assert document.decision_number == "1422/QĐ-TTg"
    assert document.decision_date == "2024-11-19"
