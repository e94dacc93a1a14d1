"""Retrieval metrics over a ranked list of clauses: relevance, hit@k, MRR, nDCG@k.

Relevance is decided by text, not by clause ids, so the gold set does not depend on how
the parser numbers clauses. A retrieved clause is relevant to a gold item when it comes
from the same document and, after ``normalize_ws`` on both sides:

1. the clause text contains the gold quote (the usual case), or
2. the gold quote contains the whole clause text and that clause is not trivially
   short: at least ``MIN_REVERSE_CHARS`` characters and at least ``MIN_REVERSE_SHARE`` of
   the quote's length. This covers a parser that splits a table row into several small
   clauses (one per cell) while the quote spans two cells; the thresholds keep a bare
   cell such as ``Sở Khoa học và Công nghệ |``, found in dozens of rows, from counting.

Each gold item is credited at most once (to its highest-ranked match), so a quote that
occurs twice in a source (the Ninh Bình plan repeats its header block) cannot push DCG
above the ideal.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from eval.metrics.text import normalize_ws

MIN_REVERSE_CHARS = 30
MIN_REVERSE_SHARE = 0.5


class RetrievedText(Protocol):
    """Anything retrieved: the document it comes from and the clause text."""

    @property
    def document_id(self) -> str: ...

    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Retrieved:
    """A plain retrieved clause (any object with the same two attributes also works)."""

    document_id: str
    text: str


@dataclass(frozen=True)
class GoldRef:
    """One gold evidence item: a verbatim quote from a document, with its clause label."""

    document: str
    quote: str
    clause: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GoldRef:
        """Build from a gold.jsonl ``gold`` entry."""
        return cls(document=data["document"], quote=data["quote"], clause=data.get("clause"))


def text_supports(text: str, quote: str) -> bool:
    """Whether ``text`` contains ``quote``, or is a substantial part of it (see module doc)."""
    clause, gold = normalize_ws(text), normalize_ws(quote)
    if not clause or not gold:
        return False
    if gold in clause:
        return True
    return (
        clause in gold
        and len(clause) >= MIN_REVERSE_CHARS
        and len(clause) >= MIN_REVERSE_SHARE * len(gold)
    )


def _matches(retrieved: RetrievedText, gold: GoldRef) -> bool:
    return retrieved.document_id == gold.document and text_supports(retrieved.text, gold.quote)


def is_relevant(retrieved: RetrievedText, gold: Sequence[GoldRef]) -> bool:
    """True when ``retrieved`` supports at least one gold item."""
    return any(_matches(retrieved, g) for g in gold)


def relevance_vector(ranked: Sequence[RetrievedText], gold: Sequence[GoldRef]) -> list[int]:
    """Binary gains by rank; each gold item credits only its first (best-ranked) match."""
    unmatched = list(range(len(gold)))
    gains: list[int] = []
    for item in ranked:
        hit = next((i for i in unmatched if _matches(item, gold[i])), None)
        if hit is None:
            gains.append(0)
        else:
            unmatched.remove(hit)
            gains.append(1)
    return gains


def _require_gold(gold: Sequence[GoldRef]) -> None:
    if not gold:
        raise ValueError("retrieval metrics need at least one gold item; skip such questions")


def _require_k(k: int) -> None:
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")


def hit_at_k(ranked: Sequence[RetrievedText], gold: Sequence[GoldRef], k: int) -> float:
    """1.0 when one of the top ``k`` retrieved clauses is relevant, else 0.0."""
    _require_gold(gold)
    _require_k(k)
    return 1.0 if any(is_relevant(r, gold) for r in ranked[:k]) else 0.0


def reciprocal_rank(ranked: Sequence[RetrievedText], gold: Sequence[GoldRef]) -> float:
    """1/rank of the first relevant clause (ranks start at 1); 0.0 when none is relevant."""
    _require_gold(gold)
    for rank, item in enumerate(ranked, start=1):
        if is_relevant(item, gold):
            return 1.0 / rank
    return 0.0


def dcg(gains: Sequence[int]) -> float:
    """Discounted cumulative gain: sum of gain / log2(rank + 1)."""
    return sum(g / math.log2(rank + 1) for rank, g in enumerate(gains, start=1))


def ndcg_at_k(ranked: Sequence[RetrievedText], gold: Sequence[GoldRef], k: int) -> float:
    """nDCG@k with binary gains; the ideal ranking puts min(k, len(gold)) hits first."""
    _require_gold(gold)
    _require_k(k)
    ideal = dcg([1] * min(k, len(gold)))
    return dcg(relevance_vector(ranked[:k], gold)) / ideal
