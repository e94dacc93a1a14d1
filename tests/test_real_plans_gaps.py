"""Known gaps the real plans of tests/real_plans showed outside the parser (issue 12).

Each test states the behaviour a user needs and fails today (xfail, strict): the cause is
in the question path (retrieval/*), owned by another piece of work; the parser already
gives what the answer needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from tests.conftest import ingested_runtime

# Nghị định 30/2020/NĐ-CP, Phụ lục I: days below 10 and the months 1 and 2 take a leading 0
PLAN = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG THỬ
Số: 09/KH-UBND
Quảng Thử, ngày 19 tháng 02 năm 2025
KẾ HOẠCH
Công tác dân số năm 2025
I. NHIỆM VỤ
1. Sở Y tế chủ trì tổ chức truyền thông về dân số.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    folder = tmp_path_factory.mktemp("plans")
    path = folder / "quang-thu-09.txt"
    path.write_text(PLAN, encoding="utf-8")
    with ingested_runtime(tmp_path_factory.mktemp("home"), [Path(path)]) as runtime:
        yield runtime.assistant()


def test_a_date_with_a_zero_padded_month_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask("Kế hoạch 09/KH-UBND ban hành ngày nào?")
    assert not answer.abstained
    assert "19/02/2025" in answer.answer or "19 tháng 02 năm 2025" in answer.answer


CITING_PLAN = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG THỬ
Số: 165/KH-UBND
Quảng Thử, ngày 21 tháng 11 năm 2025
KẾ HOẠCH
THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 THÁNG 8 NĂM 2024 CỦA
THỦ TƯỚNG CHÍNH PHỦ VỀ CÔNG TÁC DÂN SỐ
I. NHIỆM VỤ
1. Sở Y tế chủ trì tổ chức truyền thông về dân số.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
"""


def test_a_plan_is_labelled_with_its_own_year(tmp_path: Path) -> None:
    path = tmp_path / "quang-thu-165.txt"
    path.write_text(CITING_PLAN, encoding="utf-8")
    with ingested_runtime(tmp_path / "home", [path]) as runtime:
        answer = runtime.assistant().ask("Kế hoạch 165 năm 2025 do ai ký?")
    assert "2024)" not in answer.answer and "2025)" in answer.answer
