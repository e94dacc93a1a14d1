"""A plan named only by words of its title that its whole field uses ("phát thải khí nhà
kính" of QĐ 699 on allocating emission quotas): another plan of the field whose clause fits
the question clearly better answers (QĐ 232's task table), the titled plan keeps what only
it says, and a kind word names the plan only when the plan is of that kind or so titled."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from tests.conftest import ingested_runtime

HERE = Path(__file__).parent
QD_699 = HERE / "real_plans_12i" / "bo-nnmt-699-QD-BNNMT-2026-phan-bo-han-ngach.txt"
QD_232 = HERE / "real_plans_12l" / "thu-tuong-232-QD-TTg-2025-de-an-thi-truong-cac-bon.txt"
KH_09 = HERE / "real_plans_12h" / "bo-tnmt-09-KH-BTNMT-2024-quan-ly-tin-chi-cac-bon.txt"
ID_699 = "bo-nnmt-699-QD-BNNMT-2026-phan-bo-han-ngach"
ID_232 = "thu-tuong-232-QD-TTg-2025-de-an-thi-truong-cac-bon"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("field"), [QD_699, QD_232, KH_09]) as made:
        yield made.assistant()


def test_another_plan_fitting_the_question_better_answers(assistant: Assistant) -> None:
    question = (
        "Danh mục lĩnh vực, cơ sở phát thải khí nhà kính phải kiểm kê được cập nhật bao lâu "
        "một lần, bắt đầu từ năm nào?"
    )
    assert assistant.context(question).scope.by_title_words  # QĐ 699's title words
    answer = assistant.ask(question)
    assert not answer.abstained
    assert "Định kỳ 2 năm/lần, bắt đầu từ năm 2024" in answer.answer
    assert {c.document_id for c in answer.citations} == {ID_232}


def test_a_kind_the_titled_plan_is_not_does_not_name_it(assistant: Assistant) -> None:
    """QĐ 699 is no đề án and its title names none, so "theo phụ lục đề án" does not name
    it; QĐ 232 approves one and its appendix row gives the year."""
    question = "Quy dinh ve dau gia han ngach phat thai KNK phai trinh ban hanh nam nao theo phu luc de an?"
    assert assistant.context(question).scope.by_title_words
    answer = assistant.ask(question)
    assert "2028" in answer.answer.split("\n")[0]
    assert {c.document_id for c in answer.citations} == {ID_232}


def test_a_kind_the_plan_has_names_it(assistant: Assistant) -> None:
    question = "Theo quyết định thí điểm phân bổ hạn ngạch phát thải khí nhà kính, ai chủ trì?"
    scope = assistant.context(question).scope
    assert scope.doc_ids == [ID_699]
    assert not scope.by_title_words


def test_what_only_the_titled_plan_says_stays_its_answer(assistant: Assistant) -> None:
    question = (
        "Các cơ sở được thí điểm phân bổ hạn ngạch phát thải khí nhà kính nộp trả hạn ngạch "
        "theo quy định tại điều nào của Nghị định 06/2022/NĐ-CP?"
    )
    answer = assistant.ask(question)
    assert not answer.abstained
    assert "Điều 19" in answer.answer
    assert {c.document_id for c in answer.citations} == {ID_699}
