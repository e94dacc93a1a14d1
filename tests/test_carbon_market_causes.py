"""Causes read from QĐ 232/QĐ-TTg (a Quyết định approving the Đề án on the carbon market,
whose task table times a task from another's approval) and công văn 4390/UBND-NLN (duties
under "Chủ tịch Ủy ban nhân dân tỉnh giao:"), each a rule of how plans are written:

- a Quyết định approving a Đề án is named by that kind and its title words ("Đề án thị
  trường các-bon"), the question's hyphenated words cut as the title's are;
- "… đã hoàn thành chưa?" asks what the table's time column says ("Đã hoàn thành");
- a row whose time cell ("Trong 18-24 tháng kể từ khi … chấp thuận phương án chi tiết …")
  holds the task asked is not that task's row;
- a heading that is one of the things counted ("b) Giai đoạn từ tháng 6 năm 2025 …" for "mấy
  giai đoạn?") is not their list;
- "cơ quan nào … tham mưu UBND tỉnh …" is answered by the duty naming UBND tỉnh, not by a
  clause repeating the decree's name.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.query import Intent, understand
from tests.conftest import ingested_runtime

HERE = Path(__file__).parent
QD_232 = HERE / "real_plans_12l" / "thu-tuong-232-QD-TTg-2025-de-an-thi-truong-cac-bon.txt"
CV_4390 = HERE / "real_plans_12l" / "lao-cai-4390-UBND-NLN-2026-trien-khai-nd-180.txt"
KH_09 = HERE / "real_plans_12h" / "bo-tnmt-09-KH-BTNMT-2024-quan-ly-tin-chi-cac-bon.txt"
ID_232 = "thu-tuong-232-QD-TTg-2025-de-an-thi-truong-cac-bon"
ID_4390 = "lao-cai-4390-UBND-NLN-2026-trien-khai-nd-180"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("carbon"), [QD_232, CV_4390, KH_09]) as made:
        yield made.assistant()


def test_the_approved_kind_and_title_words_name_the_decision(assistant: Assistant) -> None:
    for question in (
        "Đề án thị trường các-bon chia lộ trình thành mấy giai đoạn?",
        "De an thi truong cac-bon gom nhung nhom nhiem vu, giai phap nao?",
    ):
        assert assistant.context(question).scope.doc_ids == [ID_232], question


def test_title_words_without_the_kind_word_do_not_name_it_alone(assistant: Assistant) -> None:
    """Three words of one phrase ("thị trường các-bon") are a topic: only the kind word the
    title approves ("đề án") before them names the plan."""
    question = "Thị trường các-bon chia lộ trình thành mấy giai đoạn?"
    assert assistant.context(question).scope.doc_ids != [ID_232]


def test_a_status_asked_is_the_time_column() -> None:
    question = (
        "Nhiệm vụ xây dựng quy trình thẩm định kết quả kiểm kê khí nhà kính đã hoàn thành chưa?"
    )
    assert understand(question).intent is Intent.DEADLINE


def test_a_row_done_is_answered_from_its_time_column(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Nhiệm vụ xây dựng quy trình thẩm định kết quả kiểm kê khí nhà kính cấp cơ sở và cấp "
        "lĩnh vực đã hoàn thành chưa?"
    )
    assert not answer.abstained
    assert "Đã hoàn thành" in answer.answer.split("\n")[0]
    assert any("Đã hoàn thành" in c.text for c in answer.citations)  # the row cited


def test_a_time_counted_from_the_task_is_not_its_time(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Phuong an chi tiet xay dung san giao dich cac-bon phai lap trong thoi han nao?"
    )
    first = answer.answer.split("\n")[0]
    assert "Trong 06 tháng" in first
    assert "18-24 tháng" not in first


def test_a_heading_that_is_one_of_the_counted_is_not_counted(assistant: Assistant) -> None:
    answer = assistant.ask("Đề án thị trường các-bon chia lộ trình thành mấy giai đoạn?")
    assert not answer.answer.startswith("Có 4 mục")


def test_stages_written_twice_are_both_counted(assistant: Assistant) -> None:
    """No heading names "giai đoạn"; two lists have every item open with it: the targets by
    stage (a)–c)) and the roadmap (a)–b)), each counted, in the plan's order."""
    answer = assistant.ask("Đề án thị trường các-bon chia lộ trình thành mấy giai đoạn?")
    assert not answer.abstained
    text = answer.answer
    assert text.startswith("Văn bản nêu 2 cách chia:")
    assert text.index("Có 3 mục") < text.index("Có 2 mục")
    for stage in ("trước tháng 6 năm 2025", "đến hết năm 2028", "vận hành chính thức từ năm 2029"):
        assert stage in text, stage


def test_the_duty_naming_the_unit_advised_answers_who(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Ở Lào Cai, cơ quan nào chủ động tổ chức triển khai và tham mưu UBND tỉnh thực hiện "
        "Nghị định 180 về dịch vụ hấp thụ và lưu giữ các-bon của rừng?"
    )
    assert not answer.abstained
    assert "Sở Nông nghiệp và Môi trường" in answer.answer.split("\n")[0]
    assert {c.document_id for c in answer.citations} == {ID_4390}
