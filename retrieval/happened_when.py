"""A question asking when something already happened ("Sàn giao dịch các-bon trong nước
đã chính thức khai trương vào ngày nào?") answered with a task's deadline ("Hạn hoàn
thành: 2028 - 2030"): a plan's deadline says when a thing must be done, never that it was
done, nor on which day.

Only the written "đã" is read (an accent-free "da" is also "đa" of "đa dạng"), or the
accent-free "da chinh thuc", "da duoc", "da tung" that can only be "đã".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import canonical, folded
from retrieval.stored import StoredClause

# "đã … ngày nào / khi nào / bao giờ / thời điểm nào" in one sentence
_ASKS_WHEN = r"(?:ngày|ngay) (?:nào|nao)|(?:khi|khí) (?:nào|nao)|bao (?:giờ|gio)|thời điểm nào"
_HAPPENED = re.compile(rf"\bđã\b[^?.;]*?\b(?:{_ASKS_WHEN})\b")
_HAPPENED_FOLDED = re.compile(
    r"\bda (?:chinh thuc|duoc|tung)\b[^?.;]*?\b(?:ngay nao|khi nao|bao gio|thoi diem nao)\b"
)
# how an answer states a deadline it read from a row or a duty
_DEADLINE_SAID = re.compile(r"\b(?:han hoan thanh|thoi han|han:)", re.IGNORECASE)


def asks_happened(question: str) -> bool:
    """Whether the question asks the day or time a thing already happened."""
    text = canonical(question).lower()
    return bool(_HAPPENED.search(text) or _HAPPENED_FOLDED.search(folded(question)))


def deadline_for_event(question: str, answer: str, cited: Sequence[StoredClause]) -> bool:
    """Whether a question asking when a thing happened is answered by a deadline: a cited
    row's deadline, or the answer saying "hạn hoàn thành" / "thời hạn"."""
    if not asks_happened(question):
        return False
    if any(c.target is not None and c.target.deadline for c in cited):
        return True
    return bool(_DEADLINE_SAID.search(folded(answer)))
