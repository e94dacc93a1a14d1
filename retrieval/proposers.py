"""Who proposed a decision: "Xét đề nghị của Bộ trưởng Bộ Lao động - Thương binh và Xã
hội," / "Theo đề nghị của Giám đốc Công an tỉnh tại Tờ trình số …" — the line of a Quyết
định's preamble after its "Căn cứ" lines (NĐ 30/2020/NĐ-CP). A duty done "trên cơ sở đề nghị
của …" or "theo đề nghị của …" inside a sentence is no such line."""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.stored import StoredClause

# the preamble line, from its start (after the emphasis marks of a converted copy, "*Theo đề
# nghị của …*"): the proposer up to "tại <document>", a comma or the end
PROPOSER_LINE = re.compile(
    r"(?:^|\n)[ \t*_]*(?:Theo|Xét) (?:đề nghị|đề xuất) của (?P<who>[^,;.\n]{3,120}?)"
    r"(?=\s+tại\b|\s*[,;.\n]|\s*$)"
)


def proposers(clauses: Sequence[StoredClause]) -> tuple[list[StoredClause], list[str]]:
    """The clause stating who proposed the document and that proposer as written;
    nothing when the text names none."""
    for clause in clauses:
        found = PROPOSER_LINE.search(clause.text)
        if found is not None:
            return [clause], [" ".join(found.group("who").split())]
    return [], []
