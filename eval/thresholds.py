"""The quality gate: our overall metrics must reach the minimums in ``thresholds.toml`` and
stay under its maximums (the confident-wrong rate)."""

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


def load_type_thresholds(path: Path = THRESHOLDS_PATH) -> dict[str, float]:
    """The ``[minimum_key_facts_by_type]`` table: question type → lowest key-fact accuracy."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {str(k): float(v) for k, v in data.get("minimum_key_facts_by_type", {}).items()}


def load_maximum_thresholds(path: Path = THRESHOLDS_PATH) -> dict[str, float]:
    """The ``[maximum]`` table: metric name → highest acceptable overall value (rates of
    bad outcomes, such as ``confident_wrong``)."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {str(k): float(v) for k, v in data.get("maximum", {}).items()}


def check_thresholds(
    result: EvalResult,
    thresholds: Mapping[str, float] | None = None,
    type_thresholds: Mapping[str, float] | None = None,
    maximums: Mapping[str, float] | None = None,
) -> list[str]:
    """Violations by OUR system's metrics (empty when it passes): overall values below
    their minimum or above their maximum, and key-fact accuracy per question type."""
    minimums = load_thresholds() if thresholds is None else thresholds
    per_type = load_type_thresholds() if type_thresholds is None else type_thresholds
    ceilings = load_maximum_thresholds() if maximums is None else maximums
    measured = result.systems[result.ours].overall()
    violations: list[str] = []
    for metric, maximum in ceilings.items():
        value = measured.get(metric)
        if value is None:
            violations.append(f"{metric}: not measured (maximum {maximum:.3f})")
        elif value > maximum:
            violations.append(f"{metric}: {value:.3f} > maximum {maximum:.3f}")
    for metric, minimum in minimums.items():
        value = measured.get(metric)
        if value is None:
            violations.append(f"{metric}: not measured (threshold {minimum:.3f})")
        elif value < minimum:
            violations.append(f"{metric}: {value:.3f} < threshold {minimum:.3f}")
    by_type = result.systems[result.ours].by_type
    for question_type, minimum in per_type.items():
        group = by_type.get(question_type)
        value = group.means.get("key_facts") if group is not None else None
        if value is None:
            violations.append(f"key_facts[{question_type}]: not measured (threshold {minimum:.3f})")
        elif value < minimum:
            violations.append(f"key_facts[{question_type}]: {value:.3f} < threshold {minimum:.3f}")
    return violations
