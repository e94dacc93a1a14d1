"""How much of the question's topic a clause covers: the weighted share of its concepts
found in the clause's path and text."""

from __future__ import annotations

from collections.abc import Sequence

from ingest.facts import TermCover
from retrieval.query import Query
from retrieval.relevance import Concept, TermWeights, clause_pairs, clause_words
from retrieval.stored import StoredClause
from retrieval.units import UnitMatcher

# A clause covering half the topic's concepts may answer it.
MIN_COVERAGE = 0.5
_CACHE_SIZE = 512


class Coverage:
    """Coverage of a question's topic by clauses; a question's concepts are worked out once
    and reused for every clause measured."""

    def __init__(self, units: UnitMatcher, weights: TermWeights) -> None:
        self._units = units
        self._weights = weights
        self._concept_cache: dict[tuple[str, tuple[str, ...]], list[Concept]] = {}

    def concepts(self, query: Query, topic: Sequence[str]) -> list[Concept]:
        """The topic words as concepts: names and two-syllable words count once."""
        key = (query.text, tuple(topic))
        found = self._concept_cache.get(key)
        if found is None:
            names = [
                tuple(w for w in name.split() if w in topic)
                for name in self._units.find(query.text)
            ]
            found = self._weights.concepts(query.phrases, topic, names)
            if len(self._concept_cache) >= _CACHE_SIZE:
                self._concept_cache.clear()  # a bound, not an LRU: questions rarely repeat
            self._concept_cache[key] = found
        return found

    def cover(self, query: Query, topic: Sequence[str]) -> TermCover:
        """The rows covering `MIN_COVERAGE` of the topic, as the facts store selects them
        (the same rule as `of`, run in SQL)."""
        return self._weights.cover(self.concepts(query, topic), MIN_COVERAGE)

    def of(self, query: Query, topic: Sequence[str], clause: StoredClause) -> float:
        """Weighted share of the topic's concepts found in the clause (path included)."""
        text = f"{clause.path} {clause.search_text}"
        concepts = self.concepts(query, topic)
        return self._weights.concept_coverage(concepts, clause_words(text), clause_pairs(text))
