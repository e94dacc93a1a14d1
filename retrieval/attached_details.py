"""Where a document puts its details: the line sending the reader to the tables or
appendices attached ("(Chi tiết có các biểu số 01, 02, 03, 04, 05 kèm theo).", "Chi tiết
tại Phụ lục kèm theo"), and whether a question asks for it ("Chi tiết kế hoạch … được nêu
ở đâu?", "có những biểu số nào kèm theo?")."""

from __future__ import annotations

import re

from ingest.normalize_vi import folded

# the question asks where the details are, or which tables or appendices come attached
_ASKS = re.compile(
    # ("chi tiết … nêu ở đâu", not "dự án … xây dựng ở đâu": a place asked)
    r"\bchi tiet\b.*\b(?:neu|ghi|the hien|trinh bay|liet ke)"
    r" (?:o |tai )?(?:dau|bieu nao|phu luc nao)\b"
    r"|\b(?:nhung|cac|bao nhieu) (?:bieu|bieu mau|phu luc)(?: so)?(?: nao)? (?:duoc )?kem theo\b"
    r"|\bkem theo (?:nhung |cac )?(?:bieu|bieu mau|phu luc)(?: so)? nao\b"
    r"|\b(?:bieu|phu luc)(?: so)? nao (?:duoc )?kem theo\b"
)
# a line sending the reader to what is attached: "chi tiết" and the tables or appendices
# "kèm theo" (or "đính kèm") in one sentence
_POINTER = re.compile(
    r"\bchi tiet\b[^.;]{0,40}?\b(?:bieu|phu luc)\b[^.;]{0,80}?\b(?:kem theo|dinh kem)\b"
)


def asks_attached_details(folded_question: str) -> bool:
    """Whether the question asks where a document's details are, or what it attaches."""
    return _ASKS.search(folded_question) is not None


def detail_pointers(text: str) -> list[str]:
    """The lines of `text` sending the reader to attached tables or appendices, each as
    written (its enclosing brackets and final stop kept when the line has them)."""
    found: list[str] = []
    for line in text.splitlines():
        if _POINTER.search(folded(line)) is not None:
            written = line.strip()
            if written and written not in found:
                found.append(written)
    return found
