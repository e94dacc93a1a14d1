"""When a document a plan cites takes effect is its "có hiệu lực … từ ngày" as the plan
writes it, never the day it was issued (batch 12i: the issue date of a decree was given for
"… có hiệu lực từ ngày nào"). QĐ 2200/QĐ-BNNMT (tests/real_plans_12h), whose plan says of
NĐ 180/2026/NĐ-CP "…, có hiệu lực thi hành kể từ ngày 15 tháng 7 năm 2026"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.cited_documents import cited_refs
from retrieval.query import understand
from retrieval.runtime import Runtime
from retrieval.strategies.cited_document import _subject
from tests.conftest import ingested_runtime

FOLDER = Path(__file__).resolve().parent / "real_plans_12h"
PLAN = FOLDER / "bo-nnmt-2200-QD-BNNMT-2026-ke-hoach-carbon-rung.txt"
PLAN_09 = FOLDER / "bo-tnmt-09-KH-BTNMT-2024-quan-ly-tin-chi-cac-bon.txt"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("effect"), [PLAN, PLAN_09]) as made:
        runtime: Runtime = made
        yield runtime.assistant()


def test_a_cited_documents_effect_date_is_the_one_the_plan_writes(assistant: Assistant) -> None:
    answer = assistant.ask("Nghị định 180/2026/NĐ-CP có hiệu lực từ ngày nào theo QĐ 2200?")
    assert not answer.abstained
    assert "15 tháng 7 năm 2026" in answer.answer
    assert "21 tháng 5" not in answer.answer  # the day it was issued is another fact


def test_its_issue_date_is_still_answered(assistant: Assistant) -> None:
    answer = assistant.ask("Nghị định 180/2026/NĐ-CP ban hành ngày nào theo QĐ 2200?")
    assert "21 tháng 5 năm 2026" in answer.answer


def test_no_effect_date_written_is_declined_not_the_issue_date(assistant: Assistant) -> None:
    """KH 09 cites Chỉ thị 13/CT-TTg with its date but says nothing of when it takes
    effect: declined, its issue date not offered as the answer."""
    answer = assistant.ask("Chỉ thị 13/CT-TTg có hiệu lực từ ngày nào?")
    assert answer.abstained
    assert "02 tháng 5" not in answer.answer.split("\n")[0]


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("Theo KH kèm QĐ 45/QĐ-UBND, NĐ 12/2026/NĐ-CP có hiệu lực từ ngày nào?", "12"),
        (
            "Theo Kế hoạch kèm theo Quyết định 45/QĐ-UBND, Thông tư 07/2025/TT-BTC ban hành ngày nào?",
            "07",
        ),
        ("NĐ 12/2026/NĐ-CP mà QĐ 45/QĐ-UBND căn cứ ban hành ngày nào?", "12"),
    ],
)
def test_the_document_asked_after_the_one_read_from(question: str, number: str) -> None:
    """ "Theo <plan>, <document> …?": the question reads from the first document named and
    asks about the next one."""
    folded = understand(question).folded
    subject = _subject(folded, cited_refs(folded))
    assert subject is not None and subject.number == number
