"""Baseline (a): BM25 over fixed-size character chunks of the plan files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from eval.baselines.bm25 import BM25Index, tokenize
from eval.baselines.chunks import DEFAULT_CHUNK_CHARS, DEFAULT_OVERLAP_CHARS, fixed_size_chunks
from eval.baselines.retrieval_only import baseline_query, retrieval_only_output
from eval.metrics.goldset import Question
from eval.systems import SystemOutput

SYSTEM_NAME = "bm25-chunks"


class BM25ChunkBaseline:
    """Chunks every source, indexes them with BM25, answers with the best ``top_k``."""

    name = SYSTEM_NAME

    def __init__(
        self,
        sources: Mapping[str, str],
        size: int = DEFAULT_CHUNK_CHARS,
        overlap: int = DEFAULT_OVERLAP_CHARS,
        top_k: int = 10,
    ) -> None:
        self._chunks = [
            chunk
            for document_id, text in sorted(sources.items())
            for chunk in fixed_size_chunks(document_id, text, size, overlap)
        ]
        self._index = BM25Index([tokenize(c.text) for c in self._chunks])
        self._top_k = top_k

    def prepare(self, questions: Sequence[Question]) -> None:
        """Nothing to batch: scoring a query is cheap."""

    def answer(self, question: Question) -> SystemOutput:
        best = self._index.top_k(tokenize(baseline_query(question)), self._top_k)
        return retrieval_only_output([self._chunks[i] for i in best])
