"""The `Generator` protocol: what the phrasing step needs from a language model."""

from __future__ import annotations

from typing import Protocol

from retrieval.answers import Answer


class Generator(Protocol):
    """Rewrites a verified extractive answer in natural language from its cited clauses."""

    def phrase(self, question: str, answer: Answer) -> str:
        """The rephrased answer text, with `[n]` markers; raises `GenerationError` on failure."""
        ...
