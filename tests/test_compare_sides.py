"""A comparison of two plans named by number: each plan answers as it would alone (its
unit's duty, its deadline), both cited; a plan that does not say it is named as missing,
never answered from the other plan."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval.assistant import Assistant
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

STATE_PLAN = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG THỬ
Số: 77/KH-UBND
Quảng Thử, ngày 05 tháng 01 năm 2026
KẾ HOẠCH
Phát triển các khu, cụm công nghiệp tỉnh Quảng Thử năm 2026
I. MỤC TIÊU
1. Thu hút thêm 05 dự án đầu tư vào các khu công nghiệp.
II. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính:
- Tham mưu bố trí vốn đầu tư hạ tầng các cụm công nghiệp, hoàn thành trong tháng 6/2026.
2. Sở Nội vụ: Đưa kết quả thực hiện Kế hoạch vào tiêu chí thi đua hằng năm.
3. Sở Nông nghiệp và Môi trường:
- Hướng dẫn doanh nghiệp thủ tục thu hồi khoáng sản trong khu vực quy hoạch cụm công nghiệp.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
"""

LETTER = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG THỬ
Số: 88/UBND-KT
V/v triển khai Chương trình hành động số 12-CTr/TU của Tỉnh ủy
Quảng Thử, ngày 10 tháng 9 năm 2026
Kính gửi: Các sở, ban, ngành thuộc tỉnh.
Thực hiện Chương trình hành động số 12-CTr/TU của Tỉnh ủy về bảo vệ môi trường, Ủy ban nhân dân tỉnh có ý kiến như sau:
1. Giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các cơ quan, đơn vị xây dựng dự thảo Kế hoạch thực hiện Chương trình hành động số 12-CTr/TU, hoàn thành trước ngày 05/10/2026.
2. Giao Sở Tài chính cân đối kinh phí thực hiện Chương trình hành động, hoàn thành trước ngày 20/10/2026.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    folder = tmp_path_factory.mktemp("two-plans")
    plan = folder / "quang-thu-77-KH-UBND-2026-khu-cum-cong-nghiep.txt"
    letter = folder / "quang-thu-88-UBND-KT-2026-trien-khai-ctr-12.txt"
    plan.write_text(STATE_PLAN, encoding="utf-8")
    letter.write_text(LETTER, encoding="utf-8")
    runtime: Runtime
    with ingested_runtime(tmp_path_factory.mktemp("two-plans-home"), [folder]) as runtime:
        yield runtime.assistant()


def _cited(answer: object) -> set[str]:
    return {c.document_id for c in answer.citations}  # type: ignore[attr-defined]


def test_a_units_duty_in_each_plan_is_answered_from_each_plan(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Sở Nông nghiệp và Môi trường được giao gì trong KH 77 (khu, cụm công nghiệp) "
        "và trong CV 88 (triển khai CTr 12)?"
    )
    assert not answer.abstained
    assert _cited(answer) == {
        "quang-thu-77-KH-UBND-2026-khu-cum-cong-nghiep",
        "quang-thu-88-UBND-KT-2026-trien-khai-ctr-12",
    }
    assert "khoáng sản" in answer.answer and "05/10/2026" in answer.answer


def test_each_side_described_in_its_own_words_answers_from_its_plan(
    assistant: Assistant,
) -> None:
    """Words describing one plan ("về vốn hạ tầng") are no topic the other plan must cover:
    each plan is asked the question without the other's reference."""
    answer = assistant.ask(
        "Sở Tài chính được giao gì trong KH 77 về vốn hạ tầng và trong CV 88 về kinh phí?"
    )
    assert not answer.abstained
    assert len(_cited(answer)) == 2
    assert "tháng 6/2026" in answer.answer and "20/10/2026" in answer.answer


def test_each_sides_deadline_is_its_own(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Hạn hoàn thành việc của Sở Tài chính trong KH 77 về vốn hạ tầng và trong CV 88 về "
        "kinh phí là khi nào?"
    )
    assert not answer.abstained
    assert len(_cited(answer)) == 2
    assert "tháng 6/2026" in answer.answer and "20/10/2026" in answer.answer
    assert "05/10/2026" not in answer.answer  # another unit's deadline in the letter


def test_a_plan_that_does_not_name_the_unit_is_said_to_be_missing(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("Sở Nội vụ được giao gì trong KH 77 và trong CV 88?")
    assert "quang-thu-88-UBND-KT-2026-trien-khai-ctr-12" not in _cited(answer)
    assert "88/UBND-KT" in answer.answer  # the plan that does not say it, named
