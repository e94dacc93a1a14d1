"""Who gives a letter's duties: "Trong CV 4390, ai là người giao nhiệm vụ cho các sở?" is
answered with the sentence that opens the duties, as a công văn writes it (NĐ 30/2020/NĐ-CP,
Phụ lục I, mẫu 1.5: the head's instruction before the numbered duties) — "… Chủ tịch Ủy ban
nhân dân tỉnh giao:", "Chủ tịch Ủy ban nhân dân tỉnh có ý kiến chỉ đạo như sau:" — quoted;
never the signer, who may sign on the head's behalf ("KT. CHỦ TỊCH")."""

from __future__ import annotations

import re

from ingest.normalize_vi import folded
from retrieval.answers import Answer
from retrieval.citations import CitationBuilder
from retrieval.query import Intent
from retrieval.strategies.context import Context

# "ai (là người) giao nhiệm vụ", "cơ quan nào phân công" (folded); not "ai chỉ đạo …", which
# asks the directing role of a duty ("Ai chỉ đạo việc …?")
_ASKS = re.compile(
    r"\b(?:ai|ca nhan nao|co quan nao|cap nao)(?: la (?:nguoi|co quan))?"
    r" (?:giao|phan cong)(?: (?:nhiem vu|viec|cac nhiem vu))?\b"
    r"|\bnguoi (?:giao|phan cong) (?:nhiem vu )?la ai\b"
)
# the opening of the duties: "<who> giao:", "<who> có ý kiến chỉ đạo như sau:", "<who> yêu
# cầu:", after the end of the sentence or the basis phrase before it
_OPENS_DUTIES = re.compile(
    r"(?:^|[.;),]\s+|\n\s*)(?P<who>[A-ZĐÀ-Ỹ][^.;:(),]{2,90}?)\s+"
    r"(?:giao|có ý kiến chỉ đạo(?:\s+như\s+sau)?|chỉ đạo(?:\s+như\s+sau)?|yêu cầu)\s*:"
)
_LONGEST_NAME = 12  # words: "Chủ tịch Ủy ban nhân dân tỉnh" and its like, not a sentence


def answer(ctx: Context) -> Answer | None:
    """The sentence opening the duties of the plan named; None when the question asks no
    assigner, names no single plan, or the plan opens its duties with no such sentence."""
    if not _ASKS.search(ctx.query.folded) or not ctx.scope.named or len(ctx.scope.doc_ids) != 1:
        return None
    for clause in ctx.search.document_clauses(ctx.scope.doc_ids[0]):
        if clause.kind in ("signature", "preamble"):
            continue
        match = _OPENS_DUTIES.search(clause.text)
        if match is None or len(match.group("who").split()) > _LONGEST_NAME:
            continue
        who = " ".join(match.group("who").split())
        if folded(who).startswith(("thuc hien", "can cu", "theo")):
            continue  # a basis clause, not the one who gives the duties
        cite = CitationBuilder(ctx.documents)
        quote = clause.text[match.start("who") : match.end()]
        n = cite.cite(clause, quote)
        text = (
            f"{who} là người giao nhiệm vụ: “{' '.join(quote.split())}” [{n}].\n"
            f"Theo {ctx.label(clause.document_id)}."
        )
        return Answer(text, False, Intent.WHO.value, cite.citations, settled=True)
    return None
