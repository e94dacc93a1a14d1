"""Documents a loaded plan cites, read from its own words: the question naming one by its
number ("Nghị định 26/2020/NĐ-CP … ban hành ngày nào?", "Nghị quyết 21-NQ/TW", Party
numbers too) and the date the plan writes beside it ("Nghị định số 26/2020/NĐ-CP ngày 28
tháng 02 năm 2020 của Chính phủ …")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.normalize_vi import folded_with_offsets

_KINDS = (
    r"nghi quyet|quyet dinh|chi thi|ket luan|nghi dinh|thong tu|cong van|quy dinh|ke hoach"
    r"|de an|huong dan|thong bao|chuong trinh|van ban|to trinh|bao cao|cong dien"
)
# "nghị định 26/2020/nđ-cp", "nghị quyết số 21-nq/tw", "quy định 232-qđ/tw", "quyết định 2566"
_NAMED = re.compile(
    rf"\b(?P<kind>{_KINDS})\s+(?:so\s+)?(?P<number>\d{{1,5}})(?P<symbol>(?:[/-][a-z0-9&]+)*)"
)
# the date written after a cited document's number: "ngày 28 tháng 02 năm 2020", "ngày 20/01/2025"
_DATE = (
    r"ngay\s+(?P<day>\d{1,2})(?:\s+thang\s+|\s*/\s*)(?P<month>\d{1,2})"
    r"(?:\s+nam\s+|\s*/\s*)(?P<year>\d{4})"
)
# the body that issued it, written after the date: "… năm 2013 của Ban Chấp hành Trung ương
# khóa XI", up to its subject ("về …"), the next citation or the sentence's end
_ISSUER = re.compile(
    r"\s*,?\s*cua\s+(?P<issuer>[^,;.:()]+?)(?=\s+(?:ve|ve viec|quy dinh|huong dan|ban hanh)\b"
    rf"|\s+(?:va\s+)?(?:{_KINDS})\s+(?:so\s+)?\d|\s+ngay\s+\d|\s*[,;.:()]|\s*$)"
)


@dataclass(frozen=True)
class CitedRef:
    """A document the question names by kind and number."""

    kind: str  # folded: "nghi dinh"
    number: str  # the figures: "26"
    symbol: str  # folded, without its leading separator: "2020/nd-cp", "nq/tw"; "" if none
    start: int  # where the question names it (folded offsets)
    end: int


def cited_refs(question_folded: str) -> list[CitedRef]:
    """The documents a (folded) question names by kind and number, in order."""
    return [
        CitedRef(
            m.group("kind"),
            m.group("number"),
            m.group("symbol").lstrip("/-"),
            m.start(),
            m.end(),
        )
        for m in _NAMED.finditer(question_folded)
    ]


@dataclass(frozen=True)
class CitedDate:
    """A date a clause writes beside a cited document: the verbatim span and its value."""

    quote: str  # "26/2020/NĐ-CP ngày 28 tháng 02 năm 2020 của Chính phủ", verbatim
    day: int
    month: int
    year: int
    written: str = ""  # the date as the text writes it: "28 tháng 02 năm 2020", "04/7/2018"
    issuer: str = ""  # the body written after it, verbatim: "Chính phủ"; "" if none
    subject: str = ""  # folded words that follow it ("ve cong tac bao ve bmnn …"), to match

    @property
    def text(self) -> str:
        return f"{self.day:02d}/{self.month:02d}/{self.year}"

    @property
    def said(self) -> str:
        """The date as written, with its figures beside a date written in words:
        "25 tháng 7 năm 2017 (25/07/2017)", "04/7/2018"."""
        if not self.written or "/" in self.written:
            return self.written or self.text
        return f"{self.written} ({self.text})"


def dates_beside(text: str, ref: CitedRef) -> list[CitedDate]:
    """The dates `text` writes right after its citations of `ref` ("… số 21-NQ/TW ngày 25
    tháng 10 năm 2017 …", a comma between them allowed)."""
    flat, offsets = folded_with_offsets(text)
    if ref.symbol:
        name = rf"(?<![\d/-]){ref.number}[/-]\s*{_spaced(ref.symbol)}(?![a-z0-9])"
    else:  # no symbol asked: the kind must be written before it
        name = rf"\b{ref.kind}\s+(?:so\s+)?0*{ref.number}(?:[/-][a-z0-9&]+)*(?![a-z0-9])"
    found = []
    for m in re.finditer(rf"{name}\s*,?\s*{_DATE}", flat):
        date_start = offsets[m.start("day")]
        end = m.end()
        issuer = ""
        by = _ISSUER.match(flat, end)
        if by:
            issuer = text[offsets[by.start("issuer")] : offsets[by.end("issuer") - 1] + 1]
            end = by.end("issuer")
        start, stop = offsets[m.start()], offsets[end - 1] + 1
        found.append(
            CitedDate(
                text[start:stop],
                int(m.group("day")),
                int(m.group("month")),
                int(m.group("year")),
                written=text[date_start : offsets[m.end() - 1] + 1],
                issuer=" ".join(issuer.split()),
                subject=re.split(r"[;.]", flat[end : end + 160], maxsplit=1)[0],
            )
        )
    return found


def _spaced(symbol: str) -> str:
    """The symbol as a pattern that lets a line break or space follow each separator
    ("26/2020/NĐ- CP" as some copies write it)."""
    return r"[/-]\s*".join(re.escape(part) for part in re.split(r"[/-]", symbol))
