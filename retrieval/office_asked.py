"""A question asking who holds an office ("Ai làm Trưởng Ban Chỉ đạo … ở các quân khu?",
"Trưởng đoàn kiểm tra là ai?"): the clause that names the office ("… do đồng chí Phó Chính
ủy hoặc Phó Tư lệnh quân khu làm Trưởng Ban Chỉ đạo") answers it, not a task of the body the
office heads — that body is named in the question only as the office's."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from ingest.normalize_vi import folded
from retrieval.stored import StoredClause

T = TypeVar("T")

# offices a plan gives to a person (folded): "(Phó) Trưởng ban", "Tổ trưởng", "Giám đốc" …
_OFFICE = (
    r"(?:pho )?(?:truong ban|truong tieu ban|truong doan|to truong|to pho|giam doc|chu tich"
    r"|chi huy truong|bi thu|thu truong|uy vien thuong truc)"
)
# "ai làm/là/giữ chức <office>", "<office> … là ai"
_ASKS = re.compile(
    rf"\bai (?:lam|la|giu(?: chuc(?: vu)?)?|dam nhiem|dam nhan) (?P<a>{_OFFICE})\b"
    rf"|^(?:\S+ ){{0,3}}?(?P<b>{_OFFICE})\b[^?]* la ai\b"
)


def asked_office(question_folded: str) -> str | None:
    """The office whose holder the question asks for ("truong ban"), or None."""
    match = _ASKS.search(question_folded)
    if match is None:
        return None
    return match.group("a") or match.group("b")


def names_office(clause: StoredClause, office: str) -> bool:
    """Whether the clause's own text gives someone the office: "… làm Trưởng Ban Chỉ đạo",
    "Phó Trưởng tiểu ban Thường trực: …" (not a signature's "TRƯỞNG BAN" over a name)."""
    name = re.escape(office)
    given = rf"\b(?:lam|la|giu chuc) {name}\b|\b{name}\b[^.;:\n]{{0,40}}:"
    return re.search(given, folded(clause.body)) is not None


def office_first(
    items: Sequence[T], office: str, clause_of: Callable[[T], StoredClause]
) -> list[T]:
    """The items whose clause names the office asked before those that do not, each group
    in its order."""
    naming = [i for i in items if names_office(clause_of(i), office)]
    return naming + [i for i in items if i not in naming] if naming else list(items)
