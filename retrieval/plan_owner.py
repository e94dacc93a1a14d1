"""A unit the question names as the plan's owner ("KH tiếp công dân … của MTTQ Lương Minh
đề nghị những cơ quan nào phối hợp …?"): the plan's issuer, named to say which plan is
asked, is no unit its clause must name in the role asked."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ingest.abbreviations import expand_abbreviations
from ingest.normalize_vi import folded
from retrieval.constraints import Reading

# the cue of a possessive: "kế hoạch … của MTTQ xã", "văn bản do UBND tỉnh ban hành"
_OWNER_CUES = frozenset(["cua", "do"])


def without_plan_owner(reading: Reading, issuers: Iterable[str]) -> Reading:
    """The reading without the units named after "của"/"do" that are one of `issuers` (the
    cited plans' issuers); unchanged when none is."""
    names = [
        " " + " ".join(re.findall(r"\w+", folded(expand_abbreviations(i)))) + " " for i in issuers
    ]
    if not names:
        return reading
    owners = {
        m.key
        for m in reading.unit_mentions
        if m.cue is not None
        and m.cue.text in _OWNER_CUES
        and any(f" {m.key} " in name for name in names)
    }
    named_elsewhere = {
        m.key
        for m in reading.unit_mentions
        if m.key in owners and (m.cue is None or m.cue.text not in _OWNER_CUES)
    }
    dropped = owners - named_elsewhere
    if not dropped:
        return reading
    return replace(reading, units=tuple(u for u in reading.units if u not in dropped))
