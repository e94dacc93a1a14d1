"""A plan kehoach was not built on, ingested as a user would: another province (Quảng
Trị), another kind of plan (Đề án 06), a tab-separated appendix whose columns come in
another order (deadline before the units, a "Sản phẩm" column), "Cơ quan" instead of
"Đơn vị", and tasks described in the body by unit.

Only the structural paths are pinned (the deterministic test embedder stands in for the
model); the plan file lives in `tests/plans/`, not in the bundled corpus.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.domain import ParsedPlan
from ingest.parser.plan import parse_plan
from retrieval.answers import Answer
from retrieval.assistant import Assistant
from retrieval.conversation import Conversation
from retrieval.runtime import Runtime
from tests.conftest import make_runtime

PLAN = Path(__file__).parent / "plans" / "quang-tri-125-KH-UBND-2025.txt"
PLAN_ID = PLAN.stem


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    made = make_runtime(tmp_path_factory.mktemp("unseen-home"))
    made.ingest_paths([PLAN])
    yield made
    made.close()


@pytest.fixture(scope="module")
def assistant(runtime: Runtime) -> Assistant:
    return runtime.assistant()


def verified(answer: Answer) -> Answer:
    """Every citation quotes the stored plan verbatim, at its offsets."""
    source = PLAN.read_text(encoding="utf-8")
    assert answer.citations
    for citation in answer.citations:
        assert citation.document_id == PLAN_ID
        assert source[citation.start : citation.end] == citation.text
        assert citation.quote and citation.quote in citation.text
        assert f"[{citation.n}]" in answer.answer
    return answer


@pytest.fixture(scope="module")
def parsed() -> ParsedPlan:
    return parse_plan(PLAN.read_text(encoding="utf-8"), PLAN_ID)


def test_metadata_is_read_from_the_header_and_signature(parsed: ParsedPlan) -> None:
    document = parsed.document
    assert document.number == "125/KH-UBND"
    assert document.issued_date == "2025-03-15"
    assert document.signer == "Hoàng Nam"
    assert document.place is not None and document.place.name == "Quảng Trị"


def test_appendix_rows_get_their_roles_from_the_header_in_any_order(parsed: ParsedPlan) -> None:
    rows = {target.number: target for target in parsed.targets}
    assert set(rows) == {"1", "2", "3", "4", "5"}
    second = rows["2"]
    assert second.content == "Số hóa dữ liệu hộ tịch"
    assert list(second.lead_units) == ["Sở Tư pháp"]
    assert list(second.cooperating_units) == ["Công an tỉnh", "UBND các xã, phường"]
    assert second.deadline is not None and second.deadline.raw == "Tháng 10/2025"


@pytest.mark.parametrize(
    "question",
    [
        "Nhiệm vụ 5 trong phụ lục của kế hoạch 125 do đơn vị nào chủ trì?",
        "nhiem vu 5 ke hoach 125 do co quan nao chu tri",
    ],
)
def test_who_leads_a_numbered_row(assistant: Assistant, question: str) -> None:
    answer = verified(assistant.ask(question))
    assert answer.intent == "who_lead"
    first_line = answer.answer.splitlines()[0]
    assert "Ngân hàng Nhà nước khu vực 11" in first_line
    assert "Sở Tài chính; Văn phòng UBND tỉnh" in first_line  # the co-operating units too
    assert "Tháng 12/2025" in answer.answer
    assert answer.citations[0].clause == "5"


def test_document_facts(assistant: Assistant) -> None:
    signer = verified(assistant.ask("Kế hoạch 125/KH-UBND do ai ký?"))
    assert "Hoàng Nam" in signer.answer.splitlines()[0]
    issued = verified(assistant.ask("Kế hoạch 125/KH-UBND ban hành ngày nào?"))
    assert "15 tháng 3 năm 2025" in issued.answer.splitlines()[0]


def test_list_by_period_reads_month_and_quarter_deadlines(assistant: Assistant) -> None:
    answer = verified(
        assistant.ask("Những nhiệm vụ nào của kế hoạch 125 phải hoàn thành trong quý IV/2025?")
    )
    assert answer.intent == "list_by_period"
    assert {citation.clause for citation in answer.citations} == {"2", "3", "5"}


def test_list_by_unit_and_role(assistant: Assistant) -> None:
    leads = verified(assistant.ask("Công an tỉnh chủ trì những nhiệm vụ nào?"))
    assert {c.clause for c in leads.citations if c.clause in {"1", "2", "3", "4", "5"}} == {"4"}
    helps = verified(assistant.ask("Công an tỉnh phối hợp những nhiệm vụ nào?"))
    assert {c.clause for c in helps.citations} >= {"1", "2", "3"}
    assert "4" not in {c.clause for c in helps.citations}


def test_a_follow_up_asks_about_the_same_row(assistant: Assistant) -> None:
    conversation = Conversation()
    verified(
        assistant.ask(
            "Nhiệm vụ 2 trong phụ lục kế hoạch 125 do ai chủ trì?", conversation=conversation
        )
    )
    follow_up = verified(assistant.ask("còn thời hạn thì sao?", conversation=conversation))
    assert "Tháng 10/2025" in follow_up.answer
    assert follow_up.citations[0].clause == "2"
