"""How well a clause covers a question's words, weighted by how rare each word is.

Words every plan repeats ("chuyển đổi số", "thực hiện", "tỉnh") say little about whether
a clause answers; rare ones ("IPv6", "hóa đơn", "VNeID") say a lot. Weights are inverse
document frequencies over the ingested clauses.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from functools import lru_cache

from ingest.abbreviations import expand_abbreviations
from ingest.normalize_vi import folded

_WORD = re.compile(r"[a-z0-9%]+(?:[./,][0-9]+)*%?")
# A document number ("19/kh-ubnd") is a word of its own too, as questions name it.
_DOCUMENT_NUMBER = re.compile(r"\d+/[a-z][a-z0-9&-]*[a-z0-9]")


def words_of(text: str) -> set[str]:
    """The accent-free word set of a text."""
    plain = folded(text)
    return set(_WORD.findall(plain)) | set(_DOCUMENT_NUMBER.findall(plain))


@lru_cache(maxsize=8192)
def clause_words(text: str) -> frozenset[str]:
    """The words of a clause's text with its abbreviations spelled out too: a question
    asking about "tổng sản phẩm trên địa bàn" is covered by a clause saying "GRDP"."""
    return frozenset(words_of(expand_abbreviations(text)))


class TermWeights:
    """Inverse document frequency of accent-free words over a set of clause texts."""

    def __init__(self, texts: Iterable[str]) -> None:
        counts: Counter[str] = Counter()
        total = 0
        for text in texts:
            counts.update(words_of(text))
            total += 1
        self._total = max(total, 1)
        self._counts = counts

    def weight(self, word: str) -> float:
        """log((N + 1) / (df + 1)) + 0.1: unseen words weigh most, ubiquitous ones least."""
        return math.log((self._total + 1) / (self._counts.get(word, 0) + 1)) + 0.1

    def coverage(self, keywords: Iterable[str], words: AbstractSet[str]) -> float:
        """Weighted share of the keywords present in the clause's words."""
        unique = set(keywords)
        if not unique:
            return 1.0
        total = sum(self.weight(w) for w in unique)
        found = sum(self.weight(w) for w in unique if w in words)
        return found / total

    def missing(self, keywords: Iterable[str], words: AbstractSet[str]) -> list[str]:
        """Keywords absent from the clause, rarest first."""
        absent = {w for w in keywords if w not in words}
        return sorted(absent, key=self.weight, reverse=True)
