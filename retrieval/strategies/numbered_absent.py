"""A numbered step, round or session the plans do not have: "Bước 7 trong trình tự … của QĐ
3210 là gì?" of a plan whose steps run 1 to 6, "Hội nghị lần thứ 12 … họp ngày nào?" when
the plans record session 11 — declined, naming the numbers the plans do have, never
answered from step 3 or session 11.

A number the question puts on a step ("bước 7"), a round ("đợt 2") or an occurrence ("hội
nghị lần thứ 12") is a hard constraint: a clause about another number is about something
else. The plan named is read whole (bounded by one plan); with no plan named, the clauses a
search ranks first stand for the plans."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.normalize_vi import folded, folded_with_offsets
from retrieval.answers import Answer
from retrieval.compose import abstain
from retrieval.ordinal_words import UNIT_WORD, UNITS, number_value
from retrieval.ranking import with_candidates
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context

# Vietnamese ordinals written in words ("lần thứ sáu", "Hội nghị lần thứ mười một"), folded;
# "lăm" and "bảy" ("lam", "bai") stand alone only after "mười": "bước làm", "bài" are words
# (a word not followed by figures: "đợt năm 2025" is no fifth round)
_ALONE = "|".join(sorted((w for w in UNITS if w not in ("lam", "bai")), key=len, reverse=True))
_WORD_NUMBER = (
    rf"(?:(?:muoi|(?:hai|ba|bon|nam|sau|bay|tam|chin) muoi)(?: {UNIT_WORD})?|{_ALONE})(?!\s*\d)"
)
# the numbered things: "bước 7", "đợt 2", "<hội nghị> lần thứ 12" (the word before "lần thứ"
# tells whose occurrence it is)
_NUMBERED = re.compile(
    r"\b(?P<noun>buoc|dot|(?P<head>[a-z]+ [a-z]+) lan thu)\s+(?:so\s+)?"
    rf"(?P<number>\d{{1,2}}|[ivx]{{1,4}}\b|{_WORD_NUMBER})(?![\w/]|\.\w)"
)
# the numbers listed after the first ("hội nghị hiệp thương lần thứ 2, thứ 3", "đợt 1 và
# đợt 2"): each is a number the plan has too
_LISTED = re.compile(r"(?:\s*(?:,|va|hoac)\s*(?:thu |dot |buoc )?\d{1,2}(?![\w/]|\.\w))+")
_SEARCHED = 20


@dataclass(frozen=True)
class _Numbered:
    """A numbered thing: its noun ("buoc", "hoi nghi lan thu") and its number."""

    noun: str
    number: int


def answer(ctx: Context) -> Answer | None:
    """The decline naming the number asked and those the plans have; None unless the
    question numbers a step, round or occurrence that the plans have under other numbers
    only."""
    asked = _numbered(ctx.query.folded)
    if asked is None:
        return None
    scope = ctx.scope
    if scope.named and scope.doc_ids:
        clauses: Sequence[StoredClause] = [
            clause for doc in scope.doc_ids for clause in ctx.search.document_clauses(doc)
        ]
        hits = ctx.search.hybrid(ctx.query.text, scope.doc_ids, limit=_SEARCHED)
    else:
        hits = ctx.search.hybrid(ctx.query.text, scope.doc_ids, limit=_SEARCHED)
        clauses = [hit.clause for hit in hits]
    present = {
        found.number
        for clause in clauses
        for found in _all_numbered(folded(f"{clause.path} {clause.text}"))
        if found.noun == asked.noun
    }
    if not present or asked.number in present:
        return None
    where = ", ".join(ctx.label(d) for d in scope.doc_ids) if scope.named else "Các kế hoạch"
    noun = _as_written(ctx.query.text, asked)
    others = ", ".join(str(n) for n in sorted(present))
    reason = (
        f"{where} không có {noun} (chỉ nêu số {others}), nên không trả lời theo {noun} được."
        if scope.named
        else f"{where} đã nạp không nêu {noun}; các điều khoản gần nhất nói về số {others}."
    )
    related = [hit.clause for hit in hits]
    return with_candidates(abstain(ctx.query, related[:3], ctx.documents, reason), related)


def _numbered(question: str) -> _Numbered | None:
    found = _all_numbered(question)
    return found[0] if len(found) == 1 else None


def _all_numbered(text: str) -> list[_Numbered]:
    found = []
    for match in _NUMBERED.finditer(text):
        number = number_value(match.group("number"))
        if number is not None:
            found.append(_Numbered(match.group("noun"), number))
        listed = _LISTED.match(text, match.end())
        if listed is None:
            continue
        for more in re.finditer(r"\d{1,2}", listed.group()):
            found.append(_Numbered(match.group("noun"), int(more.group())))
    return found


def _as_written(question: str, asked: _Numbered) -> str:
    """ "Bước 7", "hội nghị lần thứ 12": the numbered thing as the question names it."""
    flat, offsets = folded_with_offsets(question)
    match = _NUMBERED.search(flat)
    if match is None:
        return f"{asked.noun} {asked.number}"
    return question[offsets[match.start()] : offsets[match.end() - 1] + 1]
