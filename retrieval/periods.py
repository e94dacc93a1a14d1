"""Answering by stage: a question naming a stage ("đến 2045", "giai đoạn 2025-2026") is
answered from clauses and values of that stage, never from another stage's.

Clauses carry the stage the parser read from the plan's structure (`StoredClause.period`,
values per stage on table rows); a clause of no stage stays a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.domain import TargetCell
from ingest.parser.periods import column_stage
from retrieval.search import Candidate
from retrieval.stored import StoredClause

# A year or span the question names as a stage. Dates and months ("31/12/2025", "tháng 6/2025",
# "quý IV/2025") are deadlines, which the deadline reading handles, not stages.
_STAGE = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})(?:\s*-\s*((?:19|20)\d{2}))?(?![\d/])")
_DEADLINE_BEFORE = re.compile(r"(?:thang \d{1,2}|quy [ivx1-4]{1,3})\s*(?:/|nam)\s*$")


_STAGE_WORDS = re.compile(
    r"(?:den|toi|tam nhin|dinh huong|giai doan|thoi ki|nhiem ki)\s+(?:het\s+|cuoi\s+)?(?:nam\s+)?$"
)


def plan_years(question_folded: str) -> set[str]:
    """The years a question may name a plan by: not those it names as a stage ("đến 2030",
    "giai đoạn 2026-2030", "tầm nhìn 2045"), which are about the plan's content."""
    years = set(re.findall(r"\b(20\d{2})\b", question_folded))
    for match in _STAGE.finditer(question_folded):
        if match.group(2) or _STAGE_WORDS.search(question_folded[: match.start()]):
            years -= {match.group(1), match.group(2)}
    return years


def asked_stage(question_folded: str) -> tuple[int, int] | None:
    """The years (first, last) of the one stage a question names, or None.

    A question naming two different stages ("2025 so với 2030") asks about both: None.
    """
    stages: set[tuple[int, int]] = set()
    for match in _STAGE.finditer(question_folded):
        if _DEADLINE_BEFORE.search(question_folded[: match.start()]):
            continue
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        if last >= first:
            stages.add((first, last))
    return stages.pop() if len(stages) == 1 else None


def _span(period: str) -> tuple[int, int]:
    first, _, last = period.partition("-")
    return int(first), int(last or first)


def _overlaps(asked: tuple[int, int], period: str) -> bool:
    """Whether a clause's stage is the asked one: equal, or one inside the other.

    Stages that only share a boundary year ("2020-2025" and "2025-2030") are different stages.
    """
    first, last = _span(period)
    return (first <= asked[0] and asked[1] <= last) or (asked[0] <= first and last <= asked[1])


def stage_cells(asked: tuple[int, int] | None, cells: Sequence[TargetCell]) -> list[TargetCell]:
    """The value cells of the asked stage ("… năm 2026 bao nhiêu?" over the columns "Năm 2025 |
    Năm 2026"); every cell when no stage is asked or no column is of the asked stage."""
    if asked is None:
        return list(cells)
    fitting = [
        cell
        for cell in cells
        if (stage := column_stage(cell.header)) is not None and _overlaps(asked, stage)
    ]
    return fitting or list(cells)


def stage_fit(asked: tuple[int, int], clause: StoredClause) -> int:
    """2: the clause states a value or sits in the asked stage; 1: it has no stage; 0: another."""
    target = clause.target
    if target is not None and target.values:
        staged = [v.period for v in target.values if v.period]
        if staged:
            return 2 if any(_overlaps(asked, period) for period in staged) else 0
    if clause.period is None:
        return 1
    return 2 if _overlaps(asked, clause.period) else 0


def by_stage(question_folded: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The candidates of the asked stage first, then those of no stage; other stages dropped.

    Unchanged when the question names no single stage or no candidate is of another stage:
    then the year asked is not what tells the candidates apart (a 2025 plan asked "năm 2025
    bao nhiêu?" whose one paragraph opens "Trong năm 2025, …" has no other stage to avoid).
    """
    asked = asked_stage(question_folded)
    if asked is None:
        return list(candidates)
    fits = [_fit(asked, candidate.clause) for candidate in candidates]
    if 0 not in fits:
        return list(candidates)
    ordered = sorted(zip(fits, range(len(fits)), candidates, strict=True), key=lambda t: -t[0])
    return [candidate for fit, _, candidate in ordered if fit > 0]


def _fit(asked: tuple[int, int], clause: StoredClause) -> int:
    """`stage_fit`, except that a clause of another stage whose own words name the year asked
    is kept as one without a stage ("Trong năm 2025, … bổ sung … từ nguồn tăng thu năm 2024"
    answers "… tăng thu năm 2024?"): the year may qualify what is asked, not its stage."""
    fit = stage_fit(asked, clause)
    own = clause.body  # its own words, not those of the clauses under it
    if fit == 0 and asked[0] == asked[1] and re.search(rf"(?<!\d){asked[0]}(?!\d)", own):
        return 1
    return fit


def stage_note(clause: StoredClause) -> str:
    """ " (đến năm 2030)" after a clause's place when its stage is not in its path already, so
    an answer says which stage it is from ("mốc nào?")."""
    period = clause.period
    if not period or period.split("-")[-1] in clause.path:
        return ""
    return f" (giai đoạn {period})" if "-" in period else f" (đến năm {period})"
