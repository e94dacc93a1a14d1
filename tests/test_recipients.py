"""The "Nơi nhận" list of a plan: read as a document fact ("… được gửi tới cơ quan nào?")."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.query import Intent, MetaField, understand
from retrieval.recipients import asked_recipients, recipients_in

HERE = Path(__file__).parent

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
        ("Quyết định 254 của UBND tỉnh Sơn La được gửi để báo cáo tới những cơ quan nào?", True),
        ("QĐ 254 được gửi để b/c Bộ Công an qua cục nào?", True),
        ("Kế hoạch 19 gửi Sở Khoa học và Công nghệ báo cáo quý trước ngày nào?", False),
        # batch 12f: "được gửi báo cáo" (sent to report) is where the decision was sent
        (
            "QĐ 986 về kế hoạch thời gian năm học của Tuyên Quang được gửi báo cáo những cơ "
            "quan nào?",
            True,
        ),
        ("QĐ 986 Tuyên Quang gửi những nơi nào?", True),
        ("Kế hoạch yêu cầu các đơn vị gửi báo cáo về Sở nào?", False),
        # batch 12g: a Chỉ thị named by its short form, the purpose written "(để b/c)" after
        # "gửi báo cáo", and one recipient asked yes or no
        ("CT 012 Đắk Lắk gửi để báo cáo (b/c) những cơ quan nào?", True),
        ("KH 165 Can Tho gui bao cao (de b/c) nhung co quan trung uong nao?", True),
        ("CT 012 Dak Lak co gui UBND cac xa, phuong khong?", True),
        ("Các xã có gửi báo cáo về UBND tỉnh không?", False),
        ("Kế hoạch 19 yêu cầu các sở gửi báo cáo về Sở nào?", False),
        ("Kế hoạch 19 có gửi báo cáo về Bộ Khoa học và Công nghệ không?", False),
    ],
)
def test_where_a_plan_was_sent_is_a_document_fact(question: str, asked: bool) -> None:
    """Where the plan itself was sent, not where a report it asks for goes."""
    query = understand(question)
    assert (
        query.intent is Intent.DOCUMENT_FACTS and MetaField.RECIPIENTS in query.meta_fields
    ) is asked


def _real(path: str) -> str:
    return (HERE / path).read_text(encoding="utf-8")


def test_a_list_written_in_one_table_cell_is_split_at_its_marks() -> None:
    """BCĐQG 1237 KH 252: "| Nơi nhận: - Thủ tướng …; - Các Bộ: …; … - Lưu: … | TRƯỞNG BAN |"."""
    names = recipients_in(_real("real_plans2/bcd-quoc-gia-1237-252-KH-BCDQG1237-2013.txt"))
    assert names[0] == "Thủ tướng, các Phó Thủ tướng Chính phủ"
    assert names[1].startswith("Các Bộ: Quốc phòng, Công an")
    assert not any("Lưu" in n or "TRƯỞNG BAN" in n for n in names)
    # a hyphen inside a recipient's note is no item mark: "Bộ Công an (Cục A03 - để b/c)"
    son_la = recipients_in(_real("real_plans3/son-la-254-QD-UBND-2023-ke-hoach-bao-ve-bmnn.txt"))
    assert son_la[:2] == ["Bộ Công an (Cục A03 - để b/c)", "Thường trực Tỉnh ủy (để b/c)"]


def test_a_list_beside_the_signer_in_a_second_column_wraps() -> None:
    """NQ 60-NQ/TW: the list in a left column of spaced text, the signer's title and name on
    the right, a recipient wrapping onto the next line; "Lưu Văn phòng …" ends it."""
    names = recipients_in(_real("real_plans2/tw-dang-60-NQ-TW-2025-hoi-nghi-11.txt"))
    assert names == [
        "Các ban đảng, đảng ủy trực thuộc",
        "Các tỉnh ủy, thành ủy",
        "Các đồng chí Ủy viên Ban Chấp",
    ]


def test_the_recipients_a_question_narrows_to() -> None:
    names = recipients_in(_real("real_plans/can-tho-165-KH-UBND-2025.txt"))
    reported = asked_recipients(names, understand("KH 165 gửi để b/c cho ai?").folded)
    assert reported == ["Văn phòng Chính phủ (để b/c)", "Bộ Y tế (để b/c)", "Cục Dân số (để b/c)"]
    named = asked_recipients(names, understand("KH 165 có gửi Bộ Y tế không?").folded)
    assert named == ["Bộ Y tế (để b/c)"]
    assert asked_recipients(names, understand("KH 165 gửi tới đâu?").folded) == names


def test_a_list_in_a_pipe_table_signature_block_and_one_recipient_asked() -> None:
    """Đắk Lắk Chỉ thị 012/CT-UBND (web copy): "|\n*Nơi nhận:*\n- …;\n|\n**KT. CHỦ TỊCH**";
    "có gửi UBND các xã, phường không?" names one recipient, punctuation left out."""
    names = recipients_in(_real("real_plans_12g/dak-lak-012-CT-UBND-2025-cai-cach-tthc.txt"))
    assert names[0] == "TT Tỉnh ủy, TT HĐND tỉnh (b/c)"
    assert names[-1] == "Trung tâm CN và Cổng TTĐT tỉnh"
    assert not any("CHỦ TỊCH" in n or "Lưu" in n for n in names)
    asked = understand("CT 012 Dak Lak co gui UBND cac xa, phuong khong?").folded
    assert asked_recipients(names, asked) == ["UBND các xã, phường"]
    reported = understand("CT 012 Đắk Lắk gửi để báo cáo (b/c) những cơ quan nào?").folded
    assert asked_recipients(names, reported) == [
        "TT Tỉnh ủy, TT HĐND tỉnh (b/c)",
        "UB MTTQ Việt Nam tỉnh (b/c)",
    ]


def test_a_recipient_is_named_by_its_words_together_not_scattered() -> None:
    """ "Tuyên Quang … được gửi báo cáo những cơ quan nào?" holds the words of "Báo Tuyên
    Quang" (a newspaper among the recipients) but does not name it."""
    names = ["Bộ Giáo dục và Đào tạo (báo cáo)", "Thường trực Tỉnh uỷ (báo cáo)", "Báo Tuyên Quang"]
    asked = understand(
        "QĐ 986 về kế hoạch thời gian năm học của Tuyên Quang được gửi báo cáo những cơ quan nào?"
    ).folded
    assert asked_recipients(names, asked) != ["Báo Tuyên Quang"]
    assert asked_recipients(names, understand("QĐ 986 có gửi Báo Tuyên Quang không?").folded) == [
        "Báo Tuyên Quang"
    ]


def test_a_recipient_named_and_a_kind_of_recipient_asked() -> None:
    """KH 09/KH-BTNMT: "- Văn phòng Chính phủ; - Các Bộ: CT, NN&PTNT, TC, TTTT;" in one
    table cell; "có gửi VPCP không, gửi cho những Bộ nào?" asks the one named and the
    recipients of the kind it asks ("Bộ … nào"), not a "văn bản nào"."""
    names = recipients_in(
        _real("real_plans_12h/bo-tnmt-09-KH-BTNMT-2024-quan-ly-tin-chi-cac-bon.txt")
    )
    asked = understand("KH 09/KH-BTNMT co gui Van phong Chinh phu khong, gui cho nhung Bo nao?")
    assert asked_recipients(names, asked.folded) == [
        "Văn phòng Chính phủ",
        "Các Bộ: CT, NN&PTNT, TC, TTTT",
    ]
    ministries = understand("KH 09/KH-BTNMT gửi cho bộ nào?").folded
    assert asked_recipients(names, ministries) == ["Các Bộ: CT, NN&PTNT, TC, TTTT"]
