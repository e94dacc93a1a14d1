"""Baseline (b), "the pipeline most people start with": llama-index's default
``SentenceSplitter`` chunks, a ``VectorStoreIndex`` and dense top-k with OUR embedding model.

This module imports llama-index at the top: import it lazily (the runner does). Nothing here
touches llama-index's global ``Settings``: the embedding model is passed explicitly and no
LLM is ever resolved, so no OpenAI default can be reached. llama-index overwrites the
metadata keys ``doc_id``/``document_id``/``ref_doc_id``, so our id lives under
``plan_document_id``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from llama_index.core import Document, VectorStoreIndex
from llama_index.core.embeddings import BaseEmbedding
from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.schema import MetadataMode
from pydantic import PrivateAttr

from eval.baselines.chunks import Chunk
from eval.baselines.retrieval_only import baseline_query, retrieval_only_output
from eval.metrics.goldset import Question
from eval.systems import SystemOutput
from ingest.embedding.protocol import Embedder

SYSTEM_NAME = "llamaindex-dense"
DOCUMENT_KEY = "plan_document_id"


class EmbedderAdapter(BaseEmbedding):
    """Our ``Embedder`` (query/passage prefixes included) as a llama-index embedding model."""

    _embedder: Embedder = PrivateAttr()
    _queries: dict[str, list[float]] = PrivateAttr(default_factory=dict)

    def __init__(self, embedder: Embedder, **kwargs: Any) -> None:
        super().__init__(model_name=embedder.name, **kwargs)
        self._embedder = embedder

    def prefetch_queries(self, queries: Sequence[str]) -> None:
        """Embed queries in one batch; later look-ups of the same text are free."""
        todo = list(dict.fromkeys(q for q in queries if q not in self._queries))
        self._queries.update(zip(todo, self._embedder.embed_queries(todo), strict=True))

    def _get_query_embedding(self, query: str) -> list[float]:
        if query not in self._queries:
            self._queries[query] = self._embedder.embed_queries([query])[0]
        return self._queries[query]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embedder.embed_passages([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed_passages(texts)


class LlamaIndexDenseBaseline:
    """Default ``SentenceSplitter`` nodes of each source, cosine top-k with ``embedder``."""

    name = SYSTEM_NAME

    def __init__(self, sources: Mapping[str, str], embedder: Embedder, top_k: int = 10) -> None:
        documents = [
            Document(text=text, metadata={DOCUMENT_KEY: document_id})
            for document_id, text in sorted(sources.items())
        ]
        nodes = SentenceSplitter().get_nodes_from_documents(documents)
        self._embedding = EmbedderAdapter(embedder)
        index = VectorStoreIndex(nodes, embed_model=self._embedding)
        self._retriever = index.as_retriever(similarity_top_k=top_k)
        self.chunk_count = len(nodes)

    def prepare(self, questions: Sequence[Question]) -> None:
        """Embed all queries in one batch (the retriever then finds them cached)."""
        self._embedding.prefetch_queries([baseline_query(q) for q in questions])

    def answer(self, question: Question) -> SystemOutput:
        hits = self._retriever.retrieve(baseline_query(question))
        return retrieval_only_output(_chunks(hit.node for hit in hits))


def _chunks(nodes: Any) -> Sequence[Chunk]:
    return [
        Chunk(
            document_id=node.metadata[DOCUMENT_KEY],
            text=node.get_content(metadata_mode=MetadataMode.NONE),
            start=node.start_char_idx,
            end=node.end_char_idx,
        )
        for node in nodes
    ]
