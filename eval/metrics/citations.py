"""Citation metrics: are the cited clauses the right ones, and are they verbatim?

Correctness compares with the gold set: a citation is correct when it names the gold
item's document and its clause text (or, failing that, its quote) supports the gold
quote under the same rule as retrieval relevance (``retrieval.text_supports``).

Verbatim-ness compares with the sources, exactly (no normalisation): the quote must be
a substring of the clause text, and the clause text must equal ``source[start:end]`` of
the decoded source file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from eval.metrics.retrieval import GoldRef, text_supports


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


def citation_is_correct(citation: CitationLike, gold: Sequence[GoldRef]) -> bool:
    """Whether the citation supports at least one gold item."""
    return any(citation_matches(citation, g) for g in gold)


def any_citation_correct(citations: Sequence[CitationLike], gold: Sequence[GoldRef]) -> bool:
    """True when some citation supports some gold item (False for no citations)."""
    return any(citation_is_correct(c, gold) for c in citations)


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
