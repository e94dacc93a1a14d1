"""The Vietnamese lexical signal: clause and query texts as sparse term vectors.

Terms (syllables and words in two forms, so queries typed without accents still match):

- syllables: accented-canonical "thủ" and folded "~thu" (`ingest.normalize_vi`);
- words: every syllable bigram "thủ_tục" / "~thu_tuc", plus, with the "pyvi" segmenter,
  pyvi's words of three or more syllables ("chuyển_đổi_số");
- numbers: "#6.6", "#2025", "#11/2025" (with "#11", "#2025"), "#80%" (with "#80"); document
  symbols: "#19/kh/ubnd" for "19/KH-UBND";
- abbreviations (`ingest.abbreviations`): "@tthc" for every mention of an entry, short or
  long. A passage that spells out a long form also gets the short form's terms; a query
  with a short form also gets the long form's terms ("TTHC" ↔ "thủ tục hành chính").

A query typed entirely without accents gets only folded terms (its expansions too), and
runs typed without accents get folded 2- and 3-grams, which match passage words.

Values: queries 1 + ln tf (abbreviation expansions `expansion_weight`); passages BM25's
saturated, length-normalised tf by default, or 1 + ln tf. IDF is left to the engine
(Qdrant's sparse IDF modifier). Term ids are blake2b hashes, stable across processes.

Why bigrams, BM25 tf and half-weight expansions: on 39 hand-written queries (accented,
accent-free, abbreviated) against the 1,380 corpus lines, scored by IDF-weighted dot
product as the engine does, pyvi words with log tf ranked the right line first for 30;
syllable bigrams with BM25 tf and half-weight expansions for 38. Adding pyvi's longer
words on top of the bigrams changed nothing measurable there (`segmenter="bigram"` skips
pyvi and is about twice as fast); see tests/test_lexical.py for the query set.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Literal

from ingest.abbreviations import abbreviations_in
from ingest.index.protocol import SparseVector
from ingest.normalize_vi import (
    fold_diacritics,
    nfc,
    normalize_i_y,
    normalize_spacing,
    normalize_tone_placement,
)

__all__ = ["LexicalEncoder", "term_index"]

_MODULUS = 2**31 - 1
_FOLDED = "~"
_NUMBER = "#"
_ENTITY = "@"
# A number ("6.6", "31/07/2025", "1,5") with an optional percent sign, or a word run.
_TOKEN = re.compile(r"(?P<num>\d+(?:[.,/]\d+)*)(?:\s?(?P<pct>%))?(?![^\W_])|(?P<word>[^\W_]+)")
# "19/KH-UBND", "57- NQ/TW", "292/QĐ-BKHCN": number, separator, letter code, more parts.
_SYMBOL = re.compile(r"\d+(?:/|- ?)[^\W\d_][\w&]*(?:[/-][\w&]+)*")
_SYMBOL_SEP = re.compile(r"[/-] ?")
_QUERY_NGRAMS = (2, 3)
_BM25_K1 = 1.2
_BM25_B = 0.75

Segmenter = Callable[[str], str]
_fold_word = lru_cache(maxsize=1 << 16)(fold_diacritics)  # words repeat a lot


@lru_cache(maxsize=1 << 18)
def term_index(term: str) -> int:
    """Stable sparse dimension of a term: blake2b (4 bytes) modulo 2**31 - 1."""
    digest = hashlib.blake2b(term.encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "big") % _MODULUS


_pyvi_lock = threading.Lock()
_pyvi_tokenize: Segmenter | None = None


def _pyvi() -> Segmenter:
    """pyvi's ViTokenizer.tokenize, imported on first use (the import takes ~2 s)."""
    global _pyvi_tokenize
    with _pyvi_lock:
        if _pyvi_tokenize is None:
            # pyvi's sources have invalid escape sequences: compiling them without a .pyc
            # warns, and under `-W error` that would fail the import.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                warnings.simplefilter("ignore", SyntaxWarning)
                from pyvi import ViTokenizer

            _pyvi_tokenize = ViTokenizer.tokenize
        return _pyvi_tokenize


class LexicalEncoder:
    """Encodes passages and queries as sparse vectors of Vietnamese terms.

    `segmenter`: "pyvi" (syllable bigrams plus pyvi's longer words; ~0.3 ms more a clause
    and a ~2 s import on first use) or "bigram" (syllable bigrams only). `weighting` of
    passage terms: "bm25" (saturated tf, normalised by `avg_length`, the mean passage
    length in syllables, see `passage_length`) or "log_tf". `expansion_weight`: value
    of a query term that only comes from expanding an abbreviation. An index and its
    queries must use the same settings; `name` spells them out.
    """

    def __init__(
        self,
        segmenter: Literal["pyvi", "bigram"] = "pyvi",
        *,
        weighting: Literal["bm25", "log_tf"] = "bm25",
        avg_length: float = 25.0,
        expansion_weight: float = 0.5,
    ) -> None:
        if segmenter not in ("pyvi", "bigram"):
            raise ValueError(f"unknown segmenter {segmenter!r}")
        if weighting not in ("bm25", "log_tf"):
            raise ValueError(f"unknown weighting {weighting!r}")
        if avg_length <= 0:
            raise ValueError("avg_length must be positive")
        self._segmenter = segmenter
        self._weighting = weighting
        self._avg_length = avg_length
        self._expansion_weight = expansion_weight

    @property
    def name(self) -> str:
        weighting = f"bm25@{self._avg_length:g}" if self._weighting == "bm25" else self._weighting
        return f"vi-lexical-v1-{self._segmenter}-{weighting}-x{self._expansion_weight:g}"

    def encode_passage(self, text: str) -> SparseVector:
        terms, length = self._passage_parts(text)
        if self._weighting == "bm25":
            norm = _BM25_K1 * (1 - _BM25_B + _BM25_B * length / self._avg_length)
            return _to_vector({t: c * (_BM25_K1 + 1) / (c + norm) for t, c in terms.items()})
        return _to_vector({t: 1.0 + math.log(c) for t, c in terms.items()})

    def encode_query(self, text: str) -> SparseVector:
        own, expansion = self._query_parts(text)
        weights = {t: 1.0 + math.log(c) for t, c in own.items()}
        for term in expansion:
            weights.setdefault(term, self._expansion_weight)
        return _to_vector(weights)

    def encode_passages(self, texts: Sequence[str]) -> list[SparseVector]:
        return [self.encode_passage(t) for t in texts]

    def encode_queries(self, texts: Sequence[str]) -> list[SparseVector]:
        return [self.encode_query(t) for t in texts]

    def passage_terms(self, text: str) -> Counter[str]:
        """The term counts of a passage (for inspection and tests)."""
        return self._passage_parts(text)[0]

    def query_terms(self, text: str) -> Counter[str]:
        """The terms of a query, abbreviation expansions included (inspection and tests)."""
        own, expansion = self._query_parts(text)
        return own + expansion

    @staticmethod
    def passage_length(text: str) -> int:
        """Length in syllables (and numbers), the unit of `avg_length`."""
        return sum(1 for _ in _TOKEN.finditer(_base(text)))

    def _passage_parts(self, text: str) -> tuple[Counter[str], int]:
        base = _base(text)
        terms = self._text_terms(base, accented=True)
        for m in abbreviations_in(base):
            terms[_ENTITY + m.entry.id] += 1
            if not m.is_short:
                terms.update(_syllable_terms(_base(m.entry.primary_short), accented=True))
        return terms, sum(1 for _ in _TOKEN.finditer(base))

    def _query_parts(self, text: str) -> tuple[Counter[str], Counter[str]]:
        """The query's own terms, and the terms its abbreviations expand to."""
        base = _base(text)
        accented = fold_diacritics(base) != base
        own = self._text_terms(base, accented=accented)
        own.update(_plain_ngram_terms(base))
        expansion: Counter[str] = Counter()
        for m in abbreviations_in(base):
            own[_ENTITY + m.entry.id] += 1
            if m.is_short:
                expansion.update(self._long_form_terms(m.entry.long, accented=accented))
        return own, expansion

    def _text_terms(self, base: str, *, accented: bool) -> Counter[str]:
        terms = _syllable_terms(base, accented=accented)
        for match in _SYMBOL.finditer(base):
            terms[_NUMBER + _SYMBOL_SEP.sub("/", fold_diacritics(match.group().lower()))] += 1
        if accented:
            terms.update(self._word_terms(base))
        return terms

    def _word_terms(self, base: str) -> Iterable[str]:
        words: Iterable[str] = _ngrams(base, 2)
        if self._segmenter == "pyvi":
            # pyvi's two-syllable words are bigrams already; add only the longer ones.
            segmented = _pyvi()(base).lower().split()
            longer = (w for w in segmented if w.count("_") >= 2 and _is_word(w))
            words = [*words, *longer]
        for word in words:
            yield word
            yield _FOLDED + _fold_word(word)

    def _long_form_terms(self, long: str, *, accented: bool) -> Counter[str]:
        """Terms of an abbreviation's long form; only the folded ones for accent-free
        queries, so the expansion does not outweigh what the user typed."""
        key = (self._segmenter, long, accented)
        cached = _LONG_FORM_CACHE.get(key)
        if cached is None:
            base = _base(long)
            cached = _syllable_terms(base, accented=True)
            cached.update(self._word_terms(base))
            if not accented:
                cached = Counter({t: c for t, c in cached.items() if t.startswith(_FOLDED)})
            _LONG_FORM_CACHE[key] = cached
        return cached


_LONG_FORM_CACHE: dict[tuple[str, str, bool], Counter[str]] = {}


def _base(text: str) -> str:
    """Normalised text that keeps its case (pyvi uses capitalisation as a feature)."""
    return normalize_i_y(normalize_tone_placement(normalize_spacing(nfc(text))))


def _is_word(segment: str) -> bool:
    return all(part.isalpha() for part in segment.split("_"))


def _number_terms(num: str, pct: bool) -> list[str]:
    parts = num.split("/")
    if len(parts) > 1:
        # Dates and month/year: leading zeros are noise ("01/4/2025" = "1/4/2025").
        parts = [p.lstrip("0") or "0" if p.isdigit() else p for p in parts]
        terms = ["/".join(parts), *parts]
        if len(parts) == 3:
            terms.append("/".join(parts[1:]))  # "30/11/2025" also answers "11/2025"
    elif num.isdigit():
        terms = [num.lstrip("0") or "0"]
    else:
        terms = [num]
    if pct:
        terms.insert(0, terms[0] + "%")
    return [_NUMBER + t for t in terms]


def _syllable_terms(base: str, *, accented: bool) -> Counter[str]:
    terms: Counter[str] = Counter()
    for m in _TOKEN.finditer(base.lower()):
        if m.group("num"):
            terms.update(_number_terms(m.group("num"), bool(m.group("pct"))))
            continue
        word = m.group("word")
        if accented:
            terms[word] += 1
        terms[_FOLDED + _fold_word(word)] += 1
    return terms


def _runs(base: str) -> Iterable[list[str]]:
    """Runs of two or more lower-cased alphabetic syllables, separated by one space each."""
    lowered = base.lower()
    run: list[str] = []
    last_end = -1
    for m in _TOKEN.finditer(lowered):
        word = m.group("word")
        if word and word.isalpha() and run and lowered[last_end : m.start()] == " ":
            run.append(word)
        else:
            if len(run) > 1:
                yield run
            run = [word] if word and word.isalpha() else []
        last_end = m.end()
    if len(run) > 1:
        yield run


def _ngrams(base: str, size: int) -> Iterable[str]:
    for run in _runs(base):
        for i in range(len(run) - size + 1):
            yield "_".join(run[i : i + size])


def _plain_ngram_terms(base: str) -> Iterable[str]:
    """Folded n-grams over query runs typed without accents, standing in for the words
    found in accented text; they score only where a passage has that word."""
    for run in _runs(base):
        plain: list[str] = []
        for word in [*run, ""]:
            if word and _fold_word(word) == word:
                plain.append(word)
                continue
            for size in _QUERY_NGRAMS:
                for i in range(len(plain) - size + 1):
                    yield _FOLDED + "_".join(plain[i : i + size])
            plain = []


def _to_vector(weights: dict[str, float]) -> SparseVector:
    by_index: dict[int, float] = {}
    for term, weight in weights.items():
        if weight > 0:
            index = term_index(term)
            by_index[index] = by_index.get(index, 0.0) + weight  # hash collisions add up
    indices = tuple(sorted(by_index))
    return SparseVector(indices=indices, values=tuple(by_index[i] for i in indices))
