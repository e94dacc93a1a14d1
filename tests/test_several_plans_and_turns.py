"""Questions naming two plans by number, and turns leaning on the previous one, on real
plans read as a user would (tests/real_plans, tests/real_plans2, tests/real_plans3, the
bundled xã Xuân Trường plan): each plan named is answered; a turn is answered from the
clauses just cited when they hold all its words; a turn naming another unit asks about it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.conversation import Conversation
from tests.conftest import ingested_runtime

HERE = Path(__file__).parent
CAN_THO = HERE / "real_plans" / "can-tho-165-KH-UBND-2025.txt"
BCD_252 = HERE / "real_plans2" / "bcd-quoc-gia-1237-252-KH-BCDQG1237-2013.txt"
TTG_773 = HERE / "real_plans2" / "thu-tuong-773-QD-TTg-2018-ke-hoach-chi-thi-14.txt"
HCM = HERE / "real_plans3" / "tp-hcm-3210-QD-UBND-2014-ke-hoach-nha-o-nguoi-co-cong.txt"
XUAN_TRUONG = HERE.parent / "corpus" / "xa-xuan-truong-chuyen-doi-so-2026.txt"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    plans = [CAN_THO, BCD_252, TTG_773, HCM, XUAN_TRUONG]
    with ingested_runtime(tmp_path_factory.mktemp("several"), plans) as made:
        yield made.assistant()


def test_two_plans_named_by_number_are_each_answered(assistant: Assistant) -> None:
    answer = assistant.ask("Theo KH 165 Cần Thơ và KH 252, khi có vướng mắc thì báo cáo về đâu?")
    assert not answer.abstained
    assert {c.document_id for c in answer.citations} >= {
        "can-tho-165-KH-UBND-2025",
        "bcd-quoc-gia-1237-252-KH-BCDQG1237-2013",
    }
    assert "Sở Y tế" in answer.answer
    assert "Ban Chỉ đạo quốc gia 1237" in answer.answer


def test_a_plan_named_with_its_issue_year_stays_named(assistant: Assistant) -> None:
    """KH 252 is titled "… đến năm 2020" and issued on 11/11/2013: "năm 2013" names it."""
    answer = assistant.ask("Ai ký KH 252/KH-BCĐQG1237 năm 2013 và QĐ 773/QĐ-TTg năm 2018?")
    assert "Nguyễn Thiện Nhân" in answer.answer
    assert "Nguyễn Xuân Phúc" in answer.answer


def test_a_turn_held_by_the_clauses_just_cited(assistant: Assistant) -> None:
    """Each step of QĐ 3210 ends "Thời gian hoàn tất: trước ngày …": the step just answered
    gives the date, not the first step's like line."""
    conversation = Conversation()
    first = assistant.ask(
        "Theo QĐ 3210, ai thẩm định và xác định nguồn kinh phí thực hiện Đề án?", conversation
    )
    assert "Sở Tài chính" in first.answer
    answer = assistant.ask("Hạn hoàn tất là khi nào?", conversation)
    assert not answer.abstained
    assert "15 tháng 10 năm 2014" in answer.answer
    assert "27 tháng 6 năm 2014" not in answer.answer


def test_a_turn_naming_another_unit_asks_about_it(assistant: Assistant) -> None:
    """The previous unit written as "HĐND và UBND xã" (the plan: "HĐND&UBND xã") cannot be
    swapped in the previous question's words: the turn still asks that unit's duties."""
    conversation = Conversation()
    assistant.ask(
        "Theo kế hoạch chuyển đổi số xã Xuân Trường 2026, Văn phòng HĐND và UBND xã có nhiệm vụ gì?",
        conversation,
    )
    answer = assistant.ask("Còn Công an xã thì sao?", conversation)
    assert not answer.abstained
    assert "6. Công an xã" in answer.answer
    assert "Đề án 06" in answer.answer


def test_a_units_duties_in_a_plan_named_by_kind_and_title_words(assistant: Assistant) -> None:
    answer = assistant.ask("Công an xã Xuân Trường có nhiệm vụ gì trong KH CĐS 2026?")
    assert not answer.abstained
    assert "Đề án 06" in answer.answer


def test_a_topic_two_plans_share_is_offered_per_plan(assistant: Assistant) -> None:
    """The words of QĐ 3210's title ("hỗ trợ người có công với cách mạng về nhà ở") name no
    plan when QĐ 773 gives the same duty to Bộ Xây dựng: each plan's clause is offered."""
    question = (
        "Ai chủ trì chỉ đạo việc thực hiện chính sách hỗ trợ nhà ở đối với người có công "
        "với cách mạng?"
    )
    assert assistant.context(question).scope.by_title_words
    answer = assistant.ask(question)
    assert answer.intent == "ambiguous"
    assert "Bộ Xây dựng" in answer.answer
    assert {c.document_id for c in answer.citations} >= {
        "thu-tuong-773-QD-TTg-2018-ke-hoach-chi-thi-14",
        "tp-hcm-3210-QD-UBND-2014-ke-hoach-nha-o-nguoi-co-cong",
    }


def test_a_topic_only_the_titled_plan_has_stays_its_answer(assistant: Assistant) -> None:
    named = "Theo quyết định hỗ trợ người có công với cách mạng về nhà ở, ai chủ trì?"
    assert not assistant.context(named).scope.by_title_words  # its kind names the plan
    answer = assistant.ask(
        "Ai thẩm định dự toán và xác định nguồn kinh phí hỗ trợ người có công về nhà ở?"
    )
    assert answer.intent != "ambiguous"
    assert "Sở Tài chính" in answer.answer
