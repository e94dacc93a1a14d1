"""Lists the real commune plans of tests/real_plans5 write after a lead-in: a numbered clause
whose own words end by announcing its items ("2. Đối tượng giám sát: … gồm có:") is answered
with the items under it, however long its sentence; a task sentence announcing the numbered
items after it ("… tổ chức thực hiện các hình thức sau:" / "1. Giám sát trực tiếp …") is
answered with them when they are asked, and by its row when its unit is asked. On the real
file, then on an invented plan of the same shape with other words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

FOLDER = Path(__file__).resolve().parent / "real_plans5"
KIEM_TRA = FOLDER / "luong-minh-KH-MTTQ-BTT-2025-kiem-tra-giam-sat-bau-cu.htm"

# Invented for these tests: a ward plan of the same shape, other bodies and forms.
VARIANT = """\
ỦY BAN NHÂN DÂN PHƯỜNG HÒA KHÁNH
Số: 41/KH-UBND
Hòa Khánh, ngày 03 tháng 3 năm 2026

KẾ HOẠCH
Kiểm tra công tác phòng cháy, chữa cháy tại các khu dân cư năm 2026

I. ĐỐI TƯỢNG KIỂM TRA

1. Đối tượng kiểm tra: Ủy ban nhân dân phường tiến hành kiểm tra công tác phòng cháy, chữa cháy đối với các tổ chức ở khu dân cư trên địa bàn phường, gồm có:

- Các Tổ dân phố và Ban công tác Mặt trận khu dân cư.

- Các chợ dân sinh do phường quản lý.

- Các cơ sở lưu trú có từ 10 phòng trở lên.

II. HÌNH THỨC KIỂM TRA

Căn cứ tình hình thực tế, Ủy ban nhân dân phường Hòa Khánh tổ chức thực hiện các hình thức sau:

1. Kiểm tra định kỳ: Đoàn công tác của phường kiểm tra mỗi quý một lần theo lịch đã thông báo.

2. Kiểm tra đột xuất: Khi có phản ánh của người dân hoặc dấu hiệu vi phạm.

3. Tự kiểm tra: Các tổ dân phố tự kiểm tra và báo cáo kết quả về phường.

III. TỔ CHỨC THỰC HIỆN

Công an phường chủ trì, phối hợp với các tổ dân phố triển khai Kế hoạch này.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    plans = tmp_path_factory.mktemp("list-plans")
    variant = plans / "hoa-khanh-41-KH-UBND-2026-kiem-tra-pccc.txt"
    variant.write_text(VARIANT, encoding="utf-8")
    home = tmp_path_factory.mktemp("list-home")
    runtime: Runtime
    with ingested_runtime(home, [KIEM_TRA, variant]) as runtime:
        yield runtime.assistant()


@pytest.mark.parametrize(
    ("question", "items"),
    [
        (
            "Doi tuong giam sat cong tac bau cu cua MTTQ xa Luong Minh gom nhung ai?",
            ["Ủy ban bầu cử xã", "Thường trực Hội đồng nhân dân xã", "Ủy ban nhân dân xã"],
        ),
        (
            "Đối tượng kiểm tra phòng cháy chữa cháy của phường Hòa Khánh gồm những ai?",
            ["Tổ dân phố", "chợ dân sinh", "cơ sở lưu trú"],
        ),
        # a task announcing numbered items is answered with them
        (
            "Các hình thức kiểm tra, giám sát bầu cử của MTTQ xã Lương Minh gồm những gì?",
            ["Giám sát trực tiếp", "Phối hợp kiểm tra, giám sát", "Đoàn kiểm tra, giám sát"],
        ),
        (
            "Ủy ban nhân dân phường Hòa Khánh tổ chức thực hiện những hình thức kiểm tra nào?",
            ["Kiểm tra định kỳ", "Kiểm tra đột xuất", "Tự kiểm tra"],
        ),
    ],
)
def test_a_lead_in_is_answered_with_its_items(
    assistant: Assistant, question: str, items: list[str]
) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained
    for item in items:
        assert item in answer.answer
