"""Abstention metrics: does the assistant decline exactly when the plans lack the answer?

Abstaining is the positive class. Input is a sequence of ``(abstained, should_abstain)``
pairs, one per question (``should_abstain`` is true for gold type ``unanswerable``).

Vacuous cases are scored 1.0 and documented rather than raised: precision with no
abstentions at all (no wrong abstention was made) and recall with no question that
should be abstained on (nothing was missed). A system that never abstains on a set with
unanswerable questions therefore gets precision 1.0, recall 0.0 and F1 0.0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Pair = tuple[bool, bool]


@dataclass(frozen=True)
class AbstentionCounts:
    """Confusion counts with abstention as the positive class."""

    tp: int = 0  # abstained, should have
    fp: int = 0  # abstained, should have answered
    fn: int = 0  # answered, should have abstained
    tn: int = 0  # answered, should have

    @property
    def total(self) -> int:
        """Number of questions counted."""
        return self.tp + self.fp + self.fn + self.tn


def abstention_counts(pairs: Iterable[Pair]) -> AbstentionCounts:
    """Count ``(abstained, should_abstain)`` pairs into a confusion table."""
    tp = fp = fn = tn = 0
    for abstained, should in pairs:
        if abstained and should:
            tp += 1
        elif abstained:
            fp += 1
        elif should:
            fn += 1
        else:
            tn += 1
    return AbstentionCounts(tp=tp, fp=fp, fn=fn, tn=tn)


def abstention_precision(pairs: Iterable[Pair]) -> float:
    """Share of abstentions that were warranted; 1.0 when there are no abstentions."""
    c = abstention_counts(pairs)
    return c.tp / (c.tp + c.fp) if c.tp + c.fp else 1.0


def abstention_recall(pairs: Iterable[Pair]) -> float:
    """Share of unanswerable questions abstained on; 1.0 when there are none."""
    c = abstention_counts(pairs)
    return c.tp / (c.tp + c.fn) if c.tp + c.fn else 1.0


def abstention_f1(pairs: Iterable[Pair]) -> float:
    """Harmonic mean of precision and recall (0.0 when both are 0)."""
    items = list(pairs)
    p, r = abstention_precision(items), abstention_recall(items)
    return 2 * p * r / (p + r) if p + r else 0.0
