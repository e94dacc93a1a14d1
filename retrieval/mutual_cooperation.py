"""Units a duty asks to co-operate with one another ("Đề nghị Thường trực HĐND, UBND, Ủy ban
Kiểm tra Đảng ủy xã thường xuyên phối hợp, trao đổi thông tin …"): the units named as the
duty's doers are the co-operating ones, the verb "phối hợp" taking no object of its own."""

from __future__ import annotations

import re

from ingest.normalize_vi import folded

# the doers, then "phối hợp" used without an object: a comma, a full stop, "chặt chẽ", "trao
# đổi" or the end after it — never "phối hợp với X" nor "chủ trì, phối hợp các sở" (whose
# object is the co-operating units); the doers' run holds no sentence end and no "chủ trì"
_MUTUAL = re.compile(
    r"^(?:(?!chu tri)[^.;:])*?\b(?:(?:thuong xuyen|chu dong|tich cuc|cung|chat che)\s+)*"
    r"phoi hop(?=\s*[,.;]|\s+(?:chat che|trao doi|thong tin)\b|\s*$)"
)


def doers_cooperate(text: str) -> bool:
    """Whether the duty's first sentence has its doers co-operate with one another."""
    text = _LABEL.sub("", " ".join(text.split()))
    return bool(_MUTUAL.search(folded(text)))


# the duty's own number or bullet ("3.", "2.1.", "a)", "-")
_LABEL = re.compile(r"^(?:[\dIVXivx]+(?:\.\d+)*[.)]|[a-zđ]\)|[-+*•–])\s*")
