"""Search results in one order in every home: near-tied hits are ordered by where their
clause stands, never by point id (ids differ between homes) or by the engine's float noise."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from ingest.index import PayloadFilter, ScoredPoint
from ingest.lexical import LexicalEncoder
from retrieval.fusion import NEAR_TIE, PREFETCH, fuse, ordered, tied
from retrieval.search import ClauseSearch
from tests.conftest import ingested_runtime


def point(pid: str, score: float, doc: str, start: int) -> ScoredPoint:
    payload = {
        "clause_id": f"{doc}:{start}",
        "document_id": doc,
        "kind": "item",
        "path": "",
        "text": f"khoản {start}",
        "start": start,
        "end": start + 10,
    }
    return ScoredPoint(pid, score, payload)


def clause_ids(points: Sequence[ScoredPoint]) -> list[str]:
    return [p.payload["clause_id"] for p in points]


def test_near_ties_follow_the_plan_order_whatever_the_ids() -> None:
    home_a = [point("z", 0.9, "b", 10), point("y", 0.9, "a", 50), point("x", 0.5, "a", 5)]
    # the same clauses in another home: other point ids, last-bit noise on a score
    home_b = [point("1", 0.5, "a", 5), point("2", 0.9 * (1 - NEAR_TIE / 10), "a", 50)]
    home_b.append(point("3", 0.9, "b", 10))
    assert clause_ids(ordered(home_a)) == clause_ids(ordered(home_b)) == ["a:50", "b:10", "a:5"]


def test_a_real_score_gap_is_kept() -> None:
    hits = [point("a", 0.80, "z", 1), point("b", 0.81, "a", 1)]
    assert clause_ids(ordered(hits)) == ["a:1", "z:1"]


def test_fusion_is_the_same_for_shuffled_and_noisy_inputs() -> None:
    """Another home: other point ids, other order of tied hits, last-bit score noise."""
    rng = random.Random(7)
    dense = [point(f"d{i}", 1.0 - (i // 3) / 10, "doc", i) for i in range(30)]
    sparse = [point(f"d{i}", 20.0 - (i // 4), "doc", i) for i in range(0, 60, 2)]
    expected = clause_ids(fuse(dense, sparse, limit=15))

    def elsewhere(hits: list[ScoredPoint], ids: dict[str, str]) -> list[ScoredPoint]:
        out = [
            point(ids[p.id], p.score * (1 + rng.uniform(-1e-7, 1e-7)), "doc", p.payload["start"])
            for p in hits
        ]
        rng.shuffle(out)
        return out

    for _ in range(20):
        ids = {f"d{i}": f"h{rng.random()}" for i in range(60)}
        assert clause_ids(fuse(elsewhere(dense, ids), elsewhere(sparse, ids), 15)) == expected


def test_tied_names_the_points_in_near_tied_runs() -> None:
    hits = [point("a", 0.9, "d", 1), point("b", 0.9 * (1 - NEAR_TIE / 10), "d", 2)]
    hits += [point("c", 0.5, "d", 3), point("e", 0.3, "d", 4), point("f", 0.3, "d", 5)]
    assert sorted(p.id for p in tied(hits)) == ["a", "b", "e", "f"]
    assert tied([point("a", 0.9, "d", 1)]) == []


def test_fusion_reads_order_fields_of_tied_hits_only() -> None:
    """Hits whose ORDER_FIELDS are known only where `tied` says the fusion reads them fuse
    as hits with their whole payloads do."""
    rng = random.Random(3)
    for _ in range(50):
        dense = [point(f"d{i}", rng.choice((0.9, 0.8, 0.7)) - i / 1e3, "x", i) for i in range(70)]
        sparse = [point(f"d{i}", float(rng.randint(1, 6)), "x", i) for i in range(0, 90, 2)]
        rng.shuffle(sparse)
        keep = {p.id for hits in (dense, sparse) for p in tied(hits)}

        def bare(hits: list[ScoredPoint], keep: set[str] = keep) -> list[ScoredPoint]:
            return [p if p.id in keep else ScoredPoint(p.id, p.score, {}) for p in hits]

        whole = fuse(dense, sparse, 20)
        assert [p.id for p in fuse(bare(dense), bare(sparse), 20)] == [p.id for p in whole]


def test_fusion_uses_reciprocal_ranks_of_the_prefetched_hits() -> None:
    dense = [point("a", 0.9, "d", 1), point("b", 0.8, "d", 2)]
    sparse = [point("b", 5.0, "d", 2)]
    fused = fuse(dense, sparse, limit=5)
    assert clause_ids(fused) == ["d:2", "d:1"]  # 1/3 + 1/2 beats 1/2
    assert [round(p.score, 6) for p in fused] == [round(1 / 3 + 1 / 2, 6), 0.5]
    deep = [point(f"p{i}", 1.0 - i / 1000, "d", i) for i in range(PREFETCH + 5)]
    assert len(fuse(deep, [], limit=PREFETCH + 5)) == PREFETCH


class _ShufflingIndex:
    """An index that returns its points in a different order on every call, as two homes
    with different point ids would."""

    def __init__(self, points: Sequence[ScoredPoint], seed: int) -> None:
        self._points = list(points)
        self._rng = random.Random(seed)

    def _shuffled(self) -> list[ScoredPoint]:
        out = list(self._points)
        self._rng.shuffle(out)
        return out

    def scroll(self, where: PayloadFilter | None = None, limit: int = 10_000) -> list[ScoredPoint]:
        return self._shuffled()

    def search_dense(
        self, vector: object, where: object = None, limit: int = 10
    ) -> list[ScoredPoint]:
        return sorted(self._shuffled(), key=lambda p: -p.score)[:limit]

    def search_sparse(
        self, vector: object, where: object = None, limit: int = 10
    ) -> list[ScoredPoint]:
        return sorted(self._shuffled(), key=lambda p: -p.score)[:limit]

    def _batch(
        self, wheres: Sequence[object], limit: int, fields: Sequence[str] | None
    ) -> list[list[ScoredPoint]]:
        return [
            [_only(p, fields) for p in sorted(self._shuffled(), key=lambda p: -p.score)[:limit]]
            for _ in wheres
        ]

    def search_dense_batch(
        self,
        vector: object,
        wheres: Sequence[object],
        limit: int = 10,
        fields: Sequence[str] | None = None,
    ) -> list[list[ScoredPoint]]:
        return self._batch(wheres, limit, fields)

    def search_sparse_batch(
        self,
        vector: object,
        wheres: Sequence[object],
        limit: int = 10,
        fields: Sequence[str] | None = None,
    ) -> list[list[ScoredPoint]]:
        return self._batch(wheres, limit, fields)

    def retrieve(
        self, ids: Sequence[str], fields: Sequence[str] | None = None
    ) -> list[ScoredPoint]:
        by_id = {p.id: p for p in self._shuffled()}
        return [_only(ScoredPoint(i, 0.0, by_id[i].payload), fields) for i in ids if i in by_id]


def _only(point: ScoredPoint, fields: Sequence[str] | None) -> ScoredPoint:
    """The point with these payload fields only (None: all), as an engine returns it."""
    if fields is None:
        return point
    return ScoredPoint(point.id, point.score, {k: point.payload[k] for k in fields})


def test_clause_search_gives_one_order_whatever_the_index_returns() -> None:
    points = [point(f"p{i}", 0.5 if i % 2 else 0.7, f"doc{i % 3}", i * 10) for i in range(12)]
    found = []
    for seed in range(5):
        search = ClauseSearch(_ShufflingIndex(points, seed), lambda _: [0.0], LexicalEncoder())  # type: ignore[arg-type]
        found.append(
            (
                [c.clause_id for c in search.document_clauses("doc1")],
                [c.clause.clause_id for c in search.hybrid("khoản", limit=8)],
            )
        )
    assert all(f == found[0] for f in found)
    assert found[0][0] == sorted(
        found[0][0], key=lambda cid: (cid.split(":")[0], int(cid.split(":")[1]))
    )


PLANS = Path(__file__).resolve().parent / "plans"
QUESTIONS = (
    "Ai chủ trì số hóa hồ sơ, kết quả giải quyết TTHC?",
    "nhiem vu nao co thoi han thuong xuyen",
    "Công an tỉnh phối hợp những nhiệm vụ nào?",
)


def test_two_homes_holding_the_same_plans_order_and_answer_alike(tmp_path: Path) -> None:
    """Each home stores the plans under its own random write ids, hence other point ids."""
    seen = []
    for home in ("a", "b"):
        with ingested_runtime(tmp_path / home, [PLANS]) as runtime:
            assistant = runtime.assistant()
            search = assistant.search
            seen.append(
                (
                    [c.clause_id for c in search.document_clauses("quang-tri-125-KH-UBND-2025")],
                    [c.clause.clause_id for c in search.hybrid("nhiệm vụ dữ liệu", limit=15)],
                    [assistant.ask(q).answer for q in QUESTIONS],
                )
            )
    assert seen[0] == seen[1]


def test_batched_search_per_plan_equals_one_fused_search_per_plan(tmp_path: Path) -> None:
    """`hybrid_each` (a dense and a lexical batch, a plan filter per request) ranks each
    plan's clauses as `hybrid` restricted to that plan does."""
    with ingested_runtime(tmp_path / "home", [PLANS]) as runtime:
        search = runtime.assistant().search
        plans = sorted(runtime.catalog.entries)
        for text in ("nhiệm vụ dữ liệu", QUESTIONS[0]):
            each = search.hybrid_each(text, plans, limit=10)
            assert list(each) == plans
            for doc_id in plans:
                one = search.hybrid(text, [doc_id], limit=10)
                assert [c.clause.clause_id for c in each[doc_id]] == [
                    c.clause.clause_id for c in one
                ]
                assert [c.score for c in each[doc_id]] == [c.score for c in one]
        assert search.hybrid_each("dữ liệu", []) == {}
