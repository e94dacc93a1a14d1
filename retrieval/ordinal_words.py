"""Numbers a question writes in words or numerals, as `folded` spells them: "kỳ họp thứ Bảy"
("thu bai": "bảy" folds by the i/y rule), "lần thứ mười hai", "đợt XII", "bước 7". One table
for every reader of numbered things (sessions, steps, rounds, occurrences)."""

from __future__ import annotations

import re

from ingest.parser.markers import roman_to_int

# the unit words and their values ("tư"/"bốn" 4, "năm"/"lăm" 5)
UNITS = {
    "nhat": 1,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "tu": 4,
    "bon": 4,
    "nam": 5,
    "lam": 5,
    "sau": 6,
    "bai": 7,
    "bay": 7,
    "tam": 8,
    "chin": 9,
}
_TEN = "muoi"
UNIT_WORD = "(?:" + "|".join(sorted(UNITS, key=len, reverse=True)) + ")"
# a number in words to 99: "mười", "mười hai", "hai mươi mốt" ("mot"), "bảy"
WORD_NUMBER = (
    rf"(?:(?:{_TEN}|(?:hai|ba|bon|nam|sau|bai|bay|tam|chin) {_TEN})(?: {UNIT_WORD})?|{UNIT_WORD})"
)


def number_value(written: str) -> int | None:
    """12 from "12", "xii" or "muoi hai"; None when it is no number."""
    if written.isdigit():
        return int(written)
    if re.fullmatch(r"[ivx]+", written):
        return roman_to_int(written.upper()) or None
    words = written.split()
    if not words:
        return None
    if len(words) == 1 and words[0] in UNITS:
        return UNITS[words[0]]
    if words[0] == _TEN:
        tens, rest = 1, words[1:]
    elif len(words) >= 2 and words[1] == _TEN and words[0] in UNITS:
        tens, rest = UNITS[words[0]], words[2:]
    else:
        return None
    if len(rest) > 1 or (rest and rest[0] not in UNITS):
        return None
    return tens * 10 + (UNITS[rest[0]] if rest else 0)
