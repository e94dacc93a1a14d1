"""Causes found on a held-out batch, tested on the real plans (tests/real_plans,
tests/real_plans2) loaded beside the bundled ones and tests/plans, as a user's home holds
them: a follow-up asking about the item just answered, a place named beside a plan named
by number, a kind of document named with no number, a time or a partner a duty does not
give (declined, with the duty as the closest)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.conversation import Conversation
from retrieval.runtime import BUNDLED_CORPUS
from tests.conftest import ingested_runtime

TESTS = Path(__file__).resolve().parents[1]
CAN_THO = "can-tho-165-KH-UBND-2025"
NQ_60 = "tw-dang-60-NQ-TW-2025-hoi-nghi-11"
QUOC_HOI = "quoc-hoi-nq-bo-sung-ke-hoach-ktxh-2025"
TIEN_GIANG = "tien-giang-466-KH-UBND-2025"
KH_252 = "bcd-quoc-gia-1237-252-KH-BCDQG1237-2013"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    paths = [BUNDLED_CORPUS, TESTS / "plans", TESTS / "real_plans", TESTS / "real_plans2"]
    with ingested_runtime(tmp_path_factory.mktemp("many-home"), paths) as runtime:
        yield runtime.assistant()


def test_a_follow_up_about_the_item_just_answered(assistant: Assistant) -> None:
    # every item of the list says "trung tâm chính trị - hành chính đặt tại …": the turn
    # is about the one the previous answer cited
    conversation = Conversation()
    assistant.ask("Theo NQ 60-NQ/TW, tỉnh Yên Bái hợp nhất với tỉnh nào?", conversation)
    answer = assistant.ask("Trung tâm chính trị - hành chính đặt ở đâu?", conversation)
    assert not answer.abstained
    assert answer.citations[0].document_id == NQ_60 and answer.citations[0].clause == "2"


def test_title_words_in_a_follow_up_are_its_topic(assistant: Assistant) -> None:
    # "dịch vụ công trực tuyến" is also the title of Thái Bình's plan: the turn stays on
    # the plan of the conversation
    conversation = Conversation()
    assistant.ask(
        "Tiền Giang đặt chỉ tiêu bao nhiêu % TTHC cung cấp DVC TT toàn trình?", conversation
    )
    answer = assistant.ask(
        "còn hồ sơ trực tuyến toàn trình trên Cổng dịch vụ công của tỉnh thì sao?", conversation
    )
    assert {c.document_id for c in answer.citations} == {TIEN_GIANG}


def test_a_place_beside_a_plan_named_by_number_is_the_topic(assistant: Assistant) -> None:
    # Quảng Trị has a plan of its own (tests/plans); NQ 60, named by number, is asked
    answer = assistant.ask("Theo danh sách kèm NQ 60-NQ/TW, tỉnh Quảng Trị hợp nhất với tỉnh nào?")
    assert not answer.abstained
    assert answer.citations[0].document_id == NQ_60 and answer.citations[0].clause == "9"
    assert "Quảng Bình" in answer.answer


def test_a_kind_named_without_a_number_covers_every_plan_of_that_kind(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("nghị quyết được thông qua ngày nào?")
    assert not answer.abstained
    assert {c.document_id for c in answer.citations} == {NQ_60, QUOC_HOI}


def test_a_time_the_duty_does_not_give_is_declined(assistant: Assistant) -> None:
    answer = assistant.ask(
        "KH 165 Cần Thơ: UBND cấp xã phải kiện toàn Ban Chỉ đạo Dân số cấp xã trước ngày nào?"
    )
    assert answer.abstained
    assert "không ghi thời hạn" in answer.answer.splitlines()[0]
    assert answer.citations and answer.citations[0].document_id == CAN_THO


def test_a_stage_the_duty_states_answers_when(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Theo KH 165 Cần Thơ, sơ kết, tổng kết các đề án dân số và phát triển giai đoạn đến năm nào?"
    )
    assert not answer.abstained
    assert "2030" in answer.answer.splitlines()[0]


def test_a_partner_the_duty_does_not_name_is_declined(assistant: Assistant) -> None:
    answer = assistant.ask("Mục IV Kế hoạch 252 giao cơ quan nào phối hợp?")
    assert answer.abstained
    assert "không nêu đơn vị phối hợp" in answer.answer.splitlines()[0]
    assert answer.citations[0].document_id == KH_252


def test_a_follow_up_naming_another_unit_asks_the_previous_question_of_it(
    assistant: Assistant,
) -> None:
    conversation = Conversation()
    assistant.ask("Sở Giáo dục và Đào tạo có nhiệm vụ gì trong KH 165 Cần Thơ?", conversation)
    answer = assistant.ask("Còn Sở Tài chính?", conversation)
    assert not answer.abstained
    assert {c.document_id for c in answer.citations} == {CAN_THO}
    assert "kinh phí" in answer.answer and "giáo dục dân số" not in answer.answer
