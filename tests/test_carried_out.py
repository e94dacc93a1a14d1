"""What a plan carries out is what its title names, not every "Căn cứ" line of its preamble."""

from ingest.normalize_vi import folded
from retrieval.carried_out import carried_out

_BASIS = [
    "Nghị định số 35/2025/NĐ-CP ngày 25 tháng 02 năm 2025 của Chính phủ",
    "Nghị định số 180/2026/NĐ-CP ngày 21 tháng 5 năm 2026 của Chính phủ",
]
_TITLE = (
    "Quyết định ban hành Kế hoạch triển khai thực hiện Nghị định số 180/2026/NĐ-CP ngày 21 "
    "tháng 5 năm 2026 của Chính phủ quy định về dịch vụ hấp thụ và lưu giữ các-bon của rừng"
)


def test_a_question_on_what_the_plan_carries_out_gets_the_title_s_document() -> None:
    asked = folded("QĐ 2200 ban hành kế hoạch triển khai nghị định nào?")
    assert carried_out(_BASIS, _TITLE, asked) == [_BASIS[1]]


def test_a_question_on_the_basis_keeps_every_basis_line() -> None:
    asked = folded("Kế hoạch căn cứ vào những nghị định nào để thực hiện?")
    assert carried_out(_BASIS, _TITLE, asked) == _BASIS


def test_a_title_naming_none_of_the_lines_keeps_them_all() -> None:
    asked = folded("Kế hoạch này thực hiện văn bản nào?")
    title = "Kế hoạch thực hiện chuyển đổi số năm 2026"
    assert carried_out(_BASIS, title, asked) == _BASIS
    assert carried_out(_BASIS, "Kế hoạch chuyển đổi số", asked) == _BASIS


def test_a_question_naming_a_document_keeps_every_line() -> None:
    asked = folded("Ngoài Nghị định 180/2026/NĐ-CP, kế hoạch còn thực hiện nghị định nào?")
    assert carried_out(_BASIS, _TITLE, asked) == _BASIS


def test_the_kind_asked_keeps_the_lines_of_that_kind() -> None:
    basis = [
        "Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013",
        "Thông tư số 09/2013/TT-BXD ngày 01/7/2013",
    ]
    title = (
        "Về ban hành Kế hoạch triển khai thực hiện Thông tư số 09/2013/TT-BXD hướng dẫn thực "
        "hiện Quyết định số 22/2013/QĐ-TTg"
    )
    asked = folded("Kế hoạch kèm QĐ 3210 triển khai thực hiện thông tư nào?")
    assert carried_out(basis, title, asked) == [basis[1]]
    assert carried_out(basis, title, folded("Kế hoạch triển khai văn bản nào?")) == basis


def test_the_plan_s_own_number_in_the_question_is_no_basis_named() -> None:
    asked = folded("QĐ 2200/QĐ-BNNMT ban hành kế hoạch triển khai nghị định nào?")
    assert carried_out(_BASIS, _TITLE, asked) == [_BASIS[1]]


def test_the_kind_asked_is_looked_for_among_every_line() -> None:
    basis = [
        "Chương trình hành động số 104-CTr/TU ngày 30/8/2026 của Tỉnh ủy",
        "Công văn số 2449-CV/ĐU ngày 07/9/2026 của Đảng ủy Ủy ban nhân dân tỉnh",
    ]
    title = "V/v triển khai thực hiện Chương trình hành động số 104-CTr/TU của Tỉnh ủy"
    asked = folded("CV 9387 thực hiện công văn nào của Đảng ủy UBND tỉnh?")
    assert carried_out(basis, title, asked) == [basis[1]]
