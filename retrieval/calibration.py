"""The calibrated confidence of an answer: the chance it is right, read from a small table.

`retrieval.confidence.score` measures how much of the question the cited clauses cover
(topic concepts, and a factor for each asked part they miss: figure, unit, period, time).
That raw score is not a probability. The table in `calibration.json` maps it to the share of
answers that were right at that score on the evaluation's questions (the gold set and the
blind batches), fitted by isotonic regression in four groups: answers settled by structure
(a clause number, a table, the document's facts), search answers covering every asked part,
search answers with only a soft sign of doubt (a period not restated, a rival clause, a thin
topic), and search answers missing an asked part. `python -m eval.calibrate` refits it. The
thresholds of the table choose between answering, answering with "Có thể", and abstaining
(`Calibration.decide`).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

TABLE_PATH = Path(__file__).with_name("calibration.json")
GROUPS = ("structured", "covered", "soft", "unmet")
# the unmet parts that are only signs of doubt, not an asked part missing: a plan's own year
# is often not restated in its clauses; a rival clause and a thin topic lower the score only
SOFT = frozenset(["period", "rival", "topic"])


class Decision(StrEnum):
    """What is done with an answer: stated, stated with "Có thể", or declined with the
    closest clauses as candidates."""

    ANSWER = "answer"
    HEDGE = "hedge"
    ABSTAIN = "abstain"


@dataclass(frozen=True)
class Evidence:
    """What the calibrated score is read from: the raw coverage score, whether structure
    settled the answer, and the asked parts the cited clauses do not state."""

    raw: float
    structured: bool
    unmet: tuple[str, ...] = ()

    @property
    def group(self) -> str:
        if self.structured:
            return "structured"
        if not self.unmet:
            return "covered"
        return "soft" if self.hard_parts == () else "unmet"

    @property
    def hard_parts(self) -> tuple[str, ...]:
        """The unmet asked parts (a time, a figure, a unit in its role …), signs of doubt
        left out."""
        return tuple(part for part in self.unmet if part not in SOFT)


@dataclass(frozen=True)
class Step:
    """Answers with a raw score from `low` up (to the next step's `low`) were right with
    probability `p`."""

    low: float
    p: float


@dataclass(frozen=True)
class Calibration:
    """The fitted steps per group, and the thresholds on the calibrated score."""

    steps: dict[str, tuple[Step, ...]]
    answer: float  # at or above: answered plainly
    abstain: float  # below: declined with the closest clauses

    def probability(self, evidence: Evidence) -> float:
        """The chance an answer with this evidence is right (a step function of `raw`)."""
        steps = self.steps.get(evidence.group) or ()
        if not steps:
            return round(evidence.raw, 2)
        lows = [s.low for s in steps]
        at = max(0, bisect.bisect_right(lows, evidence.raw) - 1)
        return steps[at].p

    def decide(self, evidence: Evidence) -> Decision:
        """Answer at or above `answer`; below `abstain` decline; in between state it with
        "Có thể" — unless an asked part is missing: a hedge would still state a wrong fact,
        so such an answer below `answer` is declined."""
        chance = self.probability(evidence)
        if chance < self.abstain or (evidence.hard_parts and chance < self.answer):
            return Decision.ABSTAIN
        return Decision.HEDGE if chance < self.answer else Decision.ANSWER

    def to_plain(self) -> dict[str, object]:
        return {
            "answer": self.answer,
            "abstain": self.abstain,
            "steps": {g: [[s.low, s.p] for s in steps] for g, steps in self.steps.items()},
        }

    @classmethod
    def from_plain(cls, data: dict[str, object]) -> Calibration:
        raw_steps = data["steps"]
        assert isinstance(raw_steps, dict)
        steps = {
            group: tuple(Step(float(low), float(p)) for low, p in pairs)
            for group, pairs in raw_steps.items()
        }
        return cls(steps, float(data["answer"]), float(data["abstain"]))  # type: ignore[arg-type]


def fitted() -> Calibration:
    """The table in use: the one shipped with the code (`calibration.json`), unless one was
    set with `use` (the fit collects answers with no decision taken)."""
    return _in_use[0] if _in_use else _shipped()


def use(table: Calibration | None) -> None:
    """Take decisions with `table` from now on (None: the shipped table again)."""
    _in_use[:] = [table] if table is not None else []


_in_use: list[Calibration] = []


@cache
def _shipped() -> Calibration:
    return Calibration.from_plain(json.loads(TABLE_PATH.read_text(encoding="utf-8")))


# answers collected for a fit: no hedge and no abstention taken by the table
UNDECIDED = Calibration({}, answer=0.0, abstain=0.0)


def isotonic(points: Sequence[tuple[float, bool]], min_count: int = 5) -> tuple[Step, ...]:
    """A non-decreasing step function of the raw score fitted to (raw score, right) pairs by
    pooling adjacent violators; a step holds at least `min_count` answers (smoothing), its
    `p` is the share right, shrunk toward the middle for small steps (Laplace: (k+1)/(n+2))."""
    ordered = sorted(points)
    blocks: list[list[float]] = []  # [low, right, count]
    for raw, right in ordered:
        blocks.append([raw, float(right), 1.0])
        while len(blocks) > 1 and (
            blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]
            or blocks[-2][2] < min_count
        ):
            low, k, n = blocks.pop()
            blocks[-1][1] += k
            blocks[-1][2] += n
            del low
    while len(blocks) > 1 and blocks[-1][2] < min_count:  # a small last step joins its left
        _, k, n = blocks.pop()
        blocks[-1][1] += k
        blocks[-1][2] += n
    steps = [
        Step(0.0 if i == 0 else round(b[0], 3), round((b[1] + 1) / (b[2] + 2), 3))
        for i, b in enumerate(blocks)
    ]
    # keep it non-decreasing after the shrinkage
    out: list[Step] = []
    for step in steps:
        if out and step.p < out[-1].p:
            step = Step(step.low, out[-1].p)
        out.append(step)
    return tuple(out)
