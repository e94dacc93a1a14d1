"""Whether a text states a figure, and whether a heading's own line states the figure a
question asks: one reading for the strategy that answers from a heading over its items
(`retrieval.heading_figures`) and for the confidence check that accepts such a heading as
stating the figure (`retrieval.confidence`)."""

from __future__ import annotations

import re

from ingest.dates import without_citations
from ingest.normalize_vi import folded
from retrieval.asked_measure import asked_measure, states_measure
from retrieval.stored import StoredClause


def states_figure(text: str) -> bool:
    """Whether a clause states a figure: a number that is not a year, a date, a document's
    number ("Nghị quyết số 57-NQ/TW ngày 22/12/2024") or a clause's own numbering."""
    plain = without_citations(folded(text))
    plain = _NOT_FIGURES.sub(" ", plain)
    return bool(re.search(r"\d", plain))


# years, dates and list numbering ("1.", "2.3.", "a)") are no figure
_NOT_FIGURES = re.compile(
    r"\b(?:19|20)\d\d\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"
    r"|\b(?:ngay|thang|quy|khoa|lan thu)\s+\d{1,2}\b|^\s*[\d.]+\s"
)


def heading_line(clause: StoredClause) -> str:
    """A clause's own first line: its heading, else its body's first line."""
    return (clause.heading or clause.body.strip().split("\n", 1)[0]).strip()


def heading_states_figure(clause: StoredClause, question: str) -> bool:
    """Whether the clause's own first line states the figure the question asks: a number in
    the measure asked ("bao nhiêu tỷ đồng?" of "1. Vốn ngân sách nhà nước: 1.280 tỷ đồng,
    bao gồm:"), any figure when no measure is asked."""
    line = without_numbers_of(heading_line(clause), question)
    measure = asked_measure(question)
    return states_measure(line, measure) if measure is not None else states_figure(line)


def without_numbers_of(line: str, question: str) -> str:
    """A heading's line without the numbers the question writes itself: "(phiên bản 1.0)"
    in "Mô hình … (phiên bản 1.0) thí điểm tại bao nhiêu đơn vị?" names what is asked, it
    is no figure the heading states."""
    for number in set(_NUMBER.findall(question)):
        line = re.sub(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)", " ", line)
    return line


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
