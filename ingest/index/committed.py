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

A read that names its documents (and a catalog that maps documents to versions) needs only
those documents' versions on a shared store. A read over every plan of a shared store with
many plans leaves out the versions the engine holds but the catalog does not commit (its
facet, one call) instead of naming every committed one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace

from ingest.index.ids import point_id_for
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
# On a shared store, up to this many committed versions a read over every plan lists them
# all; above, it excludes the stored versions not committed instead.
_FEW_VERSIONS = 64

Committed = Collection[str] | Mapping[str, str]


class CommittedIndex:
    """Reads filtered to `committed()` versions inside the engine query; writes passed on."""

    def __init__(self, store: VectorIndex, committed: Callable[[], Committed]) -> None:
        self.store = store
        self._committed = committed  # the versions, or document id → its version
        self._all_kept: tuple[Committed, frozenset[str]] | None = None
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

    def values(self, field: str) -> set[str]:
        return self.store.values(field)

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

    def search_dense_batch(
        self,
        vector: Sequence[float],
        wheres: Sequence[PayloadFilter | None],
        limit: int = 10,
        fields: Sequence[str] | None = None,
    ) -> list[list[ScoredPoint]]:
        return self._batched(
            wheres, lambda asked: self.store.search_dense_batch(vector, asked, limit, fields)
        )

    def search_sparse_batch(
        self,
        vector: SparseVector,
        wheres: Sequence[PayloadFilter | None],
        limit: int = 10,
        fields: Sequence[str] | None = None,
    ) -> list[list[ScoredPoint]]:
        return self._batched(
            wheres, lambda asked: self.store.search_sparse_batch(vector, asked, limit, fields)
        )

    def _batched(
        self,
        wheres: Sequence[PayloadFilter | None],
        search: Callable[[list[PayloadFilter]], list[list[ScoredPoint]]],
    ) -> list[list[ScoredPoint]]:
        """One batch `search` over the filters that can match a committed point (each with
        its version condition); a filter that can match none answers [] in its place."""
        committed = self._committed()
        restricted = [self._restrict(where, committed) for where in wheres]
        asked = [r for r in restricted if r is not None]
        found = iter(search(asked) if asked else [])
        return [[] if r is None else next(found) for r in restricted]

    def retrieve(
        self, ids: Sequence[str], fields: Sequence[str] | None = None
    ) -> list[ScoredPoint]:
        """Points by id as a read of this index found them (their versions were committed
        when found): passed on."""
        return self.store.retrieve(ids, fields)

    def committed_point_ids(self, keys: Sequence[tuple[str, str]]) -> list[str | None] | None:
        """The point ids of these clauses' committed versions, for (clause id, document id)
        pairs (None for a document with no committed version): what a read by id looks up
        instead of filtering on the clause ids, whose cost grows with the points stored.
        None when the catalog does not map documents to versions."""
        committed = self._committed()
        if not isinstance(committed, Mapping):
            return None
        return [
            point_id_for(clause_id, version) if (version := committed.get(document)) else None
            for clause_id, document in keys
        ]

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

    def _restrict(
        self, where: PayloadFilter | None, committed: Committed | None = None
    ) -> PayloadFilter | None:
        """`where` and the condition that leaves out versions not committed; None when
        that can match nothing."""
        if committed is None:
            committed = self._committed()
        base = where or PayloadFilter()
        asked = base.equals.get(VERSION_FIELD)
        if asked is None and self._exclusive and not self._around:
            return self._without_hidden(base, self._all_versions(committed))
        documents = base.equals.get(DOCUMENT_FIELD)
        if documents is None and asked is None:
            every = self._all_versions(committed)
            if len(every) > _FEW_VERSIONS:
                return self._without_stale(base, every)
        versions = _versions(committed, documents)
        if asked is not None:  # a caller's own version condition narrows the set
            wanted = set(asked) if isinstance(asked, list | tuple | set | frozenset) else {asked}
            versions &= wanted
        if not versions:
            return None
        return replace(base, equals={**base.equals, VERSION_FIELD: sorted(versions)})

    def _all_versions(self, committed: Committed) -> frozenset[str]:
        """Every committed version, kept while the catalog hands out the same mapping."""
        kept = self._all_kept
        if kept is not None and kept[0] is committed:
            return kept[1]
        every = frozenset(committed.values() if isinstance(committed, Mapping) else committed)
        if isinstance(committed, Mapping):
            self._all_kept = (committed, every)
        return every

    def _without_stale(self, base: PayloadFilter, committed: frozenset[str]) -> PayloadFilter:
        """`base` less the points of versions not committed, on a shared store of many
        plans: the few versions stored but not committed (a write under way, or one a crash
        cut short; usually none) rather than every committed one."""
        return _excluding(base, self.store.values(VERSION_FIELD) - committed)

    def _without_hidden(
        self, base: PayloadFilter, committed: frozenset[str]
    ) -> PayloadFilter | None:
        """`base` and `version ∉ hidden` (the versions present but not committed)."""
        if not committed:
            return None
        with self._present_lock:
            hidden = self._known() - committed
        return _excluding(base, hidden)

    def _known(self) -> set[str]:
        """The exclusive store's versions (call with `_present_lock` held)."""
        if self._present is None:
            self._present = set(self.store.values(VERSION_FIELD))
        return self._present

    def _forget_deleted(self) -> None:
        """After a delete: drop the uncommitted versions it left no point of (committed
        versions are visible whether present or not; only the hidden ones are checked)."""
        committed = self._all_versions(self._committed())
        with self._present_lock:
            known = self._known()
            for version in sorted(known - committed):
                if not self.store.count(PayloadFilter(equals={VERSION_FIELD: version})):
                    known.discard(version)


def _excluding(base: PayloadFilter, versions: Collection[str]) -> PayloadFilter:
    """`base` with `versions` added to the versions it excludes."""
    if not versions:
        return base
    left_out = set(versions)
    excluded = base.excludes.get(VERSION_FIELD)
    if excluded is not None:
        many = isinstance(excluded, list | tuple | set | frozenset)
        left_out |= set(excluded) if many else {excluded}
    return replace(base, excludes={**base.excludes, VERSION_FIELD: sorted(left_out)})


def _versions(committed: Committed, documents: object) -> set[str]:
    """The committed versions a read may see: those of `documents` (one id or several) when
    `committed` maps documents to versions, else every committed version."""
    if not isinstance(committed, Mapping):
        return set(committed)
    if documents is None:
        return set(committed.values())
    many = isinstance(documents, list | tuple | set | frozenset)
    asked = [str(d) for d in documents] if many else [str(documents)]  # type: ignore[attr-defined]
    return {committed[d] for d in asked if d in committed}
