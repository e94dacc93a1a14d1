"""Địa danh and ngày tháng năm: "Hà Nội, ngày 09 tháng 01 năm 2025", "ngày   tháng 4 năm 2026"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FILL = r"[\s.…_]*"
# a day or month of two digits that a copy split with a space ("tháng 0 6", like "Đ ả ng")
_PART = r"\d(?: ?\d)?"
_DATE = re.compile(
    rf"[Nn]gày{_FILL}(?P<d>{_PART})?{_FILL}tháng{_FILL}(?P<m>{_PART})?{_FILL}năm\s*(?P<y>(?:19|20)\d\d)"
)
_SLASH_DATE = re.compile(r"(?P<d>\d{1,2})?\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>(?:19|20)\d\d)")
# Luật Ban hành VBQPPL: a law or resolution of an elected body closes with the day it was
# adopted ("Nghị quyết này được Quốc hội … khóa XV, Kỳ họp …, thông qua ngày 19 tháng 02 năm 2025.")
_ADOPTED = re.compile(
    r"được\s+(?P<body>Quốc hội|Hội đồng nhân dân[^,.;]*?|Ủy ban Thường vụ Quốc hội)\b[^.]*?"
    r"thông qua ngày\s*(?P<d>\d{1,2})\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>(?:19|20)\d\d)"
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


def _in_range(day: str | None, month: str | None) -> bool:
    """A day 1–31 and a month 1–12 (or left blank)."""
    d, m = (int(part.replace(" ", "")) if part else None for part in (day, month))
    return (d is None or 1 <= d <= 31) and (m is None or 1 <= m <= 12)


def _placed(text: str, start: int) -> bool:
    """Whether the date at `start` follows a địa danh and its comma ("Hà Nội, ngày …")."""
    return text[max(0, start - 60) : start].rstrip().endswith(",")


def find_date(text: str, placed: bool = False) -> DateLine | None:
    """The first "…, ngày … tháng … năm …" in `text`; with `placed`, only one written as the
    date line of NĐ 30/2020 (after the địa danh and a comma), not a date that only cites
    another document ("Quyết định số 22/2013/QĐ-TTg ngày 26 tháng 4 năm 2013 …")."""
    dates = (m for m in _DATE.finditer(text) if _in_range(m["d"], m["m"]))
    match = next((m for m in dates if not placed or _placed(text, m.start())), None)
    if not match:
        return None
    place = _place_before(text[max(0, match.start() - 60) : match.start()])
    return DateLine(iso_date(match["d"], match["m"], match["y"]), place, match.start(), match.end())


def slash_date(text: str) -> str | None:
    """An ISO date from "29/12/2025" (what attribute tables write)."""
    match = _SLASH_DATE.fullmatch(text.strip())
    return iso_date(match["d"], match["m"], match["y"]) if match else None


def adoption(text: str) -> tuple[str, str] | None:
    """The adopting body and the ISO date of "… được Quốc hội … thông qua ngày …", if any."""
    match = _ADOPTED.search(" ".join(text.split()))
    if not match:
        return None
    body = " ".join(match["body"].split())
    return body, iso_date(match["d"], match["m"], match["y"])
