"""Per-system summaries of scored rows: means per type, abstention rates, ours/baseline ratios."""

from __future__ import annotations

from collections.abc import Sequence

from eval.metrics.abstention import abstention_f1, abstention_precision, abstention_recall
from eval.metrics.aggregate import OVERALL, QuestionResult, aggregate
from eval.result import QuestionRow, SystemReport

RATIO_METRICS = ("hit@3", "mrr")


def summarize_system(name: str, rows: Sequence[QuestionRow], seconds: float) -> SystemReport:
    """Aggregate one system's rows by question type and overall."""
    mine = [r for r in rows if r.system == name]
    results = [QuestionResult(r.id, r.type, r.scores, r.tags) for r in mine]
    pairs = [(r.abstained, r.should_abstain) for r in mine]
    abstention = {
        "precision": abstention_precision(pairs),
        "recall": abstention_recall(pairs),
        "f1": abstention_f1(pairs),
    }
    return SystemReport(name, aggregate(results), abstention, seconds)


def ratios(
    reports: dict[str, SystemReport], ours: str, metrics: Sequence[str] = RATIO_METRICS
) -> dict[str, dict[str, float | None]]:
    """Ours / baseline for each baseline and metric (None when the baseline scores 0)."""
    mine = reports[ours].by_type[OVERALL].means
    out: dict[str, dict[str, float | None]] = {}
    for name, report in reports.items():
        if name == ours:
            continue
        theirs = report.by_type[OVERALL].means
        out[name] = {
            m: (mine[m] / theirs[m]) if theirs.get(m) and m in mine else None for m in metrics
        }
    return out
