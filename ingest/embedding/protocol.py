"""The `Embedder` protocol every dense-embedding adapter implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised dense vectors.

    Queries and passages are embedded separately because e5-style models prefix them
    differently (`query: ` / `passage: `).
    """

    @property
    def name(self) -> str:
        """A stable identifier of the model (changes when the vectors would change)."""
        ...

    @property
    def dimension(self) -> int:
        """Length of every vector this embedder returns."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        """Vectors for stored texts (clauses), in input order."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        """Vectors for search queries, in input order."""
        ...
