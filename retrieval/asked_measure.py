"""The unit a figure question asks its number in, and whether a clause states a number in it.

"Khiếu nại … phải giải quyết trong bao nhiêu ngày?" asks a count of days: a clause that
says "đúng thời hạn luật định" states no number of days, and its other numbers (a date, a
term "2026 - 2031") are no answer. "Kinh phí tuyên truyền … là bao nhiêu?" asks an amount
of money: a clause with no amount in đồng does not state it. The measure is read from the
unit written right after "bao nhiêu" / "mấy", or from a money word the question asks the
amount of; a clause states it when a number (in figures or words) stands right before that
unit.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from ingest.normalize_vi import folded


@dataclass(frozen=True)
class Measure:
    """A unit a figure is asked in: its name as the question writes it and the folded
    words a clause writes a number of it with."""

    name: str
    units: tuple[str, ...]


# units of time, length, area and mass: "bao nhiêu ngày", "mấy tháng"
_UNITS = {
    "ngay": ("ngay",),
    "thang": ("thang",),
    "tuan": ("tuan",),
    "gio": ("gio",),
    "phut": ("phut",),
    "ha": ("ha", "hecta", "hec ta"),
    "hecta": ("ha", "hecta", "hec ta"),
    "km": ("km",),
    "tan": ("tan",),
}
_MONEY = Measure("tiền", ("dong", "vnd", "usd", "trieu", "ty", "ti"))  # ("tỷ" folds to "ti")
# the words that ask an amount of money: "kinh phí … bao nhiêu", "tổng vốn bao nhiêu"
_MONEY_WORDS = re.compile(
    r"\b(?:kinh phi|chi phi|ngan sach|von|so tien|gia goi thau|tong muc dau tu)\b"
)
# a share or a growth asked of money ("tỷ lệ giải ngân vốn", "tăng bao nhiêu %", "kinh phí …
# chiếm bao nhiêu trong tổng ngân sách") is no amount
_RATIO = re.compile(r"\b(?:ty le|ti le|ty trong|ti trong|phan tram|tang truong|chiem)\b|%")
_ASKS = re.compile(r"\b(?:bao nhieu|may)\s+(?P<unit>[a-z]+)\b")
# a number in figures or in words
_NUMBER_WORDS = r"(?:\d[\d.,]*|mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin|muoi|tram|nghin|ngan)"


def asked_measure(question: str) -> Measure | None:
    """The unit the question asks its figure in (None: no unit, or not a figure question)."""
    text = folded(question)
    asked = _ASKS.search(text)
    if asked is not None and asked.group("unit") in _UNITS:
        unit = asked.group("unit")
        return Measure(unit, _UNITS[unit])
    if _RATIO.search(text) is None and re.search(r"\bbao nhieu\b", text) and not _counts(text):
        money = _MONEY_WORDS.search(text)
        if money is not None and money.start() < _asking_at(text):
            return _MONEY
    return None


# words that may follow "bao nhiêu" when an amount of money is asked ("kinh phí bao nhiêu
# tiền", "vốn bao nhiêu để …"); any other word there is a thing counted ("bao nhiêu dự án")
_AMOUNT_WORDS = "tien dong trieu ty ti nghin ngan usd vnd la de cho trong tu va nam giai con thi o"
_AFTER_AMOUNT = frozenset(_AMOUNT_WORDS.split())


def _counts(text: str) -> bool:
    """Whether "bao nhiêu" counts a thing ("được bao nhiêu dự án?"), not an amount."""
    after = re.search(r"\bbao nhieu\s+([a-z0-9]+)", text)
    return after is not None and after.group(1) not in _AFTER_AMOUNT


def _asking_at(text: str) -> int:
    """Where the question asks ("bao nhiêu"): a money word must come before it (the amount
    asked), not after ("bao nhiêu dự án có vốn …")."""
    found = re.search(r"\bbao nhieu\b", text)
    return found.start() if found is not None else len(text)


# what ends the thing an amount is asked for: the asking words, the plan, place or time
# named, a clause ("Vốn NSNN trong KH 134 là bao nhiêu?" asks of "vốn NSNN")
_THING_ENDS = re.compile(
    r"\s(?:la|bao nhieu|may|cua|theo|tai|trong|nam|den|giai doan|vao|khi|de|dat|duoc|"
    r"can|phai|se|kh|ke hoach|qd|quyet dinh|nq|nghi quyet|chuong trinh|de an|tinh|"
    r"thanh pho|huyen|xa)\b|[?,;:()]|\d"
)
# the words naming what the money is for, at most this many: a long tail is context
_THING_WORDS = 4


def money_asked_of(question_folded: str, skip: Collection[str] = ()) -> tuple[str, ...]:
    """The words right after the money word of a question asking an amount of money,
    naming what it is for ("vốn ngân sách nhà nước", "kinh phí hỗ trợ doanh nghiệp"): empty
    when no amount of money is asked or the money word stands alone ("kinh phí là bao
    nhiêu?"). `skip`: words that name no part of it (a short form written out beside it, a
    plan's or place's name)."""
    if asked_measure(question_folded) is not _MONEY:
        return ()
    money = _MONEY_WORDS.search(question_folded)
    if money is None:
        return ()
    rest = question_folded[money.end() :]
    end = _THING_ENDS.search(" " + rest)
    phrase = rest[: max(0, end.start() - 1)] if end is not None else rest
    words = re.findall(r"[a-z]+", phrase)
    kept = [w for w in words if len(w) >= 2 and w not in _FILLER and w not in skip]
    return tuple(kept[:_THING_WORDS])


_FILLER = frozenset(["cac", "nhung", "va", "cho", "voi", "toan", "mot", "da", "dang"])


def states_measure(text: str, measure: Measure) -> bool:
    """Whether the text states a number in the measure's unit ("05 ngày", "2.000 triệu
    đồng", "mười ngày"); "hạ tầng" folds to "ha tang", no hectares."""
    plain = folded(text)
    units = "|".join(re.escape(u) for u in measure.units)
    number = rf"\b{_NUMBER_WORDS}(?:\s+{_NUMBER_WORDS})*\s*(?:{units})\b(?!\s+{_NOT_UNIT_AFTER})"
    return bool(re.search(number, plain))


# a unit's folded word starting another word: "4 hạ tầng" (a page number before "hạ tầng"
# in an OCR copy) states no hectares
_NOT_UNIT_AFTER = r"(?:tang|thap|nhiet|gia)\b"
