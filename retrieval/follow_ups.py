"""Reading a conversation turn that leans on the previous one ("còn thời hạn thì sao?")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.conversation import Conversation
from retrieval.query import Intent, Query
from retrieval.stored import StoredClause

WHO = (Intent.WHO, Intent.WHO_LEAD, Intent.WHO_COOPERATE, Intent.WHO_MONITOR)
FOLLOW_UP_WORDS = frozenset(["con", "thi", "sao", "the", "nao", "vay", "do", "nay", "kia", "tren"])
# "chỉ tiêu đó", "nhiệm vụ này": the turn names its referent, the previous answer.
POINTS_BACK = re.compile(
    r"\b(?:chi tieu|nhiem vu|muc|noi dung|co quan|don vi|van ban|ke hoach|viec|du an|goi thau"
    r"|cong trinh|de an|chuong trinh|buoc|hoi nghi|(?:tinh|xa|huyen)(?: moi)?) "
    r"(?:do|nay|ay|tren|vua roi|vua neu)\b"
)
# the turn asks where the thing referred to is: the clause referred to says it
ASKS_WHERE = re.compile(r"\b(?:o|tai) dau\b|\bnoi nao\b|\bdia diem\b")
# "… xử lý các vi phạm đó?", "… những trường hợp này?": a thing the turn ends by pointing
# back to, whatever its noun ("đó"/"này"/"ấy" last, where "do" cannot be "by" or "because";
# "năm nay" is this year)
_ENDS_POINTING_BACK = (
    r"\b(?:cac|nhung|viec|van de|truong hop)(?: [a-z]+){1,4} (?:do|(?<!nam )nay|ay)$"
)
REFERS_BACK = re.compile(
    rf"{POINTS_BACK.pattern}|\b(?:con|vay con|the con)\b|{_ENDS_POINTING_BACK}"
)
CONTINUES = re.compile(r"^(?:con|the con|vay con|so voi|con o|con tai)\b|thi sao|the nao")
EARLIEST = re.compile(r"som nhat|gan nhat|truoc nhat|dau tien")
LATEST = re.compile(r"muon nhat|cuoi cung|sau cung|xa nhat")


def inherited_intent(query: Query, conversation: Conversation) -> Intent:
    """A bare topic ("Còn báo cáo năm?") keeps the previous question's intent."""
    if query.intent not in (Intent.SEARCH, Intent.TARGET) or not conversation.intent:
        return query.intent
    try:
        previous = Intent(conversation.intent)
    except ValueError:
        return query.intent
    if previous in (Intent.DEADLINE, *WHO, Intent.GUIDANCE, Intent.TARGET):
        return previous
    return query.intent


def by_deadline(clauses: Sequence[StoredClause], latest: bool) -> list[StoredClause]:
    """ "Trong đó chỉ tiêu nào có hạn sớm nhất?": the rows due first (or last), ties kept."""
    dated = [c for c in clauses if c.target and c.target.deadline and c.target.deadline.due]
    if not dated:
        return []
    key = lambda c: c.target.deadline.due  # noqa: E731
    chosen = max(dated, key=key) if latest else min(dated, key=key)
    return [c for c in dated if key(c) == key(chosen)]
