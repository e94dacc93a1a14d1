"""A question about a meeting named by its ordinal ("Hội nghị lần thứ 12 … họp ngày nào?",
"Kết quả chất vấn tại Kỳ họp thứ Sáu …?") whose cited clauses speak of that kind of meeting
only under other ordinals ("Hội nghị lần thứ 11 …", "… Kỳ họp thứ Năm thông qua"): what they
say of one meeting is no answer about another, whatever the rest of the words share."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.normalize_vi import folded, folded_with_offsets
from retrieval.documents import DocumentDirectory
from retrieval.ordinal_words import WORD_NUMBER, number_value
from retrieval.stored import StoredClause

# "hoi nghi lan thu 12", "ki hop thu sau", "ki hop bat thuong lan thu 9", "phien hop thu 3"
_MEETING = re.compile(
    r"\b(?P<kind>hoi nghi|ki hop|phien hop)(?: bat thuong)?(?: lan)? thu "
    rf"(?P<n>\d{{1,2}}|{WORD_NUMBER}|[ivx]+)\b"
)


@dataclass(frozen=True)
class OtherMeeting:
    """The meeting asked, as the question writes it, and the ordinals the cited clauses
    give that kind of meeting instead."""

    asked: str
    said: tuple[int, ...]


# a further ordinal joined to the first: "kỳ họp thứ Bảy và thứ Tám", "thứ 7, thứ 8"
_JOINED = re.compile(rf"(?:,| va| hoac) (?:lan )?thu (?P<n>\d{{1,2}}|{WORD_NUMBER}|[ivx]+)\b")


def meetings(text_folded: str) -> dict[str, set[int]]:
    """The meetings a folded text names by ordinal: kind ("hoi nghi") → ordinals, those
    joined to the first ("kỳ họp thứ Bảy và thứ Tám") with them."""
    found: dict[str, set[int]] = {}
    for match in _MEETING.finditer(text_folded):
        values = found.setdefault(match.group("kind"), set())
        written = [match.group("n")]
        end = match.end()
        while (joined := _JOINED.match(text_folded, end)) is not None:
            written.append(joined.group("n"))
            end = joined.end()
        values.update(v for w in written if (v := number_value(w)) is not None)
    return found


def other_meeting(
    question: str, cited: Sequence[StoredClause], documents: DocumentDirectory
) -> OtherMeeting | None:
    """The meeting the question names by ordinal when the cited clauses — their text, path
    and plan title — name that kind of meeting, never with the ordinal asked; else None."""
    asked_text, offsets = folded_with_offsets(question)
    if not cited or not _MEETING.search(asked_text):
        return None
    said: dict[str, set[int]] = {}
    for clause in cited:
        info = documents.get(clause.document_id)
        title = info.title if info is not None else clause.document_title
        for kind, values in meetings(folded(f"{clause.path} {clause.text} {title}")).items():
            said.setdefault(kind, set()).update(values)
    for match in _MEETING.finditer(asked_text):
        value = number_value(match.group("n"))
        others = said.get(match.group("kind"), set())
        if value is None or not others or value in others:
            continue
        written = question[offsets[match.start()] : offsets[match.end() - 1] + 1]
        return OtherMeeting(written, tuple(sorted(others)))
    return None
