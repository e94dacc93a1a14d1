"""Facts of HĐND resolutions copied without their header box (issues 12, 13): the number
named only in the appendix heading ("41NQ-HĐND", the slash left out), the day they take
effect compared ("… có hiệu lực cùng ngày không?"), and the Tờ trình and Báo cáo thẩm tra
they were adopted on, read from the "Xét …" line. Two invented resolutions of that shape."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval.assistant import Assistant
from retrieval.list_headings import asked_list
from tests.conftest import ingested_runtime

# Invented for these tests, in the shape of a web copy that lost its header table.
ADOPTING = """\
NGHỊ QUYẾT
THÔNG QUA ĐỀ ÁN PHÁT TRIỂN CHĂN NUÔI TỈNH LAM SƠN ĐẾN NĂM 2025
HỘI ĐỒNG NHÂN DÂN TỈNH LAM SƠN
KHÓA XV - KỲ HỌP THỨ BA
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Xét Tờ trình số 41/TTr-UBND ngày 02 tháng 7 năm 2019 của Ủy ban nhân dân tỉnh về việc
thông qua Đề án phát triển chăn nuôi và Báo cáo thẩm tra số 07/BC-KTNS ngày 08 tháng 7 năm
2019 của Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh;
Hội đồng nhân dân tỉnh đã thảo luận và nhất trí,
QUYẾT NGHỊ:
Điều 1. Thông qua Đề án phát triển chăn nuôi tỉnh Lam Sơn đến năm 2025.
1. Mục tiêu: đến năm 2025 tổng đàn gia súc đạt 1.200.000 con.
2. Một số giải pháp chủ yếu
a) Giải pháp về cơ chế, chính sách:
- Rà soát chính sách hỗ trợ hộ chăn nuôi quy mô vừa;
- Ưu tiên vốn vay cho hợp tác xã.
b) Giải pháp về khoa học, công nghệ:
- Chuyển giao giống mới cho các huyện vùng cao.
c) Giải pháp về thị trường:
- Xây dựng chuỗi liên kết tiêu thụ sản phẩm.
Điều 2. Nghị quyết này có hiệu lực thi hành kể từ ngày 12 tháng 7
năm 2019.
Nghị quyết này đã được Hội đồng nhân dân tỉnh Lam Sơn khóa XV, Kỳ họp thứ Ba thông qua./.

PHỤ LỤC
DANH MỤC CÁC DỰ ÁN
(Ban hành kèm theo Nghị quyết số 41NQ-HĐND ngày 12 tháng 7 năm 2019 của Hội
đồng nhân dân tỉnh Lam Sơn)
"""

PROGRAMME = """\
NGHỊ QUYẾT
BAN HÀNH CHƯƠNG TRÌNH GIÁM SÁT NĂM 2020 CỦA HỘI ĐỒNG NHÂN DÂN TỈNH LAM SƠN
HỘI ĐỒNG NHÂN DÂN TỈNH LAM SƠN
KHÓA XV - KỲ HỌP THỨ BA
Căn cứ Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân ngày 20 tháng 11 năm 2015;
Xét Tờ trình số 03/TTr-HĐND, ngày 28 tháng 6 năm 2019 của Thường trực Hội đồng nhân dân
tỉnh về ban hành Chương trình giám sát năm 2020; Báo cáo thẩm tra số 05/BC-BPC ngày 09
tháng 7 năm 2019 của Ban Pháp chế, HĐND tỉnh;
Hội đồng nhân dân tỉnh đã thảo luận và nhất trí,
QUYẾT NGHỊ:
Điều 1. Ban hành Chương trình giám sát năm 2020 của Hội đồng nhân dân tỉnh Lam Sơn.
1. Giám sát chuyên đề việc quản lý đất đai.
Điều 2. Nghị quyết này có hiệu lực thi hành kể từ ngày 12 tháng 7 năm 2019.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    plans = tmp_path_factory.mktemp("resolutions")
    adopting = plans / "lam-son-nq-2019-de-an-chan-nuoi.txt"
    adopting.write_text(ADOPTING, encoding="utf-8")
    programme = plans / "lam-son-nq-2019-chuong-trinh-giam-sat-2020.txt"
    programme.write_text(PROGRAMME, encoding="utf-8")
    with ingested_runtime(tmp_path_factory.mktemp("home"), [adopting, programme]) as runtime:
        yield runtime.assistant()


def test_the_number_named_only_in_the_appendix(assistant: Assistant) -> None:
    answer = assistant.ask("NQ thông qua Đề án phát triển chăn nuôi tỉnh Lam Sơn có số hiệu gì?")
    assert not answer.abstained
    assert "41NQ-HĐND" in answer.answer


def test_two_resolutions_taking_effect_the_same_day(assistant: Assistant) -> None:
    answer = assistant.ask(
        "NQ 41 về đề án chăn nuôi và NQ ban hành chương trình giám sát 2020 của HĐND tỉnh Lam "
        "Sơn có hiệu lực cùng ngày không?"
    )
    assert not answer.abstained
    assert answer.answer.startswith("Có, cùng ngày.")
    assert answer.answer.count("12 tháng 7") == 2


def test_the_review_of_each_resolution(assistant: Assistant) -> None:
    answer = assistant.ask("Báo cáo thẩm tra NQ 41 số mấy, của ban nào HĐND tỉnh?")
    assert not answer.abstained
    assert "07/BC-KTNS" in answer.answer and "Ban Kinh tế" in answer.answer
    assert "05/BC-BPC" not in answer.answer


def test_the_submission_of_the_programme_by_its_date(assistant: Assistant) -> None:
    answer = assistant.ask("Tờ trình ban hành Chương trình giám sát năm 2020 đề ngày nào?")
    assert not answer.abstained
    assert "28 tháng 6 năm 2019" in answer.answer


def test_the_groups_of_solutions_are_the_headings_under_them(assistant: Assistant) -> None:
    """ "… nêu những nhóm giải pháp chủ yếu nào?": no clause says "nhóm"; the heading
    "2. Một số giải pháp chủ yếu" names the list, its lettered headings are the groups."""
    answer = assistant.ask("NQ 41 neu nhung nhom giai phap chu yeu nao?")
    assert not answer.abstained
    for group in ("cơ chế, chính sách", "khoa học, công nghệ", "thị trường"):
        assert group in answer.answer


def test_the_groups_asked_are_the_list_asked() -> None:
    assert asked_list("nq 41 neu nhung nhom giai phap chu yeu nao") == [
        "giai",
        "phap",
        "chu",
        "yeu",
    ]
    assert asked_list("co nhung nhom nao") == []
