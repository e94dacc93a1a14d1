"""The decision a document is attached to: "(Kèm theo Quyết định số 1422/QĐ-TTg ngày 19
tháng 11 năm 2024 của Thủ tướng Chính phủ)".

NĐ 30/2020 (Phụ lục I) writes the line under the title of what a decision issues — a plan, a
programme, a regulation: "(Ban hành kèm theo Quyết định số …/QĐ-… ngày … của …)". Copies
write it without "Ban hành" or without its brackets, over two lines ("… 1422/QĐ-TTg" /
"Ngày 19 tháng 11 …"), in a box of the header above the title, or only in the headings of
the appendices ("Phụ lục I (Kèm theo Quyết định số …)"). A "ban hành kèm theo Quyết định số
…" inside a sentence ("Căn cứ Quy chế … ban hành kèm theo Quyết định số 28/2018/QĐ-TTg")
cites another document and is never read here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.dates import written_dates
from ingest.parser.header.title import is_caps

__all__ = ["Attachment", "attachment_in", "attachment_of_appendices"]

_KINDS = {
    "quyết định": "Quyết định",
    "qđ": "Quyết định",
    "nghị quyết": "Nghị quyết",
    "nq": "Nghị quyết",
    "chỉ thị": "Chỉ thị",
}
_KIND = "|".join(sorted(_KINDS, key=len, reverse=True))
# the line opens a bracket or a cell (then with a capital: a wrapped "ban hành kèm theo …"
# goes on a sentence); "Ban hành" / "Được ban hành" may stand before "kèm theo"
_LINE = re.compile(
    rf"([(\[]\s*)?((?:(?:được\s+)?ban\s+hành\s+)?kèm\s+theo)\s+({_KIND})\s+"
    r"(?:số\s*:?\s*)?"
    # "1422/QĐ-TTg", "118/2021/QĐ-DDB", "773 /QĐ-TTg", "12-QĐ/TU"; "89NQ-HĐND" with the slash
    # left out, the ký hiệu glued to the number (a kind code, a hyphen, the body's code)
    r"(\d+)\s*((?:/\s*(?:(?:19|20)\d\d\s*/\s*)?|[-–]\s*|(?=[A-ZĐ][A-Za-zĐđ]{0,4}[-–][A-ZĐ]))"
    r"[A-ZĐ][\wĐđ&.\-/]*)?",
    re.IGNORECASE,
)
# the body that signed the decision, up to the bracket that closes the line
_ISSUER = re.compile(r"^[\s,;]*(?:của\s+)([^()]{3,120}?)\s*(?:\)|$)", re.IGNORECASE)
# a wrapped line going on in the next cell: the date or the body that signed
_GOES_ON = re.compile(r"\s*(?:,\s*)?(?:[Nn]gày|của)\b")
# how far after the number its date may start ("ngày", a comma, a line break between)
_DATE_REACH = 12
_ISSUER_WORDS = 14


@dataclass(frozen=True)
class Attachment:
    """The decision (resolution, directive) a document is issued with."""

    kind: str  # "Quyết định"
    number: str  # "1422/QĐ-TTg"
    date: str | None = None  # ISO, shortened when the copy leaves the day blank
    issuer: str | None = None  # "Thủ tướng Chính phủ", as the line writes it


def _joined(texts: Sequence[str]) -> tuple[str, list[int]]:
    """The texts as one line, with where each starts."""
    starts, parts, at = [], [], 0
    for text in texts:
        starts.append(at)
        parts.append(text)
        at += len(text) + 1
    return " ".join(parts), starts


def attachment_in(texts: Sequence[str]) -> Attachment | None:
    """The first attachment line among these header cells (a line may run on into the
    next cells); None when they hold none."""
    line, starts = _joined(texts)
    brackets = [k for k, char in enumerate(line) if char in "(["]
    for at in sorted({*starts, *brackets}):
        match = _LINE.match(line, at)
        if match is None or not (match.group(1) or match.group(2)[0].isupper()):
            continue
        cell = max(start for start in starts if start <= at)
        if not _heads(line[cell:at]):
            continue  # "Thực hiện Quy chế … (ban hành kèm theo Quyết định số …)": a citation
        return _read(line, match, [start for start in starts if start > match.end()])
    return None


# a title or heading the line may follow on its own line: in capitals, or a few words
# ("Phụ lục I (Kèm theo …)", "Kế hoạch (Kèm theo …)")
_HEAD_WORDS = 4


def _heads(before: str) -> bool:
    """Whether what stands before the line in its cell is a title or heading, not a sentence."""
    return not before.strip() or is_caps(before) or len(before.split()) <= _HEAD_WORDS


def _read(line: str, match: re.Match[str], later: list[int]) -> Attachment:
    kind = _KINDS[match.group(3).lower()]
    symbol = re.sub(r"\s+", "", match.group(5) or "").rstrip(".,-/")
    number = match.group(4) + symbol
    rest = line[match.end() : match.end() + 200]
    if match.group(1):  # up to the closing bracket
        rest = rest.split(")")[0] + (")" if ")" in rest else "")
    else:  # its cell, and the next one when that goes on with the date or the body
        ends = [at - match.end() for at in later]
        cut = ends[0] if ends else len(rest)
        if len(ends) > 1 and _GOES_ON.match(rest[cut:]):
            cut = ends[1]
        rest = rest[:cut]
    date: str | None = None
    dates = [d for d in written_dates(rest) if d.start <= _DATE_REACH]
    after = rest
    if dates:
        date = dates[0].iso
        after = rest[dates[0].end :]
    issuer = None
    named = _ISSUER.match(after)
    if named and len(named.group(1).split()) <= _ISSUER_WORDS:
        issuer = " ".join(named.group(1).split()).rstrip(" .,;")
    return Attachment(kind, number, date, issuer)


# a heading of an appendix ("PHỤ LỤC I", "Phụ lục 02:", "DANH MỤC …" under it)
_APPENDIX = re.compile(r"^(?:PHỤ LỤC|Phụ lục)\b")
_APPENDIX_REACH = 4


def attachment_of_appendices(texts: Sequence[str]) -> Attachment | None:
    """The decision the appendices of a document say they are attached to ("Phụ lục I" /
    "(Kèm theo Quyết định số …)" within a few lines of the heading): the same decision in
    every appendix that names one, else None."""
    found: list[Attachment] = []
    for k, text in enumerate(texts):
        if not _APPENDIX.match(text):
            continue
        near = texts[k : k + _APPENDIX_REACH]
        attached = attachment_in(near)
        if attached is not None:
            found.append(attached)
    numbers = {a.number for a in found}
    return found[0] if len(numbers) == 1 else None
