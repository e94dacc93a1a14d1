"""A figure (or a year) its heading states: "Vốn NSNN … bao nhiêu tỷ đồng?" of a part headed "1. Vốn
ngân sách nhà nước: 1.280 tỷ đồng, bao gồm:" whose items each state a figure of their own
("+ Hoàn thiện hạ tầng kỹ thuật KCN với tổng số vốn đầu tư 285 tỷ đồng …").

Every item repeats the heading's words in its path, so the search ranks an item first; but
an item that covers the question only through those words answers another question (its own
project's figure). The heading, whose own line covers the question and states a figure,
answers it instead. So for a year asked: "Tầm nhìn … đến năm nào?" of a paragraph under
"2.2. Tầm nhìn đến năm 2045" that names 2050 of its own is the heading's year.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from retrieval.amounts import own_text
from retrieval.coverage import MIN_COVERAGE
from retrieval.figures import heading_line, heading_states_figure
from retrieval.stored import StoredClause

T = TypeVar("T")


def stating_heading(
    question: str,
    best: StoredClause,
    enclosing: Sequence[StoredClause],
    coverage: Callable[[StoredClause], float],
    states: Callable[[StoredClause], bool] | None = None,
) -> StoredClause | None:
    """The nearest heading enclosing `best` whose own line covers the question, better than
    `best`'s own words (without its path) do, and states the figure asked (`states`: what
    else it must state, such as the year asked); else None. `enclosing`: `best`'s enclosing
    clauses, innermost first; `coverage`: how much of the question's topic a clause covers."""
    own = coverage(replace(best, path="", search_text=own_text(best)))
    for holder in enclosing:
        said = states(holder) if states is not None else heading_states_figure(holder, question)
        if not said:
            continue
        share = coverage(replace(holder, path="", search_text=heading_line(holder)))
        if share >= MIN_COVERAGE and share > own + _MARGIN:
            return holder
    return None


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
