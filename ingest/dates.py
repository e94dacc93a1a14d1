"""Dates and times as Vietnamese documents write them, read in one place.

One reader per job:
- `full_dates` / `date_at` / `written_dates`: a date written whole — "ngày 09 tháng 01
  năm 2025", "ngày 20/01/2025", "10/3/2020" — or a date line with parts left blank ("ngày
  tháng 4 năm 2026"), as a typed `WrittenDate` with its span;
- `mentions_date`: whether a part of a sentence names a date or a dated period ("trước ngày
  30/6/2025", "ngày 15 tháng 3", "quý IV/2026");
- `states_time` / `states_own_time`: whether a text states any time — a date, a month, a
  quarter, a year, a term or a recurrence — and whether it does so of its own, not as the
  date of a document it cites (`without_citations`);
- `asked_date`: whether a question asks the date a document was issued, typed by how sure.

The word patterns accept the written and the folded spelling ("tháng" and "thang"), so one
pattern reads a plan's text and its folded form alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from ingest.normalize_vi import folded

_NGAY = r"[Nn]g[àa]y"
_THANG = r"[Tt]h[áa]ng"
_NAM = r"[Nn][ăa]m"
_YEAR = r"(?:19|20)\d\d"
# blanks a date line leaves for the day and month to be written by hand ("ngày  … tháng")
_FILL = r"[\s.…_]*"
# a blank part an OCR copy read as a stroke ("ngày / tháng 6 năm 2026")
_BLANK_FILL = r"[\s.…_/]*"
# a day or month of two digits that a copy split with a space ("tháng 0 6", like "Đ ả ng")
_SPLIT_PART = r"\d(?: ?\d)?"

# a whole date, "ngày" first, its parts joined by words or slashes (mixed too, as copies
# write "ngày 20/01 năm 2025")
_WHOLE = re.compile(
    rf"{_NGAY}\s*(?P<d>\d{{1,2}})(?:\s*{_THANG}\s*|\s*/\s*)(?P<m>\d{{1,2}})"
    rf"(?:\s*{_NAM}\s*|\s*/\s*)(?P<y>{_YEAR})(?!\d)"
)
# a date line of NĐ 30/2020, its day and month possibly blank or split by a space
_LINE = re.compile(
    rf"{_NGAY}{_FILL}(?P<d>{_SPLIT_PART})?{_BLANK_FILL}{_THANG}{_FILL}(?P<m>{_SPLIT_PART})?{_FILL}"
    rf"{_NAM}\s*(?P<y>{_YEAR})"
)
# figures alone: "10/3/2020", "29/12/2025" (what tables and attribute rows write)
_SLASHED = re.compile(
    rf"(?<![\d/])(?P<d>\d{{1,2}})?\s*/\s*(?P<m>\d{{1,2}})\s*/\s*(?P<y>{_YEAR})(?!\d)"
)


@dataclass(frozen=True)
class WrittenDate:
    """A date a text writes: where, and its parts (a part left blank is None)."""

    start: int
    end: int
    day: int | None
    month: int | None
    year: int
    figures: int  # where its first figure is written ("28 tháng 02 năm 2020" without "ngày")

    @property
    def iso(self) -> str:
        """ "2025-01-09"; "2026-04" when the day is blank; "2026" when the month is too."""
        if self.month is None:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}" + (
            f"-{self.day:02d}" if self.day is not None else ""
        )

    @property
    def numeric(self) -> str:
        """ "09/01/2025" (a whole date)."""
        return f"{self.day or 0:02d}/{self.month or 0:02d}/{self.year}"

    @property
    def valid(self) -> bool:
        """A day 1–31 and a month 1–12, where written."""
        return (self.day is None or 1 <= self.day <= 31) and (
            self.month is None or 1 <= self.month <= 12
        )


def _part(value: str | None) -> int | None:
    return int(value.replace(" ", "")) if value else None


def _typed(match: re.Match[str]) -> WrittenDate:
    first = next(match.start(g) for g in ("d", "m", "y") if match[g] is not None)
    return WrittenDate(
        match.start(), match.end(), _part(match["d"]), _part(match["m"]), int(match["y"]), first
    )


def full_dates(text: str, *, blanks: bool = False) -> list[WrittenDate]:
    """The whole dates "ngày …" that `text` writes, in order, valid ones only; with
    `blanks`, date lines whose day or month is left blank too (words only, as NĐ 30 writes
    them)."""
    pattern = _LINE if blanks else _WHOLE
    return [d for d in map(_typed, pattern.finditer(text)) if d.valid]


def date_at(text: str, pos: int) -> WrittenDate | None:
    """The whole date "ngày …" written exactly at `pos` of `text`, if any."""
    match = _WHOLE.match(text, pos)
    if match is None:
        return None
    date = _typed(match)
    return date if date.valid else None


def slashed_date(text: str) -> WrittenDate | None:
    """The date a cell writes in figures alone ("29/12/2025", "/12/2025"), if that is all
    it writes."""
    match = _SLASHED.fullmatch(text.strip())
    return _typed(match) if match else None


def written_dates(text: str) -> list[WrittenDate]:
    """Every date `text` writes, in words or in figures, a blank day or month allowed
    ("ngày   tháng 4 năm 2026", "ngày  /12/2025"), valid ones only, in order."""
    found = full_dates(text, blanks=True)
    found += [d for d in map(_typed, _SLASHED.finditer(text)) if d.valid]
    return sorted(found, key=lambda d: d.start)


def first_date(text: str) -> WrittenDate | None:
    """The first whole date `text` writes, in figures ("30/9/2025") or in words ("ngày 30
    tháng 9 năm 2025"), valid only."""
    found = [d for d in map(_typed, _SLASHED.finditer(text)) if d.day is not None and d.valid]
    found += full_dates(text)
    return min(found, key=lambda d: d.start) if found else None


# a date or a dated period a part of a sentence names: "trước ngày 30/6/2025", "ngày 15
# tháng 3", "tháng 11/2025", "tháng 5 năm 2025", "quý IV/2026", "quý IV"
_MENTIONED = re.compile(
    r"\b\d{1,2}/\d{1,2}/\d{4}\b"
    rf"|\b{_NGAY} \d{{1,2}} {_THANG} \d{{1,2}}\b"
    rf"|\b{_THANG} \d{{1,2}}(?:/| {_NAM} )\d{{4}}\b"
    r"|\bqu[ýy] (?:[ivx]{1,4}|[1-4])(?:/\d{4})?\b",
    re.IGNORECASE,
)


def mentions_date(text: str) -> bool:
    """Whether a part of a sentence names a date or a dated month or quarter."""
    return _MENTIONED.search(text) is not None


# a time stated (folded): "30/9/2025", "tháng 11/2025", "Quý IV/2025", "năm 2025", "thường
# xuyên", "hằng tháng", "định kỳ", "trước ngày 25", "2025-2026", a duration ("trong vòng 24
# giờ")
_TIME = re.compile(
    r"\d{1,2}/\d{2,4}|\b(?:ngay|thang|quy|nam|tuan)\s+(?:\d|[ivx]+\b)|\b20\d\d\b"
    r"|thuong xuyen|\bhang (?:ngay|tuan|thang|quy|nam)\b|dinh k[iy]|theo lo trinh"
    r"|\b\d+\s*(?:gio|ngay|tuan|thang|nam)\b"
    # when a decision takes effect, or a task that waits for a request: "(có hiệu lực) kể
    # từ ngày ký", "(khi có yêu cầu)"
    r"|\bke tu ngay (?:k[iy]|ban hanh)\b|\bkhi co yeu cau\b"
    # at once: "(phải) báo cáo ngay về UBND tỉnh", "ngay khi phát hiện", "ngay sau khi"
    r"|\b(?:bao cao|thong bao|xu ly|khac phuc|thuc hien|trien khai) ngay\b"
    r"|\bngay (?:khi|sau khi|lap tuc)\b"
    # a season the year is cut into: "trong thời gian nghỉ hè", "dịp Tết"
    r"|\bnghi (?:he|tet)\b|\bdip (?:he|tet|le)\b"
)

# the documents a (folded) text cites, with their dates: "số 02/2021/TT-BYT ngày 25 tháng
# 01 năm 2021"
_CITATION = re.compile(
    r"(?:\bso\s+)?\b[\w.-]*\d[\w.-]*/(?:\d+/)?[a-z][\w/.&-]*"
    r"(?:\s+ngay\s+\d{1,2}(?:\s+thang\s+|/)\d{1,2}(?:\s+nam\s+|/)\d{4})?"
)


def states_time(text_folded: str) -> bool:
    """Whether a (folded) text states a date, a month, a quarter, a year, a term or a
    recurrence."""
    return _TIME.search(text_folded) is not None


def without_citations(text_folded: str) -> str:
    """A folded text without the documents it cites and their dates."""
    return _CITATION.sub(" ", text_folded)


def states_own_time(text: str) -> bool:
    """Whether a text states a time of its own (not only a cited document's date)."""
    return states_time(without_citations(folded(text)))


# the years a text gives a task or a rule of its own ("năm 2025 và 2026", "từ năm 2025 và
# các năm tiếp theo", "giai đoạn 2026-2030"), read after `without_citations`
_YEARS = re.compile(r"\b(?:nam|giai doan|nam hoc)\s+(?:19|20)\d\d\b")
# a year or a span of years asked: "những năm nào", "từ năm nào", "giai đoạn nào"
_ASKS_YEAR = re.compile(r"\bnam nao\b|\bnhung nam\b|\bnam bao nhieu\b|\bgiai doan nao\b")


def years_stated(text_folded: str) -> re.Match[str] | None:
    """Where a (folded) text names a year or a stage of years of its own, not as a part of
    a whole date or of a cited document's date; None when it names none."""
    plain = _WHOLE.sub(lambda m: " " * len(m.group()), text_folded)
    plain = _CITATION.sub(lambda m: " " * len(m.group()), plain)
    return _YEARS.search(plain)


def asks_year(question_folded: str) -> bool:
    """Whether a (folded) question asks a year or a span of years ("áp dụng cho những năm
    nào?", "từ năm nào?")."""
    return _ASKS_YEAR.search(question_folded) is not None


class DateAsked(Enum):
    """How a question asks a date: of an issuing act ("ban hành ngày nào", "ngày ban
    hành"), or bare ("ngày nào?"), which may ask a task's day as well."""

    ISSUED = "issued"
    BARE = "bare"


_ASKS_ISSUED = re.compile(
    r"\b(?:ban hanh|k[iy]|de|thong qua)\s+(?:vao\s+)?(?:ngay\s+(?:nao|may|thang nao)|khi nao"
    r"|nam nao)\b|\bngay ban hanh\b|\bban hanh ngay\s*(?:\?|$)"
)
_ASKS_BARE = re.compile(r"\bngay (?:nao|may|thang nao)\b")


def asked_date(question_folded: str) -> DateAsked | None:
    """Whether a (folded) question asks a date: `ISSUED` when it asks when a document was
    issued, signed or adopted; `BARE` for "ngày nào?" alone; None otherwise."""
    if _ASKS_ISSUED.search(question_folded):
        return DateAsked.ISSUED
    if _ASKS_BARE.search(question_folded):
        return DateAsked.BARE
    return None
