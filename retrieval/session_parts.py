"""Sessions a programme schedules its items by ("a) Tại kỳ họp thứ Bảy:", "b) Kỳ họp thứ 8:"),
read like the numbered parts of a timeline: the sessions a question names ("tại kỳ họp thứ
Bảy, … những gì?"), the heading an item sits under, and the decline when the session asked is
not one of the plan's ("kỳ họp thứ Chín" of a programme for the seventh and eighth)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from ingest.normalize_vi import folded, folded_with_offsets
from retrieval.ordinal_words import WORD_NUMBER, number_value
from retrieval.stored import StoredClause

T = TypeVar("T")

_SHOWN = {1: "Nhất", 2: "Hai", 3: "Ba", 4: "Tư", 5: "Năm", 6: "Sáu", 7: "Bảy", 8: "Tám"}
_SHOWN |= {9: "Chín", 10: "Mười"}
# the ordinal words of a session, as `folded` spells them ("thứ Tư", "thứ Mười hai")
_WORD = rf"(?:{WORD_NUMBER}|\d{{1,2}}|[ivx]{{1,5}})"
# "kỳ họp thứ Bảy", "kỳ họp lần thứ 9", and a second one joined to it ("thứ Bảy và thứ Tám")
_NAMED = re.compile(
    rf"\bki hop (?:bat thuong )?(?:lan )?thu ({_WORD})\b((?:(?:,| va| hoac) (?:ki hop )?"
    rf"(?:lan )?thu {_WORD}\b)*)"
)
_MORE = re.compile(rf"thu ({_WORD})\b")
# a heading that is a session: "a) Tại kỳ họp thứ Bảy:", "2. Kỳ họp thứ 8 (tháng 12):"
_HEADING = re.compile(r"^\W*(?:[a-z0-9]{1,4}[.)]\s*)?(?:tai |o )?ki hop\b")


def sessions_named(text_folded: str) -> set[int]:
    """The numbered sessions a folded text names ("kỳ họp thứ Bảy và thứ Tám" → {7, 8})."""
    found: set[int] = set()
    for match in _NAMED.finditer(text_folded):
        words = [match.group(1), *(m.group(1) for m in _MORE.finditer(match.group(2)))]
        found |= {v for w in words if (v := number_value(w)) is not None}
    return found


def shown(number: int) -> str:
    """ "kỳ họp thứ Bảy" (a number past ten in digits)."""
    return f"kỳ họp thứ {_SHOWN.get(number, str(number))}"


def _opening(clause: StoredClause) -> str:
    lines = (clause.heading or clause.body).strip().split("\n", 1)
    return folded(lines[0]) if lines else ""


def session_heading(
    clause: StoredClause, enclosing: Callable[[StoredClause], list[StoredClause]]
) -> StoredClause | None:
    """The session heading the clause is (or sits under), innermost first; None when it is
    under none."""
    for holder in (clause, *enclosing(clause)):
        if _HEADING.match(_opening(holder)):
            return holder
    return None


def asked_session_first(
    question_folded: str,
    items: Sequence[T],
    clause_of: Callable[[T], StoredClause],
    enclosing: Callable[[StoredClause], list[StoredClause]],
    looked_at: int = 10,
) -> list[T]:
    """ "Tại kỳ họp thứ Bảy, … những gì?": the items under that session's heading first, then
    those under no session, those under another session last (the first `looked_at` items;
    the rest keep their place after them). Unchanged when the question names no session."""
    asked = sessions_named(question_folded)
    if not asked:
        return list(items)
    ranks: list[int] = []
    for item in items[:looked_at]:
        heading = session_heading(clause_of(item), enclosing)
        named = sessions_named(_opening(heading)) if heading is not None else set()
        ranks.append(0 if named & asked else (2 if named else 1))
    head = sorted(range(len(ranks)), key=lambda i: ranks[i])
    return [items[i] for i in head] + list(items[looked_at:])


def missing_session(
    question_folded: str,
    clauses: Sequence[StoredClause],
    enclosing: Callable[[StoredClause], list[StoredClause]],
) -> str | None:
    """The reason to decline when the question names a session ("kỳ họp thứ Chín") that the
    clauses found sit under none of while they sit under, or hold, others' headings ("Tại
    kỳ họp thứ Bảy:", "Tại kỳ họp thứ Tám:"), and neither their text nor their document's
    title names it; None otherwise (a plan not scheduled by session says nothing of this)."""
    asked = sessions_named(question_folded)
    if not asked:
        return None
    scheduled: set[int] = set()
    said: set[int] = set()
    for clause in clauses:
        said |= sessions_named(folded(f"{clause.document_title} {clause.text}"))
        heading = session_heading(clause, enclosing)
        if heading is not None:
            scheduled |= sessions_named(_opening(heading))
        for line in clause.text.split("\n"):  # the session headings a part holds
            plain = folded(line)
            if _HEADING.match(plain):
                scheduled |= sessions_named(plain)
    if not scheduled or asked & (scheduled | said):
        return None
    asked_words = ", ".join(shown(n) for n in sorted(asked))
    others = ", ".join(shown(n) for n in sorted(scheduled))
    return f"Văn bản không có mục cho {asked_words}; văn bản chỉ nêu: {others}."


# "Kỳ họp nào …?", "… trình HĐND vào kỳ họp nào?": the session an item is set for is asked
_ASKS_SESSION = re.compile(r"\bki hop (?:nao|thu may|lan thu may)\b")
# a session the item's own text sets it for: "… trình Hội đồng nhân dân vào kỳ họp giữa năm
# 2019", "… tại Kỳ họp thứ Sáu" (not "giữa hai kỳ họp": no "vào"/"tại" before it)
_SAID = re.compile(r"\b(?:vao|tai|trong) ki hop (?!nao\b)[^,.;:()\n]{1,40}")


def asks_session(question_folded: str) -> bool:
    """Whether the question asks which session an item is set for."""
    return _ASKS_SESSION.search(question_folded) is not None


def said_session(text: str, question_folded: str) -> tuple[int, int] | None:
    """The span of the piece of `text` (between separators) that sets a session for the
    item, the one whose words before it the question repeats most; None when it sets none."""
    plain, offsets = folded_with_offsets(text)
    asked = set(question_folded.split())
    best: tuple[int, tuple[int, int]] | None = None
    for match in _SAID.finditer(plain):
        start = max(plain.rfind(sep, 0, match.start()) for sep in (";", ".", ":", "\n\n"))
        start = start + 1 if start >= 0 else 0
        shared = len(asked & set(plain[start : match.start()].split()))
        if best is None or shared > best[0]:
            best = (shared, (start, match.end()))
    if best is None:
        return None
    start, end = best[1]
    while start < end and plain[start] == " ":
        start += 1
    return offsets[start], offsets[end - 1] + 1
