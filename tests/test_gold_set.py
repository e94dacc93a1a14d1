"""The gold question set: schema, minimum counts, and verbatim quotes."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from eval.metrics.goldset import ABSTAIN_TAG, GOLD_PATH, TYPES, load_gold, should_abstain
from eval.metrics.text import has_diacritics

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DOCUMENTS = {p.stem for p in CORPUS.glob("*.txt")}
REQUIRED = {"id", "question", "type", "tags", "document", "key_facts", "gold"}
OPTIONAL = {"previous"}
MINIMUMS = {
    "total": 200,
    "no_diacritics": 30,
    "abbreviation": 20,
    "unanswerable": 20,
    "ambiguous": 10,
    "follow-up": 15,
}

QUESTIONS = load_gold()
IDS = [q["id"] for q in QUESTIONS]


def _source(document: str) -> str:
    return (CORPUS / f"{document}.txt").read_bytes().decode("utf-8")


def test_every_line_is_a_json_object() -> None:
    lines = [ln for ln in GOLD_PATH.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert len(lines) == len(QUESTIONS)
    for line in lines:
        assert isinstance(json.loads(line), dict)


def test_corpus_has_the_five_plans() -> None:
    assert len(DOCUMENTS) == 5


def test_ids_are_unique() -> None:
    duplicates = [i for i, n in Counter(IDS).items() if n > 1]
    assert not duplicates


def test_questions_are_unique() -> None:
    texts = Counter((tuple(q.get("previous", [])), q["question"]) for q in QUESTIONS)
    assert not [t for t, n in texts.items() if n > 1]


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_schema(question: dict) -> None:
    keys = set(question)
    assert keys >= REQUIRED, REQUIRED - keys
    assert keys <= REQUIRED | OPTIONAL, keys - REQUIRED - OPTIONAL
    assert question["type"] in TYPES
    assert isinstance(question["question"], str) and question["question"].strip()
    assert all(isinstance(t, str) and t for t in question["tags"])
    assert question["document"] is None or question["document"] in DOCUMENTS
    for fact in question["key_facts"]:
        assert isinstance(fact, list) and fact
        assert all(isinstance(v, str) and v.strip() for v in fact)
    for item in question["gold"]:
        assert set(item) == {"document", "clause", "quote"}
        assert item["document"] in DOCUMENTS
        assert item["clause"] is None or (isinstance(item["clause"], str) and item["clause"])
        assert 20 <= len(item["quote"]) <= 200, len(item["quote"])
    if question["type"] == "follow-up":
        previous = question.get("previous")
        assert isinstance(previous, list) and previous
        assert all(isinstance(p, str) and p.strip() for p in previous)
    else:
        assert "previous" not in question


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_facts_and_gold_match_the_expected_behaviour(question: dict) -> None:
    if should_abstain(question):
        assert question["key_facts"] == [] and question["gold"] == []
    else:
        assert question["key_facts"] and question["gold"]
    if ABSTAIN_TAG in question["tags"]:
        assert question["type"] == "follow-up"


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_gold_quotes_are_verbatim_in_their_source(question: dict) -> None:
    for item in question["gold"]:
        assert item["quote"] in _source(item["document"]), item["quote"]


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_targeted_document_is_cited(question: dict) -> None:
    cited = {g["document"] for g in question["gold"]}
    if question["document"] is not None and cited:
        assert question["document"] in cited


@pytest.mark.parametrize(
    "question", [q for q in QUESTIONS if "no_diacritics" in q["tags"]], ids=lambda q: q["id"]
)
def test_no_diacritics_questions_have_none(question: dict) -> None:
    assert not has_diacritics(question["question"])


def test_ambiguous_questions_name_no_plan_and_cite_several() -> None:
    for q in QUESTIONS:
        if q["type"] == "ambiguous":
            assert q["document"] is None
            assert len({g["document"] for g in q["gold"]}) >= 2, q["id"]
            assert len(q["key_facts"]) >= 2, q["id"]


def test_compare_questions_cite_two_plans() -> None:
    for q in QUESTIONS:
        if q["type"] == "compare":
            assert len({g["document"] for g in q["gold"]}) >= 2, q["id"]


def test_minimum_counts() -> None:
    types = Counter(q["type"] for q in QUESTIONS)
    tags = Counter(t for q in QUESTIONS for t in q["tags"])
    assert len(QUESTIONS) >= MINIMUMS["total"]
    assert tags["no_diacritics"] >= MINIMUMS["no_diacritics"]
    assert tags["abbreviation"] >= MINIMUMS["abbreviation"]
    for name in ("unanswerable", "ambiguous", "follow-up"):
        assert types[name] >= MINIMUMS[name], name
    assert set(types) == set(TYPES)


def test_all_five_documents_are_covered() -> None:
    targeted = {q["document"] for q in QUESTIONS} - {None}
    cited = {g["document"] for q in QUESTIONS for g in q["gold"]}
    assert targeted == DOCUMENTS
    assert cited == DOCUMENTS
