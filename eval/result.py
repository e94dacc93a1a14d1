"""The evaluation's result: per-question rows and per-system summaries, JSON-ready."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eval.metrics.aggregate import OVERALL, GroupSummary, Score


@dataclass(frozen=True)
class QuestionRow:
    """One system's answer to one gold question, with its scores and why it failed."""

    id: str
    type: str
    system: str
    question: str
    answer: str
    abstained: bool
    should_abstain: bool
    scores: dict[str, Score]
    failures: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    intent: str | None = None
    error: str | None = None
    cited: tuple[str, ...] = ()  # "document_id [start:end] quote…", for error analysis
    top_retrieved: tuple[str, ...] = ()  # "document_id: text…" of the top 3

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def first_line(self) -> str:
        return self.answer.strip().splitlines()[0] if self.answer.strip() else ""


@dataclass(frozen=True)
class SystemReport:
    """Means per question type (plus ``"overall"``), abstention P/R/F1 and the time taken."""

    name: str
    by_type: dict[str, GroupSummary]
    abstention: dict[str, float]
    seconds: float

    def overall(self) -> dict[str, float]:
        """Overall means merged with the abstention rates (``abstention_precision`` …)."""
        merged = dict(self.by_type[OVERALL].means)
        merged.update({f"abstention_{k}": v for k, v in self.abstention.items()})
        return merged


@dataclass
class EvalResult:
    """Everything one run measured; ``systems`` is ordered with our system first."""

    questions: int
    systems: dict[str, SystemReport]
    rows: list[QuestionRow]
    ratios: dict[str, dict[str, float | None]]
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    batch: str | None = None  # the registered blind batch evaluated, if any
    blind: dict[str, Any] | None = None  # that batch's first-run (blind) figures

    def ours_figures(self) -> dict[str, Any]:
        """Our overall and per-type means, as ``blind`` holds them (for side by side)."""
        report = self.systems[self.ours]
        return {
            "overall": report.overall(),
            "by_type": {k: dict(v.means, n=v.n) for k, v in report.by_type.items()},
        }

    @property
    def ours(self) -> str:
        return next(iter(self.systems))

    def failing(self, system: str | None = None) -> list[QuestionRow]:
        """The rows of ``system`` (ours by default) that failed, in gold order."""
        name = system or self.ours
        return [r for r in self.rows if r.system == name and not r.passed]

    def to_json(self) -> dict[str, Any]:
        return {
            "questions": self.questions,
            "systems": {
                name: {
                    "overall": report.overall(),
                    "by_type": {k: asdict(v) for k, v in report.by_type.items()},
                    "abstention": report.abstention,
                    "seconds": report.seconds,
                }
                for name, report in self.systems.items()
            },
            "ratios": self.ratios,
            "batch": self.batch,
            "blind_baseline": self.blind,
            "notes": self.notes,
            "timings": self.timings,
            "rows": [
                {**asdict(row), "passed": row.passed, "first_line": row.first_line}
                for row in self.rows
            ],
        }
