"""Confidence per answer: a score from how much of the question the cited clauses cover,
hedging below the answering threshold, substantive candidates on abstention."""

from __future__ import annotations

import pytest

from retrieval import confidence
from retrieval.answers import Answer
from retrieval.candidates import is_substantive
from retrieval.constraints import read_question
from retrieval.query import understand
from retrieval.stored import StoredClause


def _clause(text: str, kind: str = "bullet", child_count: int = 0) -> StoredClause:
    return StoredClause(
        clause_id="c",
        document_id="d",
        document_title="d",
        document_number=None,
        kind=kind,
        number=None,
        heading=None,
        path="I › 1",
        text=text,
        start=0,
        end=len(text),
        body_end=len(text),
        parent_id=None,
        child_count=child_count,
        search_text=text,
        target=None,
    )


def test_a_figure_asked_and_not_stated_lowers_the_score() -> None:
    reading = read_question(understand("Tỷ lệ hồ sơ trực tuyến đạt bao nhiêu?"))
    stated = confidence.score(
        reading, [_clause("Tỷ lệ hồ sơ trực tuyến đạt 80%.")], 0.9, False, False
    )
    unstated = confidence.score(reading, [_clause("Đẩy mạnh hồ sơ trực tuyến.")], 0.9, False, False)
    assert stated == 0.9 and unstated < stated


def test_structured_answers_start_certain_and_abstentions_stay_low() -> None:
    reading = read_question(understand("Sở nào chủ trì chỉ tiêu 6.6?"))
    clause = _clause("6.6. Tỷ lệ 100% …")
    assert confidence.score(reading, [clause], 0.2, True, False) == confidence.STRUCTURED
    assert confidence.score(reading, [clause], 0.9, False, True) <= 0.3
    assert confidence.score(reading, [], 0.0, False, True) == 0.0


def test_hedged_marks_the_first_line_once() -> None:
    answer = Answer("Kế hoạch X: nội dung [1]", False, "target")
    once = confidence.hedged(answer)
    assert once.answer.startswith("Có thể: ")
    assert confidence.hedged(once).answer == once.answer
    assert confidence.hedged(Answer("Không có.", True, "search")).answer == "Không có."


def test_json_carries_confidence() -> None:
    data = Answer("a", False, "target", confidence=0.42).to_json()
    assert data["confidence"] == 0.42


@pytest.mark.parametrize(
    ("text", "kind", "children", "expected"),
    [
        ("các cơ quan, đơn vị có liên quan;", "bullet", 0, False),
        ("II. Chính quyền số", "section", 5, False),
        ("Phụ lục 1", "appendix", 3, False),
        ("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt tối thiểu 80%;", "bullet", 0, True),
    ],
)
def test_candidates_are_real_clauses(text: str, kind: str, children: int, expected: bool) -> None:
    assert is_substantive(_clause(text, kind, children)) is expected


@pytest.fixture(scope="module")
def assistant(corpus_runtime):
    return corpus_runtime.assistant()


def test_every_answer_has_a_confidence_in_range(assistant) -> None:
    for question in (
        "Sở nào chủ trì chỉ tiêu 6.6?",
        "Kế hoạch 19/KH-UBND do ai ký?",
        "Tỷ trọng kinh tế số Tiền Giang 2025 là bao nhiêu?",
        "Kế hoạch có nói gì về tàu vũ trụ không?",
    ):
        answer = assistant.ask(question)
        assert 0.0 <= answer.confidence <= 1.0
        if answer.abstained:
            assert answer.confidence <= 0.3
        elif answer.confidence < confidence.ANSWER:
            assert answer.answer.startswith("Có thể: ")


def test_abstention_candidates_are_never_fragments(assistant) -> None:
    answer = assistant.ask("Kế hoạch có nói gì về tàu vũ trụ không?")
    for citation in answer.citations:
        assert len(citation.text.split()) >= 6
