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
from retrieval.runtime import BUNDLED_CORPUS, Runtime
from tests.conftest import ingested_runtime

PLAN = Path(__file__).parent / "plans" / "quang-tri-125-KH-UBND-2025.txt"
PLAN_ID = PLAN.stem


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    with ingested_runtime(tmp_path_factory.mktemp("unseen-home"), [PLAN]) as made:
        yield made


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
    rows = {target.number: target for target in parsed.targets if target.source == "table"}
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
    table = {c.clause for c in leads.citations if c.path.startswith("Phụ lục")}
    assert table == {"4"}
    # the body's own "1. Công an tỉnh" section ("… chủ trì theo dõi, đôn đốc …") is listed too
    assert any(c.path == "III. TỔ CHỨC THỰC HIỆN › 1. Công an tỉnh" for c in leads.citations)
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


@pytest.mark.parametrize(
    ("question", "section", "rows"),
    [
        (
            "Sở Tư pháp có nhiệm vụ gì trong kế hoạch Đề án 06 của Quảng Trị?",
            "III. TỔ CHỨC THỰC HIỆN › 3. Sở Tư pháp",
            {"2"},
        ),
        (
            "Công an tỉnh có trách nhiệm gì theo Kế hoạch 125/KH-UBND?",
            "III. TỔ CHỨC THỰC HIỆN › 1. Công an tỉnh",
            {"1", "2", "3", "4"},
        ),
    ],
)
def test_a_units_tasks_are_the_clause_it_heads_and_the_rows_giving_it_a_role(
    assistant: Assistant, question: str, section: str, rows: set[str]
) -> None:
    answer = verified(assistant.ask(question))
    paths = [citation.path for citation in answer.citations]
    assert paths[0] == section  # the clause headed by the unit comes first
    body = [c for c in answer.citations if not c.path.startswith("Phụ lục")]
    unit = section.rsplit(". ", 1)[1]
    # no other unit's clause, unless it is a duty the body gives this unit a role in
    assert all(
        c.path.startswith(section)
        or any(unit in d.text and d.path.startswith(c.path) for d in body)
        for c in body
    )
    listed = {c.clause for c in answer.citations if c.path.startswith("Phụ lục")}
    assert listed == rows  # only rows where it leads or co-operates, not the whole table


def test_a_plan_without_the_appendix_asked_about_says_so(assistant: Assistant) -> None:
    answer = assistant.ask("Phụ lục 3 của Kế hoạch 125/KH-UBND gồm những nhiệm vụ nào?")
    assert answer.abstained
    assert "Phụ lục 3" in answer.answer


@pytest.fixture(scope="module")
def with_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """The bundled plans and this one: topics several plans share."""
    home = tmp_path_factory.mktemp("unseen-and-corpus")
    with ingested_runtime(home, [BUNDLED_CORPUS, PLAN]) as made:
        yield made.assistant()


def test_a_topic_in_one_plans_words_is_answered_from_that_plan(with_corpus: Assistant) -> None:
    # Other plans also "làm sạch dữ liệu"; only this one's row is about "đất đai".
    answer = verified(with_corpus.ask("ai phoi hop lam sach du lieu dat dai"))
    assert answer.intent == "who_cooperate"
    assert answer.citations[0].clause == "3"
    assert "Công an tỉnh" in answer.answer.splitlines()[0]  # the co-operating unit


def test_a_units_tasks_come_from_the_plan_with_a_section_for_it(with_corpus: Assistant) -> None:
    # Among the six plans only this one has a section headed "Công an tỉnh"; the bundled
    # plans name it in table rows only.
    answer = verified(with_corpus.ask("Công an tỉnh có nhiệm vụ gì?"))
    assert {citation.document_id for citation in answer.citations} == {PLAN_ID}
    assert answer.citations[0].path == "III. TỔ CHỨC THỰC HIỆN › 1. Công an tỉnh"
    assert "Kích hoạt tài khoản định danh điện tử mức độ 2" in answer.answer  # its row 4


def test_a_list_left_to_an_appendix_the_text_lacks_is_not_answered(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # The same plan with a section sending the reader to an appendix that has only its title.
    text = PLAN.read_text(encoding="utf-8")
    body, _, appendix = text.partition("Nơi nhận:")
    title = appendix[: appendix.index("STT\t")]
    section = (
        "IV. DANH MỤC DỰ ÁN\nDanh mục các dự án đầu tư hạ tầng số năm 2025 theo Phụ lục đính kèm.\n"
    )
    folder = tmp_path_factory.mktemp("pointer-plan")
    (folder / "pointer-plan.txt").write_text(f"{body}{section}Nơi nhận:{title}", encoding="utf-8")
    with ingested_runtime(folder / "home", [folder / "pointer-plan.txt"]) as made:
        answer = made.assistant().ask("Danh mục dự án đầu tư hạ tầng số gồm những dự án nào?")
    assert answer.abstained
    assert "phụ lục" in answer.answer.splitlines()[0]
