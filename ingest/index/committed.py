"""`CommittedIndex`: a `VectorIndex` whose reads see only committed document versions.

Every point carries the version id of the write that stored it (payload `version`); the
catalog names one committed version per document. Reads add a `version ∈ committed`
condition to their filter, so the engine itself leaves out points of a write that has not
been committed yet (or never will be: a crash between the index write and the catalog
switch). Writes go to the store unfiltered.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from ingest.index.protocol import (
    IndexPoint,
    PayloadFilter,
    PointGroup,
    ScoredPoint,
    SparseVector,
    VectorIndex,
)

VERSION_FIELD = "version"


class CommittedIndex:
    """Reads filtered to `committed()` versions inside the engine query; writes passed on."""

    def __init__(self, store: VectorIndex, committed: Callable[[], Collection[str]]) -> None:
        self.store = store
        self._committed = committed

    # -- writes: to every point, committed or not ----------------------------------------

    def ensure_collection(self, dense_dimension: int) -> None:
        self.store.ensure_collection(dense_dimension)

    def upsert(self, points: Sequence[IndexPoint]) -> None:
        self.store.upsert(points)

    def delete(self, where: PayloadFilter) -> None:
        self.store.delete(where)

    def close(self) -> None:
        self.store.close()

    # -- reads: committed versions only ----------------------------------------------------

    def scroll(
        self, where: PayloadFilter | None = None, limit: int | None = None
    ) -> list[ScoredPoint]:
        restricted = self._restrict(where)
        return [] if restricted is None else self.store.scroll(restricted, limit)

    def count(self, where: PayloadFilter | None = None) -> int:
        restricted = self._restrict(where)
        return 0 if restricted is None else self.store.count(restricted)

    def search_dense(
        self, vector: Sequence[float], where: PayloadFilter | None = None, limit: int = 10
    ) -> list[ScoredPoint]:
        restricted = self._restrict(where)
        return [] if restricted is None else self.store.search_dense(vector, restricted, limit)

    def search_sparse(
        self, vector: SparseVector, where: PayloadFilter | None = None, limit: int = 10
    ) -> list[ScoredPoint]:
        restricted = self._restrict(where)
        return [] if restricted is None else self.store.search_sparse(vector, restricted, limit)

    def search_hybrid(
        self,
        dense: Sequence[float],
        sparse: SparseVector,
        where: PayloadFilter | None = None,
        limit: int = 10,
        prefetch_limit: int = 50,
    ) -> list[ScoredPoint]:
        restricted = self._restrict(where)
        if restricted is None:
            return []
        return self.store.search_hybrid(dense, sparse, restricted, limit, prefetch_limit)

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
        restricted = self._restrict(where)
        if restricted is None:
            return []
        return self.store.search_hybrid_groups(
            dense, sparse, group_by, groups, group_size, restricted, prefetch_limit
        )

    def _restrict(self, where: PayloadFilter | None) -> PayloadFilter | None:
        """`where` and `version ∈ committed`; None when that can match nothing."""
        versions = set(self._committed())
        base = where or PayloadFilter()
        asked = base.equals.get(VERSION_FIELD)
        if asked is not None:  # a caller's own version condition narrows the set
            wanted = set(asked) if isinstance(asked, list | tuple | set | frozenset) else {asked}
            versions &= wanted
        if not versions:
            return None
        return replace(base, equals={**base.equals, VERSION_FIELD: sorted(versions)})
