"""Text normalisation shared by the metrics (local on purpose: no ingest imports).

Two strengths:

- ``normalize_ws`` keeps the text verbatim except for Unicode composition (NFC) and
  whitespace (every run of spaces, tabs and newlines becomes one space). Used to compare
  quotes with clause text, where diacritics and case must match exactly.
- ``fold`` is for loose matching of key facts: it also drops diacritics, maps đ to d,
  lowercases, writes ``80 %`` as ``80%`` and a date's day and month with two digits
  (``9/6/2025`` as ``09/06/2025``: the same date however it is padded).
"""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")
_SPACE_BEFORE_PERCENT = re.compile(r" %")
_DAY_MONTH_YEAR = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
# Đ/đ do not decompose under NFD; Ð (U+00D0, Icelandic eth) is a common look-alike.
_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d"})


def normalize_ws(text: str) -> str:
    """NFC-compose ``text``, collapse each whitespace run to one space and strip the ends."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese (and other) diacritics: NFD, drop combining marks, đ→d."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Fold for loose matching: no diacritics, lowercase, single spaces, ``80 %`` → ``80%``,
    ``9/6/2025`` → ``09/06/2025``."""
    folded = strip_diacritics(unicodedata.normalize("NFC", text)).casefold()
    folded = _SPACE_BEFORE_PERCENT.sub("%", normalize_ws(folded))
    return _DAY_MONTH_YEAR.sub(_padded_date, folded)


def _padded_date(match: re.Match[str]) -> str:
    day, month, year = match.groups()
    return f"{int(day):02d}/{int(month):02d}/{year}"


def has_diacritics(text: str) -> bool:
    """True when ``text`` has a combining mark after NFD, or a đ/Đ."""
    if any(ch in "đĐÐð" for ch in text):
        return True
    return any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", text))
