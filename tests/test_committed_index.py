"""`CommittedIndex` over a store only this process opens (the Edge shard): reads leave out
the versions present but not committed, and carry no version condition between writes, so
their cost does not grow with the number of plans."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.embedding.hashing import HashingEmbedder
from ingest.index.committed import CommittedIndex
from ingest.index.edge import EdgeIndex
from ingest.index.ids import point_id_for
from ingest.index.protocol import IndexPoint, PayloadFilter
from ingest.lexical import LexicalEncoder

EMBEDDER = HashingEmbedder(16)
LEXICAL = LexicalEncoder("bigram")


def _points(document: str, version: str, count: int = 3) -> list[IndexPoint]:
    texts = [f"{document} khoản {n} về chuyển đổi số" for n in range(count)]
    return [
        IndexPoint(
            point_id_for(f"{document}:{n}", version),
            vector,
            LEXICAL.encode_passage(text),
            {"document_id": document, "version": version, "clause_id": f"{document}:{n}"},
        )
        for n, (text, vector) in enumerate(zip(texts, EMBEDDER.embed_passages(texts), strict=True))
    ]


@pytest.fixture
def edge(tmp_path: Path) -> Iterator[tuple[CommittedIndex, dict[str, str]]]:
    store = EdgeIndex(tmp_path, "clauses")
    store.ensure_collection(EMBEDDER.dimension)
    committed: dict[str, str] = {}
    index = CommittedIndex(store, lambda: committed.values())
    yield index, committed
    index.close()


def _visible(index: CommittedIndex) -> set[tuple[str, str]]:
    return {(p.payload["document_id"], p.payload["version"]) for p in index.scroll()}


def test_between_writes_reads_name_no_version(edge) -> None:
    index, committed = edge
    for n in range(5):
        index.upsert(_points(f"kh-{n}", f"v{n}"))
        committed[f"kh-{n}"] = f"v{n}"
    where = PayloadFilter(equals={"document_id": "kh-2"})
    assert index._restrict(where) == where  # no condition naming every plan
    assert index.count(where) == 3
    assert len(_visible(index)) == 5


def test_a_write_is_hidden_until_committed_and_the_old_version_after(edge) -> None:
    index, committed = edge
    index.upsert(_points("kh-1", "old"))
    committed["kh-1"] = "old"
    index.upsert(_points("kh-1", "new"))  # written, not committed
    assert _visible(index) == {("kh-1", "old")}
    query = LEXICAL.encode_query("chuyển đổi số")
    assert {h.payload["version"] for h in index.search_sparse(query, limit=50)} == {"old"}
    committed["kh-1"] = "new"  # the commit: the old version is hidden at once
    assert _visible(index) == {("kh-1", "new")}
    assert index.count() == 3
    index.delete(PayloadFilter(equals={"document_id": "kh-1"}, excludes={"version": "new"}))
    assert index._present == {"new"}  # nothing hidden is left: reads carry no condition
    assert index._restrict(None) == PayloadFilter()


def test_a_removed_document_is_gone_and_forgotten(edge) -> None:
    index, committed = edge
    index.upsert(_points("kh-1", "a") + _points("kh-2", "b"))
    committed.update({"kh-1": "a", "kh-2": "b"})
    del committed["kh-2"]  # removal commits first
    assert _visible(index) == {("kh-1", "a")}
    index.delete(PayloadFilter(equals={"document_id": "kh-2"}))
    assert index._present == {"a"}


def test_an_index_opened_with_a_stray_write_hides_it(tmp_path: Path) -> None:
    """The versions present are asked of the store when the index is opened."""
    with EdgeIndex(tmp_path, "clauses") as store:
        store.ensure_collection(EMBEDDER.dimension)
        store.upsert(_points("kh-1", "a") + _points("kh-1", "crashed"))
    store = EdgeIndex(tmp_path, "clauses")
    index = CommittedIndex(store, lambda: ["a"])
    try:
        assert _visible(index) == {("kh-1", "a")}
        assert store.values("version") == {"a", "crashed"}
    finally:
        index.close()


def test_points_written_around_the_index_stay_hidden(edge) -> None:
    """A restore writes to the store directly: meanwhile reads name the committed versions,
    after it the versions present are asked of the store again."""
    index, committed = edge
    index.upsert(_points("kh-1", "a"))
    committed["kh-1"] = "a"
    assert _visible(index) == {("kh-1", "a")}
    with index.writing_around():
        index.store.upsert(_points("kh-2", "restored") + _points("kh-3", "stray"))
        assert _visible(index) == {("kh-1", "a")}
        committed["kh-2"] = "restored"
    assert _visible(index) == {("kh-1", "a"), ("kh-2", "restored")}


def test_a_shared_store_keeps_naming_the_committed_versions(edge) -> None:
    """Another process may write to a shared store (a Qdrant server behind replicas)."""
    index, committed = edge
    index.upsert(_points("kh-1", "a"))
    committed["kh-1"] = "a"
    shared = CommittedIndex(_Shared(index.store), lambda: committed.values())  # type: ignore[arg-type]
    assert shared._restrict(None) == PayloadFilter(equals={"version": ["a"]})
    index.store.upsert(_points("kh-2", "elsewhere"))
    assert {(p.payload["document_id"]) for p in shared.scroll()} == {"kh-1"}


class _Shared:
    """The store as a non-exclusive one (no `exclusive` attribute)."""

    def __init__(self, store: EdgeIndex) -> None:
        self._store = store

    def scroll(self, where=None, limit=None):
        return self._store.scroll(where, limit)
