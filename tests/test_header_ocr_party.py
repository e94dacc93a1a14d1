"""An OCR copy of a Party resolution (HD 36-HD/VPTW layout): tone-mark slips in the header
("TÍNH ỦY", "ĐÁNG CỘNG SẢN") and a signature block whose office the OCR garbled, closed by
the signer's name; on a small snippet and on the real Ban Thường vụ Tỉnh ủy Lào Cai copy."""

from __future__ import annotations

from pathlib import Path

from ingest.domain import Document
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
    assert parsed.issuer == "Tỉnh ủy Hà Giang"
    assert parsed.number == "12-NQ/TU"


def test_the_name_closing_a_garbled_signature_block_is_the_signer() -> None:
    assert doc(_OCR).signer == "Trần Văn Minh"


def test_a_last_line_name_without_an_authority_line_is_no_signer() -> None:
    text = _OCR.replace("Nơi nhân: T/M BAN THƯỜNG VỤ", "Nơi nhận:")
    assert doc(text).signer is None


def test_the_real_ocr_resolution() -> None:
    name = "lao-cai-tinh-uy-34-NQ-TU-2025-phat-trien-khu-cum-cong-nghiep-ocr.txt"
    parsed = doc((_REAL / name).read_text(encoding="utf-8"))
    assert parsed.issuer == "Tỉnh ủy Lào Cai"
    assert parsed.signer == "Hoàng Giang"
