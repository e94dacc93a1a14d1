"""Header fields of the real Party-body programmes (tests/real_plans6, batch -real6: Tỉnh ủy Lào
Cai 104-CTr/TU 2026, a pdftotext layout copy; Bộ Chính trị 31-CTr/TW 2026, an OCR copy).

The expected values (tests/real_plans6/expected_headers.json) were written by reading the
documents before any change for them. Blind, at d2fda45, 8 of the 10 fields were right: the
31-CTr/TW programme's issuer was the header line as the OCR read it ("Ban Chắáp hành Trung
ương"), though HĐ 36 heads the Bộ Chính trị's documents with that line and the programme is
signed "T/M BỘ CHÍNH TRỊ"; its title ran on into the first part heading written Party style
("1- MỤC ĐÍCH, YÊU CÂU"). The Tỉnh ủy programme's signer, 11 lines under "PHÓ BÍ THƯ THƯỜNG
TRỰC" beside the "Nơi nhận" list, was not found.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ingest.domain import Document
from ingest.parser.plan import parse_plan
from tests.test_headers_heldout import _norm, fields_right

FOLDER = Path(__file__).resolve().parent / "real_plans6"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (FOLDER / "expected_headers.json").read_text(encoding="utf-8")
)


def _parsed(name: str) -> Document:
    path = FOLDER / name
    return parse_plan(path.read_text(encoding="utf-8"), path.stem, name).document


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_header_fields_of_the_party_programmes(name: str) -> None:
    fields = fields_right(_parsed(name), EXPECTED[name])
    assert all(fields.values()), {f: ok for f, ok in fields.items() if not ok}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_place_and_signer_of_the_party_programmes(name: str) -> None:
    document, want = _parsed(name), EXPECTED[name]
    place = document.place.name if document.place else None
    assert _norm(place) == _norm(want["place"])
    assert _norm(document.signer) == _norm(want["signer"])
    assert not document.replaces


# ---- the rules, on invented texts of the same shapes ---------------------------------------

CENTRAL = """BAN CHẤP HÀNH TRUNG ƯƠNG
*
Số 12-KL/TW
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 02 tháng 3 năm 2026
KẾT LUẬN
CỦA BAN BÍ THƯ
về tiếp tục thực hiện Chỉ thị số 05-CT/TW
I- TÌNH HÌNH
Các cấp ủy đã triển khai.
II- NHIỆM VỤ
1. Các tỉnh ủy, thành ủy xây dựng kế hoạch thực hiện.
Nơi nhận:
- Các tỉnh ủy, thành ủy;
- Lưu Văn phòng Trung ương Đảng.
T/M BAN BÍ THƯ
Trần Văn Thử
"""


def test_a_central_committee_header_over_a_secretariat_signature_is_the_secretariat() -> None:
    document = parse_plan(CENTRAL, "x", "x.txt").document
    assert document.issuer == "Ban Bí thư"
    assert document.signer == "Trần Văn Thử" or document.signer is None
    assert document.title is not None and "TÌNH HÌNH" not in document.title.upper()
    assert document.title.endswith("Chỉ thị số 05-CT/TW")


def test_the_central_committee_signing_for_itself_stays_the_issuer() -> None:
    text = CENTRAL.replace("T/M BAN BÍ THƯ", "T/M BAN CHẤP HÀNH TRUNG ƯƠNG\nTỔNG BÍ THƯ")
    document = parse_plan(text, "x", "x.txt").document
    assert document.issuer == "Ban Chấp hành Trung ương"
    assert document.signer == "Trần Văn Thử"


LAYOUT = """HUYỆN ỦY BẢN THỬ                     ĐẢNG CỘNG SẢN VIỆT NAM
            *
     Số 45-KH/HU                  Bản Thử, ngày 10 tháng 4 năm 2026

                          KẾ HOẠCH
            thực hiện chuyển đổi số trong các cơ quan đảng
      I. MỤC ĐÍCH, YÊU CẦU
      - Nâng cao nhận thức của cán bộ, đảng viên về chuyển đổi số.
      II. TỔ CHỨC THỰC HIỆN
      1. Văn phòng Huyện ủy chủ trì triển khai kế hoạch này.


 Nơi nhận:                                        T/M BAN THƯỜNG VỤ
 - Ban Thường vụ Tỉnh ủy (b/c);                          BÍ THƯ
 - Các chi bộ, đảng bộ cơ sở;
 - Lưu Văn phòng Huyện ủy.
                                                    Lò Văn Thử
"""


def test_a_signer_under_a_recipient_list_in_a_layout_copy_is_found() -> None:
    document = parse_plan(LAYOUT, "x", "x.txt").document
    assert document.signer == "Lò Văn Thử"
    assert document.issuer == "Huyện ủy Bản Thử"
    assert document.number == "45-KH/HU"
