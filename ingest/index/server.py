"""`ServerIndex`: the same index on a Qdrant server, through qdrant-client.

Chosen when `KEHOACH_QDRANT_URL` is set. This module imports qdrant-client (over a second
to import), so only `factory.open_index` on the server path and tests import it.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

from qdrant_client import QdrantClient, models

from ingest.errors import ConfigurationError
from ingest.index.filters import Between, Match, any_of, conditions_of, payload_selector
from ingest.index.protocol import (
    DENSE_VECTOR,
    INDEXED_INTEGER_FIELDS,
    INDEXED_KEYWORD_FIELDS,
    SPARSE_VECTOR,
    IndexPoint,
    PayloadFilter,
    PointGroup,
    ScoredPoint,
    SparseVector,
)

logger = logging.getLogger(__name__)

# Extra hits fetched beyond `limit` so that points tied on score at the cut are all seen
# and the tie is broken by id, as `EdgeIndex` does.
TIE_MARGIN = 16
_UPSERT_BATCH = 256
_SCROLL_PAGE = 1024
_FACET_LIMIT = 1_000_000  # distinct values asked for: all of them


class ServerIndex:
    """A `VectorIndex` in one collection of a Qdrant server (or qdrant-client local mode)."""

    def __init__(self, client: QdrantClient, collection: str, *, owns_client: bool = False) -> None:
        self._client = client
        self._collection = collection
        self._owns_client = owns_client  # close() closes only a client we made
        self._exists = False  # cached once true; collections are not dropped under us

    @classmethod
    def from_url(cls, url: str, api_key: str | None, collection: str) -> ServerIndex:
        """Connect to the Qdrant server at `url`."""
        logger.info("using Qdrant server at %s, collection %s", url, collection)
        return cls(QdrantClient(url=url, api_key=api_key), collection, owns_client=True)

    # -- lifecycle -------------------------------------------------------------------

    def ensure_collection(self, dense_dimension: int) -> None:
        """Create the collection and payload indexes, or check an existing collection."""
        if self._client.collection_exists(self._collection):
            self._check_vectors(dense_dimension)
        else:
            logger.info(
                "creating collection %s (dense dimension %d)", self._collection, dense_dimension
            )
            self._client.create_collection(
                self._collection,
                vectors_config={
                    DENSE_VECTOR: models.VectorParams(
                        size=dense_dimension, distance=models.Distance.COSINE
                    )
                },
                sparse_vectors_config={
                    SPARSE_VECTOR: models.SparseVectorParams(modifier=models.Modifier.IDF)
                },
            )
        self._exists = True
        existing = set(self._client.get_collection(self._collection).payload_schema)
        schema = {name: models.PayloadSchemaType.KEYWORD for name in INDEXED_KEYWORD_FIELDS}
        schema |= {name: models.PayloadSchemaType.INTEGER for name in INDEXED_INTEGER_FIELDS}
        with warnings.catch_warnings():
            # qdrant-client's local mode (tests) has no payload indexes and says so; expected.
            warnings.filterwarnings(
                "ignore", message="Payload indexes have no effect", category=UserWarning
            )
            for name, kind in schema.items():
                if name not in existing:
                    self._client.create_payload_index(
                        self._collection, field_name=name, field_schema=kind, wait=True
                    )

    def close(self) -> None:
        """Close the connection if this index opened it."""
        if self._owns_client:
            self._client.close()

    def __enter__(self) -> ServerIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writes ----------------------------------------------------------------------

    def upsert(self, points: Sequence[IndexPoint]) -> None:
        """Insert or overwrite points by id; returns once the server has applied them."""
        if not self._ready():
            raise RuntimeError(
                f"no collection {self._collection!r}: call ensure_collection() first"
            )
        for start in range(0, len(points), _UPSERT_BATCH):
            batch = [_point(p) for p in points[start : start + _UPSERT_BATCH]]
            self._client.upsert(self._collection, points=batch, wait=True)

    def delete(self, where: PayloadFilter) -> None:
        """Delete every point matching the filter (an empty filter matches all)."""
        if not self._ready():
            return
        selector = models.FilterSelector(filter=_filter(where) or models.Filter())
        self._client.delete(self._collection, points_selector=selector, wait=True)

    # -- reads -----------------------------------------------------------------------

    def scroll(
        self, where: PayloadFilter | None = None, limit: int | None = None
    ) -> list[ScoredPoint]:
        """Points matching the filter (score 0), ordered by id: every one, paging to the
        end, unless `limit` caps them."""
        if not self._ready() or (limit is not None and limit <= 0):
            return []
        query_filter = _filter(where)
        out: list[ScoredPoint] = []
        offset: Any = None
        while limit is None or len(out) < limit:
            records, offset = self._client.scroll(
                self._collection,
                scroll_filter=query_filter,
                limit=_SCROLL_PAGE if limit is None else min(_SCROLL_PAGE, limit - len(out)),
                offset=offset,
                with_payload=True,
                with_vectors=False,
            )
            out.extend(ScoredPoint(str(r.id), 0.0, dict(r.payload or {})) for r in records)
            if offset is None or not records:
                break
        return sorted(out, key=lambda p: p.id)

    def export_points(self) -> Iterator[IndexPoint]:
        """Every point with its vectors, in id order (for backups)."""
        if not self._ready():
            return
        offset: Any = None
        while True:
            records, offset = self._client.scroll(
                self._collection,
                limit=_SCROLL_PAGE,
                offset=offset,
                with_payload=True,
                with_vectors=True,
            )
            for record in records:
                vectors = record.vector if isinstance(record.vector, dict) else {}
                dense = vectors.get(DENSE_VECTOR, [])
                sparse = vectors.get(SPARSE_VECTOR)
                yield IndexPoint(
                    id=str(record.id),
                    dense=[float(v) for v in dense if isinstance(v, float | int)]
                    if isinstance(dense, list)
                    else [],
                    sparse=SparseVector(
                        tuple(getattr(sparse, "indices", ())),
                        tuple(float(v) for v in getattr(sparse, "values", ())),
                    ),
                    payload=dict(record.payload or {}),
                )
            if offset is None or not records:
                return

    def count(self, where: PayloadFilter | None = None) -> int:
        """How many points match the filter (exact)."""
        if not self._ready():
            return 0
        result = self._client.count(self._collection, count_filter=_filter(where), exact=True)
        return result.count

    def values(self, field: str) -> set[str]:
        """The field's values from the server's payload index (`facet`)."""
        if not self._ready():
            return set()
        found = self._client.facet(self._collection, field, limit=_FACET_LIMIT, exact=False)
        return {str(hit.value) for hit in found.hits}

    def search_dense(
        self, vector: Sequence[float], where: PayloadFilter | None = None, limit: int = 10
    ) -> list[ScoredPoint]:
        """Nearest points by cosine similarity."""
        return self._query(_dense(vector), DENSE_VECTOR, where, limit)

    def search_sparse(
        self, vector: SparseVector, where: PayloadFilter | None = None, limit: int = 10
    ) -> list[ScoredPoint]:
        """Best points by sparse dot product, IDF-weighted by the server."""
        return self._query(_sparse(vector), SPARSE_VECTOR, where, limit)

    def search_dense_batch(
        self,
        vector: Sequence[float],
        wheres: Sequence[PayloadFilter | None],
        limit: int = 10,
        fields: Sequence[str] | None = None,
    ) -> list[list[ScoredPoint]]:
        """Nearest points for each filter, sent together (`query_batch_points`)."""
        return self._query_batch(_dense(vector), DENSE_VECTOR, wheres, limit, fields)

    def search_sparse_batch(
        self,
        vector: SparseVector,
        wheres: Sequence[PayloadFilter | None],
        limit: int = 10,
        fields: Sequence[str] | None = None,
    ) -> list[list[ScoredPoint]]:
        """Best points by sparse dot product for each filter, sent together."""
        return self._query_batch(_sparse(vector), SPARSE_VECTOR, wheres, limit, fields)

    def retrieve(
        self, ids: Sequence[str], fields: Sequence[str] | None = None
    ) -> list[ScoredPoint]:
        """Points by id, in the order asked (missing ones left out)."""
        if not ids or not self._ready():
            return []
        records = self._client.retrieve(
            self._collection,
            ids=list(ids),
            with_payload=payload_selector(fields),
            with_vectors=False,
        )
        found = {str(r.id): dict(r.payload or {}) for r in records}
        return [ScoredPoint(i, 0.0, found[i]) for i in ids if i in found]

    def search_hybrid(
        self,
        dense: Sequence[float],
        sparse: SparseVector,
        where: PayloadFilter | None = None,
        limit: int = 10,
        prefetch_limit: int = 50,
    ) -> list[ScoredPoint]:
        """Dense and sparse prefetches fused by the server with reciprocal rank fusion."""
        prefetch = _prefetch(dense, sparse, _filter(where), prefetch_limit)
        return self._query(_FUSION, None, where, limit, prefetch=prefetch)

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
        """The fused search grouped by the server (`query_points_groups`); the hits carry
        the `group_by` field only."""
        if not self._ready() or groups <= 0:
            return []
        query_filter = _filter(where)
        response = self._client.query_points_groups(
            self._collection,
            group_by=group_by,
            query=_FUSION,
            prefetch=_prefetch(dense, sparse, query_filter, prefetch_limit),
            query_filter=query_filter,
            limit=groups,
            group_size=group_size,
            with_payload=[group_by],
            with_vectors=False,
        )
        found = []
        for group in response.groups:
            hits = [
                ScoredPoint(str(h.id), float(h.score), dict(h.payload or {})) for h in group.hits
            ]
            hits.sort(key=lambda p: (-p.score, p.id))
            found.append(PointGroup(str(group.id), tuple(hits)))
        return found

    # -- helpers ---------------------------------------------------------------------

    def _query(
        self,
        query: Any,
        using: str | None,
        where: PayloadFilter | None,
        limit: int,
        prefetch: list[models.Prefetch] | None = None,
    ) -> list[ScoredPoint]:
        if not self._ready() or limit <= 0:
            return []
        response = self._client.query_points(
            self._collection,
            query=query,
            using=using,
            prefetch=prefetch,
            query_filter=_filter(where),
            limit=limit + TIE_MARGIN,
            with_payload=True,
            with_vectors=False,
        )
        scored = [
            ScoredPoint(str(h.id), float(h.score), dict(h.payload or {})) for h in response.points
        ]
        return sorted(scored, key=lambda p: (-p.score, p.id))[:limit]

    def _query_batch(
        self,
        query: Any,
        using: str,
        wheres: Sequence[PayloadFilter | None],
        limit: int,
        fields: Sequence[str] | None,
    ) -> list[list[ScoredPoint]]:
        """One request per filter in one `query_batch_points` call; each result cut as
        `_query` cuts it (ties at the cut broken by id)."""
        if not wheres or not self._ready() or limit <= 0:
            return [[] for _ in wheres]
        requests = [
            models.QueryRequest(
                query=query,
                using=using,
                filter=_filter(where),
                limit=limit + TIE_MARGIN,
                with_payload=payload_selector(fields),
                with_vector=False,
            )
            for where in wheres
        ]
        out = []
        for response in self._client.query_batch_points(self._collection, requests=requests):
            scored = [
                ScoredPoint(str(h.id), float(h.score), dict(h.payload or {}))
                for h in response.points
            ]
            out.append(sorted(scored, key=lambda p: (-p.score, p.id))[:limit])
        return out

    def _ready(self) -> bool:
        if not self._exists:
            self._exists = self._client.collection_exists(self._collection)
        return self._exists

    def _check_vectors(self, dense_dimension: int) -> None:
        params = self._client.get_collection(self._collection).config.params
        dense = params.vectors.get(DENSE_VECTOR) if isinstance(params.vectors, dict) else None
        sparse = params.sparse_vectors or {}
        if dense is None or SPARSE_VECTOR not in sparse:
            raise ConfigurationError(
                f"Collection {self._collection!r} đã có nhưng thiếu vectơ {DENSE_VECTOR!r} và "
                f"{SPARSE_VECTOR!r}; hãy đặt KEHOACH_COLLECTION sang tên khác."
            )
        if dense.size != dense_dimension:
            raise ConfigurationError(
                f"Collection {self._collection!r} chứa vectơ {dense.size} chiều, nhưng mô hình "
                f"nhúng hiện tại cho {dense_dimension} chiều. Hãy đặt KEHOACH_COLLECTION sang "
                "tên khác, hoặc xoá collection đó rồi nạp lại."
            )


def _dense(vector: Sequence[float]) -> list[float]:
    return [float(v) for v in vector]


def _sparse(vector: SparseVector) -> models.SparseVector:
    return models.SparseVector(
        indices=list(vector.indices), values=[float(v) for v in vector.values]
    )


def _point(point: IndexPoint) -> models.PointStruct:
    return models.PointStruct(
        id=point.id,
        vector={DENSE_VECTOR: _dense(point.dense), SPARSE_VECTOR: _sparse(point.sparse)},
        payload=dict(point.payload),
    )


_FUSION = models.FusionQuery(fusion=models.Fusion.RRF)


def _prefetch(
    dense: Sequence[float],
    sparse: SparseVector,
    query_filter: models.Filter | None,
    prefetch_limit: int,
) -> list[models.Prefetch]:
    return [
        models.Prefetch(
            query=_dense(dense), using=DENSE_VECTOR, filter=query_filter, limit=prefetch_limit
        ),
        models.Prefetch(
            query=_sparse(sparse), using=SPARSE_VECTOR, filter=query_filter, limit=prefetch_limit
        ),
    ]


def _filter(where: PayloadFilter | None) -> models.Filter | None:
    conditions = conditions_of(where)
    if conditions.empty:
        return None
    return models.Filter(
        must=[_condition(c) for c in conditions.must] or None,
        must_not=[_condition(c) for c in conditions.must_not] or None,
    )


def _condition(condition: Match | Between) -> models.FieldCondition:
    if isinstance(condition, Between):
        return models.FieldCondition(
            key=condition.field, range=models.Range(gte=condition.gte, lte=condition.lte)
        )
    values = condition.values
    match: models.MatchValue | models.MatchAny = (
        models.MatchValue(value=values[0])
        if len(values) == 1
        else models.MatchAny(any=any_of(values))
    )
    return models.FieldCondition(key=condition.field, match=match)
