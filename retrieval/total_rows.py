"""A question asking a table's total ("Tổng hạn ngạch … là bao nhiêu?", "tổng cộng …"):
the table's total row ("TỔNG HẠN NGẠCH PHÁT THẢI KHÍ NHÀ KÍNH | 243,082,392 | …",
"Tổng cộng"), when it is among the candidates, comes first — not a row it sums."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.parser.table_groups import is_total_row
from retrieval.search import Candidate

# "tổng" asking a sum, not "tổng kết", "tổng hợp", "Tổng cục", "tổng thể", "tổng mức đầu tư"
# (a project's own figure) … (folded)
_ASKS_TOTAL = re.compile(
    r"\btong\b(?! (?:ket|hop|cuc|the|quan|bi thu|giam doc|dieu tra|cong ty|lien doan|muc dau tu"
    r"|doanh thu|san pham))"
)


def asks_total(question_folded: str) -> bool:
    """Whether the question asks a total ("tổng …", "tổng cộng", "tổng số")."""
    return bool(_ASKS_TOTAL.search(question_folded))


def totals_first(question_folded: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The candidates with the total rows of a table first when the question asks a total;
    unchanged otherwise."""
    if not asks_total(question_folded):
        return list(candidates)
    totals = [
        c
        for c in candidates
        if c.clause.target is not None
        and c.clause.target.source == "table"
        and c.clause.target.number is None
        and is_total_row((c.clause.target.content,))
    ]
    if not totals:
        return list(candidates)
    chosen = {c.clause.clause_id for c in totals}
    return [*totals, *(c for c in candidates if c.clause.clause_id not in chosen)]
