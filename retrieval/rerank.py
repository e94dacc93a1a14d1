"""Reranking candidates: structural signals by default, a cross-encoder when configured."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from ingest.normalize_vi import folded
from retrieval.query import Intent, Query
from retrieval.search import Candidate

_WHO = (Intent.WHO, Intent.WHO_LEAD, Intent.WHO_COOPERATE, Intent.WHO_MONITOR)


class Reranker(Protocol):
    """Reorders search candidates for a question."""

    def rerank(self, query: Query, candidates: Sequence[Candidate]) -> list[Candidate]: ...


class StructuralReranker:
    """Fused rank + coverage of the question's words + fields the intent needs + numbers."""

    def rerank(self, query: Query, candidates: Sequence[Candidate]) -> list[Candidate]:
        scored = [
            (self._score(query, rank, candidate), rank, candidate)
            for rank, candidate in enumerate(candidates)
        ]
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [Candidate(c.clause, score, c.source) for score, _, c in scored]

    @staticmethod
    def _score(query: Query, rank: int, candidate: Candidate) -> float:
        clause = candidate.clause
        text = folded(f"{clause.path} {clause.search_text}")
        words = query.keywords
        coverage = sum(1 for w in words if w in text) / len(words) if words else 0.0
        score = 1.0 / (rank + 2) + 0.8 * coverage
        numbers = re.findall(r"\d+(?:[.,/]\d+)*%?", query.folded)
        if numbers and any(n in text for n in numbers):
            score += 0.2
        if query.intent in _WHO or query.intent is Intent.DEADLINE:
            score += 0.25 if clause.target is not None else 0.0
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
