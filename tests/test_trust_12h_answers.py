"""Answers on the plans of held-out batch 12h, each wrong or declined at c74e9ab: the plan
that implements a directive asked by its number; the recipients named and the kind asked
("gửi cho những Bộ nào"); the authority signed under; a proposer line in italics; a figure
under a numbered heading; a count written in words ("ba trụ cột")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.query import MetaField, understand
from retrieval.runtime import Runtime
from retrieval.search import Candidate
from retrieval.stored import StoredClause
from retrieval.strategies.search_answer import _passed_over
from tests.conftest import ingested_runtime
from tests.stored_clauses import stored_clause

HERE = Path(__file__).parent
TNMT_09 = HERE / "real_plans_12h" / "bo-tnmt-09-KH-BTNMT-2024-quan-ly-tin-chi-cac-bon.txt"
NNMT_2200 = HERE / "real_plans_12h" / "bo-nnmt-2200-QD-BNNMT-2026-ke-hoach-carbon-rung.txt"
LAO_CAI = HERE / "real_plans6" / "lao-cai-104-CTr-TU-2026-bao-ve-moi-truong.txt"
HONG_LINH = HERE / "plans" / "ha-tinh-hong-linh-56-KH-UBND-2025.txt"


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    plans = [TNMT_09, NNMT_2200, LAO_CAI, HONG_LINH]
    with ingested_runtime(tmp_path_factory.mktemp("trust12h"), plans) as made:
        yield made


@pytest.fixture(scope="module")
def assistant(runtime: Runtime) -> Assistant:
    return runtime.assistant()


def test_the_plan_implementing_a_directive_not_loaded(assistant: Assistant) -> None:
    answer = assistant.ask("So hieu ke hoach cua Bo TN&MT trien khai Chi thi 13/CT-TTg?")
    assert not answer.abstained and "09/KH-BTNMT" in answer.answer


def test_a_recipient_named_and_the_ministries_asked(assistant: Assistant) -> None:
    answer = assistant.ask("KH 09/KH-BTNMT co gui Van phong Chinh phu khong, gui cho nhung Bo nao?")
    assert not answer.abstained
    assert "Văn phòng Chính phủ" in answer.answer and "NN&PTNT" in answer.answer
    assert "Bộ trưởng (để báo cáo)" not in answer.answer


def test_the_authority_signed_under(assistant: Assistant) -> None:
    question = "Kế hoạch số 09 về tín chỉ các-bon do cơ quan nào ban hành, ký theo thẩm quyền gì?"
    assert understand(question).meta_fields == (MetaField.ISSUER, MetaField.SIGNER_TITLE)
    answer = assistant.ask(question)
    assert not answer.abstained
    assert "Bộ Tài nguyên và Môi trường" in answer.answer and "Thứ trưởng" in answer.answer


def test_a_proposer_line_in_italics(assistant: Assistant) -> None:
    answer = assistant.ask("QĐ 2200 được ban hành theo đề nghị của ai?")
    assert not answer.abstained
    assert "Cục trưởng Cục Lâm nghiệp và Kiểm lâm" in answer.answer


def test_a_figure_under_a_numbered_heading(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Mục 3.3 CTr 104 Lào Cai yêu cầu bố trí tối thiểu bao nhiêu % ngân sách tỉnh cho "
        "sự nghiệp BVMT?"
    )
    assert not answer.abstained
    assert "2%" in answer.answer.split("\n")[0]
    assert any("Bố trí tối thiểu 2%" in c.quote for c in answer.citations)


def test_a_count_written_in_words(assistant: Assistant) -> None:
    answer = assistant.ask("KH 56 Hồng Lĩnh đẩy mạnh chuyển đổi số trên mấy trụ cột, gồm những gì?")
    assert not answer.abstained
    assert "ba trụ cột chính quyền số, kinh tế số, xã hội số" in answer.answer


def test_a_task_the_plan_gives_no_time_is_not_given_another_task_s(
    assistant: Assistant,
) -> None:
    """KH 09 gives the Đề án task ("h) … hoàn thiện dự thảo Đề án phát triển thị trường
    các-bon …") no time; the row "Thiết lập … chuyên trang … phát triển thị trường các-bon |
    2024 - 2025" is another task: declined, both offered."""
    answer = assistant.ask(
        "Han chot hoan thien De an phat trien thi truong cac-bon theo KH 09 BTNMT la khi nao?"
    )
    assert answer.abstained and "thời hạn" in answer.answer
    assert any("Đề án phát triển thị trường" in c.quote for c in answer.citations)


class _Coverage:
    """A context stub: how much of the topic each clause covers, by its text."""

    def __init__(self, shares: dict[str, float]) -> None:
        self.shares = shares
        self.search = None  # the clauses here have no parents: their headings are never read

    def coverage(self, topic: list[str], clause: StoredClause) -> float:
        return self.shares[clause.text]


def test_a_timed_clause_far_behind_the_untimed_task_is_passed_over() -> None:
    """The search's rule on its own: the timed clause put first covers the question 0.47
    less than the clause stating the task without a time (KH 09's figures, in the home of
    every plan): passed over; close behind, or a task that states its own time: not."""
    task = "h) Phối hợp với Bộ Tài chính hoàn thiện dự thảo Đề án phát triển thị trường các-bon."
    row = "| 8. | Thiết lập chuyên trang về phát triển thị trường các-bon | 2024 - 2025 |"
    timed_task = "Hoàn thiện Đề án phát triển thị trường các-bon trong quý IV năm 2024."
    untimed, first = (
        Candidate(stored_clause(task), 1.0, "hybrid"),
        Candidate(stored_clause(row), 0.5, "hybrid"),
    )
    far = _Coverage({task: 1.0, row: 0.53, timed_task: 1.0})
    assert _passed_over(far, [], untimed, first)  # type: ignore[arg-type]
    near = _Coverage({task: 1.0, row: 0.8})
    assert not _passed_over(near, [], untimed, first)  # type: ignore[arg-type]
    timed = Candidate(stored_clause(timed_task), 1.0, "hybrid")
    assert not _passed_over(far, [], timed, first)  # type: ignore[arg-type]


def test_a_unit_asked_to_lead_that_only_cooperates(assistant: Assistant) -> None:
    """KH 09's rows name Cục Kiểm soát ô nhiễm môi trường only among the units that
    cooperate: "… chủ trì những nhiệm vụ nào?" is declined, saying so, with those rows."""
    answer = assistant.ask(
        "Cuc Kiem soat o nhiem moi truong chu tri nhung nhiem vu nao trong KH 09?"
    )
    # its rows' units now split one by one ("Vụ Môi trường, Cục Kiểm soát …, các đơn vị có
    # liên quan"), the unit's own rows say it: "… chỉ được ghi ở vai trò khác trong N dòng"
    assert answer.abstained and "ở vai trò khác" in answer.answer
    assert answer.citations
    led = assistant.ask("Cục Biến đổi khí hậu chủ trì những nhiệm vụ nào trong KH 09?")
    assert not led.abstained
