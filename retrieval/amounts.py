"""Whether a clause states the amount a "bao nhiêu" / "mấy" question asks for."""

from __future__ import annotations

import re

from ingest.abbreviations import expand_abbreviations
from ingest.normalize_vi import folded
from retrieval.query import Query
from retrieval.stored import StoredClause

# "bộ máy" (the apparatus: "sắp xếp bộ máy") folds onto "bộ mấy"; it asks no amount
# a unit of measure may carry a digit ("m2", "km2", "m3")
_AMOUNT = re.compile(
    r"bao nhieu(?:\s+([a-z%][a-z0-9%]*(?:\s+[a-z]+)?))?|(?<!\bbo )\bmay\s+([a-z][a-z0-9]*)"
)
# Accent-free "may tinh" is "máy tính" (a computer) far more often than "mấy tỉnh".
_MACHINE = re.compile(r"\bmay\s+(?:tinh|chu|tram|in|quet|moc|chieu|anh)\b")
_PERCENT_WORDS = ("phan tram", "%")
_NOT_UNITS = ("chi tieu", "nhiem vu", "phan", "muc", "nam", "so", "la", "thi", "vay", "dat")
_NOT_UNITS_WORDS = tuple(f"{words} " for words in _NOT_UNITS)
# Words after "bao nhiêu" that are not a unit of count ("bao nhiêu trong tổng …").
_NOT_UNIT_WORDS = frozenset(
    [
        *("trong", "tren", "cho", "voi", "doi", "moi", "vao", "tai", "o", "de", "khi", "nua"),
        *("va", "theo", "cua", "den", "tu", "nhu", "duoc", "thi", "sau", "truoc", "ke"),
        # the next thing asked ("đạt bao nhiêu hạn khi nào", "… bao nhiêu ai theo dõi")
        *("ai", "han", "khi", "nao", "gi", "hoan", "thoi"),
    ]
)
# where one part of a question ends: "chỉ tiêu bao nhiêu, ai theo dõi?"
_BREAK = re.compile(r"[?!,;:()\"“”]")
# A figure that is an amount: not a year, not part of a date or a document number.
_FIGURE = re.compile(r"(?<![\d/.\-])(\d+(?:[.,]\d+)?)(\s*%)?(?![\d/\-])")


def amount_asked(query: Query) -> re.Match[str] | None:
    """The "bao nhiêu …" / "mấy …" of a question; "máy tính" is a computer, not "mấy"."""
    accented = any(ch.isalpha() and not ch.isascii() for ch in query.text)
    text = _parts(query.text)
    for match in _AMOUNT.finditer(text):
        if match.group(2) is None:
            return match
        if accented and "mấy" not in query.text.lower():
            continue
        if not accented and _MACHINE.match(text, match.start()):
            continue
        return match
    return None


def counted_in_words(query: Query, clause_folded: str) -> bool:
    """Whether the clause (folded) gives the count asked in words before the thing counted:
    "trên mấy trụ cột?" of "trên cả ba trụ cột chính quyền số, kinh tế số, xã hội số",
    "gồm mấy cấp?" of "hai cấp". Only a thing named after "mấy"/"bao nhiêu" is counted so."""
    match = amount_asked(query)
    unit = ((match.group(1) or match.group(2) or "") if match else "").strip()
    if not unit or unit.startswith(_PERCENT_WORDS) or unit.split()[0] in _NOT_UNIT_WORDS:
        return False
    head = unit.split()[0]
    return bool(
        re.search(rf"\b{_COUNT_WORDS}\s+(?:{re.escape(unit)}|{re.escape(head)})\b", clause_folded)
    )


# a count written in words ("ba trụ cột", "hai cấp"), folded; "năm" only before a noun asked
_COUNT_WORDS = r"(?:mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi)"


def _parts(question: str) -> str:
    """The question folded, its parts kept apart ("bao nhiêu ; ai theo dõi"): the unit of
    count asked is the word right after "bao nhiêu" in the same part, never the next part's."""
    text = folded(expand_abbreviations(question))
    return " ".join(_BREAK.sub(" ; ", text).split())


def states_asked_amount(query: Query, clause: StoredClause) -> bool:
    """A "how much" question needs a figure in the clause, in the unit asked when one is named."""
    match = amount_asked(query)
    if match is None:
        return True
    text = folded(own_text(clause))
    figures = [
        m
        for m in _FIGURE.finditer(text)
        if m.group(2) or not re.fullmatch(r"(?:19|20)\d\d", m.group(1))
    ]
    if not figures:
        return counted_in_words(query, text)
    unit = (match.group(1) or match.group(2) or "").strip()
    if unit.startswith(_PERCENT_WORDS):
        return any(m.group(2) for m in figures)
    # whole words: "lao động" is a unit of count, though it opens with the letters "la"
    if not unit or f"{unit} ".startswith(_NOT_UNITS_WORDS) or unit.split()[0] in _NOT_UNIT_WORDS:
        return True
    unit = _spelled_out(unit)
    head = unit.split()[0]
    # "bao nhiêu thành viên" is a count: "100% thành viên" does not answer it; a range and a
    # magnitude may stand between the figure and the unit ("22 - 23 triệu lượt khách")
    # ("30m2": a unit of measure written on the figure)
    # ("500ha": the unit asked written on the figure)
    amount = (
        rf"\d[\d.,]*(?:\s*[-–]\s*\d[\d.,]*)?(?:\s+|(?=[a-z]+\d\b)|(?={re.escape(head)}\b))"
        r"(?:(?:nghin|ngan|trieu|ty|ti|van|dong|usd|do la|my)\s+){0,3}"
    )
    if re.search(rf"{amount}(?:{re.escape(unit)}|{re.escape(head)}\b)", text):
        return True
    if head in _MONEY_ASKED and _MONEY.search(text):  # "bao nhiêu vốn": "50.000 triệu đồng"
        return True
    if _named_by_column(clause, head):
        return True
    # "số lượng đơn vị hành chính cấp tỉnh sau sáp nhập là 34 tỉnh": the thing counted, then
    # its number, counted in the kind it holds
    return bool(re.search(rf"\b{re.escape(unit)}\b[^.;]{{0,60}}?\b(?:la|dat|con)\s+\d", text))


# "kcn (khu công nghiệp)": the long form `expand_abbreviations` writes after a short one
_LONG_AFTER = re.compile(r"^(\S+) \(([^()]+)\)")


def _spelled_out(unit: str) -> str:
    """The unit asked with the short form it opens with spelled out ("kcn" → "khu cong
    nghiep"): the plan counts "02 Khu công nghiệp" where the question says "bao nhiêu KCN"."""
    expanded = _LONG_AFTER.match(expand_abbreviations(unit))
    if expanded is None or folded(expanded.group(1)) != unit.split()[0]:
        return unit
    return f"{folded(expanded.group(2))}{unit[len(unit.split()[0]) :]}"


# what asks a sum of money ("bao nhiêu vốn", "kinh phí", "tiền", "ngân sách"), answered by a
# figure in a currency ("50.000 triệu đồng", "2,5 tỷ đồng", "100 USD")
_MONEY_ASKED = frozenset(("von", "kinh", "tien", "ngan"))
_MONEY = re.compile(r"\d[\d.,]*\s*(?:(?:nghin|ngan|trieu|ty|ti)\s+)?(?:dong|usd)\b")


def _named_by_column(clause: StoredClause, word: str) -> bool:
    """A table row whose figure sits in a column headed with the word asked ("bao nhiêu vốn"
    over "Kế hoạch vốn năm 2023", "bao nhiêu đồng" over "Giá gói thầu (đồng)")."""
    target = clause.target
    if target is None:
        return False
    return any(
        re.search(rf"\b{re.escape(word)}\b", folded(cell.header)) and _FIGURE.search(cell.text)
        for cell in target.cells
        if cell.role in ("value", "unknown")
    )


_LEADING_NUMBER = re.compile(
    r"^\s*(?:[-–+•*|]\s*)*(?:[a-zđ]\)|\d+(?:\.\d+)*[.)](?=\s)|[IVX]+\.)?\s*"
)


def own_text(clause: StoredClause) -> str:
    """What a clause itself states: a row's content, values and note, or a body without its number
    (the path's and the marker's numbers are not figures)."""
    target = clause.target
    if target is not None:
        # an indicator row states its figure in its value columns ("Kết quả", "Năm 2030")
        values = [target.with_unit(value.text) for value in target.values]
        # and in the columns no role names ("Giá gói thầu (đồng)": 2.726.353.000)
        others = [cell.text for cell in target.cells if cell.role == "unknown"]
        return " ".join(p for p in (target.content, *values, *others, target.note or "") if p)
    return _LEADING_NUMBER.sub("", clause.body, count=1)
