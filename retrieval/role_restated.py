"""A question asking which unit holds a role ("Cơ quan chủ trì tổng hợp, báo cáo … là cơ
quan nào?") answered by a clause whose doer is that role itself, unnamed ("Định kỳ 6
tháng, … cơ quan chủ trì có trách nhiệm … tổng hợp tình hình báo cáo …"): the clause says
what "the lead body" does, never which body it is. Its other units (those it reports to,
works with) are no answer.

A row's unit cells or a sentence naming a unit before the role phrase ("Sở Nông nghiệp và
Môi trường là cơ quan chủ trì, …") do name it, and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import folded, folded_with_offsets
from ingest.parser.unit_names import UNIT_START
from retrieval.stored import StoredClause

# the role phrases a plan uses for a body it does not name there
_ROLE_PHRASE = (
    r"(?:co quan|don vi) (?:chu tri|dau moi|thuong truc|tham muu|phoi hop|chu quan|thuc hien)"
)
_ROLE = re.compile(rf"\b{_ROLE_PHRASE}\b")
# the question asks which body that is ("… là cơ quan nào?", "… là ai?", "cơ quan nào …")
_ASKS_WHICH = re.compile(r"\b(?:la )?(?:co quan|don vi) nao\b|\bla ai\b|\bai\b")
# a clause naming the body as that role ("… là cơ quan chủ trì", "giao … làm cơ quan …")
_NAMED_AS = re.compile(rf"\b(?:la|lam|giao|chon|cu)\s+(?:\S+\s+){{0,2}}{_ROLE_PHRASE}\b")


def asked_role(question: str) -> str | None:
    """The role phrase whose holder the question asks for ("co quan chu tri"), folded."""
    text = folded(question)
    found = _ROLE.search(text)
    if found is None or not _ASKS_WHICH.search(text):
        return None
    return found.group()


def restated_role(question: str, cited: Sequence[StoredClause]) -> str | None:
    """The role phrase asked for when every cited clause states it as its unnamed doer (no
    row cells, no unit named before the phrase, not "là cơ quan chủ trì"), else None."""
    role = asked_role(question)
    if role is None or not cited:
        return None
    for clause in cited:
        if clause.target is not None:
            return None
        # the heading a duty sits under names its doer too ("2.2. Sở Xây dựng › …")
        text = " ".join(f"{clause.path} › {clause.text}".split())
        plain, offsets = folded_with_offsets(text)
        at = plain.find(role)
        if at < 0 or _NAMED_AS.search(plain):
            return None
        if UNIT_START.search(text[: offsets[at]]):
            return None  # a unit named before it: the doer is named
    return role
