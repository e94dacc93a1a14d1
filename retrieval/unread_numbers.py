"""The số hiệu of a loaded document whose own number could not be read, from the loaded
documents that cite it.

An OCR copy may misread the figures of its số ký hiệu ("Số: Z32Ø/BTC-QLCS") while the ký
hiệu, the issuer and the date are read. A loaded document that cites one document of that
same ký hiệu, dated that same day and issued by that same body ("Công văn số 8388/BTC-QLCS
ngày 19 tháng 6 năm 2026 của Bộ Tài chính") cites this one: the ký hiệu (NĐ 30/2020/NĐ-CP,
Phụ lục I: the kind and the issuing unit's short name) and the day single out one document of
one body. When the citations disagree on the figures, or a part does not agree, the number
stays unknown.

Worked out once when the answering service is set up, one search per such document (an
OCR copy with an unreadable number is rare), never per question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from ingest.normalize_vi import folded
from retrieval.cited_documents import CitedRef, dates_beside
from retrieval.documents import DocumentInfo, issuer_key
from retrieval.search import Candidate
from retrieval.stored import StoredClause

# how many clauses the engine is asked for per ký hiệu (a số hiệu is one lexical word)
_CANDIDATES = 40


class CitingSource(Protocol):
    """What the citations are searched in (`ClauseSearch`)."""

    def hybrid(
        self, text: str, documents: Sequence[str] = (), limit: int = 20
    ) -> list[Candidate]: ...


def cited_numbers(unread: Iterable[DocumentInfo], source: CitingSource) -> Mapping[str, str]:
    """Document id → the số hiệu other loaded documents cite it by, for each document whose
    own figures could not be read and whose ký hiệu, issuer and date one cited number agrees
    with."""
    found: dict[str, str] = {}
    for info in unread:
        clauses = [hit.clause for hit in source.hybrid(info.number_symbol or "", limit=_CANDIDATES)]
        number = cited_number(info, [c for c in clauses if c.document_id != info.id])
        if number:
            found[info.id] = number
    return found


def cited_number(info: DocumentInfo, clauses: Sequence[StoredClause]) -> str | None:
    """The one số hiệu these clauses (of other documents) cite with the document's ký hiệu,
    its date and its issuer; None when none, or several different ones, agree."""
    symbol = info.number_symbol
    if not symbol or not info.issued_date or not info.issuer:
        return None
    day = _iso_day(info.issued_date)
    if day is None:
        return None
    issuer = issuer_key(info.issuer)
    pattern = re.compile(rf"(?<![\d/-])(\d+)\s*/\s*{_spaced(folded(symbol))}(?![a-z0-9/-])")
    numbers: set[str] = set()
    for clause in clauses:
        text = clause.text
        for match in pattern.finditer(folded(text)):
            ref = CitedRef("", match.group(1), folded(symbol), match.start(), match.end())
            for date in dates_beside(text, ref):
                if (date.year, date.month, date.day) == day and issuer_key(date.issuer) == issuer:
                    numbers.add(f"{int(match.group(1)):d}/{symbol}")
    return numbers.pop() if len(numbers) == 1 else None


def _iso_day(date: str) -> tuple[int, int, int] | None:
    """(year, month, day) of an ISO date ("2026-06-19"); None when the day is not known."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", date.strip())
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def _spaced(symbol: str) -> str:
    """The folded ký hiệu as a pattern that lets a space or line break follow a separator."""
    return r"[/-]\s*".join(re.escape(part) for part in re.split(r"[/-]", symbol))
