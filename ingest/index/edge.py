"""`EdgeIndex`: the embedded default, Qdrant's engine in-process via Qdrant Edge.

One collection is one Edge shard, a folder `<path>/<collection>/`. Edge lets one process
open a shard at a time; we hold `<path>/<collection>.lock` while the shard is open so a
second process is told who holds it rather than getting Edge's bare "WouldBlock".
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import qdrant_edge as qe

from ingest.errors import ConfigurationError, IndexLockedError
from ingest.index.filters import Between, Match, any_of, conditions_of, payload_selector
from ingest.index.grouping import collect_groups
from ingest.index.locking import FileLock
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

# Qdrant server's default RRF constant; qdrant-client's `FusionQuery(fusion=Fusion.RRF)`
# uses it too, so both adapters fuse alike.
RRF_K = 2
# Extra hits fetched beyond `limit` so that points tied on score at the cut are all seen
# and the tie is broken by id, the same way on every engine.
TIE_MARGIN = 16
_UPSERT_BATCH = 256
_SCROLL_PAGE = 1024
_CONFIG_FILE = "edge_config.json"  # written by Edge in every shard folder

T = TypeVar("T")


class EdgeIndex:
    """A `VectorIndex` stored in a Qdrant Edge shard on local disk."""

    # Only the process holding the folder lock opens the shard: every write to it goes
    # through this object (`CommittedIndex` relies on that to know the versions in it).
    exclusive = True

    def __init__(self, path: Path, collection: str) -> None:
        self._shard_dir = Path(path) / collection
        self._lock = FileLock(
            Path(path) / f"{collection}.lock",
            what=f"Chỉ mục tại {self._shard_dir}",
            hint="Hãy dừng tiến trình đó, hoặc chạy lệnh này với --home khác (KEHOACH_HOME).",
        )
        self._lock.acquire()
        self._shard: qe.EdgeShard | None = None
        # the dense dimension the open shard was checked for: a run ingesting many
        # documents opens the shard with its config once, not once per document
        self._checked: int | None = None
        try:
            if self._exists():
                self._shard = self._engine(lambda: qe.EdgeShard.load(str(self._shard_dir)))
        except BaseException:
            self._lock.release()
            raise

    # -- lifecycle -------------------------------------------------------------------

    def ensure_collection(self, dense_dimension: int) -> None:
        """Create the shard and payload indexes, or check an existing shard's vectors."""
        if self._shard is not None and self._checked == dense_dimension:
            return
        config = _config(dense_dimension)
        if self._shard is not None:
            # Reopen with our config: Edge validates it against the stored segments.
            self._shard.close()
            self._shard = None
        if self._exists():
            try:
                shard = self._engine(lambda: qe.EdgeShard.load(str(self._shard_dir), config))
            except Exception as exc:
                # Stay usable for reading what is there, as before this call.
                self._shard = self._engine(lambda: qe.EdgeShard.load(str(self._shard_dir)))
                if "incompatible" not in str(exc):
                    raise
                raise ConfigurationError(
                    f"Chỉ mục tại {self._shard_dir} được dựng bằng vectơ khác với mô hình nhúng "
                    f"hiện tại ({dense_dimension} chiều): {exc}. Hãy nạp lại vào một --home "
                    "khác, hoặc xoá thư mục đó rồi nạp lại."
                ) from exc
        else:
            logger.info(
                "creating Edge shard at %s (dense dimension %d)", self._shard_dir, dense_dimension
            )
            shard = self._engine(lambda: qe.EdgeShard.create(str(self._shard_dir), config))
        self._shard = shard
        existing = set(shard.info().payload_schema)
        schema = {name: qe.PayloadSchemaType.Keyword for name in INDEXED_KEYWORD_FIELDS}
        schema |= {name: qe.PayloadSchemaType.Integer for name in INDEXED_INTEGER_FIELDS}
        for name, kind in schema.items():
            if name not in existing:
                shard.update(qe.UpdateOperation.create_field_index(name, kind))
        shard.flush()
        self._checked = dense_dimension

    # -- backup ----------------------------------------------------------------------

    def copy_to(self, destination: Path) -> None:
        """Copy the shard folder, closed for the copy, while this process holds its lock."""
        self._reopened_after(lambda: _copy_folder(self._shard_dir, destination))

    def replace_from(self, source: Path) -> None:
        """Replace the shard with a copied one (from `copy_to`), under the same lock."""

        def swap() -> None:
            staged = self._shard_dir.with_name(self._shard_dir.name + ".restoring")
            shutil.rmtree(staged, ignore_errors=True)
            if source.is_dir():  # a backup of an empty home has no shard
                shutil.copytree(source, staged)
            shutil.rmtree(self._shard_dir, ignore_errors=True)
            if staged.is_dir():
                os.replace(staged, self._shard_dir)

        self._reopened_after(swap)

    def _reopened_after(self, action: Callable[[], None]) -> None:
        shard, self._shard = self._shard, None
        self._checked = None
        if shard is not None:
            shard.flush()
            shard.close()
        try:
            action()
        finally:
            if self._exists():
                self._shard = self._engine(lambda: qe.EdgeShard.load(str(self._shard_dir)))

    def close(self) -> None:
        """Flush, close the shard and release the folder lock; safe to call twice."""
        shard, self._shard = self._shard, None
        self._checked = None
        try:
            if shard is not None:
                shard.flush()
                shard.close()
        finally:
            self._lock.release()

    def __enter__(self) -> EdgeIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writes ----------------------------------------------------------------------

    def upsert(self, points: Sequence[IndexPoint]) -> None:
        """Insert or overwrite points by id, then flush so other processes see them."""
        shard = self._writable()
        for start in range(0, len(points), _UPSERT_BATCH):
            batch = [_point(p) for p in points[start : start + _UPSERT_BATCH]]
            shard.update(qe.UpdateOperation.upsert_points(batch))
        shard.flush()

    def delete(self, where: PayloadFilter) -> None:
        """Delete every point matching the filter (an empty filter matches all)."""
        if self._shard is None:
            return
        everything = qe.Filter()  # Edge needs a filter object; an empty one matches all
        query_filter = _filter(where) or everything
        # An ingest deletes the document's other versions after every write; a new document
        # has none, and a flush costs as much as the write's own (~0.15 s): skip both then.
        if not self._shard.count(qe.CountRequest(exact=True, filter=query_filter)):
            return
        self._shard.update(qe.UpdateOperation.delete_points_by_filter(query_filter))
        self._shard.flush()

    # -- reads -----------------------------------------------------------------------

    def scroll(
        self, where: PayloadFilter | None = None, limit: int | None = None
    ) -> list[ScoredPoint]:
        """Points matching the filter (score 0), ordered by id: every one, paging to the
        end, unless `limit` caps them."""
        if self._shard is None or (limit is not None and limit <= 0):
            return []
        query_filter = _filter(where)
        out: list[ScoredPoint] = []
        offset: Any = None
        while limit is None or len(out) < limit:
            records, offset = self._shard.scroll(
                qe.ScrollRequest(
                    offset=offset,
                    limit=_SCROLL_PAGE if limit is None else min(_SCROLL_PAGE, limit - len(out)),
                    filter=query_filter,
                    with_payload=True,
                    with_vector=False,
                )
            )
            out.extend(ScoredPoint(str(r.id), 0.0, dict(r.payload or {})) for r in records)
            if offset is None or not records:
                break
        return sorted(out, key=lambda p: p.id)  # Edge scrolls by id already; make it a promise

    def count(self, where: PayloadFilter | None = None) -> int:
        """How many points match the filter (exact)."""
        if self._shard is None:
            return 0
        return self._shard.count(qe.CountRequest(exact=True, filter=_filter(where)))

    def values(self, field: str) -> set[str]:
        """Every value a keyword-indexed field takes (its payload index's exact facet)."""
        if self._shard is None:
            return set()
        limit = 4096
        while True:
            hits = self._shard.facet(qe.FacetRequest(key=field, limit=limit, exact=True)).hits
            if len(hits) < limit:
                return {str(hit.value) for hit in hits}
            limit *= 4

    def retrieve(
        self, ids: Sequence[str], fields: Sequence[str] | None = None
    ) -> list[ScoredPoint]:
        """Points by id, in the order asked (missing ones left out). Reading a payload costs
        more than the search that found it (Edge reads it from disk): a search that needs
        few hits' payloads asks for none and reads those here."""
        if self._shard is None or not ids:
            return []
        records = self._shard.retrieve(list(ids), payload_selector(fields), False)
        found = {str(r.id): dict(r.payload or {}) for r in records}
        return [ScoredPoint(i, 0.0, found[i]) for i in ids if i in found]

    def search_dense(
        self, vector: Sequence[float], where: PayloadFilter | None = None, limit: int = 10
    ) -> list[ScoredPoint]:
        """Nearest points by cosine similarity."""
        return self._query(qe.Query.Nearest(_dense(vector), using=DENSE_VECTOR), where, limit)

    def search_sparse(
        self, vector: SparseVector, where: PayloadFilter | None = None, limit: int = 10
    ) -> list[ScoredPoint]:
        """Best points by sparse dot product, IDF-weighted by Edge."""
        return self._query(qe.Query.Nearest(_sparse(vector), using=SPARSE_VECTOR), where, limit)

    def search_dense_batch(
        self,
        vector: Sequence[float],
        wheres: Sequence[PayloadFilter | None],
        limit: int = 10,
        fields: Sequence[str] | None = None,
    ) -> list[list[ScoredPoint]]:
        """Nearest points for each filter, run by Edge as one planned batch (`query_batch`)."""
        query = qe.Query.Nearest(_dense(vector), using=DENSE_VECTOR)
        return self._query_batch(query, wheres, limit, fields)

    def search_sparse_batch(
        self,
        vector: SparseVector,
        wheres: Sequence[PayloadFilter | None],
        limit: int = 10,
        fields: Sequence[str] | None = None,
    ) -> list[list[ScoredPoint]]:
        """Best points by sparse dot product for each filter, as one Edge batch."""
        query = qe.Query.Nearest(_sparse(vector), using=SPARSE_VECTOR)
        return self._query_batch(query, wheres, limit, fields)

    def search_hybrid(
        self,
        dense: Sequence[float],
        sparse: SparseVector,
        where: PayloadFilter | None = None,
        limit: int = 10,
        prefetch_limit: int = 50,
    ) -> list[ScoredPoint]:
        """Dense and sparse prefetches fused by Edge with reciprocal rank fusion."""
        prefetches = _prefetches(dense, sparse, _filter(where), prefetch_limit)
        return self._query(qe.Fusion.Rrf(k=RRF_K), where, limit, prefetches=prefetches)

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
        """The fused search grouped by a payload field: Edge's Python binding has no grouped
        query, so Qdrant's group-by strategy runs here (`ingest.index.grouping`). The hits
        carry the `group_by` field only."""
        if self._shard is None or groups <= 0:
            return []

        def search(query_where: PayloadFilter, limit: int) -> list[ScoredPoint]:
            depth = max(prefetch_limit, limit)
            prefetches = _prefetches(dense, sparse, _filter(query_where), depth)
            fusion = qe.Fusion.Rrf(k=RRF_K)
            return self._query(fusion, query_where, limit, prefetches, fields=[group_by])

        return collect_groups(search, where, group_by, groups, group_size)

    # -- helpers ---------------------------------------------------------------------

    def _query(
        self,
        query: Any,
        where: PayloadFilter | None,
        limit: int,
        prefetches: list[qe.Prefetch] | None = None,
        fields: Sequence[str] | None = None,
    ) -> list[ScoredPoint]:
        if self._shard is None or limit <= 0:
            return []
        hits = self._shard.query(
            qe.QueryRequest(
                limit=limit + TIE_MARGIN,
                query=query,
                prefetches=prefetches,
                filter=_filter(where),
                with_payload=payload_selector(fields),
                with_vector=False,
            )
        )
        scored = [ScoredPoint(str(h.id), float(h.score), dict(h.payload or {})) for h in hits]
        return sorted(scored, key=lambda p: (-p.score, p.id))[:limit]

    def _query_batch(
        self,
        query: Any,
        wheres: Sequence[PayloadFilter | None],
        limit: int,
        fields: Sequence[str] | None,
    ) -> list[list[ScoredPoint]]:
        """One request per filter in one `query_batch` call; each result cut as `_query`
        cuts it (ties at the cut broken by id)."""
        if self._shard is None or limit <= 0 or not wheres:
            return [[] for _ in wheres]
        requests = [
            qe.QueryRequest(
                limit=limit + TIE_MARGIN,
                query=query,
                filter=_filter(where),
                with_payload=payload_selector(fields),
                with_vector=False,
            )
            for where in wheres
        ]
        out = []
        for hits in self._shard.query_batch(qe.QueryBatchRequest(requests)):
            scored = [ScoredPoint(str(h.id), float(h.score), dict(h.payload or {})) for h in hits]
            out.append(sorted(scored, key=lambda p: (-p.score, p.id))[:limit])
        return out

    def _writable(self) -> qe.EdgeShard:
        if self._shard is None:
            raise RuntimeError(f"no index at {self._shard_dir}: call ensure_collection() first")
        return self._shard

    def _exists(self) -> bool:
        return (self._shard_dir / _CONFIG_FILE).is_file()

    def _engine(self, call: Callable[[], T]) -> T:
        """Run an Edge open call, turning its lock refusal into `IndexLockedError`."""
        try:
            return call()
        except Exception as exc:
            # Someone opened the shard without our lock file (another tool, an old build).
            if "WouldBlock" in str(exc):
                raise IndexLockedError(
                    f"Chỉ mục tại {self._shard_dir} đang được một tiến trình khác dùng. "
                    "Hãy dừng tiến trình đó, hoặc chạy lệnh này với --home khác (KEHOACH_HOME)."
                ) from exc
            raise


def _copy_folder(source: Path, destination: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, destination)


def _config(dense_dimension: int) -> qe.EdgeConfig:
    return qe.EdgeConfig(
        vectors={
            DENSE_VECTOR: qe.EdgeVectorParams(size=dense_dimension, distance=qe.Distance.Cosine)
        },
        sparse_vectors={SPARSE_VECTOR: qe.EdgeSparseVectorParams(modifier=qe.Modifier.Idf)},
    )


def _prefetches(
    dense: Sequence[float],
    sparse: SparseVector,
    query_filter: qe.Filter | None,
    prefetch_limit: int,
) -> list[qe.Prefetch]:
    return [
        qe.Prefetch(
            limit=prefetch_limit,
            query=qe.Query.Nearest(_dense(dense), using=DENSE_VECTOR),
            filter=query_filter,
        ),
        qe.Prefetch(
            limit=prefetch_limit,
            query=qe.Query.Nearest(_sparse(sparse), using=SPARSE_VECTOR),
            filter=query_filter,
        ),
    ]


def _dense(vector: Sequence[float]) -> list[float]:
    return [float(v) for v in vector]


def _sparse(vector: SparseVector) -> qe.SparseVector:
    return qe.SparseVector(indices=list(vector.indices), values=[float(v) for v in vector.values])


def _point(point: IndexPoint) -> qe.Point:
    return qe.Point(
        id=point.id,
        vector={DENSE_VECTOR: _dense(point.dense), SPARSE_VECTOR: _sparse(point.sparse)},
        payload=dict(point.payload),
    )


def _filter(where: PayloadFilter | None) -> qe.Filter | None:
    conditions = conditions_of(where)
    if conditions.empty:
        return None
    return qe.Filter(
        must=[_condition(c) for c in conditions.must] or None,
        must_not=[_condition(c) for c in conditions.must_not] or None,
    )


def _condition(condition: Match | Between) -> qe.FieldCondition:
    if isinstance(condition, Between):
        return qe.FieldCondition(
            condition.field, range=qe.RangeFloat(gte=condition.gte, lte=condition.lte)
        )
    values = condition.values
    match: qe.MatchValue | qe.MatchAny = (
        qe.MatchValue(values[0]) if len(values) == 1 else qe.MatchAny(any_of(values))
    )
    return qe.FieldCondition(condition.field, match=match)
