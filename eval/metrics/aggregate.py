"""Aggregate per-question scores per question type (or tag, or document) and overall.

A question's scores are a mapping metric name → value, where a value is a float, a bool
(counted as 1.0/0.0) or None (the metric does not apply, e.g. retrieval metrics for an
unanswerable question); None values are left out of that metric's mean and its count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

Score = float | bool | None
OVERALL = "overall"


@dataclass(frozen=True)
class QuestionResult:
    """The scores of one gold question."""

    id: str
    type: str
    scores: Mapping[str, Score]
    tags: tuple[str, ...] = ()
    document: str | None = None


@dataclass(frozen=True)
class GroupSummary:
    """Means of each metric over one group, with how many questions each mean covers."""

    n: int
    means: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def summarize(results: Sequence[QuestionResult]) -> GroupSummary:
    """Mean of every metric over ``results``, skipping None values."""
    totals: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for result in results:
        for name, value in result.scores.items():
            if value is None:
                continue
            totals[name] += float(value)
            counts[name] += 1
    means = {name: totals[name] / counts[name] for name in sorted(counts)}
    return GroupSummary(n=len(results), means=means, counts=dict(sorted(counts.items())))


def group_by(
    results: Iterable[QuestionResult], keys: Callable[[QuestionResult], Iterable[str]]
) -> dict[str, list[QuestionResult]]:
    """Group results; ``keys`` gives each result's groups (a result may be in several)."""
    groups: dict[str, list[QuestionResult]] = defaultdict(list)
    for result in results:
        for key in keys(result):
            groups[key].append(result)
    return dict(sorted(groups.items()))


def by_type(result: QuestionResult) -> tuple[str]:
    """Group key: the question type."""
    return (result.type,)


def by_tag(result: QuestionResult) -> tuple[str, ...]:
    """Group keys: each of the question's tags (untagged questions are in no group)."""
    return result.tags


def by_document(result: QuestionResult) -> tuple[str]:
    """Group key: the targeted document, or ``"(none)"``."""
    return (result.document or "(none)",)


def aggregate(
    results: Sequence[QuestionResult],
    keys: Callable[[QuestionResult], Iterable[str]] = by_type,
) -> dict[str, GroupSummary]:
    """Summaries per group (per question type by default) plus ``"overall"``."""
    summaries = {key: summarize(group) for key, group in group_by(results, keys).items()}
    summaries[OVERALL] = summarize(results)
    return summaries
