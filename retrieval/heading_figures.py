"""A figure its heading states: "Vốn NSNN … bao nhiêu tỷ đồng?" of a part headed "1. Vốn
ngân sách nhà nước: 1.280 tỷ đồng, bao gồm:" whose items each state a figure of their own
("+ Hoàn thiện hạ tầng kỹ thuật KCN với tổng số vốn đầu tư 285 tỷ đồng …").

Every item repeats the heading's words in its path, so the search ranks an item first; but
an item that covers the question only through those words answers another question (its own
project's figure). The heading, whose own line covers the question and states a figure,
answers it instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from retrieval.amounts import own_text
from retrieval.asked_measure import asked_measure, states_measure
from retrieval.confidence import states_figure
from retrieval.coverage import MIN_COVERAGE
from retrieval.stored import StoredClause

T = TypeVar("T")


def heading_line(clause: StoredClause) -> str:
    """A clause's own first line: its heading, else its body's first line."""
    return (clause.heading or clause.body.strip().split("\n", 1)[0]).strip()


def stating_heading(
    question: str,
    best: StoredClause,
    enclosing: Sequence[StoredClause],
    coverage: Callable[[StoredClause], float],
) -> StoredClause | None:
    """The nearest heading enclosing `best` whose own line covers the question, better than
    `best`'s own words (without its path) do, and states the figure asked; else None.
    `enclosing`: `best`'s enclosing clauses, innermost first; `coverage`: how much of the
    question's topic a clause covers."""
    own = coverage(replace(best, path="", search_text=own_text(best)))
    measure = asked_measure(question)
    for holder in enclosing:
        line = without_numbers_of(heading_line(holder), question)
        stated = states_measure(line, measure) if measure is not None else states_figure(line)
        if not stated:
            continue
        share = coverage(replace(holder, path="", search_text=line))
        if share >= MIN_COVERAGE and share > own + _MARGIN:
            return holder
    return None


def without_numbers_of(line: str, question: str) -> str:
    """A heading's line without the numbers the question writes itself: "(phiên bản 1.0)"
    in "Mô hình … (phiên bản 1.0) thí điểm tại bao nhiêu đơn vị?" names what is asked, it
    is no figure the heading states."""
    for number in set(_NUMBER.findall(question)):
        line = re.sub(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)", " ", line)
    return line


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# how much better the heading's line must cover the question than the item's own words
_MARGIN = 0.2


def heading_first(
    items: list[T],
    clause_of: Callable[[T], StoredClause],
    heading: StoredClause,
    make: Callable[[StoredClause, T], T],
) -> list[T]:
    """`items` with `heading` first (made from the first item by `make`), not repeated."""
    first = make(heading, items[0])
    return [first, *(i for i in items if clause_of(i).clause_id != heading.clause_id)]
