"""How well a clause covers a question's words, weighted by how rare each word is.

Words every plan repeats ("chuyển đổi số", "thực hiện", "tỉnh") say little about whether
a clause answers; rare ones ("IPv6", "hóa đơn", "VNeID") say a lot. Weights are inverse
document frequencies over the ingested clauses.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ingest.abbreviations import expand_abbreviations
from ingest.facts import CoverCredit, TermCover
from ingest.normalize_vi import folded

_WORD = re.compile(r"[a-z0-9%]+(?:[./,][0-9]+)*%?")
# a unit of measure written on its figure ("30m2", "5ha", "12km"): a word of its own too
_GLUED_UNIT = re.compile(r"(?<=\d)[a-z]{1,3}\d?\b")
# A document number ("19/kh-ubnd") is a word of its own too, as questions name it.
_DOCUMENT_NUMBER = re.compile(r"\d+/[a-z][a-z0-9&-]*[a-z0-9]")


def words_of(text: str) -> set[str]:
    """The accent-free word set of a text."""
    plain = folded(text)
    words = set(_WORD.findall(plain)) | set(_DOCUMENT_NUMBER.findall(plain))
    return words | set(_GLUED_UNIT.findall(plain))


@lru_cache(maxsize=8192)
def clause_words(text: str) -> frozenset[str]:
    """The words of a clause's text with its abbreviations spelled out too: a question
    asking about "tổng sản phẩm trên địa bàn" is covered by a clause saying "GRDP"."""
    return frozenset(words_of(expand_abbreviations(text)))


def pairs_of(text: str) -> set[str]:
    """Adjacent accent-free word pairs of a text ("du lieu", "dat dai"); a unit written on
    its figure pairs with the next word too ("500ha mặt bằng" says "ha mat" as "500 ha mặt
    bằng" does)."""
    tokens = _WORD.findall(folded(text))
    pairs = {f"{a} {b}" for a, b in pairwise(tokens)}
    for a, b in pairwise(tokens):
        unit = _GLUED_UNIT.search(a)
        if unit is not None and unit.end() == len(a):
            pairs.add(f"{unit.group()} {b}")
    return pairs


@lru_cache(maxsize=8192)
def clause_pairs(text: str) -> frozenset[str]:
    """Adjacent word pairs of a clause's text, abbreviations spelled out too."""
    return frozenset(pairs_of(expand_abbreviations(text)))


@dataclass(frozen=True)
class Concept:
    """One thing a question asks about: a word, a two-syllable word ("đất đai", "xử phạt"),
    or a name of several words (an abbreviation's long form, a unit)."""

    words: tuple[str, ...]
    kind: str = "word"  # "word", "pair" (adjacent syllables), "name" (a unit), "abbreviation"


# how often two syllables stand together (of the rarer one's uses) for them to be one word
_BOUND = 0.3


class TermWeights:
    """Inverse document frequency of accent-free words over a set of clause texts."""

    def __init__(self, texts: Iterable[str]) -> None:
        counts: Counter[str] = Counter()
        pair_counts: Counter[str] = Counter()
        total = 0
        for text in texts:
            counts.update(words_of(text))
            pair_counts.update(pairs_of(text))
            total += 1
        self._total = max(total, 1)
        self._counts = counts
        self._pair_counts = pair_counts

    @classmethod
    def from_counts(
        cls, total: int, counts: Mapping[str, int], pair_counts: Mapping[str, int]
    ) -> TermWeights:
        """The weights from counts kept at ingest (`ingest.facts.corpus_counts`): in how
        many of `total` clause texts each word and word pair occurs."""
        weights = cls(())
        weights._total = max(total, 1)
        weights._counts = Counter(counts)
        weights._pair_counts = Counter(pair_counts)
        return weights

    def knows(self, word: str) -> bool:
        """Whether some clause uses this word."""
        return word in self._counts

    def knows_pair(self, first: str, second: str) -> bool:
        """Whether some clause uses the two words side by side."""
        return f"{first} {second}" in self._pair_counts

    def weight(self, word: str) -> float:
        """log((N + 1) / (df + 1)) + 0.1: unseen words weigh most, ubiquitous ones least."""
        return math.log((self._total + 1) / (self._counts.get(word, 0) + 1)) + 0.1

    def pair_weight(self, pair: str) -> float:
        """The inverse document frequency of two adjacent words."""
        return math.log((self._total + 1) / (self._pair_counts.get(pair, 0) + 1)) + 0.1

    def cohesion(self, first: str, second: str) -> float:
        """How often two syllables stand together, of the times the rarer one occurs."""
        together = self._pair_counts.get(f"{first} {second}", 0)
        return together / max(1, min(self._counts.get(first, 0), self._counts.get(second, 0)))

    def concepts(
        self,
        phrases: Sequence[Sequence[str]],
        topic: Iterable[str],
        names: Sequence[Sequence[str]] = (),
    ) -> list[Concept]:
        """The topic words grouped into concepts: an abbreviation's long form or a unit's name
        counts once, and adjacent syllables pair up into words, the most cohesive pairs
        first. A pair the plans never use ("xử phạt") stays one concept, so that "xử lý" and
        "phát triển" do not cover it."""
        keep = set(topic)
        found: list[Concept] = []
        seen: set[str] = set()
        for phrase in phrases:
            run: list[str] = []
            for i, item in enumerate([*phrase, ""]):
                if " " in item:
                    words = tuple(w for w in item.split() if w in keep)
                    if words:
                        found.append(Concept(words, "abbreviation"))
                        seen.update(words)
                if item and " " not in item and item in keep:
                    if not self._bound_to_dropped(phrase, i, keep):
                        run.append(item)
                        continue
                    found.extend(self._segment(run, names))
                    found.append(Concept((item,)))
                    seen.update([*run, item])
                    run = []
                    continue
                found.extend(self._segment(run, names))
                seen.update(run)
                run = []
        # in the question's order, not a set's: sums over concepts must add up the same
        # way in every process (string hashing differs between processes)
        found.extend(Concept((w,)) for w in dict.fromkeys(topic) if w not in seen)
        return list(dict.fromkeys(found))

    def _bound_to_dropped(self, phrase: Sequence[str], i: int, keep: AbstractSet[str]) -> bool:
        """Whether the kept syllable `phrase[i]` is the half of a word whose other half the
        topic dropped ("cáo" of "báo cáo", "huyện" of "quận, huyện", "hằng" of "hằng quý"):
        it then stands alone instead of pairing with the next syllable across the word's
        edge ("cáo tiến" of "báo cáo tiến độ")."""
        word = phrase[i]

        def bond_with(j: int) -> float:
            return self.cohesion(phrase[j], word) if j < i else self.cohesion(word, phrase[j])

        sides = [j for j in (i - 1, i + 1) if 0 <= j < len(phrase) and " " not in phrase[j]]
        bond = max((bond_with(j) for j in sides if phrase[j] not in keep), default=0.0)
        rival = max((bond_with(j) for j in sides if phrase[j] in keep), default=0.0)
        return bond >= _BOUND and bond > rival

    def _segment(self, run: Sequence[str], names: Sequence[Sequence[str]]) -> list[Concept]:
        out: list[Concept] = []
        words = list(run)
        for name in sorted(names, key=len, reverse=True):
            size = len(name)
            for i in range(len(words) - size + 1) if size >= 2 else ():
                if tuple(words[i : i + size]) == tuple(name):
                    out.append(Concept(tuple(name), "name"))
                    words[i : i + size] = [""] * size
        taken = [not w for w in words]
        order = sorted(range(len(words) - 1), key=lambda i: -self.cohesion(words[i], words[i + 1]))
        pairs: dict[int, Concept] = {}
        for i in order:
            if (
                taken[i]
                or taken[i + 1]
                or not self._counts.get(words[i])
                or not self._counts.get(words[i + 1])
            ):
                continue
            taken[i] = taken[i + 1] = True
            pairs[i] = Concept((words[i], words[i + 1]), "pair")
        for i, word in enumerate(words):
            if i in pairs:
                out.append(pairs[i])
            elif word and not taken[i]:
                out.append(Concept((word,)))
        return out

    def concept_weight(self, concept: Concept) -> float:
        """A word's weight; a pair weighs as its two syllables did apart (it is found only
        when they stand together), a name as its rarest word."""
        if concept.kind == "pair":
            return sum(self.weight(w) for w in concept.words)
        return max(self.weight(w) for w in concept.words)

    def concept_coverage(
        self, concepts: Sequence[Concept], words: AbstractSet[str], pairs: AbstractSet[str]
    ) -> float:
        """Weighted share of the concepts a clause states (a name's words in part)."""
        if not concepts:
            return 1.0
        total = found = 0.0
        for concept in concepts:
            weight = self.concept_weight(concept)
            total += weight
            if concept.kind == "pair":
                pair = " ".join(concept.words)
                present = [w for w in concept.words if w in words]
                if pair in pairs:
                    found += weight
                elif len(present) == 1 and self._pair_counts.get(pair):
                    found += self.weight(present[0])  # "xã" for "cấp xã", a word plans use
                # a word no plan uses ("xử phạt"), or both syllables apart ("xử lý", "phát
                # triển"): other words, no credit
            elif concept.kind in ("name", "abbreviation"):
                share = sum(self.weight(w) for w in concept.words if w in words)
                found += weight * share / sum(self.weight(w) for w in concept.words)
            elif concept.words[0] in words:
                found += weight
        return found / total

    def cover(self, concepts: Sequence[Concept], share: float) -> TermCover:
        """`concept_coverage` at least `share`, as a filter the facts store runs over a
        row's words and pairs (`ingest.facts.TermCover`): the same credits, concept by
        concept, so the store keeps exactly the rows this class would."""
        ways: list[tuple[CoverCredit, ...]] = []
        total = 0.0
        for concept in concepts:
            weight = self.concept_weight(concept)
            total += weight
            if concept.kind == "pair":
                pair = " ".join(concept.words)
                found = [CoverCredit((pair,), (), weight)]
                if self._pair_counts.get(pair) and len(set(concept.words)) == len(concept.words):
                    for word in concept.words:
                        others = tuple(w for w in concept.words if w != word)
                        found.append(CoverCredit((word,), others, self.weight(word)))
                ways.append(tuple(found))
            elif concept.kind in ("name", "abbreviation"):
                whole = sum(self.weight(w) for w in concept.words)
                ways.extend(
                    (CoverCredit((w,), (), weight * self.weight(w) / whole),) for w in concept.words
                )
            else:
                ways.append((CoverCredit((concept.words[0],), (), weight),))
        return TermCover(tuple(ways), share * total)

    def phrase_match(self, pairs: Iterable[str], clause: AbstractSet[str]) -> float:
        """Weighted share of the question's word pairs (those the plans use) in a clause."""
        known = [p for p in sorted(set(pairs)) if self._pair_counts.get(p)]
        total = sum(self.pair_weight(p) for p in known)
        if not total:
            return 0.0
        return sum(self.pair_weight(p) for p in known if p in clause) / total

    def coverage(self, keywords: Iterable[str], words: AbstractSet[str]) -> float:
        """Weighted share of the keywords present in the clause's words."""
        unique = sorted(set(keywords))  # a fixed order: float sums, same in every process
        if not unique:
            return 1.0
        total = sum(self.weight(w) for w in unique)
        found = sum(self.weight(w) for w in unique if w in words)
        return found / total

    def missing(self, keywords: Iterable[str], words: AbstractSet[str]) -> list[str]:
        """Keywords absent from the clause, rarest first."""
        absent = {w for w in keywords if w not in words}
        return sorted(absent, key=lambda w: (-self.weight(w), w))
