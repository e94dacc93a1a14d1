"""Dense text embeddings behind the `Embedder` protocol."""

from ingest.embedding.protocol import Embedder

__all__ = ["Embedder"]
