"""A place the named plan never names: "QĐ 518: Trạm y tế xã Ân Hảo được bố trí bao nhiêu
vốn?" of a plan listing Ân Nghĩa and Ân Tường but no Ân Hảo is declined with that reason,
not answered from the nearest row about another commune.

The place is read from the question's shape: a level word ("xã", "phường", "thị trấn",
"huyện", "quận", "thị xã", "thôn", "ấp", "tổ dân phố", "tỉnh", "thành phố") and the
capitalised words after it, as typed ("xã Ân Hảo", "xa An Hao"). The plan names it when its
text, accents folded, holds those words; the plan is read whole (bounded by one plan)."""

from __future__ import annotations

import re

from ingest.normalize_vi import folded
from retrieval.answers import Answer
from retrieval.compose import abstain
from retrieval.ranking import with_candidates
from retrieval.strategies.context import Context

# a level word and one to three capitalised words after it, as typed
_PLACE = re.compile(
    r"\b(?P<level>(?:x[ãa]|ph[ưu][ờo]ng|th[ịi] tr[ấa]n|huy[ệe]n|quận|th[ịi] x[ãa]|th[ôo]n"
    r"|ấp|t[ổo] d[âa]n ph[ốo]|t[ỉi]nh|th[àa]nh ph[ốo]))"
    r"\s+(?P<name>\w+(?:\s+\w+){0,2})",
)
_SEARCHED = 10


def answer(ctx: Context) -> Answer | None:
    """The decline naming the place and the plan; None unless the question names a place
    that the plan it names never writes."""
    scope = ctx.scope
    if not scope.named or len(scope.doc_ids) != 1:
        return None
    places = [
        (m.group("level"), _capitalised(m.group("name"))) for m in _PLACE.finditer(ctx.query.text)
    ]
    places = [(level, name) for level, name in places if name]
    if not places:
        return None
    (doc,) = scope.doc_ids
    text = " ".join(_words(f"{c.path} {c.text}") for c in ctx.search.document_clauses(doc))
    info = ctx.documents.get(doc)
    if info is not None:
        text += " " + _words(f"{info.title} {info.issuer or ''}")
    for level, name in places:
        if f" {_words(name)} " in f" {text} ":
            continue
        hits = ctx.search.hybrid(ctx.query.text, scope.doc_ids, limit=_SEARCHED)
        clauses = [h.clause for h in hits]
        reason = (
            f"{ctx.label(doc)} không nêu {level} {name}, nên không có thông tin được hỏi "
            "về nơi này."
        )
        return with_candidates(abstain(ctx.query, clauses[:3], ctx.documents, reason), clauses)
    return None


def _capitalised(words: str) -> str:
    """The leading capitalised words ("Ân Hảo" of "Ân Hảo được"); "" when none."""
    kept = []
    for word in words.split():
        if not word[:1].isupper():
            break
        kept.append(word)
    return " ".join(kept)


def _words(text: str) -> str:
    """The text's words, accents folded, one space apart."""
    return " ".join(re.findall(r"\w+", folded(text)))
