"""Reading a deadline cell ("Tháng 11/2025", "Quý IV/2025", "Thường xuyên") into a `Deadline`."""

from __future__ import annotations

import re

from ingest.dates import first_date
from ingest.domain import Deadline, DeadlineKind
from ingest.normalize_vi import folded
from ingest.parser.markers import roman_to_int

_MONTH = re.compile(r"thang\s+(\d{1,2})\s*(?:/|nam)\s*(\d{4})")
_MONTH_BARE = re.compile(r"^(\d{1,2})\s*/\s*(\d{4})$")
_QUARTER = re.compile(r"quy\s+([ivx]+|[1-4])\s*(?:/|nam)?\s*(\d{4})?")
_YEAR = re.compile(r"(?:nam\s+)?(\d{4})")
_YEAR_SPAN = re.compile(r"(?:(?:giai doan|nam|trong)\s+)?(\d{4})\s*[-–]\s*(\d{4})")


def parse_deadline(raw: str) -> Deadline | None:
    """A `Deadline` from a cell's text, or None for an empty cell."""
    text = " ".join(raw.split())
    if not text:
        return None
    plain = folded(text)
    if re.search(r"thuong xuyen|lien tuc|hang ngay", plain):
        return Deadline(text, DeadlineKind.CONTINUOUS)
    if re.search(r"hang nam|moi nam|dinh ki", plain):
        return Deadline(text, DeadlineKind.ANNUAL)
    date = first_date(plain)
    if date is not None:
        return Deadline(text, DeadlineKind.DATE, year=date.year, month=date.month, day=date.day)
    match = _MONTH.search(plain) or _MONTH_BARE.search(plain)
    if match:
        month, year = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            return Deadline(text, DeadlineKind.MONTH, year=year, month=month)
    match = _QUARTER.search(plain)
    if match:
        label = match.group(1)
        quarter = int(label) if label.isdigit() else roman_to_int(label)
        quarter_year = int(match.group(2)) if match.group(2) else None
        if 1 <= quarter <= 4:
            return Deadline(text, DeadlineKind.QUARTER, year=quarter_year, quarter=quarter)
    span = _YEAR_SPAN.fullmatch(plain)
    if span and int(span.group(1)) < int(span.group(2)):
        # a task spanning several years ("2025-2026") is due by the end of the last one
        return Deadline(text, DeadlineKind.YEAR, year=int(span.group(2)))
    year_match = _YEAR.fullmatch(plain) or re.fullmatch(
        r"(?:trong |truoc |cuoi )?nam (\d{4})", plain
    )
    if year_match:
        return Deadline(text, DeadlineKind.YEAR, year=int(year_match.group(1)))
    return Deadline(text, DeadlineKind.OTHER)
