"""Địa danh and ngày tháng năm: "Hà Nội, ngày 09 tháng 01 năm 2025", "ngày   tháng 4 năm 2026"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.dates import date_at, full_dates, slashed_date

# Luật Ban hành VBQPPL: a law or resolution of an elected body closes with the day it was
# adopted ("Nghị quyết này được Quốc hội … khóa XV, Kỳ họp …, thông qua ngày 19 tháng 02 năm 2025.")
_ADOPTED = re.compile(
    r"được\s+(?P<body>Quốc hội|Hội đồng nhân dân[^,.;]*?|Ủy ban Thường vụ Quốc hội)\b[^.]*?"
    r"thông qua\s+(?=ngày)"
)
_PLACE_WORD = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ\-]*|phố|xã)$")


@dataclass(frozen=True)
class DateLine:
    """The date of issue (ISO, shortened when a part is left blank) and the place before it."""

    iso: str
    place: str | None
    start: int
    end: int


def iso_date(day: str | None, month: str | None, year: str) -> str:
    """ "2025-01-09"; "2026-04" when the day is blank; "2026" when the month is too."""
    day, month = (part.replace(" ", "") if part else part for part in (day, month))
    if not month:
        return f"{int(year):04d}"
    return f"{int(year):04d}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


def _place_before(text: str) -> str | None:
    if not text.rstrip().endswith(","):
        return None
    words = text.rstrip(" ,").split()
    taken: list[str] = []
    for word in reversed(words):
        if not _PLACE_WORD.match(word) or len(taken) >= 6:
            break
        taken.insert(0, word)
    while taken and not taken[0][:1].isupper():
        taken.pop(0)
    return " ".join(taken) or None


def _placed(text: str, start: int) -> bool:
    """Whether the date at `start` follows a địa danh and its comma ("Hà Nội, ngày …")."""
    return text[max(0, start - 60) : start].rstrip().endswith(",")


def find_date(text: str, placed: bool = False) -> DateLine | None:
    """The first "…, ngày … tháng … năm …" in `text`; with `placed`, only one written as the
    date line of NĐ 30/2020 (after the địa danh and a comma), not a date that only cites
    another document ("Quyết định số 22/2013/QĐ-TTg ngày 26 tháng 4 năm 2013 …")."""
    dates = full_dates(text, blanks=True)
    date = next((d for d in dates if not placed or _placed(text, d.start)), None)
    if date is None:
        return None
    place = _place_before(text[max(0, date.start - 60) : date.start])
    return DateLine(date.iso, place, date.start, date.end)


def slash_date(text: str) -> str | None:
    """An ISO date from "29/12/2025" (what attribute tables write)."""
    date = slashed_date(text)
    return date.iso if date else None


def adoption(text: str) -> tuple[str, str] | None:
    """The adopting body and the ISO date of "… được Quốc hội … thông qua ngày …", if any."""
    flat = " ".join(text.split())
    match = _ADOPTED.search(flat)
    date = date_at(flat, match.end()) if match else None
    if match is None or date is None:
        return None
    return " ".join(match["body"].split()), date.iso
