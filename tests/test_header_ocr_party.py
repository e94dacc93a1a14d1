"""An OCR copy of a Party resolution (HD 36-HD/VPTW layout): tone-mark slips in the header
("TÍNH ỦY", "ĐÁNG CỘNG SẢN") and a signature block whose office the OCR garbled, closed by
the signer's name; on a small snippet and on the real Ban Thường vụ Tỉnh ủy Lào Cai copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.domain import ClauseKind, Document
from ingest.parser.header.issuer import level_repaired
from ingest.parser.plan import parse_plan

_REAL = Path(__file__).parent / "real_plans_12m"

_OCR = """TÍNH ỦY HÀ GIANG ĐÁNG CỘNG SẢN VIỆT NAM

*

Số 12 -NQ/TU Hà Giang, ngày 05 tháng 3 năm 2026

NGHỊ QUYẾT
CỦA BAN THƯỜNG VỤ TỈNH ỦY
về phát triển du lịch

I. MỤC TIÊU
1. Đón 3 triệu lượt khách năm 2026.
II. TỔ CHỨC THỰC HIỆN
1. Đảng ủy UBND tỉnh lãnh đạo xây dựng kế hoạch thực hiện Nghị quyết.

Nơi nhân: T/M BAN THƯỜNG VỤ
- Các đ/c Ủy viên BTV Tỉnh ủy, P HÓ BÍ TH Ư THƯỜ
- Lưu Văn phòng Tỉnh ủy.

Trần Văn Minh
"""


def doc(text: str) -> Document:
    return parse_plan(text, "t").document


def test_tone_slips_in_a_party_header_still_name_the_committee() -> None:
    parsed = doc(_OCR)
    # the kind line names the Ban Thường vụ (HD 36): it issues, for the Tỉnh ủy of the header
    assert parsed.issuer == "Ban Thường vụ Tỉnh ủy Hà Giang"
    assert parsed.number == "12-NQ/TU"


def test_the_organ_under_the_kind_line_is_the_issuer_not_the_subject() -> None:
    parsed = doc(_OCR)
    assert parsed.title == "Nghị quyết về phát triển du lịch"


def test_an_organ_named_alone_is_the_organ_of_the_header_body() -> None:
    text = _OCR.replace("CỦA BAN THƯỜNG VỤ TỈNH ỦY", "CỦA BAN THƯỜNG VỤ")
    assert doc(text).issuer == "Ban Thường vụ Tỉnh ủy Hà Giang"


def test_without_an_organ_line_the_committee_issues() -> None:
    text = _OCR.replace("CỦA BAN THƯỜNG VỤ TỈNH ỦY\n", "")
    parsed = doc(text)
    assert parsed.issuer == "Tỉnh ủy Hà Giang"
    assert parsed.title == "Nghị quyết về phát triển du lịch"


@pytest.mark.parametrize(
    ("slipped", "issuer"),
    [
        ("HUYÊN ỦY BẮC HÀ", "Huyện ủy Bắc Hà"),
        ("THANH ỦY YÊN BÁI", "Thành ủy Yên Bái"),
        ("TÍNH ỦY HÀ GIANG", "Tỉnh ủy Hà Giang"),
    ],
)
def test_level_slips_of_every_committee_are_repaired(slipped: str, issuer: str) -> None:
    text = _OCR.replace("TÍNH ỦY HÀ GIANG", slipped).replace("CỦA BAN THƯỜNG VỤ TỈNH ỦY\n", "")
    assert doc(text).issuer == issuer


def test_the_army_party_committee_is_no_slip_of_a_district() -> None:
    assert level_repaired("QUÂN ỦY TRUNG ƯƠNG") == "QUÂN ỦY TRUNG ƯƠNG"


def test_a_paragraph_after_a_blank_line_does_not_run_into_the_title() -> None:
    text = _OCR.replace(
        "về phát triển du lịch\n",
        "về phát triển du lịch\n\nTrong những năm qua, du lịch tỉnh được quan tâm\n"
        "lãnh đạo, chỉ đạo và đạt nhiều kết quả quan trọng.\n",
    )
    assert doc(text).title == "Nghị quyết về phát triển du lịch"


def test_a_misread_noi_nhan_still_opens_the_signature_block() -> None:
    parsed = parse_plan(_OCR, "t")
    recipients = [c for c in parsed.clauses if "Ủy viên BTV" in c.text]
    assert recipients and all(c.kind is ClauseKind.SIGNATURE for c in recipients)


def test_the_name_closing_a_garbled_signature_block_is_the_signer() -> None:
    assert doc(_OCR).signer == "Trần Văn Minh"


def test_a_last_line_name_without_an_authority_line_is_no_signer() -> None:
    text = _OCR.replace("Nơi nhân: T/M BAN THƯỜNG VỤ", "Nơi nhận:")
    assert doc(text).signer is None


def test_the_real_ocr_resolution() -> None:
    name = "lao-cai-tinh-uy-34-NQ-TU-2025-phat-trien-khu-cum-cong-nghiep-ocr.txt"
    parsed = doc((_REAL / name).read_text(encoding="utf-8"))
    assert parsed.issuer == "Ban Thường vụ Tỉnh ủy Lào Cai"
    assert parsed.title == "Nghị quyết về phát triển các khu công nghiệp, cụm công nghiệp"
    assert parsed.signer == "Hoàng Giang"


def test_the_issuer_is_cited_where_the_header_names_it_without_its_place() -> None:
    from retrieval.compose import _issuer_forms

    forms = _issuer_forms("Ban Thường vụ Tỉnh ủy Lào Cai", "Lào Cai")
    assert forms[0] == "Ban Thường vụ Tỉnh ủy Lào Cai"
    assert "Ban Thường vụ Tỉnh ủy" in forms
    # a bare committee is never cut to its level word alone
    assert _issuer_forms("Tỉnh ủy Lào Cai", "Lào Cai") == ["Tỉnh ủy Lào Cai"]


_CENTRAL_OCR = """BAN CHẤP HÀNH TRUNG ƯƠNG ĐÁNG CỘNG SẢN VIỆT NAM
*+

Số 80-KL/TW Hà Nội, ngày 02 tháng 8 năm 2026

KÉT LUẬN
HỘI NGHỊ LÀN THỨ TƯ
về phát triển nguồn nhân lực

I- BỐI CẢNH
Nguồn nhân lực của thành phố Hà Nội và các vùng đã được nâng lên.
"""


def test_a_speck_between_the_header_box_and_the_number_parts_no_box() -> None:
    # "*+" is the star under the motto read as marks: the box above still names the issuer,
    # and a central body's date line ("Hà Nội, ngày …") is no area of the plan
    parsed = doc(_CENTRAL_OCR)
    assert parsed.issuer == "Ban Chấp hành Trung ương"
    assert parsed.place is None


def test_a_kind_line_with_its_tone_marks_slipped_is_the_kind() -> None:
    parsed = doc(_CENTRAL_OCR)
    assert parsed.kind == "Kết luận"
    assert parsed.title is not None and parsed.title.startswith("Kết luận Hội nghị")
