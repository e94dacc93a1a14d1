"""Who proposed a decision: "Xét đề nghị của Bộ trưởng Bộ Lao động - Thương binh và Xã
hội," / "Theo đề nghị của Giám đốc Công an tỉnh tại Tờ trình số …" (the last basis line of
a Quyết định's preamble, NĐ 30/2020/NĐ-CP)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.stored import StoredClause

# the proposer, up to the line's end, a comma, or the document it was proposed in
_PROPOSED = re.compile(
    r"\b(?:[Xx]ét|[Tt]heo)\s+đề\s+nghị\s+của\s+(.{3,120}?)(?=\s+tại\s|[,.;\n]|$)"
)


def proposers(clauses: Sequence[StoredClause]) -> tuple[list[StoredClause], list[str]]:
    """The clause stating who proposed the document and that proposer as written;
    nothing when the text names none."""
    for clause in clauses:
        found = _PROPOSED.search(clause.text)
        if found is not None:
            return [clause], [" ".join(found.group(1).split())]
    return [], []
