"""A question asking whom a unit works with ("Theo công văn 4390, Vườn quốc gia Hoàng Liên
phối hợp với cơ quan nào?") answered by a clause that gives that unit a task of its own
and names no co-operation at all: the partner asked is not stated, and the clause's other
units are not partners.

The check is on the words only: a clause (its text, its path, its row's column labels as
the answer states them) that never writes "phối hợp" or "cùng với" cannot name a partner.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import folded

# "phối hợp với cơ quan nào", "phối hợp với những đơn vị nào", "phối hợp với ai", "cơ quan
# nào phối hợp với …"
_ASKS_PARTNER = re.compile(
    r"\bphoi hop (?:voi )?(?:(?:nhung|cac) )?(?:co quan|don vi|to chuc|ai\b)"
    r"|\b(?:co quan|don vi|to chuc) nao (?:se |duoc giao |cung )?phoi hop\b"
)
# how a clause says two units work together
_SAYS_PARTNER = re.compile(r"\bphoi hop\b|\bcung voi\b|\bphoi, ket hop\b|\bket hop voi\b")


def asks_partner(question: str) -> bool:
    """Whether the question asks which units co-operate."""
    return bool(_ASKS_PARTNER.search(folded(question)))


def unstated_partner(question: str, texts: Sequence[str]) -> bool:
    """Whether the question asks for a partner and none of the texts (the answer, the cited
    clauses with their paths) says that anyone co-operates."""
    if not asks_partner(question):
        return False
    return not any(_SAYS_PARTNER.search(folded(t)) for t in texts)
