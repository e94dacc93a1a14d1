"""Answers on the real Party-body programmes of tests/real_plans6 (Tỉnh ủy Lào Cai
104-CTr/TU, Bộ Chính trị 31-CTr/TW): the signer found under a layout "Nơi nhận" list; the
Politburo as issuer; "Trách nhiệm chỉ đạo thực hiện: …" answering who directs a group;
"Chương trình hành động 31" naming the programme, not a row 31; "kế hoạch 5 năm" no plan 5.
Each answer was wrong or declined at d2fda45 (batch -real6's blind run)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.query import understand
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

PLANS = Path(__file__).parent / "real_plans6"
LAO_CAI = PLANS / "lao-cai-104-CTr-TU-2026-bao-ve-moi-truong.txt"
POLITBURO = PLANS / "bo-chinh-tri-31-CTr-TW-2026-bao-ve-moi-truong-ocr.txt"


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    with ingested_runtime(tmp_path_factory.mktemp("real6"), [LAO_CAI, POLITBURO]) as made:
        yield made


@pytest.fixture(scope="module")
def assistant(runtime: Runtime) -> Assistant:
    return runtime.assistant()


def test_the_signer_and_issuers_are_answered(assistant: Assistant) -> None:
    signer = assistant.ask("Ai ký Chương trình hành động 104 của Tỉnh ủy Lào Cai?")
    assert not signer.abstained and "Hoàng Giang" in signer.answer
    issuer = assistant.ask("Cơ quan nào ban hành Chương trình hành động 31-CTr/TW?")
    assert not issuer.abstained and "Bộ Chính trị" in issuer.answer


def test_a_programme_named_with_hanh_dong_and_its_number_is_no_row() -> None:
    assert understand("Chương trình hành động 31-CTr/TW ban hành ngày nào?").clause_refs == ()
    assert understand("Xem dòng 3 của phụ lục 1").clause_refs  # a row is still a row


def test_the_programme_s_date_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask("Chương trình hành động 31-CTr/TW ban hành ngày nào?")
    assert not answer.abstained and "28 tháng 7 năm 2026" in answer.answer


def test_the_committee_that_directs_a_group_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Trách nhiệm chỉ đạo thực hiện nhiệm vụ tăng cường hợp tác quốc tế và liên kết vùng "
        "thuộc về ai?"
    )
    assert not answer.abstained
    assert "Đảng ủy Ủy ban nhân dân tỉnh" in answer.answer.split("\n")[0]


def test_a_five_year_plan_is_no_plan_number_five(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Ai chỉ đạo UBND tỉnh cụ thể hóa chương trình hành động thành các kế hoạch 5 năm và "
        "hằng năm?"
    )
    assert not answer.abstained and "chưa được nạp" not in answer.answer
    assert "Đảng ủy Ủy ban nhân dân tỉnh" in answer.answer
