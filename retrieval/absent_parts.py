"""Whether a row answer lacks the very part the question asked for.

"Cơ quan phối hợp là ai?" of a duty written in the plan's text with no co-operating unit,
or "hạn khi nào?" of a row with no deadline and no stated time: the answer says so and
names what the row does say, but that is a decline, not an answer, and the contract
(`Answer.abstained`) says so too. A table with no co-operating column is told apart: its
one unit column lists every unit that carries the row out (`compose._direct_line`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from retrieval.mutual_cooperation import doers_cooperate
from retrieval.query import Intent
from retrieval.stored import StoredClause


def lacks_asked_part(
    clause: StoredClause,
    intent: Intent,
    stated_time: Callable[[str], str | None],
    lead_asked: bool = False,
) -> bool:
    """Whether this row's answer to `intent` can only say the asked part is not given.
    `stated_time`: the part of a duty's text that states when, None when none does;
    `lead_asked`: the question asks who leads ("Ai chủ trì … và phối hợp …?"), so a row
    stating its lead answers it though it names no co-operating unit."""
    target = clause.target
    if target is None:
        return False
    if intent is Intent.DEADLINE:
        if target.cells_for("deadline"):
            return False
        return target.source != "body" or stated_time(clause.text) is None
    if intent is Intent.WHO_COOPERATE:
        if lead_asked and target.cells_for("lead"):
            return False
        if target.cells_for("lead") and doers_cooperate(clause.body):
            return False  # "Đề nghị … UBND … thường xuyên phối hợp": its doers co-operate
        return target.source == "body" and not target.cells_for("cooperating")
    return False


def all_lack_asked_part(
    clauses: Sequence[StoredClause],
    intent: Intent,
    stated_time: Callable[[str], str | None],
    question_folded: str = "",
) -> bool:
    """Whether every clause of an answer is a row lacking the asked part (none: False)."""
    lead = asks_lead(question_folded)
    return bool(clauses) and all(lacks_asked_part(c, intent, stated_time, lead) for c in clauses)


def asks_lead(question_folded: str) -> bool:
    """Whether the question's asking word is put to the lead role: "Ai chủ trì bảo đảm an
    ninh mạng và phối hợp triển khai …?" asks who leads (the "phối hợp" is part of the
    duty), "Sở Y tế chủ trì, ai phối hợp?" asks the partners."""
    return bool(_ASKS_LEAD.search(question_folded))


# the asking word right before "chủ trì" ("ai chủ trì", "đơn vị nào được giao chủ trì")
_ASKS_LEAD = re.compile(
    r"\b(?:ai|nao)\s+(?:se\s+|duoc giao\s+|la\s+(?:don vi|co quan)\s+|giu vai tro\s+)?chu tri\b"
)
