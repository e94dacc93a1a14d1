"""`CommittedIndex`: a `VectorIndex` whose reads see only committed document versions.

Every point carries the version id of the write that stored it (payload `version`); the
catalog names one committed version per document. Reads add a `version ∈ committed`
condition to their filter, so the engine itself leaves out points of a write that has not
been committed yet (or never will be: a crash between the index write and the catalog
switch). Writes go to the store unfiltered. When `committed` maps each document to its
version and a read names its documents, the condition holds those documents' versions only
(a few values instead of one per plan in the home).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
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
DOCUMENT_FIELD = "document_id"
# Up to this many committed versions, a read lists them all; above, it excludes the stored
# versions not committed instead (a condition with one value per plan costs the engine).
_FEW_VERSIONS = 64


class CommittedIndex:
    """Reads filtered to `committed()` versions inside the engine query; writes passed on."""

    def __init__(
        self,
        store: VectorIndex,
        committed: Callable[[], Collection[str] | Mapping[str, str]],
    ) -> None:
        self.store = store
        self._committed = committed  # the versions, or document id → its version

    # -- writes: to every point, committed or not ----------------------------------------

    def ensure_collection(self, dense_dimension: int) -> None:
        self.store.ensure_collection(dense_dimension)

    def upsert(self, points: Sequence[IndexPoint]) -> None:
        self.store.upsert(points)

    def delete(self, where: PayloadFilter) -> None:
        self.store.delete(where)

    def close(self) -> None:
        self.store.close()

    def values(self, field: str) -> set[str]:
        return self.store.values(field)

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

    def search_dense_batch(
        self,
        vector: Sequence[float],
        wheres: Sequence[PayloadFilter | None],
        limit: int = 10,
        fields: Sequence[str] | None = None,
    ) -> list[list[ScoredPoint]]:
        committed = self._committed()
        restricted = [self._restrict(where, committed) for where in wheres]
        asked = [r for r in restricted if r is not None]
        found = iter(self.store.search_dense_batch(vector, asked, limit, fields) if asked else [])
        return [[] if r is None else next(found) for r in restricted]

    def search_sparse_batch(
        self,
        vector: SparseVector,
        wheres: Sequence[PayloadFilter | None],
        limit: int = 10,
        fields: Sequence[str] | None = None,
    ) -> list[list[ScoredPoint]]:
        committed = self._committed()
        restricted = [self._restrict(where, committed) for where in wheres]
        asked = [r for r in restricted if r is not None]
        found = iter(self.store.search_sparse_batch(vector, asked, limit, fields) if asked else [])
        return [[] if r is None else next(found) for r in restricted]

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

    def _without_stale(self, base: PayloadFilter, committed: set[str]) -> PayloadFilter:
        """`base` less the points of versions not committed: a home of many plans names
        the few versions stored but not committed (a write under way, or one a crash cut
        short; usually none) rather than every committed one."""
        stale = sorted(self.store.values(VERSION_FIELD) - committed)
        if not stale:
            return base
        excluded = base.excludes.get(VERSION_FIELD)
        if excluded is not None:
            many = isinstance(excluded, list | tuple | set | frozenset)
            stale = sorted({*stale, *(excluded if many else [excluded])})
        return replace(base, excludes={**base.excludes, VERSION_FIELD: stale})

    def _restrict(
        self,
        where: PayloadFilter | None,
        committed: Collection[str] | Mapping[str, str] | None = None,
    ) -> PayloadFilter | None:
        """`where` and `version ∈ committed` (the versions of the documents `where` names,
        when it names them and `committed` maps documents to versions); None when that can
        match nothing."""
        if committed is None:
            committed = self._committed()
        base = where or PayloadFilter()
        documents = base.equals.get(DOCUMENT_FIELD)
        if documents is None and VERSION_FIELD not in base.equals:
            versions = set(committed.values() if isinstance(committed, Mapping) else committed)
            if len(versions) > _FEW_VERSIONS:
                return self._without_stale(base, versions)
        versions = _versions(committed, documents)
        asked = base.equals.get(VERSION_FIELD)
        if asked is not None:  # a caller's own version condition narrows the set
            wanted = set(asked) if isinstance(asked, list | tuple | set | frozenset) else {asked}
            versions &= wanted
        if not versions:
            return None
        return replace(base, equals={**base.equals, VERSION_FIELD: sorted(versions)})


def _versions(committed: Collection[str] | Mapping[str, str], documents: object) -> set[str]:
    """The committed versions a read may see: those of `documents` (one id or several) when
    `committed` maps documents to versions, else every committed version."""
    if not isinstance(committed, Mapping):
        return set(committed)
    if documents is None:
        return set(committed.values())
    many = isinstance(documents, list | tuple | set | frozenset)
    asked = [str(d) for d in documents] if many else [str(documents)]  # type: ignore[attr-defined]
    return {committed[d] for d in asked if d in committed}
