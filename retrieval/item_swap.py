"""A follow-up asking the previous question of another numbered item: "Còn đợt 3 thì sao?"
after "Đợt 1 kiểm tra, giám sát … từ ngày nào đến ngày nào?" asks when round 3 runs."""

from __future__ import annotations

import re

from ingest.normalize_vi import folded, folded_with_offsets

# an item a plan numbers (a round, a step, a stage, a duty …) and its number, folded
_ITEM = re.compile(
    r"\b(?P<kind>dot|buoc|giai doan|lan|chi tieu|nhiem vu|muc|phan|khoan|diem|noi dung)"
    r"\s+(?:thu\s+)?(?P<number>\d{1,3}|[ivx]{1,5})\b"
)


def asked_of_another_item(turn: str, previous: str) -> str | None:
    """The previous question with its numbered item replaced by the one this turn names
    ("đợt 3" for "đợt 1"); None unless the turn names exactly one item of a kind the previous
    question names once, under another number."""
    named = list(_ITEM.finditer(folded(turn)))
    if len(named) != 1:
        return None
    kind, number = named[0].group("kind"), named[0].group("number")
    flat, offsets = folded_with_offsets(previous)
    before = [m for m in _ITEM.finditer(flat) if m.group("kind") == kind]
    if len(before) != 1 or before[0].group("number") == number:
        return None
    at = before[0]
    start = offsets[at.start("number")]
    end = offsets[at.end("number") - 1] + 1
    written = number.upper() if number.isalpha() else number  # "mục III"
    return previous[:start] + written + previous[end:]
