"""Optional generative phrasing: verified against the cited clauses, else the extractive answer.

The LLM is a fake OpenAI-compatible server on 127.0.0.1 whose replies each test chooses;
the extractive answers are built by hand (and once from the bundled corpus).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from ingest.embedding.hashing import HashingEmbedder
from ingest.settings import Settings
from retrieval.answers import Answer, Citation
from retrieval.generation import (
    GenerationError,
    PhrasedAssistant,
    build_prompt,
    generator_from_settings,
    phrase_answer,
    split_sentences,
    verify_phrasing,
)
from retrieval.generation.openai_like import OpenAILikeGenerator
from retrieval.runtime import BUNDLED_CORPUS, Runtime
from tests.fakes.openai_server import FakeOpenAI

MODEL = "qwen-test"
TEXT_66 = (
    "6.6. |\nTỉ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt tối thiểu 80% |\n"
    "Văn phòng UBND tỉnh |\nSở Khoa học và Công nghệ; các sở, ban, ngành; UBND các xã, phường |\n"
    "Tháng 11/2025 |\n"
)
TEXT_67 = (
    "6.7. |\nTỉ lệ cấp kết quả giải quyết thủ tục hành chính điện tử đạt 100% |\n"
    "Văn phòng UBND tỉnh |\nCác sở, ban, ngành; UBND các xã, phường |\nTháng 12/2025 |\n"
)
QUESTION = "Sở nào chủ trì chỉ tiêu 6.6?"
GOOD_REPLY = (
    "Sở Khoa học và Công nghệ chủ trì chỉ tiêu 6.6 của Kế hoạch 19/KH-UBND [1].\n"
    "Chỉ tiêu này yêu cầu tỉ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt tối thiểu 80%, "
    "hoàn thành trong tháng 11/2025 [1]. Văn phòng UBND tỉnh theo dõi, đôn đốc [1]."
)


def _citation(n: int, clause: str, text: str) -> Citation:
    return Citation(
        n=n,
        document_id="ninh-binh-19-KH-UBND-2025",
        document_title="Kế hoạch 19/KH-UBND chuyển đổi số tỉnh Ninh Bình năm 2025",
        document_number="19/KH-UBND",
        clause=clause,
        path=f"Phụ lục 1 › 6. Về Chính quyền số › {clause}",
        text=text,
        start=35791,
        end=35791 + len(text),
        quote=text.split("|\n")[1],
        clause_id=f"clause-{clause}",
    )


EXTRACTIVE = Answer(
    answer=(
        "Chỉ tiêu/nhiệm vụ 6.6 — Kế hoạch 19/KH-UBND: đơn vị chủ trì thực hiện là "
        "Sở Khoa học và Công nghệ [1].\n- Thời gian hoàn thành: Tháng 11/2025 [1]"
    ),
    abstained=False,
    intent="who_lead",
    citations=(_citation(1, "6.6", TEXT_66),),
    candidates=("clause-6.6", "clause-6.7"),
)
TWO_CLAUSES = replace(
    EXTRACTIVE, citations=(_citation(1, "6.6", TEXT_66), _citation(2, "6.7", TEXT_67))
)


class ScriptedGenerator:
    """A `Generator` that returns (or raises) what the test scripted, and counts calls."""

    def __init__(self, reply: str | Exception) -> None:
        self.reply = reply
        self.calls: list[tuple[str, Answer]] = []

    def phrase(self, question: str, answer: Answer) -> str:
        self.calls.append((question, answer))
        if isinstance(self.reply, Exception):
            raise self.reply
        return self.reply


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def generator(server: FakeOpenAI) -> OpenAILikeGenerator:
    return OpenAILikeGenerator(server.base_url, MODEL, "secret-key", timeout=2.0)


# ---- verification rules --------------------------------------------------------------------


def test_cited_sentences_whose_numbers_are_in_their_clauses_verify() -> None:
    assert verify_phrasing(GOOD_REPLY, EXTRACTIVE.citations) == []


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("Sở Khoa học và Công nghệ chủ trì [7].", "cites [7]"),
        ("Sở Khoa học và Công nghệ chủ trì [1, 3].", "cites [3]"),
        ("Tỉ lệ hồ sơ xử lý trực tuyến đạt 90% [1].", "'90' is not in cited clause"),
        ("Hạn hoàn thành là tháng 12/2025 [1].", "'12/2025' is not in cited clause"),
        ("Chỉ tiêu yêu cầu 180 hồ sơ [1].", "'180' is not in cited clause"),
        ("Sở KHCN chủ trì [1]. Đây là chỉ tiêu quan trọng nhất.", "without a citation"),
        ("Sở KHCN chủ trì [1].\nKết quả được báo cáo hằng quý", "without a citation"),
        ("Các kế hoạch không nêu đơn vị chủ trì.", "cites no clause"),
        ("   \n\n", "empty"),
    ],
)
def test_replies_breaking_a_rule_are_rejected_with_the_reason(reply: str, reason: str) -> None:
    problems = verify_phrasing(reply, EXTRACTIVE.citations)
    assert any(reason in problem for problem in problems), problems


def test_a_number_must_be_in_a_clause_the_sentence_itself_cites() -> None:
    # 80% is clause [1]'s target; attributing it to clause [2] is a wrong fact.
    assert verify_phrasing("Chỉ tiêu 6.7 đạt 80% [2].", TWO_CLAUSES.citations)
    assert verify_phrasing("Chỉ tiêu 6.7 đạt 100% [2].", TWO_CLAUSES.citations) == []
    assert verify_phrasing("Hai chỉ tiêu đạt 80% và 100% [1][2].", TWO_CLAUSES.citations) == []


def test_dates_and_labels_match_whole_numbers_only() -> None:
    citations = EXTRACTIVE.citations
    assert verify_phrasing("Hạn là tháng 11 năm 2025 [1].", citations) == []  # parts of 11/2025
    assert verify_phrasing("Hạn là tháng 11/2025 [1].", citations) == []
    assert verify_phrasing("Chỉ tiêu 6.6 thuộc Kế hoạch 19/KH-UBND [1].", citations) == []
    assert verify_phrasing("Chỉ tiêu 6.5 do Sở KHCN chủ trì [1].", citations)  # not 6.6
    assert verify_phrasing("Hạn là tháng 1/2025 [1].", citations)  # not 11/2025


def test_layout_does_not_make_sentences() -> None:
    reply = (
        "Sở Khoa học và Công nghệ chủ trì, thông tin gửi TP. Ninh Bình [1].\n"
        "\n"
        "- Hạn hoàn thành: tháng 11/2025. [1]\n"
        "1. Văn phòng UBND tỉnh theo dõi [1]\n"
        "Các kế hoạch không nêu kinh phí thực hiện."
    )
    sentences = split_sentences(reply)
    assert [s.cited for s in sentences] == [(1,), (1,), (1,), ()]
    assert sentences[0].text.startswith("Sở Khoa học") and "TP. Ninh Bình" in sentences[0].text
    assert verify_phrasing(reply, EXTRACTIVE.citations) == []


def test_a_not_stated_sentence_may_not_carry_numbers() -> None:
    reply = "Sở KHCN chủ trì [1]. Các kế hoạch không nêu mức 90% cho năm sau."
    assert any("without a citation" in p for p in verify_phrasing(reply, EXTRACTIVE.citations))


# ---- the prompt ------------------------------------------------------------------------------


def test_the_prompt_numbers_the_clauses_and_states_the_rules() -> None:
    prompt = build_prompt(QUESTION, TWO_CLAUSES)
    assert QUESTION in prompt.user
    assert "[1] Kế hoạch 19/KH-UBND" in prompt.user and "› 6.6\n6.6. |" in prompt.user
    assert TEXT_66.strip() in prompt.user and TEXT_67.strip() in prompt.user
    assert EXTRACTIVE.answer in prompt.user
    assert "Các kế hoạch không nêu" in prompt.system and "[n]" in prompt.system


# ---- phrase_answer ---------------------------------------------------------------------------


def test_a_verified_phrasing_changes_only_the_text() -> None:
    phrased = phrase_answer(ScriptedGenerator(GOOD_REPLY), QUESTION, EXTRACTIVE)
    assert phrased.answer == GOOD_REPLY
    assert phrased.citations == EXTRACTIVE.citations
    assert (phrased.abstained, phrased.intent, phrased.candidates) == (
        EXTRACTIVE.abstained,
        EXTRACTIVE.intent,
        EXTRACTIVE.candidates,
    )


def test_abstentions_are_never_phrased() -> None:
    abstained = Answer("Các kế hoạch đã nạp không nêu thông tin này.", True, "search")
    generator = ScriptedGenerator(GOOD_REPLY)
    assert phrase_answer(generator, "kinh phí bao nhiêu?", abstained) is abstained
    assert generator.calls == []


def test_a_generator_failure_keeps_the_extractive_answer(caplog: pytest.LogCaptureFixture) -> None:
    generator = ScriptedGenerator(GenerationError("endpoint down"))
    with caplog.at_level(logging.INFO, logger="retrieval.generation"):
        assert phrase_answer(generator, QUESTION, EXTRACTIVE) is EXTRACTIVE
    assert "endpoint down" in caplog.text


# ---- against a fake OpenAI-compatible server -------------------------------------------------


def test_a_good_reply_is_accepted(server: FakeOpenAI, generator: OpenAILikeGenerator) -> None:
    server.answer_with(GOOD_REPLY)
    phrased = phrase_answer(generator, QUESTION, EXTRACTIVE)
    assert phrased.answer == GOOD_REPLY
    assert phrased.citations == EXTRACTIVE.citations and phrased.intent == "who_lead"


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("Sở Khoa học và Công nghệ chủ trì chỉ tiêu 6.6 [7].", "cites [7]"),
        ("Tỉ lệ hồ sơ xử lý trực tuyến phải đạt 90% [1].", "'90' is not in cited clause"),
        ("Sở Khoa học và Công nghệ chủ trì [1]. Sở Tài chính bố trí kinh phí.", "without a"),
    ],
    ids=["unknown-citation", "number-not-in-clause", "uncited-sentence"],
)
def test_a_reply_that_does_not_verify_gives_the_extractive_answer(
    server: FakeOpenAI,
    generator: OpenAILikeGenerator,
    caplog: pytest.LogCaptureFixture,
    reply: str,
    reason: str,
) -> None:
    server.answer_with(reply)
    with caplog.at_level(logging.INFO, logger="retrieval.generation"):
        assert phrase_answer(generator, QUESTION, EXTRACTIVE) is EXTRACTIVE
    assert len(server.requests) == 1
    assert "phrasing rejected" in caplog.text and reason in caplog.text


def test_a_server_error_gives_the_extractive_answer(
    server: FakeOpenAI, generator: OpenAILikeGenerator
) -> None:
    server.fail_with(500)
    assert phrase_answer(generator, QUESTION, EXTRACTIVE) is EXTRACTIVE
    assert len(server.requests) == 1  # no retries: the extractive answer is ready


def test_a_timeout_gives_the_extractive_answer(server: FakeOpenAI) -> None:
    server.hang()
    generator = OpenAILikeGenerator(server.base_url, MODEL, timeout=0.2)
    assert phrase_answer(generator, QUESTION, EXTRACTIVE) is EXTRACTIVE


def test_an_unreachable_endpoint_gives_the_extractive_answer() -> None:
    with FakeOpenAI() as stopped:
        base_url = stopped.base_url
    generator = OpenAILikeGenerator(base_url, MODEL, timeout=2.0)
    assert phrase_answer(generator, QUESTION, EXTRACTIVE) is EXTRACTIVE


def test_the_request_is_a_chat_completion_with_the_question_and_clauses(
    server: FakeOpenAI, generator: OpenAILikeGenerator
) -> None:
    server.answer_with(GOOD_REPLY)
    phrase_answer(generator, QUESTION, TWO_CLAUSES)
    (request,) = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.body["model"] == MODEL
    assert [m["role"] for m in request.body["messages"]] == ["system", "user"]
    assert request.body.get("stream") in (None, False)
    assert request.body["temperature"] == 0
    assert QUESTION in request.contents
    assert TEXT_66.strip() in request.contents and TEXT_67.strip() in request.contents
    assert request.headers["Authorization"] == "Bearer secret-key"


def test_openai_environment_defaults_are_never_used(
    server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-meant-for-openai")
    monkeypatch.setenv("OPENAI_API_BASE", "https://api.openai.com/v1")
    server.answer_with(GOOD_REPLY)
    generator = OpenAILikeGenerator(server.base_url, MODEL, api_key=None, timeout=2.0)
    assert phrase_answer(generator, QUESTION, EXTRACTIVE).answer == GOOD_REPLY
    assert server.requests[0].headers["Authorization"] == "Bearer not-needed"


def test_a_reasoning_scratchpad_is_dropped(
    server: FakeOpenAI, generator: OpenAILikeGenerator
) -> None:
    server.answer_with(f"<think>Tôi nghĩ là 90%.</think>\n{GOOD_REPLY}")
    assert phrase_answer(generator, QUESTION, EXTRACTIVE).answer == GOOD_REPLY


# ---- settings and wiring ---------------------------------------------------------------------


def test_no_generator_unless_endpoint_and_model_are_set(tmp_path: Path) -> None:
    assert generator_from_settings(Settings(home=tmp_path)) is None
    assert generator_from_settings(Settings(home=tmp_path, llm_base_url="http://x/v1")) is None
    configured = Settings(home=tmp_path, llm_base_url="http://127.0.0.1:9/v1", llm_model=MODEL)
    generator = generator_from_settings(configured)
    assert isinstance(generator, OpenAILikeGenerator) and generator.model == MODEL


def test_a_real_extractive_answer_is_phrased(
    corpus_runtime: Runtime, server: FakeOpenAI, generator: OpenAILikeGenerator
) -> None:
    extractive = corpus_runtime.assistant().ask(QUESTION)
    assert not extractive.abstained and len(extractive.citations) == 1
    server.answer_with(GOOD_REPLY)
    phrased = phrase_answer(generator, QUESTION, extractive)
    assert phrased.answer == GOOD_REPLY and phrased.citations == extractive.citations


@pytest.mark.skipif(
    not hasattr(Runtime, "generator"), reason="Runtime.generator wiring not applied yet"
)
def test_the_runtime_phrases_when_an_endpoint_is_configured(
    tmp_path: Path, server: FakeOpenAI
) -> None:
    settings = Settings(home=tmp_path, llm_base_url=server.base_url, llm_model=MODEL)
    runtime = Runtime(settings, embedder=HashingEmbedder(64))
    try:
        runtime.ingest_paths([BUNDLED_CORPUS / "ninh-binh-19-KH-UBND-2025.txt"])
        assistant = runtime.assistant()
        assert isinstance(assistant, PhrasedAssistant)
        server.answer_with(GOOD_REPLY)
        assert assistant.ask(QUESTION).answer == GOOD_REPLY
        assert QUESTION in server.requests[0].contents
    finally:
        runtime.close()
