"""Who proposed a decision: "… được ban hành theo đề nghị của ai?", read from the line of
its preamble that says so ("Theo đề nghị của Giám đốc Công an tỉnh tại Tờ trình số …",
"Xét đề nghị của Sở Xây dựng tại Công văn số …"; Nghị định 30/2020/NĐ-CP puts it after
the "Căn cứ" lines of a Quyết định)."""

from __future__ import annotations

import re

from retrieval.answers import Answer
from retrieval.citations import CitationBuilder
from retrieval.strategies.context import Context

# the question asks who proposed the plan or decision itself being issued
_ASKS = re.compile(
    r"\bban hanh\b.*\b(?:theo|xet) (?:de nghi|de xuat|to trinh) cua\b"
    r"|\b(?:ai|co quan nao|don vi nao) (?:de nghi|de xuat|trinh) ban hanh\b"
)
# the preamble line: "Theo đề nghị của <X> tại Tờ trình số …", "Xét đề nghị của <X>,"
_LINE = re.compile(
    r"(?:^|\n)[ \t]*((?:Theo|Xét) (?:đề nghị|đề xuất) của (?P<who>[^,;.\n]+?))"
    r"(?=\s+tại\b|\s*[,;.\n]|\s*$)"
)


def answer(ctx: Context) -> Answer | None:
    """The proposer line of each plan in scope, cited; None when the question does not ask
    who proposed the plan, or no plan in scope has such a line (the search answers)."""
    if not _ASKS.search(ctx.query.folded) or not ctx.scope.doc_ids:
        return None
    cite = CitationBuilder(ctx.documents)
    lines = []
    for doc_id in ctx.scope.doc_ids:
        for clause in ctx.library.structure.fact_clauses(doc_id):
            found = _LINE.search(clause.text)
            if found is None:
                continue
            n = cite.cite(clause, found.group(1))
            who = found.group("who").strip()
            lines.append(f"{ctx.label(doc_id)} được ban hành theo đề nghị của {who} [{n}].")
            break
    if not lines:
        return None
    return Answer("\n".join(lines), False, "document_facts", cite.citations)
