"""A document the question names by number and date, when the plan cited is another one.

Plans at different levels share numbers: "Kế hoạch 16/KH-MTTQ-BTT ngày 23/12/2025" of the
province and the commune's own "16/KH-MTTQ-BTT" of 18/11/2025. A question giving the number
with a date names one issued that day; an answer read from a plan of that number issued on
another day is about another document, and is declined with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from retrieval.constraints import Reading
from retrieval.documents import DocumentDirectory, number_figures
from retrieval.stored import StoredClause

# the date written right after a document's number: "16/kh-mttq-btt ngay 23/12/2025"
_DATE_AFTER = re.compile(r"\s*,?\s*(?:ban hanh\s+)?ngay\s+(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")


def named_date(reading: Reading) -> tuple[str, date] | None:
    """The number (figures) and date of the first document the question names with a date."""
    text = reading.query.folded
    for ref in reading.documents:
        found = _DATE_AFTER.match(text, ref.span.end)
        if found is None:
            continue
        day, month, year = (int(g) for g in found.groups())
        try:
            return ref.number.lstrip("0") or "0", date(year, month, day)
        except ValueError:
            continue
    return None


def other_dated(
    reading: Reading, cited: Sequence[StoredClause], documents: DocumentDirectory
) -> str | None:
    """Why the answer is about another document: every cited clause is from a plan with the
    number the question names, issued on another day than the one it gives (None: not so)."""
    named = named_date(reading)
    if named is None or not cited:
        return None
    number, day = named
    issued: set[str] = set()
    for doc_id in dict.fromkeys(c.document_id for c in cited):
        info = documents.get(doc_id)
        if info is None or not info.issued_date:
            return None
        if not any((number_figures(n).lstrip("0") or "0") == number for n in info.numbers):
            return None  # a plan cited for what it says of the named one
        if info.issued_date == day.isoformat():
            return None
        issued.add(info.issued_date)
    shown = ", ".join(_vietnamese(d) for d in sorted(issued))
    label = next(r.label for r in reading.documents if (r.number.lstrip("0") or "0") == number)
    return (
        f"{label} ngày {day.day:02d}/{day.month:02d}/{day.year} chưa được nạp — văn bản đã nạp "
        f"cùng số hiệu ban hành ngày {shown}, là văn bản khác."
    )


def _vietnamese(iso: str) -> str:
    """ "2025-11-18" as "18/11/2025"."""
    year, month, day = iso.split("-")[:3]
    return f"{day}/{month}/{year}"
