"""The unit a table's figures are written in: "Phụ lục QĐ 518 tính kế hoạch vốn theo đơn vị
nào?" is answered with the table's own line "ĐVT: triệu đồng" (đơn vị tính, written above a
figure table), quoted — never with a figure of the table, nor with an agency ("đơn vị" is
also a unit of organisation: a line headed "ĐVT" or "Đơn vị tính" answers, and a bare
"Đơn vị:" line only over a unit of measure, `ingest.parser.columns.measure_line`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.parser.columns import measure_line
from retrieval.answers import Answer
from retrieval.citations import CitationBuilder
from retrieval.constraints import PathStep, Span, step_matches
from retrieval.query import Intent
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context

# the question asks the unit of measure (folded)
_ASKS = re.compile(r"\bdon vi tinh\b|\bdvt\b|\b(?:theo|bang) don vi (?:nao|gi)\b|\bdon vi do\b")
_SHOWN = 4


def answer(ctx: Context) -> Answer | None:
    """The "ĐVT" lines of the plans named (of the appendix named, when one is); None when
    the question asks no unit of measure, names no plan, or the plan writes none."""
    if not _ASKS.search(ctx.query.folded) or not ctx.scope.named or not ctx.scope.doc_ids:
        return None
    # the line a table writes it on ("ĐVT: triệu đồng", "Đơn vị tính: %", "Đơn vị: tấn CO2
    # tương đương"), as written
    found = [
        (clause, written)
        for doc in ctx.scope.doc_ids
        for clause in ctx.search.document_clauses(doc)
        for line in clause.text.splitlines()
        if (measure := measure_line(line)) is not None
        for written in (measure[0],)
    ]
    # a heading's text holds its paragraphs': the paragraph that writes the line is cited
    found = [
        (clause, line)
        for clause, line in found
        if not any(
            other.document_id == clause.document_id and other.path.startswith(f"{clause.path} ›")
            for other, _ in found
        )
    ]
    appendix = ctx.reading.appendix
    if appendix is not None:
        found = [pair for pair in found if _in_appendix(pair[0], appendix)] or found
    if not found:
        return None
    return _answer(ctx, found)


def _in_appendix(clause: StoredClause, appendix: str) -> bool:
    """Whether the clause lies in the appendix asked ("01", "I"; "" for any appendix)."""
    first = clause.path.split("›")[0].strip()
    step = PathStep("appendix", appendix, Span(0, 0, ""))
    return first.lower().startswith("phụ lục") and step_matches(step, first)


def _answer(ctx: Context, found: Sequence[tuple[StoredClause, str]]) -> Answer:
    cite = CitationBuilder(ctx.documents)
    units = list(dict.fromkeys(line for _, line in found))
    lines = []
    if len(units) == 1:
        line = units[0]
        where = "; ".join(dict.fromkeys(f"{ctx.label(c.document_id)}, {c.path}" for c, _ in found))
        refs = " ".join(f"[{cite.cite(c, q)}]" for c, q in found[:_SHOWN])
        lines.append(f"Các bảng số liệu ghi “{line}” {refs} ({where}).")
    else:
        lines.append("Các bảng số liệu ghi đơn vị tính khác nhau:")
        for clause, line in found[:_SHOWN]:
            n = cite.cite(clause, line)
            lines.append(f"- {ctx.label(clause.document_id)}, {clause.path}: “{line}” [{n}]")
    return Answer("\n".join(lines), False, Intent.DOCUMENT_FACTS.value, cite.citations)
