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
from retrieval.ranking import with_candidates
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context

# Vietnamese ordinals written in words ("lần thứ sáu", "Hội nghị lần thứ mười một"), folded
_UNITS = {
    "nhat": 1,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "tu": 4,
    "bon": 4,
    "nam": 5,
    "lam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
}
# (a word not followed by figures: "đợt năm 2025" is no fifth round)
_WORD_NUMBER = (
    r"(?:(?:muoi|(?:hai|ba|bon|nam|sau|bay|tam|chin) muoi)"
    r"(?: (?:mot|hai|ba|tu|bon|nam|lam|sau|bay|tam|chin))?"
    r"|nhat|mot|hai|ba|tu|bon|nam|sau|bay|tam|chin)(?!\s*\d)"
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
        number = _value(match.group("number"))
        if number is not None:
            found.append(_Numbered(match.group("noun"), number))
        listed = _LISTED.match(text, match.end())
        if listed is None:
            continue
        for more in re.finditer(r"\d{1,2}", listed.group()):
            found.append(_Numbered(match.group("noun"), int(more.group())))
    return found


def _value(written: str) -> int | None:
    """12 from "12", "XII" or "muoi hai"; None when it is no number."""
    if written.isdigit():
        return int(written)
    if re.fullmatch(r"[ivx]+", written):
        values = {"i": 1, "v": 5, "x": 10}
        total = 0
        for i, ch in enumerate(written):
            value = values[ch]
            following = values[written[i + 1]] if i + 1 < len(written) else 0
            total += -value if value < following else value
        return total or None
    words = written.split()
    if words[0] in _UNITS and len(words) == 1:
        return _UNITS[words[0]]
    tens = 1 if words[0] == "muoi" else _UNITS.get(words[0], 0)
    rest = words[1:] if words[0] == "muoi" else words[2:]
    return tens * 10 + (_UNITS.get(rest[0], 0) if rest else 0) if tens else None


def _as_written(question: str, asked: _Numbered) -> str:
    """ "Bước 7", "hội nghị lần thứ 12": the numbered thing as the question names it."""
    flat, offsets = folded_with_offsets(question)
    match = _NUMBERED.search(flat)
    if match is None:
        return f"{asked.noun} {asked.number}"
    return question[offsets[match.start()] : offsets[match.end() - 1] + 1]
