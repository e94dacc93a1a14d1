"""The "Nơi nhận" list of a plan: read as a document fact ("… được gửi tới cơ quan nào?")."""

from __future__ import annotations

import pytest

from retrieval.query import Intent, MetaField, understand
from retrieval.recipients import recipients_in

# NĐ 30/2020/NĐ-CP layout, and the same block as a converted table's cells ("… |")
_PLAIN = """Nơi nhận:

- UBND tỉnh;
- Sở Khoa học và Công nghệ;
- TT Đảng ủy, HĐND xã;
- Lưu: VT, VHXH.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH"""
_CELLS = """Nơi nhận: |
- Văn phòng Chính phủ; |
- Lưu: VT, NC. |
KT. CHỦ TỊCH |
PHÓ CHỦ TỊCH |"""


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (_PLAIN, ["UBND tỉnh", "Sở Khoa học và Công nghệ", "TT Đảng ủy, HĐND xã"]),
        (_CELLS, ["Văn phòng Chính phủ"]),
        ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A", []),
    ],
)
def test_recipients_are_the_lines_under_noi_nhan_without_the_archive(
    text: str, names: list[str]
) -> None:
    assert recipients_in(text) == names


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Kế hoạch 88 của Thái Bình được gửi tới cơ quan trung ương nào?", True),
        ("Ke hoach CDS xa Xuan Truong duoc gui den nhung co quan nao?", True),
        ("Nơi nhận của kế hoạch 19?", True),
        ("Các đơn vị gửi báo cáo kết quả về cơ quan nào?", False),
        ("Kế hoạch thí điểm chính quyền số cấp sở Ninh Bình được gửi tới bộ nào?", True),
        ("KH 466 Tiền Giang được gửi tới những cơ quan trung ương nào?", True),
        ("Theo kế hoạch 19, báo cáo kết quả được gửi về cơ quan nào?", False),
    ],
)
def test_where_a_plan_was_sent_is_a_document_fact(question: str, asked: bool) -> None:
    """Where the plan itself was sent, not where a report it asks for goes."""
    query = understand(question)
    assert (
        query.intent is Intent.DOCUMENT_FACTS and MetaField.RECIPIENTS in query.meta_fields
    ) is asked
