"""The `VectorIndex` protocol and the plain types it speaks.

Adapters (Qdrant Edge embedded, qdrant-client server) translate these types to their
engine; nothing outside `ingest/index/` sees an engine type.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

DENSE_VECTOR = "dense"
SPARSE_VECTOR = "lexical"

# Payload fields that get a payload index (keyword unless noted).
INDEXED_KEYWORD_FIELDS = (
    "document_id",
    "clause_id",
    "number",
    "kind",
    "units",
    "units_lead",
    "units_monitoring",
    "units_cooperating",
    "row_source",
    "parent_id",
    "version",
)
INDEXED_INTEGER_FIELDS = ("due",)  # deadline as yyyymmdd integer


@dataclass(frozen=True)
class SparseVector:
    """A sparse vector: parallel lists of dimension ids and weights."""

    indices: tuple[int, ...]
    values: tuple[float, ...]


@dataclass(frozen=True)
class IndexPoint:
    """One stored point: a clause with its dense and sparse vectors and its payload."""

    id: str  # a UUID string, derived deterministically from the clause id
    dense: Sequence[float]
    sparse: SparseVector
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class PayloadFilter:
    """Conjunction of conditions on payload fields.

    `equals`: field → value, or a list of values (any of them matches; for list-valued
    payload fields a match on any element counts). `excludes`: field → value(s) that must
    not match. `ranges`: integer field → (gte, lte), either bound may be None.
    """

    equals: Mapping[str, Any] = field(default_factory=dict)
    excludes: Mapping[str, Any] = field(default_factory=dict)
    ranges: Mapping[str, tuple[int | None, int | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class ScoredPoint:
    """A search hit: point id, fused score and payload."""

    id: str
    score: float
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class PointGroup:
    """The best hits sharing one value of a payload field (a document's best clauses)."""

    key: str
    hits: tuple[ScoredPoint, ...]


@runtime_checkable
class VectorIndex(Protocol):
    """A store of clause points with hybrid (dense + sparse) search done by the engine."""

    def ensure_collection(self, dense_dimension: int) -> None:
        """Create the collection, vectors and payload indexes when missing."""
        ...

    def upsert(self, points: Sequence[IndexPoint]) -> None:
        """Insert or overwrite points by id."""
        ...

    def delete(self, where: PayloadFilter) -> None:
        """Delete every point matching the filter."""
        ...

    def scroll(
        self, where: PayloadFilter | None = None, limit: int | None = None
    ) -> list[ScoredPoint]:
        """Points matching the filter (score 0), in a stable order (by id); all of them
        (paged to the end inside the adapter) unless `limit` caps them."""
        ...

    def count(self, where: PayloadFilter | None = None) -> int:
        """How many points match the filter."""
        ...

    def values(self, field: str) -> set[str]:
        """Every value an indexed keyword payload field has among the stored points (the
        engine's facet on its payload index; a value whose points were all deleted may
        still be listed)."""
        ...

    def search_dense(
        self, vector: Sequence[float], where: PayloadFilter | None = None, limit: int = 10
    ) -> list[ScoredPoint]:
        """Nearest points by cosine similarity of the dense vector."""
        ...

    def search_sparse(
        self, vector: SparseVector, where: PayloadFilter | None = None, limit: int = 10
    ) -> list[ScoredPoint]:
        """Best points by sparse dot product (IDF-weighted by the engine)."""
        ...

    def search_dense_batch(
        self,
        vector: Sequence[float],
        wheres: Sequence[PayloadFilter | None],
        limit: int = 10,
        fields: Sequence[str] | None = None,
    ) -> list[list[ScoredPoint]]:
        """`search_dense(vector, where, limit)` for each filter, sent to the engine as one
        batch; one result list per filter, in order. `fields`: only these payload fields
        in the hits (None: the whole payload; empty: none, ids and scores only)."""
        ...

    def search_sparse_batch(
        self,
        vector: SparseVector,
        wheres: Sequence[PayloadFilter | None],
        limit: int = 10,
        fields: Sequence[str] | None = None,
    ) -> list[list[ScoredPoint]]:
        """`search_sparse(vector, where, limit)` for each filter, as one batch, in order
        (`fields` as in `search_dense_batch`)."""
        ...

    def retrieve(
        self, ids: Sequence[str], fields: Sequence[str] | None = None
    ) -> list[ScoredPoint]:
        """The points with these ids (score 0), in the order asked, those missing left out
        (`fields` as in `search_dense_batch`): reading the payloads of a search's few hits
        that need them, not of every hit."""
        ...

    def search_hybrid(
        self,
        dense: Sequence[float],
        sparse: SparseVector,
        where: PayloadFilter | None = None,
        limit: int = 10,
        prefetch_limit: int = 50,
    ) -> list[ScoredPoint]:
        """Dense and sparse prefetches fused by the engine (reciprocal rank fusion)."""
        ...

    def search_hybrid_groups(
        self,
        dense: Sequence[float],
        sparse: SparseVector,
        group_by: str,
        groups: int,
        group_size: int = 1,
        where: PayloadFilter | None = None,
        prefetch_limit: int = 50,
    ) -> list[PointGroup]:
        """Hybrid search grouped by a keyword payload field inside the engine: the best
        `groups` values of `group_by`, each with up to `group_size` hits, best group first;
        the hits carry the `group_by` field only (reading whole payloads costs more than the
        search)."""
        ...

    def close(self) -> None:
        """Release files, locks and connections."""
        ...
