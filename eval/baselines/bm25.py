"""A small Okapi BM25 index with a Vietnamese tokenizer (lower-case, folded syllables)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from eval.metrics.text import fold

_WORD = re.compile(r"\w+")


def tokenize(text: str) -> list[str]:
    """Syllables without diacritics, lower-cased (``Sở KH&CN`` → ``so``, ``kh``, ``cn``)."""
    return _WORD.findall(fold(text))


class BM25Index:
    """Okapi BM25 (``k1``, ``b``) over tokenised documents; scores are ≥ 0."""

    def __init__(self, documents: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75):
        self._k1 = k1
        self._b = b
        self._terms = [Counter(doc) for doc in documents]
        self._lengths = [len(doc) for doc in documents]
        self._mean_length = (sum(self._lengths) / len(documents)) if documents else 0.0
        frequency = Counter(term for counts in self._terms for term in counts)
        n = len(documents)
        # The "+1" inside the log keeps idf positive for terms in most documents.
        self._idf = {t: math.log(1 + (n - df + 0.5) / (df + 0.5)) for t, df in frequency.items()}

    def scores(self, query: Sequence[str]) -> list[float]:
        """The BM25 score of every document for ``query``, in document order."""
        out: list[float] = []
        for counts, length in zip(self._terms, self._lengths, strict=True):
            norm = self._k1 * (1 - self._b + self._b * length / (self._mean_length or 1.0))
            score = 0.0
            for term in query:
                tf = counts.get(term, 0)
                if tf:
                    score += self._idf[term] * tf * (self._k1 + 1) / (tf + norm)
            out.append(score)
        return out

    def top_k(self, query: Sequence[str], k: int) -> list[int]:
        """Indices of the ``k`` best documents, best first (ties keep document order)."""
        scores = self.scores(query)
        return sorted(range(len(scores)), key=lambda i: -scores[i])[:k]
