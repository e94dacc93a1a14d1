"""The session a resolution was adopted at: "… khóa XV, Kỳ họp bất thường lần thứ 9, thông
qua ngày 19 tháng 02 năm 2025." (the closing line of a Quốc hội or HĐND resolution), or the
plenum a Party resolution names above its title ("HỘI NGHỊ LẦN THỨ 11 BAN CHẤP HÀNH TRUNG
ƯƠNG ĐẢNG KHÓA XIII", HD 36-HD/VPTW)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.stored import StoredClause

# "Kỳ họp thứ 8", "Kỳ họp bất thường lần thứ 9", "kỳ họp thứ Mười": up to the next comma
_SESSION = re.compile(r"\b[Kk]ỳ họp\s+[^,.;:*\n|]{1,60}")
_ADOPTED = re.compile(r"thông\s+qua", re.IGNORECASE)
_OWN = re.compile(r"\b(?:Nghị\s+quyết|Luật|Pháp\s+lệnh)\s+này\b", re.IGNORECASE)
# "Hội nghị lần thứ 11 Ban Chấp hành Trung ương Đảng khóa XIII": up to the line's end
_PLENUM = re.compile(r"\bhội\s+nghị\s+lần\s+thứ\s+[^,.;:*\n|(]{1,80}", re.IGNORECASE)


def sessions(clauses: Sequence[StoredClause]) -> tuple[list[StoredClause], list[str]]:
    """The clause stating the adoption (its session and "thông qua") and the session as
    written; nothing when the text names none."""
    adopting = [clause for clause in clauses if _ADOPTED.search(clause.text)]
    # the closing line names the resolution itself ("Nghị quyết này đã được … thông qua");
    # a task may recall another text adopted at a later session ("… được HĐND tỉnh thông
    # qua vào Kỳ họp thứ Sáu"), which is not the resolution's own
    adopting.sort(key=lambda clause: _OWN.search(clause.text) is None)
    for clause in adopting:
        found = _SESSION.search(clause.text)
        if found is not None:  # "… Kỳ họp thứ Năm thông qua./.": the session, not the verb
            return [clause], [_ADOPTED.split(found.group())[0].strip(" /")]
    for clause in clauses:  # a Party resolution: the plenum named above its first section
        if clause.number:
            break
        found = _PLENUM.search(clause.text)
        if found is not None:
            return [clause], [" ".join(found.group().split())]
    return [], []
