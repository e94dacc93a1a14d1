"""Citation metrics: are the cited clauses the right ones, and are they verbatim?

Correctness compares with the gold set: a citation is correct when it names the gold
item's document and its clause text (or, failing that, its quote) supports the gold
quote under the same rule as retrieval relevance (``retrieval.text_supports``), or when
it is another clause of that document stating the same figure (the key facts, as written)
for the same indicator (``states_same_figure``: a plan's body target and its indicator
appendix row say the same thing).

Verbatim-ness compares with the sources, exactly (no normalisation): the quote must be
a substring of the clause text, and the clause text must equal ``source[start:end]`` of
the decoded source file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from eval.metrics.facts import KeyFact, variant_present
from eval.metrics.retrieval import GoldRef, text_supports
from eval.metrics.text import fold


class CitationLike(Protocol):
    """What a citation must expose for these metrics."""

    @property
    def document_id(self) -> str: ...

    @property
    def quote(self) -> str: ...

    @property
    def clause_text(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class Citation:
    """A plain citation (any object with the same attributes also works)."""

    document_id: str
    quote: str
    clause_text: str
    start: int
    end: int


def citation_matches(citation: CitationLike, gold: GoldRef) -> bool:
    """Same document, and the cited clause text or quote supports the gold quote."""
    if citation.document_id != gold.document:
        return False
    return text_supports(citation.clause_text, gold.quote) or text_supports(
        citation.quote, gold.quote
    )


def states_same_figure(
    citation: CitationLike, gold: GoldRef, key_facts: Sequence[KeyFact] = ()
) -> bool:
    """Whether the citation is another clause of the gold document stating the same figure
    for the same indicator: a plan that states "- Tỷ lệ che phủ rừng toàn tỉnh duy trì ổn
    định ở mức 60%." in its body and "7 | Tỷ lệ che phủ rừng | 60% | …" in its indicator
    appendix says it twice, and either clause supports the answer. Same figure and unit: every
    key fact is a figure (it has a digit) that both the gold quote and the cited clause
    state as written ("60%", not "60"); same indicator: the cited clause states at least
    `SAME_INDICATOR_SHARE` of the gold quote's content words, and at least
    `SAME_INDICATOR_WORDS` of them."""
    if citation.document_id != gold.document or not key_facts:
        return False
    quote, clause = fold(gold.quote), fold(citation.clause_text)
    for fact in key_facts:
        figures = [v for v in fact if re.search(r"\d", v)]
        if not figures or not any(
            variant_present(quote, v) and variant_present(clause, v) for v in figures
        ):
            return False
    words = _content_words(quote)
    shared = words & _content_words(clause)
    return len(shared) >= SAME_INDICATOR_WORDS and len(shared) >= SAME_INDICATOR_SHARE * len(words)


SAME_INDICATOR_SHARE = 0.5
SAME_INDICATOR_WORDS = 3
# words that name no indicator (folded): links, quantity words, the verbs of a target
_NOT_INDICATOR = frozenset(
    [
        *("va", "cua", "o", "tai", "cho", "cac", "nhung", "moi", "duoc", "la", "co", "trong"),
        *("ve", "voi", "den", "tu", "theo", "muc", "dat", "tren", "duoi", "it", "nhat", "toi"),
        *("thieu", "da", "se", "phai", "nam", "giai", "doan", "dam", "bao"),
    ]
)


def _content_words(folded_text: str) -> set[str]:
    return {
        w for w in re.findall(r"[a-z]+", folded_text) if len(w) >= 2 and w not in _NOT_INDICATOR
    }


def citation_is_correct(
    citation: CitationLike, gold: Sequence[GoldRef], key_facts: Sequence[KeyFact] = ()
) -> bool:
    """Whether the citation supports at least one gold item, or states its figure for the
    same indicator (`states_same_figure`)."""
    return any(
        citation_matches(citation, g) or states_same_figure(citation, g, key_facts) for g in gold
    )


def any_citation_correct(
    citations: Sequence[CitationLike],
    gold: Sequence[GoldRef],
    key_facts: Sequence[KeyFact] = (),
) -> bool:
    """True when some citation supports some gold item (False for no citations)."""
    return any(citation_is_correct(c, gold, key_facts) for c in citations)


def citation_precision(citations: Sequence[CitationLike], gold: Sequence[GoldRef]) -> float:
    """Share of citations that support a gold item; 0.0 when there are no citations."""
    if not citations:
        return 0.0
    return sum(citation_is_correct(c, gold) for c in citations) / len(citations)


def gold_coverage(citations: Sequence[CitationLike], gold: Sequence[GoldRef]) -> float:
    """Share of gold items supported by at least one citation; 1.0 when gold is empty."""
    if not gold:
        return 1.0
    return sum(any(citation_matches(c, g) for c in citations) for g in gold) / len(gold)


def is_verbatim(citation: CitationLike, source: str) -> bool:
    """Quote ⊆ clause text, and clause text == ``source[start:end]`` (exact comparison)."""
    if not citation.quote or citation.quote not in citation.clause_text:
        return False
    if not 0 <= citation.start <= citation.end <= len(source):
        return False
    return source[citation.start : citation.end] == citation.clause_text


def verbatim_rate(citations: Sequence[CitationLike], sources: Mapping[str, str]) -> float:
    """Share of citations that are verbatim; an unknown document counts as not verbatim.

    1.0 when there are no citations (nothing was misquoted).
    """
    if not citations:
        return 1.0
    ok = sum(c.document_id in sources and is_verbatim(c, sources[c.document_id]) for c in citations)
    return ok / len(citations)


# plan files read through their extractor: the text the system stores and cites
EXTRACTED_SUFFIXES = (".html", ".htm", ".docx", ".pdf")


def load_sources(corpus_dir: Path) -> dict[str, str]:
    """Every plan text under ``corpus_dir``, keyed by file stem.

    A ``*.txt`` is decoded from bytes as UTF-8, so no newline translation happens and offsets
    match the file; an .html/.htm/.docx/.pdf plan is read through the ingest extractor, the
    same text the system keeps as its source and cites into.
    """
    sources = {p.stem: p.read_bytes().decode("utf-8") for p in sorted(corpus_dir.glob("*.txt"))}
    extracted = [p for p in sorted(corpus_dir.iterdir()) if p.suffix.lower() in EXTRACTED_SUFFIXES]
    if extracted:
        from ingest.reader import read_document  # the extractors load only when needed

        for path in extracted:
            sources[path.stem] = read_document(path.read_bytes(), str(path)).text
    return sources
