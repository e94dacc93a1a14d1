"""Answers bounded at any size: scopes (deployment, request, chat, question) and the
narrowing answer, on a corpus of many plans made by the scale benchmark's generator
(`tests/scale_corpus.py`: 7 plans with chỉ tiêu 6.6 — 3 provinces, 4 communes — and 2
commune plans without it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.render import answer_blocks
from bot.service import ChatService
from bot.telegram_format import answer_keyboard
from retrieval.assistant import Assistant
from retrieval.display import answer_view, view_as_text
from retrieval.plan_scope import PlanScope, parse_scope
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime
from tests.scale_corpus import PLACES, write_scale_corpus

QUESTION = "Sở nào chủ trì chỉ tiêu 6.6?"
WITH_66 = len(PLACES)


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    folder = tmp_path_factory.mktemp("scale")
    write_scale_corpus(folder / "plans")
    with ingested_runtime(folder / "home", [folder / "plans"]) as runtime:
        yield runtime


@pytest.fixture
def assistant(runtime: Runtime) -> Assistant:
    return runtime.assistant()


def _cited_places(assistant: Assistant, answer_citations: tuple) -> set[str]:
    places = set()
    for citation in answer_citations:
        info = assistant.documents.get(citation.document_id)
        assert info is not None
        places.add(f"{info.place_level} {info.place_name}")
    return places


def test_no_scope_gives_the_count_the_groups_and_a_narrowing_prompt(assistant: Assistant) -> None:
    answer = assistant.ask(QUESTION)

    assert answer.intent == "ambiguous" and not answer.abstained
    first = answer.answer.split("\n")[0]
    assert f"Có {WITH_66} kế hoạch cùng có mục/chỉ tiêu 6.6" in first
    assert "thu hẹp phạm vi" in first
    assert "Cấp tỉnh · 3 kế hoạch" in answer.answer
    assert "Cấp xã · 4 kế hoạch" in answer.answer
    assert "xã Văn Bàn 1" in answer.answer  # whole, never a nameless "xã"
    assert len(answer.citations) == 3  # the few best, not every plan
    labels = [choice.label for choice in answer.choices]
    assert labels[:2] == ["Cấp tỉnh · 3", "Cấp xã · 4"]
    assert "xã Văn Bàn · 1" in labels
    text = view_as_text(answer_view(answer))
    assert len(text) < 2000 and text.count("\n") < 20


def test_a_scope_gives_the_one_answer(assistant: Assistant) -> None:
    answer = assistant.ask(QUESTION, scope=parse_scope("xã Văn Bàn"))

    assert answer.intent == "who_lead" and not answer.abstained
    assert "Sở Khoa học và Công nghệ" in answer.answer
    assert _cited_places(assistant, answer.citations) == {"xã Văn Bàn"}


def test_the_question_names_the_scope_without_diacritics(assistant: Assistant) -> None:
    answer = assistant.ask("so nao chu tri chi tieu 6.6 xa van ban")

    assert answer.intent == "who_lead"
    assert _cited_places(assistant, answer.citations) == {"xã Văn Bàn"}


def test_each_choice_asks_again_within_its_group(assistant: Assistant) -> None:
    choices = {choice.scope: choice for choice in assistant.ask(QUESTION).choices}

    commune = assistant.ask(choices["xã Trung Hòa"].question)
    assert _cited_places(assistant, commune.citations) == {"xã Trung Hòa"}
    level = assistant.ask(choices["cấp tỉnh"].question)  # 3 plans: listed, each one
    assert level.intent == "ambiguous" and not level.choices
    assert {p.split()[0] for p in _cited_places(assistant, level.citations)} == {"tỉnh"}
    assert len(level.citations) == 3


def test_scopes_combine_and_a_scope_without_plans_is_said(assistant: Assistant) -> None:
    # the copies' years shift by index % 3: one commune plan of 2027 (xã Công Hải)
    one = assistant.ask(QUESTION, scope=parse_scope("cap xa, 2027"))
    assert one.intent == "who_lead"
    assert _cited_places(assistant, one.citations) == {"xã Công Hải"}

    none = assistant.ask(QUESTION, scope=parse_scope("tỉnh Hà Giang"))
    assert none.abstained
    assert "Không có kế hoạch nào đã nạp thuộc phạm vi “tỉnh Hà Giang”" in none.answer


def test_a_key_scope_holds_even_when_the_question_names_another_plan(
    assistant: Assistant,
) -> None:
    held = (parse_scope("cấp xã"),)
    answer = assistant.ask("Sở nào chủ trì chỉ tiêu 6.6 tỉnh Lào Cai?", within=held)
    assert answer.abstained and "cấp xã" in answer.answer
    inside = assistant.ask("Sở nào chủ trì chỉ tiêu 6.6 xã Công Hải?", within=held)
    assert _cited_places(assistant, inside.citations) == {"xã Công Hải"}


def test_the_deployment_scope_is_the_default(assistant: Assistant) -> None:
    saved = assistant.default_scope
    assistant.default_scope = PlanScope(place="Tân Lập", place_level="xã")
    try:
        answer = assistant.ask(QUESTION)
        assert _cited_places(assistant, answer.citations) == {"xã Tân Lập"}
        # a chat's own scope wins over it
        other = assistant.ask(QUESTION, scope=parse_scope("tinh tuyen quang"))
        assert _cited_places(assistant, other.citations) == {"tỉnh Tuyên Quang"}
    finally:
        assistant.default_scope = saved


def test_a_topic_in_many_plans_is_grouped_too(assistant: Assistant) -> None:
    answer = assistant.ask("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt bao nhiêu?")

    assert answer.intent == "ambiguous"
    assert "kế hoạch cùng có nội dung này" in answer.answer
    assert answer.choices and len(answer.citations) <= 3


def test_chat_scope_and_buttons(runtime: Runtime) -> None:
    service = ChatService.for_runtime(runtime)
    chat = "telegram:7"
    many = service.ask(chat, QUESTION)
    keyboard = answer_keyboard(many, "tok")
    assert keyboard is not None
    first_row = [button.text for button in keyboard.inline_keyboard[0]]
    assert first_row[0] == "Cấp tỉnh · 3"
    data = keyboard.inline_keyboard[0][0].callback_data
    assert isinstance(data, str) and data.startswith("n:tok:") and len(data.encode()) <= 64

    zalo = "\n".join(
        line.text for block in answer_blocks(many, choices_as_text=True) for line in block
    )
    assert "/phamvi xã Văn Bàn" in zalo

    scope = service.set_scope(chat, "xa cong hai")
    assert scope is not None and scope.describe() == "xã Công Hải"
    one = service.ask(chat, QUESTION)
    assert one.intent == "who_lead"
    assert "xã Công Hải" in service.scope_text(chat)
    assert service.set_scope(chat, "tất cả") is None
    assert service.ask(chat, QUESTION).intent == "ambiguous"


def test_a_scope_that_cannot_be_read_says_why(runtime: Runtime) -> None:
    from bot.errors import ChatInputError

    service = ChatService.for_runtime(runtime)
    with pytest.raises(ChatInputError, match="cấp"):
        service.set_scope("telegram:8", "cap thon")


def test_scale_corpus_headers_keep_place_names_whole(runtime: Runtime, tmp_path: Path) -> None:
    documents = runtime.assistant().documents.documents.values()
    places = {f"{d.place_level} {d.place_name}" for d in documents}
    assert {"xã Văn Bàn", "xã Trung Hòa", "xã Công Hải", "xã Tân Lập", "xã Chi Lăng"} <= places
