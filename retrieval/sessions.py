"""The session a resolution was adopted at: "… khóa XV, Kỳ họp bất thường lần thứ 9, thông
qua ngày 19 tháng 02 năm 2025." (the closing line of a Quốc hội or HĐND resolution), or the
plenum a Party resolution names above its title ("HỘI NGHỊ LẦN THỨ 11 BAN CHẤP HÀNH TRUNG
ƯƠNG ĐẢNG KHÓA XIII", HD 36-HD/VPTW)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import takewhile

from retrieval.stored import StoredClause

# "Kỳ họp thứ 8", "Kỳ họp bất thường lần thứ 9", "kỳ họp thứ Mười": up to the next comma
_SESSION = re.compile(r"\b[Kk]ỳ họp\s+[^,.;:*\n|]{1,60}", re.IGNORECASE)
_ADOPTED = re.compile(r"thông\s+qua", re.IGNORECASE)
# the closing line of the resolution itself: "Nghị quyết này đã được … thông qua"
_OWN_ADOPTION = re.compile(r"\b(?:nghị quyết|luật|văn bản) này\b[^.;]*?thông\s+qua", re.IGNORECASE)
# the session line of the header box: "KHÓA XVII - KỲ HỌP THỨ NĂM" (capitals, a line of its
# own: not a title's "… TẠI KỲ HỌP THỨ NĂM")
_HEADER_SESSION = re.compile(
    r"(?:^|\n)[ \t]*(?:KH[ÓO]A\s+[IVXLC\d]+[ \t]*[-–,]?[ \t]*)?(KỲ HỌP\s+[^,.;:*\n|]{1,40})"
)
# a session phrase ends before the verb that follows it ("Kỳ họp thứ Năm thông qua")
_TAIL = re.compile(r"\s+(?:thông\s+qua|thông|trình|ban hành)\b.*$", re.IGNORECASE | re.DOTALL)
# "Hội nghị lần thứ 11 Ban Chấp hành Trung ương Đảng khóa XIII": up to the line's end, and on
# over the next line when that line closes the committee's name with its term ("HỘI NGHỊ LẦN
# THỨ BA" / "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XIV"); an OCR copy may slip a tone mark of
# "LẦN" or "NGHỊ" ("HỘI NGHỊ LÀN THỨ BA")
_PLENUM = re.compile(
    r"\bhội\s+ngh[^\W\d_]\s+l[^\W\d_]n\s+th[^\W\d_]\s+[^,.;:*\n|(]{1,80}"
    r"(?:\n[ \t]*[^,.;:*\n|(]{0,60}?\bkho[aáà]\s+[IVXL]+\b)?",
    re.IGNORECASE,
)


def sessions(clauses: Sequence[StoredClause]) -> tuple[list[StoredClause], list[str]]:
    """The clause stating the adoption (its session and "thông qua") and the session as
    written; nothing when the text names none.

    The header's session line ("KHÓA XVII - KỲ HỌP THỨ NĂM") comes first, then the
    resolution's own closing line ("Nghị quyết này đã được … Kỳ họp thứ Năm thông qua"),
    then a session in the sentence saying "thông qua"; a session an item of the body is reported
    at ("báo cáo … vào kỳ họp giữa năm") is never the adoption's."""
    for clause in clauses:  # the header box, above the first numbered part
        if clause.number:
            break
        found = _HEADER_SESSION.search(clause.text)
        if found is not None:
            return [clause], [_capitals(found.group(1))]
    for clause in reversed(clauses):  # the closing line is the last word of the text
        own = _OWN_ADOPTION.search(clause.text)
        if own is not None:
            found = _SESSION.search(own.group())
            if found is not None:
                return [clause], [_as_written(found.group())]
    for clause in clauses:
        for sentence in re.split(r"(?<=[.;])\s+", clause.text):
            if not _ADOPTED.search(sentence):
                continue
            found = _SESSION.search(sentence)
            if found is not None:
                return [clause], [_as_written(found.group())]
    for clause in clauses:  # a Party resolution: the plenum named above its first section
        if clause.number:
            break
        found = _PLENUM.search(clause.text)
        if found is not None:
            return [clause], [" ".join(found.group().split())]
    return [], []


def _as_written(found: str) -> str:
    """The session's words, without the verb that follows them, on one line."""
    return " ".join(_TAIL.sub("", found).split()).rstrip(" -")


def _capitals(found: str) -> str:
    """The header's session in capitals, up to the first word that is not ("KỲ HỌP THỨ
    NĂM")."""
    return " ".join(takewhile(lambda w: w.isupper() or w.isdigit(), found.split()))
