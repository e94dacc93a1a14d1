"""A numbered part of a plan the question names that the plan does not have: "Học kỳ III
bắt đầu khi nào?" of a school-year plan with "Học kỳ I" and "Học kỳ II", "đợt 3" of a plan
of two rounds. The clause about "Học kỳ I" is not the answer; the question is declined,
saying which ones the plan has."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from ingest.normalize_vi import folded
from ingest.parser.markers import roman_to_int
from retrieval.stored import StoredClause

__all__ = ["asked_part_first", "missing_ordinal"]

T = TypeVar("T")

# the kinds of numbered part a plan's timeline is cut into
_KINDS = r"hoc k[iy]|giai doan|dot|khoa"
_NUMBER = r"(?:[ivx]+|\d{1,2})"
_NAMED = re.compile(rf"\b({_KINDS}) ({_NUMBER})\b")


def _value(number: str) -> int:
    """ "III" and "3" are one part."""
    return int(number) if number.isdigit() else roman_to_int(number.upper())


def _numbers(kind: str, text: str) -> set[int]:
    kind_re = kind.replace("ki", "k[iy]").replace("ky", "k[iy]")
    return {_value(m.group(1)) for m in re.finditer(rf"\b{kind_re} ({_NUMBER})\b", text)}


def _display(kind: str, number: str) -> str:
    word = {"hoc ki": "học kỳ", "hoc ky": "học kỳ", "giai doan": "giai đoạn", "dot": "đợt"}
    return f"{word.get(kind, kind)} {number.upper()}"


def missing_ordinal(question_folded: str, clauses: Sequence[StoredClause]) -> str | None:
    """The reason to decline when the question names a numbered part ("học kỳ III") that
    none of these clauses names while they name others of its kind ("Học kỳ I", "Học kỳ
    II"); None when the part asked is named, or the clauses number no such parts."""
    text = " ".join(folded(c.text) for c in clauses)
    for match in _NAMED.finditer(question_folded):
        kind, number = match.group(1), match.group(2)
        if number.isdigit() and len(number) > 2:
            continue
        named = _numbers(kind, text)
        if named and _value(number) not in named and _value(number) > 0:
            others = ", ".join(_display(kind, str(n)) for n in sorted(named))
            return f"Văn bản không nêu {_display(kind, number)}; văn bản chỉ nêu: {others}."
    return None


def asked_part_first(
    question_folded: str, items: Sequence[T], clause_of: Callable[[T], StoredClause]
) -> list[T]:
    """ "Học kỳ II bắt đầu khi nào?": the clauses about the part asked (the part of its kind
    a clause opens with: "Học kỳ II: Bắt đầu ngay sau khi kết thúc học kỳ I") before those
    about another part ("Học kỳ I: Bắt đầu từ ngày 06/9/2024"), which go last; each group
    in its order. Unchanged when the question names no numbered part."""
    asked = [
        (m.group(1), _value(m.group(2)))
        for m in _NAMED.finditer(question_folded)
        if not (m.group(2).isdigit() and len(m.group(2)) > 2)
    ]
    if not asked:
        return list(items)
    first: list[T] = []
    rest: list[T] = []
    last: list[T] = []
    for item in items:
        about = _first_part(asked[0][0], folded(clause_of(item).text))
        if about is None:
            rest.append(item)
        elif about == asked[0][1]:
            first.append(item)
        else:
            last.append(item)
    return first + rest + last


def _first_part(kind: str, text: str) -> int | None:
    """The part a clause opens with ("- Học kỳ II: …", "b) Đợt 2: …"); None when it opens
    otherwise (a part it only mentions, "… Trung ương khóa XIII …", is not what it is about)."""
    kind_re = kind.replace("ki", "k[iy]").replace("ky", "k[iy]")
    found = re.match(rf"\W*(?:[a-z0-9]{{1,3}}[.)]\s*)?{kind_re} ({_NUMBER})\b", text)
    return _value(found.group(1)) if found else None
