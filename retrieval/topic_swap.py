"""A follow-up asking the previous question of another topic: "Còn thu từ tài nguyên nước
thì sao?" after "… mục tiêu thu ngân sách từ sử dụng đất giai đoạn 2026-2030 bao nhiêu?" asks
the revenue target from water resources in the same plan and stage.

The turn repeats the words of the previous question that frame what it swaps ("thu từ"), or
only the last of them ("Còn từ khoáng sản?"); what follows that word in the previous question,
up to its next part (a stage, a time, the figure asked), is the topic swapped out."""

from __future__ import annotations

import re

from ingest.normalize_vi import folded

# the words a "còn …" turn opens and closes with: not part of the topic it names
_OPENING = re.compile(r"^\s*(?:(?:vậy|thế|vay|the)\s+)?(?:còn|con)\s+", re.IGNORECASE)
_CLOSING = re.compile(
    r"\s*(?:thì\s+sao|thi\s+sao|thế\s+nào|the\s+nao|ra\s+sao|bao\s+nhiêu|bao\s+nhieu)?"
    r"\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# where the swapped topic ends in the previous question: its next part opens (folded words)
_NEXT_PART = frozenset(
    [
        *("giai", "nam", "den", "bao", "la", "trong", "theo", "cua", "moi", "binh", "phai"),
        *("duoc", "khi", "truoc", "sau", "vao", "nhu", "may", "ty", "ti"),
    ]
)
_MAX_TOPIC_WORDS = 6


def asked_of_another_topic(turn: str, previous: str) -> str | None:
    """The previous question with its topic after the framing word replaced by the one this
    turn names; None unless the turn opens with "còn", repeats a framing word of the previous
    question and names something after it that the previous question does not."""
    if not _OPENING.match(turn):
        return None
    named = _CLOSING.sub("", _OPENING.sub("", turn, count=1)).split()
    if len(named) < 2 or len(named) > _MAX_TOPIC_WORDS + 2:
        return None
    words = previous.split()
    flat = [folded(w).strip(",.;:?!()") for w in words]
    turn_flat = [folded(w).strip(",.;:?!()") for w in named]
    for k in range(len(named) - 2, -1, -1):
        anchor = _anchor(flat, turn_flat[: k + 1])
        if anchor is None:
            continue
        swapped_in = named[k + 1 :]
        if any(w in flat for w in (folded(x) for x in swapped_in)):
            return None  # the turn repeats the previous topic: nothing is swapped
        end = anchor + 1
        # "báo cáo năm" → "báo cáo 6 tháng": the period alone is the topic
        period = _period_swapped(flat, end, turn_flat[k + 1 :])
        if period:
            end += 1
        while (
            not period
            and end < len(words)
            and end - anchor <= _MAX_TOPIC_WORDS
            and flat[end] not in _NEXT_PART
            and flat[end]
        ):
            end += 1
            if words[end - 1][-1:] in ",;:?!.":
                break
        if end == anchor + 1 or end - anchor > _MAX_TOPIC_WORDS:
            return None
        trail = words[end - 1][-1:] if words[end - 1][-1:] in ",;:?!." else ""
        return " ".join(
            [*words[: anchor + 1], *swapped_in[:-1], swapped_in[-1] + trail, *words[end:]]
        )
    return None


# a report's period, named after the framing word ("báo cáo năm", "báo cáo quý"); the words a
# turn names another period with ("6 tháng", "quý I", "đột xuất", "hằng tháng")
_PERIODS = frozenset(["nam", "quy", "thang", "tuan"])
_PERIOD_WORDS = _PERIODS | {"hang", "dot", "xuat", "dinh", "ky", "i", "ii", "iii", "iv"}


def _period_swapped(flat: list[str], at: int, swapped_in: list[str]) -> bool:
    """Whether the previous question names a period right after the framing word (not a
    year: "năm 2026") and the turn swaps in another period ("6 tháng", "quý")."""
    if at >= len(flat) or flat[at] not in _PERIODS:
        return False
    if at + 1 < len(flat) and flat[at + 1].isdigit():
        return False  # "báo cáo năm 2026": a time, not a kind of report
    return bool(swapped_in) and all(w in _PERIOD_WORDS or w.isdigit() for w in swapped_in)


def _anchor(flat: list[str], framing: list[str]) -> int | None:
    """The index in the previous question's folded words of the last framing word, the
    others standing before it in order; None when it is not there (or there twice)."""
    last = framing[-1]
    at = [i for i, w in enumerate(flat) if w == last]
    if len(at) != 1:
        return None
    before = flat[: at[0]]
    position = 0
    for word in framing[:-1]:
        try:
            position = before.index(word, position) + 1
        except ValueError:
            return None
    return at[0]
