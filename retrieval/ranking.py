"""Ranking candidate clauses and keeping the ranked list an answer offers as candidates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from retrieval.answers import Answer
from retrieval.query import Query, understand
from retrieval.rerank import Reranker
from retrieval.search import Candidate
from retrieval.stored import StoredClause

# A per-plan answer ("bạn hỏi kế hoạch nào?") offers at most this many plans.
MAX_PER_DOCUMENT = 6


def rank(reranker: Reranker, query: Query, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates in the reranker's order for this question."""
    return reranker.rerank(query, candidates)


def rank_text(reranker: Reranker, text: str, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates in the reranker's order for `text` read as a question."""
    return reranker.rerank(understand(text), candidates)


def with_candidates(answer: Answer, ranked: Sequence[StoredClause], limit: int = 10) -> Answer:
    """The answer with its ranked candidate list: what it cites first, then the runners-up."""
    ids = list(dict.fromkeys([*answer.candidates, *(c.clause_id for c in ranked)]))[:limit]
    return replace(answer, candidates=tuple(ids))
