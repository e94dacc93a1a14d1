"""Both `VectorIndex` adapters, offline: Qdrant Edge on disk and qdrant-client local mode.

Points are ~40 sentences from `corpus/` with deterministic vectors: `HashingEmbedder` for
the dense vector and hashed lowercase words with length-normalised term frequencies for
the sparse one (the engine applies IDF).
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from ingest.embedding.hashing import HashingEmbedder
from ingest.errors import ConfigurationError, IndexLockedError
from ingest.index import (
    IndexPoint,
    PayloadFilter,
    ScoredPoint,
    SparseVector,
    VectorIndex,
    open_index,
    point_id_for,
)
from ingest.index.edge import EdgeIndex
from ingest.index.protocol import INDEXED_INTEGER_FIELDS, INDEXED_KEYWORD_FIELDS
from ingest.settings import Settings

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
DIMENSION = 64
COLLECTION = "test_clauses"
UNITS = (
    "Sở Khoa học và Công nghệ",
    "Sở Nội vụ",
    "Văn phòng UBND tỉnh",
    "UBND các xã, phường",
    "Công an tỉnh",
)
KINDS = ("goal", "task", "task", "indicator")
EMBEDDER = HashingEmbedder(dimension=DIMENSION)


# -- test data -----------------------------------------------------------------------


def corpus_sentences(per_document: int = 8) -> list[tuple[str, str]]:
    """(document id, sentence) pairs spread evenly over each corpus document."""
    out: list[tuple[str, str]] = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
        parts = [p.strip(" -|") for p in re.split(r"(?<=[.;])\s+", text)]
        parts = [p for p in parts if 60 <= len(p) <= 260]
        step = max(1, len(parts) // per_document)
        out.extend((path.stem, p) for p in parts[::step][:per_document])
    return out


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def word_id(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "big") >> 1


def sparse_document(text: str) -> SparseVector:
    """Term frequencies over sqrt(length): few exact score ties between passages."""
    tokens = words(text)
    counts = Counter(word_id(w) for w in tokens)
    norm = math.sqrt(len(tokens)) or 1.0
    ids = sorted(counts)
    return SparseVector(tuple(ids), tuple(counts[i] / norm for i in ids))


def sparse_query(text: str) -> SparseVector:
    ids = sorted({word_id(w) for w in words(text)})
    return SparseVector(tuple(ids), tuple(1.0 for _ in ids))


def payload_for(i: int, document_id: str, text: str) -> dict[str, Any]:
    units = [UNITS[i % len(UNITS)]]
    if i % 3 == 0:
        units.append(UNITS[(i + 2) % len(UNITS)])
    due = date(2025, 1, 1) + timedelta(days=9 * i)
    return {
        "document_id": document_id,
        "clause_id": f"{document_id}:{i}",
        "number": str(i + 1),
        "kind": KINDS[i % len(KINDS)],
        "units": units,
        "due": int(due.strftime("%Y%m%d")),
        "text": text,
    }


def make_points() -> list[IndexPoint]:
    sentences = corpus_sentences()
    dense = EMBEDDER.embed_passages([text for _, text in sentences])
    points = []
    for i, ((document_id, text), vector) in enumerate(zip(sentences, dense, strict=True)):
        payload = payload_for(i, document_id, text)
        points.append(
            IndexPoint(
                id=point_id_for(payload["clause_id"]),
                dense=vector,
                sparse=sparse_document(text),
                payload=payload,
            )
        )
    return points


POINTS = make_points()
DOCUMENTS = sorted({p.payload["document_id"] for p in POINTS})


# -- fixtures ------------------------------------------------------------------------


def make_server_index() -> VectorIndex:
    from qdrant_client import QdrantClient

    from ingest.index.server import ServerIndex

    return ServerIndex(QdrantClient(":memory:"), COLLECTION, owns_client=True)


@pytest.fixture(params=["edge", "server"])
def empty_index(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[VectorIndex]:
    index = EdgeIndex(tmp_path, COLLECTION) if request.param == "edge" else make_server_index()
    yield index
    index.close()


@pytest.fixture
def index(empty_index: VectorIndex) -> VectorIndex:
    """A loaded index of its own, for tests that write."""
    empty_index.ensure_collection(DIMENSION)
    empty_index.upsert(POINTS)
    return empty_index


@pytest.fixture(scope="module", params=["edge", "server"])
def shared_index(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[VectorIndex]:
    """A loaded index shared by the read-only tests of this module: they must not write."""
    if request.param == "edge":
        index: VectorIndex = EdgeIndex(tmp_path_factory.mktemp("edge"), COLLECTION)
    else:
        index = make_server_index()
    index.ensure_collection(DIMENSION)
    index.upsert(POINTS)
    yield index
    index.close()


def ids_where(predicate: Callable[[Mapping[str, Any]], bool]) -> list[str]:
    return sorted(p.id for p in POINTS if predicate(p.payload))


def hit_ids(hits: list[ScoredPoint]) -> list[str]:
    return [h.id for h in hits]


# -- basics ----------------------------------------------------------------------------


def test_test_data_is_varied() -> None:
    assert len(POINTS) >= 40
    assert len(DOCUMENTS) == 5
    assert len({p.id for p in POINTS}) == len(POINTS)


def test_point_ids_are_deterministic_uuids() -> None:
    assert point_id_for("doc:1") == point_id_for("doc:1")
    assert point_id_for("doc:1") != point_id_for("doc:2")
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", point_id_for("x")
    )


def test_adapters_satisfy_the_protocol(empty_index: VectorIndex) -> None:
    assert isinstance(empty_index, VectorIndex)


def test_reads_before_ensure_collection_are_empty(empty_index: VectorIndex) -> None:
    assert empty_index.count() == 0
    assert empty_index.scroll() == []
    assert empty_index.search_dense(POINTS[0].dense) == []
    assert empty_index.search_sparse(POINTS[0].sparse) == []
    assert empty_index.search_hybrid(POINTS[0].dense, POINTS[0].sparse) == []
    empty_index.delete(PayloadFilter(equals={"kind": "task"}))  # no-op, no error
    with pytest.raises(RuntimeError, match="ensure_collection"):
        empty_index.upsert(POINTS[:1])


def test_ensure_collection_is_idempotent(empty_index: VectorIndex) -> None:
    empty_index.ensure_collection(DIMENSION)
    empty_index.upsert(POINTS)
    empty_index.ensure_collection(DIMENSION)
    assert empty_index.count() == len(POINTS)


def test_ensure_collection_rejects_another_dimension(empty_index: VectorIndex) -> None:
    empty_index.ensure_collection(DIMENSION)
    empty_index.upsert(POINTS[:3])
    with pytest.raises(ConfigurationError, match=r"\d+ chiều"):
        empty_index.ensure_collection(DIMENSION * 2)
    assert empty_index.count() == 3  # still readable as it was


# -- writes ----------------------------------------------------------------------------


def test_upsert_overwrites_by_id(index: VectorIndex) -> None:
    assert index.count() == len(POINTS)
    old = POINTS[5]
    new_payload = {**old.payload, "kind": "revised", "units": ["Sở Tài chính"]}
    index.upsert([IndexPoint(old.id, old.dense, old.sparse, new_payload)])
    assert index.count() == len(POINTS)
    [stored] = index.scroll(PayloadFilter(equals={"clause_id": old.payload["clause_id"]}))
    assert stored.id == old.id
    assert stored.payload["kind"] == "revised"
    assert stored.payload["units"] == ["Sở Tài chính"]
    assert index.count(PayloadFilter(equals={"units": "Sở Tài chính"})) == 1
    # The vectors are replaced too, not only the payload.
    text = "độc nhất vô nhị khác thường"
    dense = EMBEDDER.embed_passages([text])[0]
    index.upsert([IndexPoint(old.id, dense, sparse_document(text), new_payload)])
    assert hit_ids(index.search_sparse(sparse_query(text), limit=1)) == [old.id]
    assert index.search_dense(dense, limit=1)[0].score == pytest.approx(1.0, abs=1e-5)


def test_delete_by_filter(index: VectorIndex) -> None:
    gone = DOCUMENTS[1]
    index.delete(PayloadFilter(equals={"document_id": gone}))
    assert index.count(PayloadFilter(equals={"document_id": gone})) == 0
    assert hit_ids(index.scroll()) == ids_where(lambda p: p["document_id"] != gone)


def test_delete_with_combined_filter(index: VectorIndex) -> None:
    where = PayloadFilter(equals={"kind": "task"}, ranges={"due": (None, 20250601)})
    index.delete(where)
    expected = ids_where(lambda p: not (p["kind"] == "task" and p["due"] <= 20250601))
    assert hit_ids(index.scroll()) == expected


def test_a_delete_matching_nothing_leaves_every_point(index: VectorIndex) -> None:
    index.delete(PayloadFilter(equals={"document_id": "no-such-plan"}))
    assert hit_ids(index.scroll()) == sorted(p.id for p in POINTS)


def test_edge_skips_the_flush_when_a_delete_matches_nothing(tmp_path: Path) -> None:
    """Every ingest deletes the document's other versions; a new document has none, and a
    flush costs as much as the write's own."""

    class Counting:  # the Edge shard, counting its flushes
        def __init__(self, shard: Any) -> None:
            self.shard, self.flushes = shard, 0

        def flush(self) -> None:
            self.flushes += 1
            self.shard.flush()

        def __getattr__(self, name: str) -> Any:
            return getattr(self.shard, name)

    with EdgeIndex(tmp_path, COLLECTION) as index:
        index.ensure_collection(DIMENSION)
        index.upsert(POINTS)
        counting = Counting(index._shard)
        index._shard = counting  # type: ignore[assignment]
        index.delete(PayloadFilter(equals={"document_id": "no-such-plan"}))
        assert counting.flushes == 0
        index.delete(PayloadFilter(equals={"document_id": DOCUMENTS[0]}))
        assert counting.flushes == 1
        assert index.count(PayloadFilter(equals={"document_id": DOCUMENTS[0]})) == 0
        index._shard = counting.shard


def test_empty_filter_delete_clears_everything(index: VectorIndex) -> None:
    index.delete(PayloadFilter())
    assert index.count() == 0


# -- scroll and count with filters -----------------------------------------------------

FILTER_CASES: dict[str, tuple[PayloadFilter, Callable[[Mapping[str, Any]], bool]]] = {
    "equals single": (
        PayloadFilter(equals={"document_id": "tien-giang-466-KH-UBND-2025"}),
        lambda p: p["document_id"] == "tien-giang-466-KH-UBND-2025",
    ),
    "equals any of": (
        PayloadFilter(equals={"kind": ["goal", "indicator"]}),
        lambda p: p["kind"] in ("goal", "indicator"),
    ),
    "list field holds value": (
        PayloadFilter(equals={"units": "Sở Nội vụ"}),
        lambda p: "Sở Nội vụ" in p["units"],
    ),
    "list field holds any of": (
        PayloadFilter(equals={"units": ["Sở Nội vụ", "Công an tỉnh"]}),
        lambda p: bool({"Sở Nội vụ", "Công an tỉnh"} & set(p["units"])),
    ),
    "equals empty list matches nothing": (
        PayloadFilter(equals={"kind": []}),
        lambda p: False,
    ),
    "excludes single": (
        PayloadFilter(excludes={"kind": "task"}),
        lambda p: p["kind"] != "task",
    ),
    "excludes any of on list field": (
        PayloadFilter(excludes={"units": ["Sở Nội vụ", "Văn phòng UBND tỉnh"]}),
        lambda p: not ({"Sở Nội vụ", "Văn phòng UBND tỉnh"} & set(p["units"])),
    ),
    "range both bounds": (
        PayloadFilter(ranges={"due": (20250301, 20250630)}),
        lambda p: 20250301 <= p["due"] <= 20250630,
    ),
    "range lower bound": (
        PayloadFilter(ranges={"due": (20250901, None)}),
        lambda p: p["due"] >= 20250901,
    ),
    "range upper bound": (
        PayloadFilter(ranges={"due": (None, 20250210)}),
        lambda p: p["due"] <= 20250210,
    ),
    "open range is no condition": (
        PayloadFilter(ranges={"due": (None, None)}),
        lambda p: True,
    ),
    "all together": (
        PayloadFilter(
            equals={"document_id": DOCUMENTS[:3]},
            excludes={"kind": "goal"},
            ranges={"due": (20250201, 20251231)},
        ),
        lambda p: (
            p["document_id"] in DOCUMENTS[:3]
            and p["kind"] != "goal"
            and 20250201 <= p["due"] <= 20251231
        ),
    ),
}


@pytest.mark.parametrize("case", FILTER_CASES, ids=list(FILTER_CASES))
def test_scroll_and_count_with_filters(shared_index: VectorIndex, case: str) -> None:
    where, predicate = FILTER_CASES[case]
    expected = ids_where(predicate)
    hits = shared_index.scroll(where)
    assert hit_ids(hits) == expected
    assert all(h.score == 0.0 for h in hits)
    assert shared_index.count(where) == len(expected)
    if case != "equals empty list matches nothing":
        assert expected, "a case that matches nothing tests little"


def test_scroll_is_ordered_by_id_and_limited(shared_index: VectorIndex) -> None:
    everything = shared_index.scroll()
    assert hit_ids(everything) == sorted(p.id for p in POINTS)
    assert shared_index.scroll(limit=7) == everything[:7]
    assert shared_index.scroll(limit=0) == []
    first = everything[0]
    source = next(p for p in POINTS if p.id == first.id)
    assert first.payload == source.payload


def test_filter_rejects_unmatchable_values(shared_index: VectorIndex) -> None:
    with pytest.raises(TypeError, match="only strings and integers"):
        shared_index.count(PayloadFilter(equals={"due": 2.5}))
    with pytest.raises(TypeError, match="not an integer"):
        shared_index.count(PayloadFilter(ranges={"due": ("2025", None)}))  # type: ignore[dict-item]
    with pytest.raises(TypeError, match="mixes strings and integers"):
        shared_index.count(PayloadFilter(equals={"number": ["1", 2]}))


# -- search --------------------------------------------------------------------------------


def query_for(point: IndexPoint) -> tuple[list[float], SparseVector]:
    text = point.payload["text"]
    return EMBEDDER.embed_queries([text])[0], sparse_query(text)


def search(
    index: VectorIndex,
    mode: str,
    dense: list[float],
    sparse: SparseVector,
    where: PayloadFilter | None = None,
    limit: int = 10,
) -> list[ScoredPoint]:
    if mode == "dense":
        return index.search_dense(dense, where, limit)
    if mode == "sparse":
        return index.search_sparse(sparse, where, limit)
    return index.search_hybrid(dense, sparse, where, limit)


@pytest.mark.parametrize("mode", ["dense", "sparse", "hybrid"])
def test_search_finds_a_passage_by_its_own_text(shared_index: VectorIndex, mode: str) -> None:
    for point in POINTS[::7]:
        hits = search(shared_index, mode, *query_for(point), limit=5)
        assert hits[0].id == point.id
        assert hits[0].payload == point.payload
        assert len(hits) == 5
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        if mode == "dense":
            assert hits[0].score == pytest.approx(1.0, abs=1e-5)


@pytest.mark.parametrize("mode", ["dense", "sparse", "hybrid"])
def test_search_respects_filters(shared_index: VectorIndex, mode: str) -> None:
    where = PayloadFilter(
        equals={"units": ["Sở Nội vụ", "UBND các xã, phường"]},
        excludes={"kind": "indicator"},
        ranges={"due": (20250115, None)},
    )
    allowed = set(
        ids_where(
            lambda p: (
                bool({"Sở Nội vụ", "UBND các xã, phường"} & set(p["units"]))
                and p["kind"] != "indicator"
                and p["due"] >= 20250115
            )
        )
    )
    dense, sparse = query_for(POINTS[0])
    hits = search(shared_index, mode, dense, sparse, where, limit=50)
    assert hits
    assert {h.id for h in hits} <= allowed
    if mode != "sparse":  # sparse only finds passages sharing a word with the query
        assert {h.id for h in hits} == allowed


def test_sparse_search_without_shared_words_finds_nothing(shared_index: VectorIndex) -> None:
    assert shared_index.search_sparse(sparse_query("zzzqqq xxyyzz")) == []
    assert shared_index.search_sparse(SparseVector((), ())) == []


def test_hybrid_fuses_both_rankings(shared_index: VectorIndex) -> None:
    """A passage found by only one of the two prefetches still shows up in the fusion."""
    dense = EMBEDDER.embed_queries([POINTS[3].payload["text"]])[0]
    sparse = sparse_query(POINTS[20].payload["text"])
    fused = hit_ids(shared_index.search_hybrid(dense, sparse, limit=4, prefetch_limit=10))
    assert POINTS[3].id in fused[:2]
    assert POINTS[20].id in fused[:2]


def test_search_limit_zero(shared_index: VectorIndex) -> None:
    assert shared_index.search_dense(POINTS[0].dense, limit=0) == []


# -- Qdrant Edge only: persistence, locking, factory -----------------------------------

HOLDER_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from ingest.index.edge import EdgeIndex

    index = EdgeIndex(Path(sys.argv[1]), sys.argv[2])
    print("ready", flush=True)
    sys.stdin.readline()  # hold the index until the test says so
    index.close()
    """
)

OPENER_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from ingest.errors import IndexLockedError
    from ingest.index.edge import EdgeIndex

    try:
        index = EdgeIndex(Path(sys.argv[1]), sys.argv[2])
    except IndexLockedError as exc:
        print("locked:", exc)
        sys.exit(3)
    print("count:", index.count())
    index.close()
    """
)


def run_python(script: str, *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        **kwargs,
    )


def test_edge_data_persists_across_reopen_and_processes(tmp_path: Path) -> None:
    with EdgeIndex(tmp_path, COLLECTION) as index:
        index.ensure_collection(DIMENSION)
        index.upsert(POINTS)
        index.delete(PayloadFilter(equals={"document_id": DOCUMENTS[0]}))
        expected = index.count()
    with EdgeIndex(tmp_path, COLLECTION) as reopened:
        assert reopened.count() == expected
        hits = reopened.search_hybrid(*query_for(POINTS[-1]), limit=3)
        assert hits[0].id == POINTS[-1].id
    result = run_python(OPENER_SCRIPT, str(tmp_path), COLLECTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"count: {expected}"


def test_edge_lock_names_the_holding_process(tmp_path: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER_SCRIPT, str(tmp_path), COLLECTION],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdin is not None
            assert holder.stdout.readline().strip() == "ready"
            with pytest.raises(IndexLockedError) as caught:
                EdgeIndex(tmp_path, COLLECTION)
            message = str(caught.value)
            assert f"(pid {holder.pid} (python -c … {tmp_path} {COLLECTION}))" in message
            assert (
                f"Chỉ mục tại {tmp_path / COLLECTION} đang được một tiến trình khác dùng" in message
            )
            assert "--home" in message
            holder.stdin.write("\n")
            holder.stdin.flush()
            assert holder.wait(timeout=30) == 0
        finally:
            if holder.poll() is None:
                holder.kill()
    with EdgeIndex(tmp_path, COLLECTION) as index:  # free again once the holder is gone
        assert index.count() == 0


def test_edge_second_process_is_refused_while_we_hold_it(tmp_path: Path) -> None:
    with EdgeIndex(tmp_path, COLLECTION) as index:
        index.ensure_collection(DIMENSION)
        result = run_python(OPENER_SCRIPT, str(tmp_path), COLLECTION)
        assert result.returncode == 3, result.stderr
        assert f"(pid {os.getpid()}" in result.stdout


def test_edge_creates_the_payload_indexes(tmp_path: Path) -> None:
    import qdrant_edge

    with EdgeIndex(tmp_path, COLLECTION) as index:
        index.ensure_collection(DIMENSION)
    shard = qdrant_edge.EdgeShard.load(str(tmp_path / COLLECTION))
    try:
        schema = {name: info.data_type for name, info in shard.info().payload_schema.items()}
    finally:
        shard.close()
    keyword, integer = qdrant_edge.PayloadSchemaType.Keyword, qdrant_edge.PayloadSchemaType.Integer
    assert schema == {
        **{name: keyword for name in INDEXED_KEYWORD_FIELDS},
        **{name: integer for name in INDEXED_INTEGER_FIELDS},
    }


def test_edge_lock_in_the_same_process_and_release_on_close(tmp_path: Path) -> None:
    first = EdgeIndex(tmp_path, COLLECTION)
    with pytest.raises(IndexLockedError, match="chính tiến trình này"):
        EdgeIndex(tmp_path, COLLECTION)
    first.close()
    first.close()  # twice is fine
    EdgeIndex(tmp_path, COLLECTION).close()


def test_edge_collections_lock_separately(tmp_path: Path) -> None:
    with EdgeIndex(tmp_path, "one"), EdgeIndex(tmp_path, "two"):
        pass


def test_open_index_defaults_to_edge(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, qdrant_url=None, collection=COLLECTION)
    index = open_index(settings)
    try:
        assert isinstance(index, EdgeIndex)
        index.ensure_collection(DIMENSION)
        assert (settings.index_dir / COLLECTION / "edge_config.json").is_file()
    finally:
        index.close()


def test_open_index_uses_the_server_when_a_url_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ingest.index import server

    calls: list[tuple[str, str | None, str]] = []

    def fake_from_url(url: str, api_key: str | None, collection: str) -> str:
        calls.append((url, api_key, collection))
        return "server index"

    monkeypatch.setattr(server.ServerIndex, "from_url", staticmethod(fake_from_url))
    settings = Settings(
        home=tmp_path, qdrant_url="http://qdrant:6333", qdrant_api_key="k", collection="c"
    )
    assert open_index(settings) == "server index"
    assert calls == [("http://qdrant:6333", "k", "c")]
    assert not settings.index_dir.exists()


def test_grouped_hybrid_gives_each_document_once_best_first(shared_index: VectorIndex) -> None:
    """The engine groups the fused search by document: one group per plan, the plan of the
    best hit first, each group's hits that plan's own, never more than asked."""
    point = POINTS[5]
    dense, sparse = query_for(point)
    groups = shared_index.search_hybrid_groups(dense, sparse, "document_id", 3, group_size=2)
    keys = [g.key for g in groups]
    assert len(keys) == len(set(keys)) == min(3, len(DOCUMENTS))
    assert keys[0] == point.payload["document_id"]
    assert groups[0].hits[0].id == point.id
    for group in groups:
        assert 1 <= len(group.hits) <= 2
        assert all(h.payload["document_id"] == group.key for h in group.hits)


def test_grouped_hybrid_respects_filters_and_finds_every_document(
    shared_index: VectorIndex,
) -> None:
    dense, sparse = query_for(POINTS[0])
    everything = shared_index.search_hybrid_groups(dense, sparse, "document_id", 100)
    assert sorted(g.key for g in everything) == DOCUMENTS
    where = PayloadFilter(excludes={"document_id": DOCUMENTS[0]})
    rest = shared_index.search_hybrid_groups(dense, sparse, "document_id", 100, where=where)
    assert sorted(g.key for g in rest) == DOCUMENTS[1:]
    assert shared_index.search_hybrid_groups(dense, sparse, "document_id", 0) == []


def test_batched_searches_equal_one_search_per_filter(shared_index: VectorIndex) -> None:
    """A dense and a lexical batch, a plan filter per request, give what one search per
    filter gives (the same points in the same order; scores up to the engines' float
    noise, which `retrieval.fusion` treats as ties)."""
    dense, sparse = query_for(POINTS[9])
    wheres: list[PayloadFilter | None] = [
        PayloadFilter(equals={"document_id": [d]}) for d in DOCUMENTS
    ]
    wheres.append(None)

    def same(batched: list[list[ScoredPoint]], one_by_one: list[list[ScoredPoint]]) -> None:
        assert [[p.id for p in hits] for hits in batched] == [
            [p.id for p in hits] for hits in one_by_one
        ]
        for got, want in zip(batched, one_by_one, strict=True):
            assert [p.score for p in got] == pytest.approx([p.score for p in want], rel=1e-6)
            assert [p.payload for p in got] == [p.payload for p in want]

    same(
        shared_index.search_dense_batch(dense, wheres, limit=4),
        [shared_index.search_dense(dense, w, limit=4) for w in wheres],
    )
    same(
        shared_index.search_sparse_batch(sparse, wheres, limit=4),
        [shared_index.search_sparse(sparse, w, limit=4) for w in wheres],
    )
    assert shared_index.search_dense_batch(dense, [], limit=4) == []
    assert shared_index.search_sparse_batch(sparse, wheres[:2], limit=0) == [[], []]


def test_searches_without_payloads_and_points_read_by_id(shared_index: VectorIndex) -> None:
    """A batch asked for no payload fields gives the same hits, ids and scores only; their
    payloads are read by id afterwards, whole or some fields, in the order asked."""
    dense, sparse = query_for(POINTS[9])
    where = [PayloadFilter(equals={"document_id": [DOCUMENTS[0]]})]
    bare = shared_index.search_dense_batch(dense, where, limit=5, fields=())[0]
    full = shared_index.search_dense_batch(dense, where, limit=5)[0]
    assert [p.id for p in bare] == [p.id for p in full]
    assert all(p.payload == {} for p in bare)
    assert [p.id for p in shared_index.search_sparse_batch(sparse, where, 5, fields=())[0]] == [
        p.id for p in shared_index.search_sparse_batch(sparse, where, 5)[0]
    ]
    asked = [full[2].id, "00000000-0000-0000-0000-000000000000", full[0].id]
    read = shared_index.retrieve(asked)
    assert [p.id for p in read] == [full[2].id, full[0].id]
    assert [p.payload for p in read] == [full[2].payload, full[0].payload]
    some = shared_index.retrieve(asked, ["clause_id", "number"])
    assert [p.payload for p in some] == [
        {"clause_id": p.payload["clause_id"], "number": p.payload["number"]}
        for p in (full[2], full[0])
    ]
    assert shared_index.retrieve([]) == []


def test_grouped_hits_carry_the_grouping_field_only(shared_index: VectorIndex) -> None:
    dense, sparse = query_for(POINTS[5])
    groups = shared_index.search_hybrid_groups(dense, sparse, "document_id", 3, group_size=2)
    assert groups
    assert all(h.payload == {"document_id": g.key} for g in groups for h in g.hits)


def test_values_of_a_keyword_field_are_every_stored_one(shared_index: VectorIndex) -> None:
    assert shared_index.values("document_id") == set(DOCUMENTS)
