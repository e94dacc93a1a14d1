"""A PNG chart of accuracy and hit@3 per question type, ours vs the baselines."""

from __future__ import annotations

from pathlib import Path

from eval.metrics.aggregate import OVERALL
from eval.result import EvalResult

# accuracy: key-fact accuracy, or 1/0 for abstaining where the plans have no answer.
CHART_METRICS = (("accuracy", "accuracy"), ("hit@3", "retrieval hit@3"))


def write_chart(result: EvalResult, path: Path) -> Path:
    """Grouped bars per question type (and overall), one panel per metric; Agg backend."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    names = list(result.systems)
    types = [t for t in result.systems[result.ours].by_type if t != OVERALL] + [OVERALL]
    figure = Figure(figsize=(max(8.0, 0.9 * len(types) + 3), 7.5), layout="constrained")
    axes = figure.subplots(len(CHART_METRICS), 1, sharex=True)
    width = 0.8 / len(names)
    for ax, (metric, label) in zip(axes, CHART_METRICS, strict=True):
        for i, name in enumerate(names):
            by_type = result.systems[name].by_type
            values = [by_type[t].means.get(metric, 0.0) if t in by_type else 0.0 for t in types]
            xs = [x + (i - (len(names) - 1) / 2) * width for x in range(len(types))]
            ax.bar(xs, values, width, label=name)
        ax.set_ylim(0, 1.05)
        ax.set_ylabel(label)
        ax.grid(axis="y", alpha=0.3)
    axes[0].legend(loc="upper right", fontsize="small")
    axes[0].set_title(f"kehoach vs baselines on {result.questions} gold questions")
    axes[-1].set_xticks(range(len(types)), types, rotation=30, ha="right")
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    return path
