"""The unit a question sends something to ("… tổng hợp kết quả về Sở TT&TT trước ngày
nào?"), and whether an answer gives that unit's own duty instead of what is sent to it.

A plan's "Tổ chức thực hiện" gives each unit its section: the units that report send their
results to one unit ("định kỳ trước ngày 20 hằng tháng tổng hợp kết quả về Sở …"), and that
unit, under its own heading, reports further on its own date. A question about what is sent
to a unit, answered from that unit's own section, answers another duty."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.abbreviations import expand_abbreviations
from ingest.normalize_vi import folded
from retrieval.stored import StoredClause
from retrieval.units import UnitMatcher, heads_unit

# a verb of sending, then at most a few words (what is sent), then the word sending it to
_SENT = re.compile(
    r"\b(?:gui|nop|chuyen|bao cao|tong hop)\b(?:\s+\S+){0,6}?\s+(?:ve|len|den|toi)\s+(.+)$"
)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", folded(text)).split())


def units_sent_to(question: str, units: UnitMatcher) -> list[str]:
    """Keys of the units the question names right after a word sending something to them
    ("tổng hợp kết quả về Sở Tài chính"), in the question's order."""
    text = _plain(expand_abbreviations(question, keep_short=False))
    found = []
    for key in units.find(question):
        for match in re.finditer(_SENT, text):
            if match.group(1).startswith(f"{key} ") or match.group(1) == key:
                found.append(key)
                break
    return found


def own_duty_of(
    recipients: Sequence[str],
    cited: Sequence[StoredClause],
    headings: Sequence[StoredClause],
) -> str | None:
    """The recipient whose own section every cited clause is (the clause or its heading is
    headed by that unit's name) while no cited clause writes of sending to it; None when an
    answer cites another unit's duty or a clause that names the sending."""
    if not recipients or not cited:
        return None
    by_id = {h.clause_id: h for h in headings}
    for key in recipients:
        sent = re.compile(rf"\b(?:ve|len|den|toi)\s+{re.escape(key)}\b")
        own = all(
            heads_unit(c, [key]) or (c.parent_id in by_id and heads_unit(by_id[c.parent_id], [key]))
            for c in cited
        )
        if own and not any(sent.search(_plain(expand_abbreviations(c.text))) for c in cited):
            return key
    return None
