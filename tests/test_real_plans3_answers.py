"""Answers on two real decisions that issue plans (tests/real_plans3: UBND tỉnh Sơn La QĐ
254/QĐ-UBND 2023, UBND TP Hồ Chí Minh QĐ 3210/QĐ-UBND 2014), ingested as a user would:
the proposer named in the preamble, a unit the plan never names, the plan's theme words
not required of the clause that answers, an area written on its figure ("30m2")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.query import understand
from retrieval.question_units import doers, unit_mentions
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

PLANS = Path(__file__).parent / "real_plans3"
SON_LA = PLANS / "son-la-254-QD-UBND-2023-ke-hoach-bao-ve-bmnn.txt"
HCM = PLANS / "tp-hcm-3210-QD-UBND-2014-ke-hoach-nha-o-nguoi-co-cong.txt"


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    with ingested_runtime(tmp_path_factory.mktemp("real3"), [SON_LA, HCM]) as made:
        yield made


@pytest.fixture(scope="module")
def assistant(runtime: Runtime) -> Assistant:
    return runtime.assistant()


def test_the_proposer_comes_from_the_preamble(assistant: Assistant) -> None:
    answer = assistant.ask("Quyết định 254 của Sơn La được ban hành theo đề nghị của ai?")
    assert not answer.abstained
    assert "Giám đốc Công an tỉnh" in answer.answer
    cited = answer.citations[0]
    assert cited.quote == "Giám đốc Công an tỉnh"
    assert cited.clause_id.endswith(":p7")  # the preamble line "Theo đề nghị của …"


def test_a_unit_the_plan_never_names_is_said_to_have_no_duty(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Sở Giáo dục và Đào tạo Sơn La phối hợp với Công an tỉnh làm gì về bảo vệ BMNN?"
    )
    assert answer.abstained
    assert "không giao nhiệm vụ nào cho Sở Giáo dục và Đào tạo" in answer.answer


def test_the_plans_theme_need_not_be_repeated_by_the_answer(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Ai bố trí vốn có mục tiêu cho quận, huyện trong kế hoạch hỗ trợ nhà ở người có công?"
    )
    assert not answer.abstained
    assert "Sở Kế hoạch và Đầu tư" in answer.answer


def test_an_area_written_on_its_figure(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Nhà ở làm mới cho người có công ở TP.HCM có diện tích tối thiểu bao nhiêu m2?"
    )
    assert not answer.abstained
    assert "30m2" in answer.answer


def test_the_units_a_plan_assigns(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Kế hoạch bảo vệ bí mật nhà nước của Sơn La giao nhiệm vụ cho những đơn vị nào?"
    )
    assert not answer.abstained
    for unit in ("Công an tỉnh", "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính"):
        assert unit in answer.answer


def test_a_lead_in_paragraph_answers_with_its_bullets(assistant: Assistant) -> None:
    answer = assistant.ask("Hộ người có công được hỗ trợ nhà ở theo thứ tự ưu tiên nào ở TP.HCM?")
    assert not answer.abstained
    assert "thiên tai" in answer.answer and "người cao tuổi" in answer.answer


def test_a_units_deadline_comes_from_the_step_it_leads(assistant: Assistant) -> None:
    # step 5 names Sở Xây dựng too ("Trên cơ sở đề nghị của Sở Xây dựng …, Sở Tài chính thẩm
    # định …") but is Sở Tài chính's task, with a later date
    answer = assistant.ask(
        "Sở Xây dựng TP.HCM phải lập xong Đề án hỗ trợ người có công về nhà ở trước ngày nào?"
    )
    assert "30 tháng 9 năm 2014" in answer.answer
    assert "15 tháng 10" not in answer.answer


def _doers(question: str, unit: str) -> list[str]:
    return doers(unit_mentions(understand(question), [unit]))


def test_a_unit_receiving_is_not_the_doer() -> None:
    assert _doers("so xay dung tp.hcm phai lap xong de an truoc ngay nao", "so xay dung")
    assert not _doers(
        "don vi thi diem gui ket qua hang thang ve so thong tin va truyen thong truoc ngay nao",
        "so thong tin va truyen thong",
    )
