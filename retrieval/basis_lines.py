"""What a plan rests on, read from its own basis lines when its header gives none.

"Kế hoạch 19 … được xây dựng dựa trên nghị quyết nào của HĐND tỉnh?" asks for the
documents of one kind (a nghị quyết) and one issuer (HĐND tỉnh) among the lines a plan lists
as its basis ("- Nghị quyết số 03/NQ-HĐND ngày 01/7/2025 của HĐND tỉnh Ninh Bình về …").
Those lines are the answer, each cited; none of that kind and issuer: no answer here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.abbreviations import expand_abbreviations
from ingest.normalize_vi import folded, folded_with_offsets
from retrieval.candidates import is_legal_basis
from retrieval.stored import StoredClause

_KINDS = (
    r"nghi quyet|quyet dinh|chi thi|ket luan|nghi dinh|thong tu|cong van|chuong trinh"
    r"|ke hoach|de an|luat|van ban"
)
# "nghị quyết nào của HĐND tỉnh", "chỉ thị nào của Thủ tướng": the kind and the issuer asked
_ASKED = re.compile(rf"\b(?P<kind>{_KINDS})\s+(?:so\s+)?nao\b(?:\s+cua\s+(?P<issuer>[a-z0-9 ]+))?")
# where the cited document's own name ends: "… của HĐND tỉnh Ninh Bình về việc …"
_NAME_END = re.compile(r"\s+(?:về|v/v|phê duyệt|ban hành|quy định|hướng dẫn)\s|[;:]|\.\s|\.$")


# "Căn cứ …", "Thực hiện …", "Theo …" before the document's name
_LEAD = re.compile(r"^(?:căn cứ|thực hiện|theo)\s+", re.IGNORECASE)
# the document's số hiệu: one document cited on two lines is one basis
_NUMBER = re.compile(r"\d+[\w/.-]*/[\w/.-]+")


@dataclass(frozen=True)
class BasisAsked:
    kind: str  # folded: "nghi quyet"
    issuer: str | None  # folded, abbreviations written out: "hoi dong nhan dan tinh"


def basis_asked(question_folded: str) -> BasisAsked | None:
    """The kind (and issuer) of basis document a question asks for, if it names one."""
    match = _ASKED.search(question_folded)
    if match is None:
        return None
    issuer: list[str] = []
    for word in (match.group("issuer") or "").split():
        if word in _NOT_ISSUER or len(issuer) == 6:
            break
        issuer.append(word)
    return BasisAsked(match.group("kind"), " ".join(issuer) or None)


# words after the issuer that are the question's, not the issuer's ("… của Thủ tướng ban hành")
_NOT_ISSUER = frozenset(["ban", "nam", "la", "duoc", "co", "de", "ve", "nao", "gi", "khong"])


def basis_lines(
    clauses: Sequence[StoredClause], asked: BasisAsked
) -> list[tuple[StoredClause, str]]:
    """The plan's basis lines citing a document of the kind (and issuer) asked, each with
    the document's name as written (the quote to cite), once per document."""
    found: list[tuple[StoredClause, str]] = []
    seen: set[str] = set()
    for clause in clauses:
        for part in _basis_parts(clause):
            part = _LEAD.sub("", re.sub(r"^[\s\-+*•–]+", "", part))
            end = _NAME_END.search(part)
            name = part[: end.start()] if end else part
            plain = folded(expand_abbreviations(name))
            if not plain.startswith(asked.kind):
                continue
            words = set(re.findall(r"[a-z0-9]+", plain))
            if asked.issuer and not set(asked.issuer.split()) <= words:
                continue  # (abbreviations are written out beside their short form in both)
            number = _NUMBER.search(plain)
            key = number.group() if number else plain
            if key not in seen:
                seen.add(key)
                found.append((clause, name.strip()))
    return found


# a preamble line citing what the plan rests on ("Căn cứ Luật …; Luật …; Căn cứ Kế hoạch …")
_PREAMBLE_BASIS = re.compile(r"^\s*(?:căn cứ|thực hiện)\s", re.IGNORECASE)


def _basis_parts(clause: StoredClause) -> list[str]:
    """The documents a clause cites as the plan's basis, one text each: a basis line split at
    its semicolons ("Căn cứ Luật Bầu cử …; Luật Mặt trận Tổ quốc Việt Nam; Căn cứ Kế hoạch
    số 16 …" cites three), and in a preamble that holds the basis lines, each such line."""
    if is_legal_basis(clause):
        lines = [clause.body]
    elif clause.kind == "preamble":
        lines = [line for line in _unwrapped(clause.body) if _PREAMBLE_BASIS.match(line)]
    else:
        return []
    return [part.strip() for line in lines for part in line.split(";") if part.strip()]


def _unwrapped(text: str) -> list[str]:
    """The preamble's lines, a hard-wrapped one joined to the line it goes on from ("Căn cứ
    Luật Tổ chức chính" / "quyền địa phương ngày …;"); the line break kept, so a quote of it
    stays verbatim."""
    lines: list[str] = []
    for line in text.splitlines():
        if lines and line[:1].islower() and not lines[-1].rstrip().endswith((";", ".", ":")):
            lines[-1] = f"{lines[-1]}\n{line}"
        else:
            lines.append(line)
    return lines


# what a letter's opening says was issued: "Ngày 09 tháng 6 năm 2025, Chính phủ ban hành
# Nghị định số 119/2025/NĐ-CP …", "… đã ban hành Thông tư số 08/2025/TT-BNNMT …" (folded)
_ISSUED = re.compile(rf"\bban\s+hanh\s+(?P<name>(?:{_KINDS})\s+(?:so\s+)?\d+[\w.-]*/[\w/.-]*\w)")


def issued_in_opening(
    clauses: Sequence[StoredClause], asked: BasisAsked | None
) -> list[tuple[StoredClause, str]]:
    """The documents a plan's opening (its preamble) says were issued, by number, each with
    its name as written: what a letter that cites no basis lines goes on to carry out. Of
    the kind asked when one is (None: any kind); once per document."""
    found: list[tuple[StoredClause, str]] = []
    seen: set[str] = set()
    for clause in clauses:
        if clause.kind != "preamble":
            continue
        flat, offsets = folded_with_offsets(clause.text)
        for match in _ISSUED.finditer(flat):
            plain = match.group("name")
            if asked is not None and asked.kind != "van ban" and not plain.startswith(asked.kind):
                continue
            number = _NUMBER.search(plain)
            key = number.group() if number else plain
            if key in seen:
                continue
            seen.add(key)
            start, end = match.start("name"), match.end("name")
            found.append((clause, clause.text[offsets[start] : offsets[end - 1] + 1]))
    return found
