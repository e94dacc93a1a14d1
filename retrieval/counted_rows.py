"""A count asked of a table's rows answered by one of them: "Phụ lục có bao nhiêu nhà máy
nhiệt điện được phân bổ hạn ngạch?" of the row "Nhà máy nhiệt điện Amata — Năm 2025: 89 tấn
CO2". The row is one of the things counted, not their number; its own figures (tonnes,
money) answer another question."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import folded
from retrieval.stored import StoredClause

# "bao nhiêu nhà máy", "mấy dự án": the two words counted
_ASKS_COUNT = re.compile(r"\b(?:bao nhieu|may)\s+(?P<noun>[a-z]+ [a-z]+)\b")
# a row's leading numbering ("24", "I.", "3)")
_NUMBERING = re.compile(r"^\s*(?:[\divxlc]+[.)]?\s+)+")


def counted_noun(question_folded: str) -> str | None:
    """The two words a question counts ("nha may"), None when it asks no count."""
    match = _ASKS_COUNT.search(question_folded)
    return match.group("noun") if match else None


def row_among_counted(question_folded: str, cited: Sequence[StoredClause]) -> str | None:
    """The noun counted when every cited clause is a table row whose own name is one of the
    things counted ("nha may nhiet dien amata" of "bao nhiêu nhà máy") and that states no
    number of them ("34 nhà máy"); else None."""
    noun = counted_noun(question_folded)
    rows = [c for c in cited if c.target is not None and c.target.source == "table"]
    if noun is None or not rows or len(rows) != len(cited):
        return None
    number_of = re.compile(rf"\b\d[\d.,]*\s+{re.escape(noun)}\b")
    for row in rows:
        assert row.target is not None
        name = _NUMBERING.sub("", folded(row.target.content))
        if not name.startswith(noun) or number_of.search(folded(row.text)):
            return None
    return noun
