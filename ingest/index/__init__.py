"""The clause index behind the `VectorIndex` protocol (Qdrant Edge or a Qdrant server)."""

from ingest.index.factory import open_index
from ingest.index.ids import point_id_for
from ingest.index.protocol import (
    DENSE_VECTOR,
    SPARSE_VECTOR,
    IndexPoint,
    PayloadFilter,
    ScoredPoint,
    SparseVector,
    VectorIndex,
)

__all__ = [
    "DENSE_VECTOR",
    "SPARSE_VECTOR",
    "IndexPoint",
    "PayloadFilter",
    "ScoredPoint",
    "SparseVector",
    "VectorIndex",
    "open_index",
    "point_id_for",
]
