"""Which clauses may be offered as the closest ones when an answer abstains."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import folded
from retrieval.stored import StoredClause

_HEADINGS = ("part", "section", "item", "appendix", "table_group")
_TITLE_ONLY = ("appendix", "part", "table_group")
_HEADING_CHARS = 160
_MIN_WORDS = 6
_FRAGMENT_CHARS = 80


def is_substantive(clause: StoredClause) -> bool:
    """A clause that says something on its own: not a signature block, not a heading whose
    content is below it ("II. Chính quyền số"), not a fragment ("các cơ quan, đơn vị có
    liên quan;")."""
    if clause.kind == "signature":
        return False
    if clause.target is not None:
        return bool(clause.target.content.strip())
    body = clause.body.strip()
    if clause.kind in _TITLE_ONLY:
        return False
    if clause.kind in _HEADINGS and clause.child_count and len(body) < _HEADING_CHARS:
        return False
    if body[:1].islower() and len(body) < _FRAGMENT_CHARS:
        return False  # the tail of a sentence cut by a line break
    return len(body.split()) >= _MIN_WORDS


def substantive(clauses: Sequence[StoredClause]) -> list[StoredClause]:
    """The clauses worth showing as candidates, in their order."""
    return [c for c in clauses if is_substantive(c)]


# ---- legal basis ---------------------------------------------------------------------------

_KINDS = (
    r"(?:nghi quyet|quyet dinh|ke hoach|chi thi|cong dien|cong van|thong tu|nghi dinh|luat"
    r"|de an|chuong trinh|chien luoc|huong dan)"
)
# "Quyết định số 411/QĐ-TTg ngày …", "Căn cứ Kế hoạch số 42/KH-UBND …", "Thực hiện Quyết định
# số 206/QĐ-TTg …": a line that opens by naming another document by its number
_CITES_DOCUMENT = re.compile(
    rf"^[\s\-+*•–]*(?:(?:can cu|thuc hien|theo)\s+)?{_KINDS}\s+(?:so\s+)?\d+[\w/.\-]*"
)
# a numbered heading that gathers such lines: "I. CĂN CỨ LẬP KẾ HOẠCH", "1. Các văn bản chỉ
# đạo của Trung ương", "2. Các Nghị quyết, Kế hoạch của Tỉnh" (not "3. Căn cứ tình hình thực
# tiễn", nor a duty that opens "Căn cứ các nội dung … của Kế hoạch này")
_BASIS_HEADING = re.compile(
    rf"^(?:[\divxlc]+[.)]\s*)+(?:can cu(?! tinh hinh)(?! thuc tien)|cac van ban chi dao"
    rf"|cac {_KINDS}(?:,| cua| va))"
)
# the question asks what a plan rests on, replaces or implements
_ASKS_BASIS = re.compile(
    rf"\b(?:can cu|thay the|dua tren|ke thua|ban hanh de|so hieu|ky hieu|thuc hien {_KINDS} nao"
    rf"|{_KINDS} (?:nao|so may|so bao nhieu))\b"
)


def is_legal_basis(clause: StoredClause) -> bool:
    """A line of the plan's legal basis: it names another document it rests on ("Quyết định
    số 411/QĐ-TTg … đến năm 2030"), or sits under a heading gathering them ("I. CĂN CỨ LẬP
    KẾ HOẠCH"). Its figures and years are the other document's, never this plan's answer."""
    if _CITES_DOCUMENT.match(folded(clause.body.strip())):
        return True
    return under_basis_heading(clause)


def under_basis_heading(clause: StoredClause) -> bool:
    """Whether the clause sits under a heading gathering the plan's basis ("I. CĂN CỨ LẬP
    KẾ HOẠCH", "1. Các văn bản chỉ đạo của Trung ương")."""
    return any(_BASIS_HEADING.match(folded(step.strip())) for step in clause.path.split("›"))


def asks_about_basis(folded_question: str) -> bool:
    """Whether the question asks about the documents a plan rests on or replaces."""
    return bool(_ASKS_BASIS.search(folded_question))


def answers_content(clause: StoredClause, folded_question: str) -> bool:
    """Whether the clause may answer this question: a legal-basis line answers only a
    question about the basis."""
    return not is_legal_basis(clause) or asks_about_basis(folded_question)
