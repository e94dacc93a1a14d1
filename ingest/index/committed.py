"""`CommittedIndex`: a `VectorIndex` whose reads see only committed document versions.

Every point carries the version id of the write that stored it (payload `version`); the
catalog names one committed version per document. The engine itself leaves out the points
of a write that has not been committed yet (or never will be: a crash between the index
write and the catalog switch), and those of a version replaced but not yet deleted.

How reads say so depends on who can write to the store. A store shared by processes (a
Qdrant server behind several API replicas) may hold another process's uncommitted write at
any moment: reads add `version ∈ committed`, a condition naming every plan, whose cost in
the engine grows with their number (~10 ms for a one-plan search at 1,000 plans, against
1.5 ms without). A store only this process can open (`exclusive`: the embedded Edge shard,
held under a file lock) is written through this object alone, so it knows which versions
are in it: reads leave out `version ∈ hidden`, the few versions present but not committed
(none at all between writes), and cost the same at any number of plans.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
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
        # an exclusive store's versions as far as this object knows (None: ask the store)
        self._exclusive = bool(getattr(store, "exclusive", False))
        self._present: set[str] | None = None
        self._present_lock = threading.Lock()
        self._around = 0  # direct writes to the store in progress (`writing_around`)

    # -- writes: to every point, committed or not ----------------------------------------

    def ensure_collection(self, dense_dimension: int) -> None:
        self.store.ensure_collection(dense_dimension)

    def upsert(self, points: Sequence[IndexPoint]) -> None:
        if self._exclusive:  # hidden before any reader can meet them
            versions = {str(p.payload.get(VERSION_FIELD)) for p in points}
            with self._present_lock:
                self._known().update(versions)
        self.store.upsert(points)

    def delete(self, where: PayloadFilter) -> None:
        self.store.delete(where)
        if self._exclusive:
            self._forget_deleted()

    def close(self) -> None:
        self.store.close()

    @contextmanager
    def writing_around(self) -> Iterator[None]:
        """While the store is written to directly (a restore replaces it whole), reads name
        the committed versions as a shared store's do; after it, the versions present are
        asked of the store again."""
        with self._present_lock:
            self._around += 1
        try:
            yield
        finally:
            with self._present_lock:
                self._around -= 1
                self._present = None

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
        committed = self._committed()
        versions = committed if isinstance(committed, frozenset) else frozenset(committed)
        base = where or PayloadFilter()
        asked = base.equals.get(VERSION_FIELD)
        if asked is not None:  # a caller's own version condition narrows the set
            wanted = set(asked) if isinstance(asked, list | tuple | set | frozenset) else {asked}
            versions &= wanted
        elif self._exclusive and not self._around:
            return self._without_hidden(base, versions)
        if not versions:
            return None
        return replace(base, equals={**base.equals, VERSION_FIELD: sorted(versions)})

    def _without_hidden(
        self, base: PayloadFilter, committed: frozenset[str]
    ) -> PayloadFilter | None:
        """`base` and `version ∉ hidden` (the versions present but not committed)."""
        if not committed:
            return None
        with self._present_lock:
            hidden = self._known() - committed
        if not hidden:
            return base
        excluded = base.excludes.get(VERSION_FIELD)
        if excluded is not None:
            hidden |= set(excluded) if isinstance(excluded, list | tuple | set) else {excluded}
        return replace(base, excludes={**base.excludes, VERSION_FIELD: sorted(hidden)})

    def _known(self) -> set[str]:
        """The exclusive store's versions (call with `_present_lock` held)."""
        if self._present is None:
            self._present = set(self.store.distinct(VERSION_FIELD))  # type: ignore[attr-defined]
        return self._present

    def _forget_deleted(self) -> None:
        """After a delete: drop the uncommitted versions it left no point of (committed
        versions are visible whether present or not; only the hidden ones are checked)."""
        committed = set(self._committed())
        with self._present_lock:
            known = self._known()
            for version in sorted(known - committed):
                if not self.store.count(PayloadFilter(equals={VERSION_FIELD: version})):
                    known.discard(version)
