"""The quality gate: our overall metrics must reach the minimums in ``thresholds.toml``."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

from eval.result import EvalResult

THRESHOLDS_PATH = Path(__file__).resolve().parent / "thresholds.toml"


def load_thresholds(path: Path = THRESHOLDS_PATH) -> dict[str, float]:
    """The ``[minimum]`` table: metric name → lowest acceptable overall value."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {str(k): float(v) for k, v in data["minimum"].items()}


def check_thresholds(
    result: EvalResult, thresholds: Mapping[str, float] | None = None
) -> list[str]:
    """Violations of the minimums by OUR system's overall metrics (empty when it passes)."""
    minimums = load_thresholds() if thresholds is None else thresholds
    measured = result.systems[result.ours].overall()
    violations: list[str] = []
    for metric, minimum in minimums.items():
        value = measured.get(metric)
        if value is None:
            violations.append(f"{metric}: not measured (threshold {minimum:.3f})")
        elif value < minimum:
            violations.append(f"{metric}: {value:.3f} < threshold {minimum:.3f}")
    return violations
