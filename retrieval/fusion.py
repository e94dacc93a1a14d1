"""Dense and lexical hits fused into one ranking that is the same in every home.

An engine breaks score ties by point id, and point ids carry the random id of the write
that stored a plan (`ingest.pipeline.new_version`); its lexical scores can also differ in
their last bits between two homes holding the same plans (float sums in the engine). Left
to the engine, tied or nearly tied clauses swap places from one home to another, their
reciprocal ranks change, and so can the answer. Here each list is ordered by score with
near ties broken by where the clause stands (plan, then position), and the reciprocal rank
fusion is done on those ranks.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ingest.index.protocol import ScoredPoint

RRF_K = 2  # as the engines fuse: score = Σ 1 / (RRF_K + rank), ranks from 0
PREFETCH = 50  # hits of each kind that take part in the fusion
# Hits fetched beyond PREFETCH, so that the clauses tied at the cut are all seen.
PREFETCH_MARGIN = 16
# Scores this close (relative) are ties: engine float noise is ~1e-7, real gaps are larger.
NEAR_TIE = 1e-5


# the payload fields `clause_order` reads (a search may return only these)
ORDER_FIELDS = ("document_id", "start", "clause_id")


def clause_order(point: ScoredPoint) -> tuple[str, int, str, str]:
    """Where a point's clause stands: plan id, start offset, clause id (then point id)."""
    payload = point.payload
    return (
        str(payload.get("document_id", "")),
        int(payload.get("start") or 0),
        str(payload.get("clause_id", "")),
        point.id,
    )


def _runs(points: Sequence[ScoredPoint]) -> Iterator[list[ScoredPoint]]:
    """The points best score first, in runs of near-tied scores."""
    run: list[ScoredPoint] = []
    for point in sorted(points, key=lambda p: -p.score):
        if run and run[0].score - point.score > NEAR_TIE * max(abs(run[0].score), 1e-9):
            yield run
            run = []
        run.append(point)
    if run:
        yield run


def ordered(points: Sequence[ScoredPoint]) -> list[ScoredPoint]:
    """Best score first; runs of near-tied scores in clause order."""
    return [point for run in _runs(points) for point in sorted(run, key=clause_order)]


def tied(points: Sequence[ScoredPoint]) -> list[ScoredPoint]:
    """The points whose place in `ordered` depends on where their clause stands (those in
    a run of near-tied scores): the only hits whose ORDER_FIELDS the fusion reads; `fuse`
    never needs them otherwise (two clauses with equal fused scores differ in ranks)."""
    return [point for run in _runs(points) if len(run) > 1 for point in run]


def fuse(
    dense: Sequence[ScoredPoint], sparse: Sequence[ScoredPoint], limit: int
) -> list[ScoredPoint]:
    """Reciprocal rank fusion of the best PREFETCH hits of each list, best first. Fused
    scores tie whenever two clauses hold the same ranks the other way round (first in one
    list, absent from the other): the better lexical rank goes first (the words asked were
    found), then the better dense rank, then the clause order."""
    fused: dict[str, float] = {}
    points: dict[str, ScoredPoint] = {}
    ranks: dict[str, list[int]] = {}
    for kind, hits in enumerate((sparse, dense)):
        for rank, point in enumerate(ordered(hits)[:PREFETCH]):
            fused[point.id] = fused.get(point.id, 0.0) + 1.0 / (RRF_K + rank)
            points.setdefault(point.id, point)
            ranks.setdefault(point.id, [PREFETCH, PREFETCH])[kind] = rank
    scored = sorted(
        (ScoredPoint(pid, score, points[pid].payload) for pid, score in fused.items()),
        key=lambda p: (-p.score, *ranks[p.id], clause_order(p)),
    )
    return scored[:limit]
