"""Body-section lists, short lettered points and follow-ups that point back, on a small plan
of a province the corpus does not hold (deterministic embedder)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval.answers import Answer
from retrieval.assistant import Assistant
from retrieval.conversation import Conversation
from retrieval.runtime import Runtime

_PLAN = """KẾ HOẠCH
Chuyển đổi số tỉnh Lạng Sơn năm 2027

I. MỤC TIÊU
1. Mục tiêu chung
- Phát triển chính quyền số, kinh tế số và xã hội số của tỉnh.
2. Nhiệm vụ trọng tâm
a) Nâng cấp trung tâm dữ liệu tỉnh.
b) Số hóa hồ sơ lưu trữ.

II. KINH PHÍ THỰC HIỆN
- Nguồn ngân sách trung ương hỗ trợ có mục tiêu.
- Nguồn vốn đầu tư công của tỉnh năm 2027.
- Nguồn vốn xã hội hóa hợp pháp khác.

III. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính
- Tham mưu bố trí kinh phí thực hiện Kế hoạch.

PHỤ LỤC 1
| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |
|---|---|---|---|---|
| 1 | Xây dựng kho dữ liệu dùng chung | Sở Khoa học và Công nghệ | Công an tỉnh | Quý II/2027 |
"""


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    from tests.conftest import ingested_runtime

    folder = tmp_path_factory.mktemp("lang-son")
    plan = folder / "lang-son-2027.md"
    plan.write_text(_PLAN, encoding="utf-8")
    with ingested_runtime(folder / "home", [plan]) as runtime:
        yield runtime


@pytest.fixture(scope="module")
def assistant(runtime: Runtime) -> Assistant:
    return runtime.assistant()


def _quotes(answer: Answer) -> str:
    return " ".join(c.quote for c in answer.citations)


def test_a_list_question_gets_every_item_of_the_section(assistant: Assistant) -> None:
    answer = assistant.ask("Nguồn kinh phí thực hiện kế hoạch Lạng Sơn gồm những nguồn nào?")
    assert not answer.abstained
    for source in ("ngân sách trung ương", "vốn đầu tư công", "vốn xã hội hóa"):
        assert source in answer.answer and source in _quotes(answer)


def test_a_short_lettered_point_is_an_answer(assistant: Assistant) -> None:
    answer = assistant.ask("Lạng Sơn có kế hoạch số hóa hồ sơ lưu trữ không?")
    assert not answer.abstained
    assert "Số hóa hồ sơ lưu trữ" in _quotes(answer)


def test_a_follow_up_naming_its_referent_asks_about_that_row(assistant: Assistant) -> None:
    conversation = Conversation()
    first = assistant.ask("Nhiệm vụ 1 của Lạng Sơn là gì?", conversation=conversation)
    assert first.citations[0].clause == "1"
    who = assistant.ask("Ai phối hợp thực hiện nhiệm vụ đó?", conversation=conversation)
    assert "Công an tỉnh" in who.answer.splitlines()[0]
    money = assistant.ask("Kinh phí dành cho nhiệm vụ đó là bao nhiêu?", conversation=conversation)
    assert money.abstained


def test_a_follow_up_about_a_new_topic_is_not_answered_from_the_previous_clause(
    assistant: Assistant,
) -> None:
    conversation = Conversation()
    first = assistant.ask("Nhiệm vụ 1 của Lạng Sơn do ai chủ trì?", conversation=conversation)
    answer = assistant.ask("Còn Sở Tài chính thì sao?", conversation=conversation)
    previous = {c.clause_id for c in first.citations}
    assert all(c.clause_id not in previous for c in answer.citations)
