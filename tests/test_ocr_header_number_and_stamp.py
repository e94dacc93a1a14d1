"""An OCR copy's header whose figures came out unreadable: the ký hiệu still marks the box
(so the issuer above it is read), a day read as a stroke is a blank day, and the digital
signature's stamp above the box dates the issue when it agrees with the date line."""

from __future__ import annotations

from ingest.dates import full_dates
from ingest.parser.header.number import misread_number, parse_number
from ingest.parser.plan import parse_plan

_HEADER = """Ký bởi: BỘ TÀI CHÍNH
Cơ quan: 28 Trần Hưng Đạo.
Thời gian ký: {stamp} 14:18:57 +07:00

BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: Z32Ø/BTC-QLCS Hà Nội, ngày / tháng 6 năm 2026

V/v Triển khai thực hiện Nghị định
số 178/2026/NĐ-CP của Chính phủ.

Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương.

Để triển khai thực hiện Nghị định, Bộ Tài chính đề nghị các địa phương:

1. Tổ chức tuyên truyền, phổ biến nội dung của Nghị định.

2. Rà soát các văn bản quy phạm pháp luật liên quan.
"""


def test_a_misread_number_gives_no_value_but_keeps_its_symbol() -> None:
    assert parse_number("Số: Z32Ø/BTC-QLCS Hà Nội") is None
    number = misread_number("Số: Z32Ø/BTC-QLCS Hà Nội")
    assert number is not None and number.value is None and number.symbol == "BTC-QLCS"
    # figures alone are a number, words alone are no number at all
    assert misread_number("Số: 8388/BTC-QLCS") is None
    assert misread_number("Số: Kế/hoạch") is None


def test_a_day_read_as_a_stroke_is_a_blank_day() -> None:
    (date,) = full_dates("Hà Nội, ngày / tháng 6 năm 2026", blanks=True)
    assert date.iso == "2026-06"


def test_the_header_box_under_a_signature_stamp_is_read() -> None:
    plan = parse_plan(_HEADER.format(stamp="19/06/2026"), document_id="bo-tai-chinh-ocr")
    document = plan.document
    assert document.issuer == "Bộ Tài chính"
    assert document.kind == "Công văn"
    assert document.number is None
    assert document.issued_date == "2026-06-19"


def test_a_stamp_that_disagrees_with_the_date_line_is_not_the_date() -> None:
    plan = parse_plan(_HEADER.format(stamp="02/07/2026"), document_id="bo-tai-chinh-ocr")
    assert plan.document.issued_date == "2026-06"
