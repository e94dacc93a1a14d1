"""A draft's marking and an unsigned draft's office (NĐ 30/2020 phụ lục I, HD 36-HD/VPTW), on
small snippets in the rules' layouts and on the real Tỉnh ủy draft copied from a PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.domain import Document
from ingest.parser.header.signature import signed_title
from ingest.parser.plan import parse_plan

_REAL = Path(__file__).parent / "real_plans_12l"


def doc(text: str) -> Document:
    return parse_plan(text, "t").document


_PARTY_HEAD = (
    "  TỈNH ỦY HÀ GIANG                    ĐẢNG CỘNG SẢN VIỆT NAM\n"
    "         *\n"
    "   Số     - KH/TU                     Hà Giang, ngày    tháng    năm 2026\n"
)
_BODY = (
    "                     KẾ HOẠCH\n"
    "       Thực hiện chuyển đổi số trong các cơ quan đảng\n"
    "                    -----\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "1. Nâng cao nhận thức về chuyển đổi số.\n"
)


@pytest.mark.parametrize(
    ("marking", "written"),
    [
        ("     (DỰ THẢO)\n", "DỰ THẢO"),
        ("     Dự thảo lần 2\n", "Dự thảo lần 2"),
        ("     DỰ THẢO 3\n", "DỰ THẢO 3"),
        ("     [Dự thảo]\n", "Dự thảo"),
    ],
)
def test_a_draft_marking_under_the_number_is_read(marking: str, written: str) -> None:
    document = doc(_PARTY_HEAD + marking + _BODY)
    assert document.draft == written
    assert document.issuer == "Tỉnh ủy Hà Giang"
    assert document.kind == "Kế hoạch"


def test_a_draft_marking_beside_the_state_header_box_is_read() -> None:
    document = doc(
        "UBND TỈNH BẮC KẠN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM          DỰ THẢO\n"
        "SỞ NỘI VỤ                  Độc lập - Tự do - Hạnh phúc\n"
        "Số:    /KH-SNV             Bắc Kạn, ngày    tháng    năm 2026\n\n" + _BODY
    )
    assert document.draft == "DỰ THẢO"


def test_an_issued_plan_or_a_draft_named_in_the_text_is_no_draft() -> None:
    issued = doc(
        "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 15/KH-UBND                     Nam Định, ngày 05 tháng 3 năm 2026\n\n"
        "KẾ HOẠCH\nTriển khai dự thảo Luật Đất đai sửa đổi\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        "1. Sở Nông nghiệp và Môi trường xây dựng dự thảo kế hoạch.\n"
        "Dự thảo\n"
    )
    assert issued.draft is None


def test_an_unsigned_draft_keeps_the_office_it_is_to_be_signed_in() -> None:
    lines = [
        " Nơi nhận:                                  T/M BAN CHẤP HÀNH",
        "- Bộ Chính trị,                                   BÍ THƯ",
        "- Ban Bí thư,",
        "- Lưu Văn phòng Tỉnh uỷ.",
    ]
    assert signed_title(lines) == "Bí thư"
    state = [
        "Nơi nhận:            TM. ỦY BAN NHÂN DÂN",
        "- Như trên;            KT. CHỦ TỊCH",
        "- Lưu: VT.             PHÓ CHỦ TỊCH",
    ]
    assert signed_title(state) == "Phó Chủ tịch"


def test_a_title_not_under_an_authority_line_is_no_office() -> None:
    assert signed_title(["Nơi nhận:", "- Ban Bí thư,", "BÍ THƯ"]) is None


def test_the_real_tinh_uy_draft() -> None:
    path = _REAL / "lao-cai-tinh-uy-du-thao-de-an-2025-tai-nguyen-moi-truong.txt"
    document = parse_plan(path.read_text(encoding="utf-8"), path.stem).document
    assert document.draft == "DỰ THẢO"
    assert document.signer is None
    assert document.signer_title == "Bí thư"
    assert document.number is None  # "Số     - ĐA/TU": left blank in the draft
    assert document.issuer == "Tỉnh ủy Lào Cai"


def test_an_issued_real_party_programme_is_no_draft() -> None:
    path = Path(__file__).parent / "real_plans_12k"
    issued = [p for p in sorted(path.glob("*.txt"))][:3]
    for p in issued:
        assert parse_plan(p.read_text(encoding="utf-8"), p.stem).document.draft is None


@pytest.mark.parametrize(
    "question",
    [
        "Đề án tài nguyên của Tỉnh ủy Lào Cai là văn bản chính thức hay bản dự thảo?",
        "De an nay co phai ban du thao khong?",
        "Kế hoạch 15 đã được ban hành chính thức chưa?",
    ],
)
def test_a_question_asking_whether_a_document_is_a_draft(question: str) -> None:
    from retrieval.query import Intent, MetaField, understand

    asked = understand(question)
    assert asked.intent is Intent.DOCUMENT_FACTS
    assert asked.meta_field is MetaField.DRAFT


@pytest.mark.parametrize(
    "question",
    [
        "UBND tinh giao So NN&MT xay dung du thao KH thuc hien CTr 104 xong truoc ngay nao?",
        "Đề án tài nguyên (dự thảo) và CTr 104 được ký thay mặt cơ quan nào?",
    ],
)
def test_a_draft_named_or_asked_for_is_no_question_of_status(question: str) -> None:
    from retrieval.query import MetaField, understand

    assert understand(question).meta_field is not MetaField.DRAFT
