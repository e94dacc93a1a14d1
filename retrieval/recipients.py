"""Where a plan was sent: the "Nơi nhận:" list beside its signature (NĐ 30/2020/NĐ-CP,
Phụ lục I, mục 9; HD 36-HD/VPTW "Nơi nhận"), one recipient a line ("- Văn phòng Chính
phủ;"), the archive line ("- Lưu: VT, NC.") not a recipient."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import folded
from retrieval.stored import StoredClause

_HEADING = re.compile(r"^\s*n[ơo]i\s+nh[ậa]n\s*:?", re.IGNORECASE | re.MULTILINE)
_ITEM = re.compile(r"^\s*[-–+•]\s*(?P<name>.+?)\s*[;.,|]*\s*\|?\s*$")


def recipients(clauses: Sequence[StoredClause]) -> tuple[list[StoredClause], list[str]]:
    """The clause holding the "Nơi nhận:" list (its signature block, as a one-item list to
    cite from) and the recipients as written; nothing when the plan carries no such list."""
    for clause in clauses:
        found = recipients_in(clause.text)
        if found:
            return [clause], found
    return [], []


def recipients_in(text: str) -> list[str]:
    """The "- …;" lines right under "Nơi nhận:" (blank lines allowed), up to the first line
    that is not one (the signer's title, "KT. CHỦ TỊCH")."""
    heading = _HEADING.search(text)
    if heading is None:
        return []
    names: list[str] = []
    for line in text[heading.end() :].splitlines():
        if not line.strip(" |\t"):
            continue
        item = _ITEM.match(line)
        if item is None:
            if names:
                break
            continue  # the first recipient may share the heading's line or cell
        name = item.group("name").strip(" |;.,")
        if folded(name).startswith("luu"):
            break  # "Lưu: VT, NC." ends the list
        names.append(name)
    return names
