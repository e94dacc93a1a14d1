"""Reranking candidates: structural signals by default, a cross-encoder when configured."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from ingest.dates import mentions_date
from ingest.normalize_vi import folded
from retrieval.doers import names_other_unit
from retrieval.query import Intent, Query
from retrieval.relevance import TermWeights, clause_pairs, clause_words, pairs_of
from retrieval.search import Candidate

_WHO = (Intent.WHO, Intent.WHO_LEAD, Intent.WHO_COOPERATE, Intent.WHO_MONITOR)


# a numbered step of a sequence ("lần thứ nhất", "hiệp thương lần 3", "đợt 2", "bước 4"),
# folded; the number in figures or in words
_STEP = re.compile(
    r"\b(lan|dot|buoc|giai doan)\s+(?:thu\s+)?"
    r"(\d{1,2}|nhat|mot|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi)\b(?!\s*/)"
)
_STEP_NUMBERS = {
    "nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6, "bay": 7,
    "tam": 8, "chin": 9, "muoi": 10,
}  # fmt: skip


def steps_named(folded_text: str) -> set[tuple[str, int]]:
    """The numbered steps a text names: {("lan", 1), ("dot", 2)}."""
    found = set()
    for word, number in _STEP.findall(folded_text):
        found.add((word, int(number) if number.isdigit() else _STEP_NUMBERS[number]))
    return found


# a "who" question is answered by a responsibility row, else by a clause whose own words
# name a unit ("… theo hướng dẫn của Sở Giáo dục và Đào tạo", "CHỦ ĐẦU TƯ DỰ ÁN: SỞ LAO
# ĐỘNG …"); a clause naming none ("Điều 1. Phê duyệt kế hoạch …") cannot say who
_WHO_ROW = 0.25
_WHO_NAMED = 0.15
_WHO_UNNAMED = -0.1


def _who_text(body: str, question: str) -> float:
    """The "who" weight of a clause that is no row: whether its own words name a unit other
    than those the question names (`doers.names_other_unit`)."""
    return _WHO_NAMED if names_other_unit(body, question) else _WHO_UNNAMED


_WHO_PHRASE = 0.3
# pairs with a word that asks who ("đơn vị nào", "do ai") are no part of the duty
_ASKING_WORDS = frozenset(["ai", "nao", "gi", "don", "vi", "la", "do", "duoc"])


def _says_role_asked(question_folded: str, clause_folded: str) -> bool:
    """Whether the clause says the role the question asks ("chủ trì", "phối hợp" …)."""
    words = [w for w in _ROLE_WORDS if w in question_folded]
    return bool(words) and any(w in clause_folded for w in words)


_ROLE_WORDS = ("chu tri", "phoi hop", "theo doi", "chi dao", "huong dan", "phu trach")


def _pairs_said(question_folded: str, clause_text: str) -> float:
    """The share of the question's adjacent word pairs that the clause says too."""
    asked = {p for p in pairs_of(question_folded) if not set(p.split()) & _ASKING_WORDS}
    if not asked:
        return 0.0
    return len(asked & clause_pairs(clause_text)) / len(asked)


class Reranker(Protocol):
    """Reorders search candidates for a question."""

    def rerank(self, query: Query, candidates: Sequence[Candidate]) -> list[Candidate]: ...


class StructuralReranker:
    """Fused rank + coverage of the question's words + fields the intent needs + numbers.

    With term weights, coverage counts a rare word ("IPv6") for more than a word every
    plan repeats ("chuyển đổi số").
    """

    def __init__(self, weights: TermWeights | None = None) -> None:
        self._weights = weights

    def rerank(self, query: Query, candidates: Sequence[Candidate]) -> list[Candidate]:
        scored = [
            (self._score(query, rank, candidate), rank, candidate)
            for rank, candidate in enumerate(candidates)
        ]
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [Candidate(c.clause, score, c.source) for score, _, c in scored]

    def _coverage(self, words: Sequence[str], clause_text: str) -> float:
        if not words:
            return 0.0
        if self._weights is not None:
            return self._weights.coverage(words, clause_words(clause_text))
        text = folded(clause_text)
        return sum(1 for w in words if w in text) / len(words)

    def _score(self, query: Query, rank: int, candidate: Candidate) -> float:
        clause = candidate.clause
        text = folded(f"{clause.path} {clause.search_text}")
        coverage = self._coverage(query.keywords, f"{clause.path} {clause.search_text}")
        score = 1.0 / (rank + 2) + 0.8 * coverage
        numbers = re.findall(r"\d+(?:[.,/]\d+)*%?", query.folded)
        if numbers and any(n in text for n in numbers):
            score += 0.2
        if query.intent is Intent.DEADLINE:
            score += 0.25 if clause.target is not None else 0.0
        if query.intent in _WHO:
            score += _WHO_ROW if clause.target is not None else _who_text(clause.body, query.folded)
            # the duty said in the question's own words ("chủ trì xây dựng báo cáo tổng hợp
            # chung …"): its word pairs, not only its words scattered over a row
            # (a row, or a clause saying the role asked: a duty's words alone, in a clause that
            # says nothing of who, do not answer "who")
            if clause.target is not None or _says_role_asked(query.folded, text):
                score += _WHO_PHRASE * _pairs_said(
                    query.folded, f"{clause.path} {clause.search_text}"
                )
        if query.intent is Intent.DEADLINE and clause.target is None and mentions_date(text):
            score += 0.15  # a "when" question is answered by a clause that gives a date
        asked = steps_named(query.folded)
        if asked:
            # "hiệp thương lần thứ nhất": the clause of that step, not of its siblings
            named = steps_named(text)
            words = {word for word, _ in asked}
            siblings = {step for step in named if step[0] in words} - asked
            if named & asked:
                score += 0.1 if siblings else 0.3  # "lần thứ nhất, lần thứ hai" names both
            elif siblings:
                score -= 0.3
        if clause.kind in ("part", "section", "appendix") and len(clause.body) < 120:
            score -= 0.3  # a bare heading says little on its own
        if clause.kind == "preamble" and query.intent is not Intent.DOCUMENT_FACTS:
            score -= 0.2
        return score


class CrossEncoderReranker:
    """A sentence-transformers cross-encoder (for users with a model hub), after structure."""

    def __init__(self, model: str, structural: StructuralReranker | None = None) -> None:
        from sentence_transformers import CrossEncoder

        self._model = CrossEncoder(model)
        self._structural = structural or StructuralReranker()

    def rerank(self, query: Query, candidates: Sequence[Candidate]) -> list[Candidate]:
        if not candidates:
            return []
        scores = self._model.predict([(query.text, c.clause.search_text) for c in candidates])
        rescored = [
            Candidate(c.clause, float(s), c.source) for c, s in zip(candidates, scores, strict=True)
        ]
        rescored.sort(key=lambda c: -c.score)
        return self._structural.rerank(query, rescored)
