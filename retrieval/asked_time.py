"""Which of a duty's works a question asks the time of: a duty listing several works, each
with its own time, is parsed into its works (`Target.works`, `ingest.parser.timed_works`),
and "Hồ Y phải sửa chữa xong trước ngày nào?" asks the work that shares strictly the most
of the question's words."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.domain import TimedWork
from ingest.normalize_vi import folded


def asked_work(works: Sequence[TimedWork], keywords: Sequence[str]) -> TimedWork | None:
    """The work sharing strictly the most of `keywords` (folded content words) with the
    question, among two or more; None when none stands out."""
    if len(works) < 2 or not keywords:
        return None
    wanted = set(keywords)
    scored = sorted(
        (
            (len(wanted & set(re.findall(r"[a-z0-9]+", folded(w.text)))), i)
            for i, w in enumerate(works)
        ),
        key=lambda item: -item[0],
    )
    (best, index), (second, _) = scored[0], scored[1]
    return works[index] if best > second else None
