"""Search results in one order in every home: near-tied hits are ordered by where their
clause stands, never by point id (ids differ between homes) or by the engine's float noise."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from ingest.index import PayloadFilter, ScoredPoint
from ingest.lexical import LexicalEncoder
from retrieval.fusion import NEAR_TIE, PREFETCH, fuse, ordered
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
