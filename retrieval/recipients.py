"""Where a plan was sent: the "Nơi nhận:" list beside its signature (NĐ 30/2020/NĐ-CP,
Phụ lục I, mục 9; HD 36-HD/VPTW "Nơi nhận"), one recipient a line ("- Văn phòng Chính
phủ;"), the archive line ("- Lưu: VT, NC.") not a recipient. Real copies also put the whole
list in one table cell ("| Nơi nhận: - A; - B; … | CHỦ TỊCH |") or beside the signer in a
second column of spaced text, a recipient wrapping onto the next line.

A letter (công văn) names whom it is addressed to under "Kính gửi:" (NĐ 30/2020, Phụ lục
I, mục 5b), and its "Nơi nhận" opens with "- Như trên;" — those addressees."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ingest.abbreviations import expand_abbreviations
from ingest.normalize_vi import folded
from retrieval.stored import StoredClause

_HEADING = re.compile(r"^[\s*_|#>]*n[ơo]i\s+nh[ậa]n\s*:?", re.IGNORECASE | re.MULTILINE)
# an item mark at the start of the line or after the end of the item before it
_MARK = re.compile(r"(?:^|(?<=[;.,)]))\s*[-–+•]\s+")
# a second column beside the list: a run of spaces, or a table cell's border
_SECOND_COLUMN = re.compile(r"\s{3,}\S|\s\|\s")
# markup left around a line: pandoc's line break "\", emphasis, cell borders
_TRIM = " \t|;.,*_\\"
# the purpose marked beside a recipient ("(để b/c)"), as a question names it (folded)
_PURPOSES = {
    "b/c": re.compile(r"\bde (?:b/c|bao cao)\b"),
    "biet": re.compile(r"\bde biet\b"),
    "thuc hien": re.compile(r"\bde (?:thuc hien|t/h)\b"),
    "chi dao": re.compile(r"\bde chi dao\b"),
}


def recipients(
    clauses: Sequence[StoredClause], question_folded: str = ""
) -> tuple[list[StoredClause], list[str]]:
    """The clauses holding the "Nơi nhận:" list and the "Kính gửi:" addressees (to cite
    from) and the recipients as written, "Như trên" read as the addressees; the addressees
    alone when the question asks whom the letter is addressed to ("kính gửi những ai?");
    nothing when the plan carries neither list."""
    listed = next(((c, found) for c in clauses if (found := recipients_in(c.text))), None)
    addressed = _addressed(clauses)
    if listed is not None and _BESIDES_ADDRESSEES.search(question_folded):
        # "ngoài các đơn vị kính gửi, còn gửi (nơi nhận) những cơ quan nào?": the "Nơi nhận"
        # list without "Như trên" (the addressees) and without the addressees themselves
        kept = [
            n
            for n in listed[1]
            if not folded(n).startswith("nhu tren")
            and (addressed is None or folded(n) not in {folded(a) for a in addressed[1]})
        ]
        return [listed[0]], kept
    if addressed is not None and (listed is None or _ADDRESSEES_ASKED.search(question_folded)):
        return addressed
    if listed is None:
        return [], []
    if addressed is None:
        return [listed[0]], listed[1]
    names: list[str] = []
    for name in listed[1]:
        if folded(name).startswith("nhu tren"):
            names.extend(n for n in addressed[1] if n not in names)
        else:
            names.append(name)
    return [*addressed[0], listed[0]], names


_ADDRESSEE_CLAUSES = 8  # the list's items may each stand in a clause of their own ("- …")


def _addressed(
    clauses: Sequence[StoredClause],
) -> tuple[list[StoredClause], list[str]] | None:
    """The clause opening with "Kính gửi:" and the ones after it holding its items (a
    bulleted list read as clauses), and the addressees they name; None when none opens."""
    head = next((c for c in clauses if _ADDRESSED.search(c.text)), None)
    if head is None:
        return None
    after = sorted(
        (c for c in clauses if c.document_id == head.document_id and c.start > head.start),
        key=lambda c: c.start,
    )[:_ADDRESSEE_CLAUSES]
    held, text = [head], head.text
    for clause in after:
        if clause.start < head.end:
            continue  # a child of the opening clause: its text is there already
        # a blank line between two clauses ends the list as it would in the text
        gap = "\n" if clause.start - held[-1].end <= 1 else "\n\n"
        held.append(clause)
        text = f"{text}{gap}{clause.text}"
    names = addressees_in(text)
    return (held, names) if names else None


_ADDRESSEES_ASKED = re.compile(r"\bkinh gui\b")
# the addressees set aside: "ngoài các đơn vị kính gửi", "ngoài nơi kính gửi" (folded)
_BESIDES_ADDRESSEES = re.compile(
    r"\bngoai (?:cac |nhung )?(?:don vi |co quan |noi |dia chi )?(?:duoc )?kinh gui\b"
)
_ADDRESSED = re.compile(r"^[\s*_|#>]*k[íi]nh\s+g[ửu]i\s*:?", re.IGNORECASE | re.MULTILINE)


def addressees_in(text: str) -> list[str]:
    """Whom a letter is addressed to: the "- …," items under "Kính gửi:" (or the one name
    on its line), a wrapped item's lines joined, up to the blank line or the text after."""
    heading = _ADDRESSED.search(text)
    if heading is None:
        return []
    names: list[str] = []
    ended = False  # the line before closed the list ("- Các chi bộ, đảng bộ cơ sở.")
    for raw in text[heading.end() :].splitlines():
        line = raw.strip()
        if not line.strip(_TRIM):
            if names:
                break
            continue
        items = _items(line)
        if items:
            names.extend(items)
        elif names and not ended and not _opens_body(line, names[-1]):
            names[-1] = f"{names[-1]} {line.strip(_TRIM)}"  # a wrapped addressee
        elif not names:
            if not in_vietnamese_letters(line):
                continue  # an OCR copy's specks ("Kính gửi: DA ä ."), no addressee
            names.append(line.strip(_TRIM))  # "Kính gửi: Sở Tài chính"
        else:
            break
        ended = line.endswith(".")
    return names


def in_vietnamese_letters(text: str) -> bool:
    """Whether every letter of `text` is one Vietnamese writes (a–z, đ, with its five tone
    marks, circumflex, breve and horn): "ä", "Ø" are an OCR copy's misreadings."""
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            if char not in _VIETNAMESE_MARKS:
                return False
        elif char.isalpha() and not ("a" <= char.lower() <= "z" or char in "đĐ"):
            return False
    return True


# grave, acute, circumflex, tilde, breve, hook above, horn, dot below
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323")


# a line that opens the letter's text, not the rest of a wrapped addressee: a date ("Ngày
# 09 tháng 6 năm 2025, Chính phủ …"), a document's number ("số 119/2025/NĐ-CP"), a sentence
# ended inside it, or the usual opening words ("Căn cứ", "Thực hiện", "Triển khai" …)
_BODY_LINE = re.compile(
    r"\bngay \d{1,2}(?: thang \d{1,2} nam |/)\d|\bso \d+/"
    r"|^(?:can cu|thuc hien|trien khai|theo|de|nham|sau khi|vua qua|ngay)\b"
)
# an addressee's name, wrapped or not, is short: longer, the lines after it are the text
_NAME_WORDS = 20


def _opens_body(line: str, name: str) -> bool:
    """Whether the line after a one-line addressee opens the letter's text instead of
    carrying the name on (a layout copy puts no blank line between them)."""
    plain = line.strip(_TRIM)
    if len(name.split()) + len(plain.split()) > _NAME_WORDS:
        return True
    return bool(_BODY_LINE.search(folded(plain)) or re.search(r"[.:] [A-ZĐ]", plain))


def recipients_in(text: str) -> list[str]:
    """The "- …;" items under "Nơi nhận:" (blank lines and wrapped lines allowed), up to
    the archive line or the first line that is no item and has no item after it (the
    signer's title, "KT. CHỦ TỊCH"). A wrapped recipient keeps its first line."""
    heading = _HEADING.search(text)
    if heading is None:
        return []
    lines = text[heading.end() :].splitlines()
    names: list[str] = []
    for i, raw in enumerate(lines):
        line = _left_column(raw)
        if not line.strip(_TRIM):
            continue
        items = _items(line)
        if not items:
            if names and not _item_follows(lines[i + 1 :]):
                break
            continue  # the first recipient may share the heading's line or cell
        for name in items:
            if folded(name).replace(" ", "").startswith("luu"):
                return names  # "Lưu: VT, NC." ends the list
            names.append(name)
    return names


def asked_recipients(names: Sequence[str], question_folded: str) -> list[str]:
    """The recipients a question narrows to: those it names, the name's words together and in
    order ("gửi Bộ Công an qua cục nào?", "có gửi UBND các xã, phường không?"; "Tuyên Quang
    … gửi báo cáo" names no "Báo Tuyên Quang"), else those marked
    with the purpose it names ("để b/c"); all when it narrows to none of them."""
    spaced = f" {' '.join(_WORD.findall(question_folded))} "
    kinds = [m.group("kind") for m in _KIND_ASKED.finditer(question_folded)]
    named = [
        n for n in names if ((unit := _unit_of(n)) and _said(unit, spaced)) or _of_kind(n, kinds)
    ]
    if named:
        return named
    for mark, asked in _PURPOSES.items():
        if asked.search(question_folded):
            marked = [n for n in names if _PURPOSES[mark].search(folded(n)) or mark in folded(n)]
            if marked:
                return marked
    return list(names)


# a kind of recipient the question asks for by name ("gửi cho những Bộ nào?", "sở nào"):
# the recipients of that kind ("- Các Bộ: CT, NN&PTNT, TC, TTTT;", "- Bộ Tài chính;")
_KIND_ASKED = re.compile(
    r"(?<!\bvan )\b(?:nhung |cac )?(?P<kind>bo|so|tinh|cuc|vu|ban|nganh|huyen|xa|phuong|uy ban)"
    r" (?:nao|gi)\b"
)


def _of_kind(name: str, kinds: Sequence[str]) -> bool:
    """Whether the recipient is a unit of one of these kinds (folded), by its first words
    after "các"; not the head of one ("Bộ trưởng", "Cục trưởng")."""
    words = [w.strip(":,;") for w in folded(name).split()]
    if words[:1] == ["cac"]:
        words = words[1:]
    if words[1:2] == ["truong"]:
        return False
    head = " ".join(words)
    return any(head == kind or head.startswith(f"{kind} ") for kind in kinds)


# a word of a name or a question, punctuation left out ("UBND các xã, phường" is asked as
# "UBND các xã phường")
_WORD = re.compile(r"[\w/]+")


def _said(unit: str, asked: str) -> bool:
    """Whether the question's words (spaced) hold the unit's words together and in order,
    its abbreviations spelled out as the question's are ("ubnd uy ban nhan dan cac xa")."""
    return f" {' '.join(_WORD.findall(folded(expand_abbreviations(unit))))} " in asked


def _unit_of(name: str) -> str:
    """The recipient's unit, folded, without its note ("Bộ Công an (Cục A03 …)")."""
    unit = folded(name.split("(")[0]).strip(" :")
    return unit if len(unit.split()) >= 2 else ""


def _left_column(line: str) -> str:
    """The line without a second column beside the list (the signer's title or name)."""
    body = line.lstrip(" \t|*_")
    cut = _SECOND_COLUMN.search(body)
    return body[: cut.start()] if cut else body


def _items(line: str) -> list[str]:
    """The recipients a line starts or holds: none when it opens with no item mark."""
    if not _MARK.match(line):
        return []
    pieces = (p.strip(_TRIM) for p in _MARK.split(line))
    return [p for p in pieces if p]


def _item_follows(lines: Sequence[str]) -> bool:
    """Whether the next line with text opens an item (the line before it wrapped)."""
    for raw in lines:
        line = _left_column(raw)
        if line.strip(_TRIM):
            return bool(_MARK.match(line))
    return False
