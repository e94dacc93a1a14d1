"""How sure an answer is: a score from how much of the question its cited clauses cover.

The score weighs the topic concepts the cited clause states (the same coverage retrieval
ranks by), then lowers it for each asked part the clause does not state: a figure asked
for ("bao nhiêu", "tỷ lệ") with no number in the clause, a unit named in the question that
the clause does not name, a period whose year the clause does not give. Answers settled by
structure — a clause number, a responsibility table, the document's own facts — start
from the certainty of that match. The score chooses between answering, answering with
"Có thể" (hedged) and abstaining with candidates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ingest.normalize_vi import folded
from retrieval.answers import Answer
from retrieval.constraints import Reading
from retrieval.stored import StoredClause

ANSWER = 0.7  # at or above: answered plainly
ABSTAIN = 0.5  # below: not stated as an answer
STRUCTURED = 0.95  # settled by a clause number, a table or the document's facts
HEDGE_PREFIX = "Có thể: "
_MISSING_FIGURE = 0.7
_MISSING_UNIT = 0.8
_MISSING_PERIOD = 0.8
_ABSTAINED_CAP = 0.3


def score(
    reading: Reading,
    cited: Sequence[StoredClause],
    coverage: float,
    structured: bool,
    abstained: bool,
) -> float:
    """The answer's confidence in [0, 1]."""
    if abstained:
        return round(min(_ABSTAINED_CAP, coverage * _ABSTAINED_CAP), 2) if cited else 0.0
    value = STRUCTURED if structured else coverage
    if not cited:
        return round(value, 2)
    text = folded(" ".join(f"{c.path} {c.text}" for c in cited))
    if reading.figure and not structured and not any(re.search(r"\d", c.text) for c in cited):
        value *= _MISSING_FIGURE
    if reading.units and not any(_names_unit(text, key) for key in reading.units):
        value *= _MISSING_UNIT
    period = reading.period
    if period is not None and period.year is not None and str(period.year) not in text:
        value *= _MISSING_PERIOD
    return round(max(0.0, min(1.0, value)), 2)


def _names_unit(text: str, key: str) -> bool:
    words = [w for w in key.split() if len(w) > 1]
    return bool(words) and all(w in text for w in words)


def hedged(answer: Answer) -> Answer:
    """The answer marked as uncertain: its first line starts with "Có thể"."""
    if answer.abstained or answer.answer.startswith(HEDGE_PREFIX):
        return answer
    return replace(answer, answer=HEDGE_PREFIX + answer.answer)
