"""A deterministic embedder from hashed character n-grams: no model, no randomness.

Used by unit tests (its vectors can be reasoned about in an assertion) and anywhere a
real model is not needed.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections.abc import Sequence


class HashingEmbedder:
    """Bag of character 3-grams hashed into `dimension` buckets, L2-normalised."""

    def __init__(self, dimension: int = 64, ngram: int = 3) -> None:
        self._dimension = dimension
        self._ngram = ngram

    @property
    def name(self) -> str:
        return f"hashing-{self._ngram}gram-{self._dimension}"

    @property
    def dimension(self) -> int:
        return self._dimension

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._embed(text) for text in texts]

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._embed(text) for text in texts]

    def _embed(self, text: str) -> list[float]:
        folded = unicodedata.normalize("NFC", text).lower()
        padded = f" {folded} "
        vector = [0.0] * self._dimension
        for i in range(max(1, len(padded) - self._ngram + 1)):
            gram = padded[i : i + self._ngram].encode("utf-8")
            bucket = int.from_bytes(hashlib.blake2b(gram, digest_size=4).digest(), "big")
            vector[bucket % self._dimension] += 1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]
