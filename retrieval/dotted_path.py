"""A location written as one dotted label ("Mục II.1.b", "mục III.1") that the cited clauses
reach only part of the way.

"Mục II.1.b KH 1422: chuyển đổi diện tích trồng lúa sang gì?" asks point b of section 1
of part II. An answer citing part II itself (its heading, with the list of its sections)
has matched the first step only: it states the part, not the point asked, and is declined
naming how far the plan's clauses reached. An answer listing the part's sections
("II › 1. …", "II › 2. …", "II › 3. …" for "Mục II.3") is the outline of part II, not
section 3's content, and is declined too. A cited clause that reaches no step at all
(another numbering, a table row numbered on its own) is left to the other checks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import folded
from retrieval.stored import StoredClause

# a dotted label opening with a Roman part: "ii.1.b", "iii.1", "iv.6"
_DOTTED = re.compile(r"\b([ivx]{1,4})((?:\.(?:\d{1,2}|[a-dđ]))+)\b")


def dotted_steps(question: str) -> tuple[str, ...]:
    """The steps of the dotted label the question writes ("II", "1", "b"), or ()."""
    found = _DOTTED.search(folded(question))
    if found is None:
        return ()
    rest = [s for s in found.group(2).split(".") if s]
    return (found.group(1).upper(), *rest)


def _labels(clause: StoredClause) -> list[str]:
    """The leading label of each step of a clause's path ("II. NHIỆM VỤ" → "II", "b) …" →
    "b")."""
    labels = []
    for step in clause.path.split("›"):
        head = re.match(r"\s*([IVXivx]{1,4}|\d{1,2}|[a-zđ])(?:\s*[.)]|\s|$)", step)
        labels.append(head.group(1) if head else "")
    return labels


def reached(steps: Sequence[str], clause: StoredClause) -> int:
    """How many of the steps, in order, the clause's path runs through (all of them when
    the clause is numbered with the whole label, "II.9")."""
    if clause.number and clause.number.lower().rstrip(".") == ".".join(steps).lower():
        return len(steps)
    at = 0
    for label in _labels(clause):
        if at < len(steps) and label.lower() == steps[at].lower():
            at += 1
    return at


def unreached_path(question: str, cited: Sequence[StoredClause]) -> tuple[str, str] | None:
    """The dotted label asked and the part of it the cited clauses reach, when some cited
    clause reaches its first steps and none reaches the last (None otherwise)."""
    steps = dotted_steps(question)
    if len(steps) < 2 or not cited:
        return None
    best = max(reached(steps, c) for c in cited)
    if best == 0 or best == len(steps):
        return None
    return ".".join(steps), ".".join(steps[:best])


def listed_among_siblings(question: str, cited: Sequence[StoredClause]) -> str | None:
    """The dotted label asked ("II.3") when the cited clauses list it among its siblings
    ("II › 1. …", "II › 2. …"): the outline of the part above it, not its own content.
    A question writing two labels ("mục II.1 và II.2") asks of both."""
    folded_question = folded(question)
    steps = dotted_steps(question)
    if len(steps) < 2 or len(_DOTTED.findall(folded_question)) != 1:
        return None
    if any(_sibling(steps, c) for c in cited):
        return ".".join(steps)
    return None


def _sibling(steps: Sequence[str], clause: StoredClause) -> bool:
    """Whether the clause's path runs through every step but the last and then through
    another label at the last one ("II › 2. …" when "II.1" is asked): a sibling of the
    asked step."""
    labels = [label for label in _labels(clause) if label]
    if len(labels) < len(steps):
        return False
    prefix = [label.lower() for label in labels[: len(steps) - 1]]
    last = labels[len(steps) - 1].lower()
    return prefix == [s.lower() for s in steps[:-1]] and last != steps[-1].lower()
