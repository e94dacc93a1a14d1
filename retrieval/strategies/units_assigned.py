"""Which units a plan gives duties to: "Kế hoạch … phân công nhiệm vụ cho những cơ quan
nào?" answered with every unit that leads a duty in the plan's rows (tables and the duties
the body assigns under unit headings), in the plan's order, each cited by its first duty."""

from __future__ import annotations

import re

from ingest.parser.units import unit_key
from retrieval.answers import Answer
from retrieval.citations import CitationBuilder
from retrieval.query import Intent
from retrieval.strategies.context import Context

# "phân công (nhiệm vụ) cho những cơ quan nào", "giao cho các đơn vị nào", "những sở,
# ngành nào được phân công"
_ASKS = re.compile(
    r"\b(?:phan cong|giao)\b(?:\s+\S+){0,4}?\s+(?:nhung|cac)\s+"
    r"(?:co quan|don vi|so|so nganh|so, nganh|nganh|bo nganh)\b(?:\s+\S+){0,3}?\s+nao\b"
    r"|\b(?:nhung|cac)\s+(?:co quan|don vi|so|so nganh|nganh)\s+nao\s+(?:duoc\s+)?"
    r"(?:phan cong|giao)\b"
)
_MAX_UNITS = 30


def answer(ctx: Context) -> Answer | None:
    """The units leading a duty in the settled plan; None when the question does not ask
    which units a plan assigns, names a unit itself, or the plan has no rows."""
    if not _ASKS.search(ctx.query.folded) or ctx.reading.units:
        return None
    if not ctx.scope.named or len(ctx.scope.doc_ids) != 1:
        return None
    doc_id = ctx.scope.doc_ids[0]
    cite = CitationBuilder(ctx.documents)
    rows = ctx.search.rows([doc_id])
    seen: set[str] = set()
    lines: list[str] = []
    for role, label in (("lead_units", ""), ("cooperating_units", " (phối hợp)")):
        for row in rows:
            assert row.target is not None
            for unit in getattr(row.target, role):
                key = unit_key(unit)
                # "các cơ quan có liên quan", "các thôn ấp": no unit of its own
                if not key or key in seen or not unit[:1].isupper():
                    continue
                seen.add(key)
                quote = row.text.strip().split("\n")[0]
                lines.append(f"- {unit}{label} [{cite.cite(row, quote)}]")
    lines = lines[:_MAX_UNITS]
    if not lines:
        return None
    heading = (
        f"{ctx.label(doc_id)} giao nhiệm vụ cho {len(lines)} cơ quan, đơn vị "
        "(chủ trì, hoặc phối hợp khi ghi rõ; mỗi đơn vị kèm nhiệm vụ đầu tiên của nó):"
    )
    return Answer("\n".join([heading, *lines]), False, Intent.LIST_BY_UNIT.value, cite.citations)
