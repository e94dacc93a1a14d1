"""The groups a plan sorts its rows into: "Phụ lục 01 chia các chỉ tiêu thành những nhóm
nào?" answered with the headings its indicator or task rows stand under ("I. Dữ liệu số",
"II. Chính quyền số" …), in the plan's order, each cited; within the appendix asked when the
question names one."""

from __future__ import annotations

import re

from retrieval.answers import Answer
from retrieval.citations import CitationBuilder
from retrieval.constraint_check import satisfies_path
from retrieval.query import Intent
from retrieval.strategies.context import Context

# "chia … thành những nhóm nào", "gồm mấy nhóm", "được phân thành các lĩnh vực nào" (folded)
_ASKS = re.compile(
    r"\b(?:chia|phan|xep)\b(?:\s+\S+){0,5}?\s+(?:thanh|lam|theo)\s+(?:nhung|cac|may|bao nhieu)\s+"
    r"(?:nhom|linh vuc|mang|loai)\b"
    r"|\bgom\s+(?:nhung|cac|may|bao nhieu)\s+(?:nhom|linh vuc|mang)\b"
)
_GROUP_KINDS = ("table_group", "section", "part")
_MAX_GROUPS = 20


def answer(ctx: Context) -> Answer | None:
    """The headings the settled plan's rows stand under; None when the question asks no
    groups, names no one plan, or its rows stand under fewer than two headings."""
    if not _ASKS.search(ctx.query.folded):
        return None
    if not ctx.scope.named or len(ctx.scope.doc_ids) != 1:
        return None
    doc_id = ctx.scope.doc_ids[0]
    parent_ids = list(dict.fromkeys(r.parent_id for r in ctx.search.rows([doc_id]) if r.parent_id))
    appendix = [s for s in ctx.reading.path if s.level == "appendix"]
    groups = [
        g
        for g in ctx.search.by_ids(parent_ids)
        if g.kind in _GROUP_KINDS and g.heading and satisfies_path(g, appendix, ctx.search)
    ]
    groups.sort(key=lambda g: g.start)
    if len(groups) < 2:
        return None
    cite = CitationBuilder(ctx.documents)
    lines = []
    for group in groups[:_MAX_GROUPS]:
        quote = group.text.strip().split("\n")[0].strip()
        label = f"{group.number}. {group.heading}" if group.number else group.heading
        lines.append(f"- {label} [{cite.cite(group, quote)}]")
    heading = f"{ctx.label(doc_id)} chia các chỉ tiêu/nhiệm vụ thành {len(groups)} nhóm:"
    text = "\n".join([heading, *lines])
    # read from the plan's structure, not ranked: as sure as a list by unit
    return Answer(text, False, Intent.TARGET.value, cite.citations, settled=True)
