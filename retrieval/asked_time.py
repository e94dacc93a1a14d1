"""Which of a duty's several time phrases a question asks about: "… hoàn thành trong Quý 4
năm 2017; công trình X hoàn thành trong tháng 3 năm 2018; sửa chữa hồ Y xong trước ngày
30/8/2017." holds one deadline per work, and "Hồ Y phải sửa chữa xong trước ngày nào?" asks
the last one. The part sharing the most of the question's words answers, when one does."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import folded
from retrieval.display import shorten

# a part of a duty that says when: "trong Quý 4 năm 2017", "xong trước ngày 30/8/2017",
# "trong tháng 3 năm 2018", "(dự kiến tổ chức vào tháng 12/2017)"
_WHEN = re.compile(
    r"\b(?:truoc|trong|cham nhat|vao|den het) (?:ngay|thang|quy|nam) \S*\d"
    r"|\btrong quy [ivx]+\b|\b\d{1,2}/\d{1,2}/\d{4}\b|\bthang \d{1,2}/\d{4}\b"
)
# a document cited with its date ("Chỉ thị số 24-CT/TW ngày 15/5/2013", "Quyết định
# 1237/QĐ-TTg ngày 27/7/2013"): the date says when that text was signed, not when work is due
_CITED_DATE = re.compile(r"\d+(?:/\d{4})?[/-][a-z0-9/-]+ ngay \d{1,2}(?:/| thang )\d{1,2}\S*")
# the parts of a duty: sentences, clauses after ";", and the works a task lists after ";"
_PARTS = re.compile(r"[;.]\s|\n(?=[-+*•]|\w\))")


def _timed_parts(text: str) -> list[str]:
    parts = [" ".join(p.split()) for p in _PARTS.split(text)]
    return [p for p in parts if p and _WHEN.search(_CITED_DATE.sub(" ", folded(p)))]


def among_time_parts(text: str, deadline: str) -> bool:
    """Whether a row's deadline is one of its text's time phrases (one work's of several),
    not a time stated for the whole duty ("3. Thời gian thực hiện: 6 tháng, hằng năm")."""
    wanted = folded(" ".join(deadline.split()))
    return bool(wanted) and any(wanted in folded(part) for part in _timed_parts(text))


def asked_time_part(text: str, keywords: Sequence[str]) -> str | None:
    """The part of `text` stating a time that shares strictly the most of `keywords` (folded
    content words) with the question, when `text` states more than one; else None."""
    timed = _timed_parts(text)
    if len(timed) < 2 or not keywords:
        return None
    wanted = set(keywords)
    scored = sorted(
        ((len(wanted & set(re.findall(r"[a-z0-9]+", folded(p)))), p) for p in timed),
        key=lambda item: -item[0],
    )
    (best, part), (second, _) = scored[0], scored[1]
    return shorten(part, 200) if best > second else None
