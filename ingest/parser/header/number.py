"""Số, ký hiệu: "Số: 77/KH-UBND", "Số:\n80/NQ-CP", "Số: /KH-UBND", Party "Số 12-KH/TU" or,
left blank until signing, "Số   -KH/TU"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SYMBOL = r"[A-ZĐƯ][\wĐđƯư&.]*(?:\s?[-–]\s?[A-ZĐƯ0-9][\wĐđƯư&.]*)*"
_STATE = re.compile(
    rf"(?P<n>\d+[a-z]?)?\s*/\s*(?:(?P<y>(?:19|20)\d\d)\s*/\s*)?(?P<sym>{_SYMBOL}(?:/{_SYMBOL})*)"
)
_PARTY = re.compile(
    rf"(?P<n>\d+)?\s*[-–]\s*(?P<k>[A-ZĐ][A-Za-zĐđ]{{0,5}})\s*/\s*(?P<sym>{_SYMBOL})"
)
# an OCR copy's number misread ("Số: Z32Ø/BTC-QLCS"): the ký hiệu read, the figures not
_GARBLED = re.compile(
    rf"(?:^|(?<=[\s*|]))Số\s*:\s*(?P<g>[^\s/:]{{1,6}})\s*/\s*(?P<sym>{_SYMBOL}(?:/{_SYMBOL})*)"
)
# "Số:" at the start of a box or after a rule; "Nghị quyết số:" as some bodies write it
_LEAD = re.compile(r"(?:^|(?<=[\s*|]))Số\s*:?\s*(?=\d|/|[-–]\s*[A-ZĐ])")
_KIND_LEAD = re.compile(
    r"^(?:Nghị quyết|Quyết định|Chỉ thị|Kế hoạch|Thông tư|Nghị định)\s+số\s*:\s*(?=\d)"
)
# ký hiệu of the kinds (Nghị định 30/2020/NĐ-CP, phụ lục III; Hướng dẫn 36-HD/VPTW)
KIND_CODES = {
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "CTr": "Chương trình",
    "CTHĐ": "Chương trình",
    "ĐA": "Đề án",
    "ĐC": "Đề cương",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "HD": "Hướng dẫn",
    "TT": "Thông tư",
    "NĐ": "Nghị định",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "TTr": "Tờ trình",
    "CV": "Công văn",
    "PA": "Phương án",
}


@dataclass(frozen=True)
class Number:
    """A số ký hiệu as written (spaces removed); `value` is None when the number is blank."""

    value: str | None
    symbol: str  # "KH-UBND", "KH/TU"
    kind: str | None  # the kind its code names, when it names one
    start: int
    end: int
    misread: bool = False  # figures written but not readable ("Z32Ø"), not left blank


def _kind(code: str) -> str | None:
    for length in (4, 3, 2):
        if len(code) < length:
            continue
        if code[:length] in KIND_CODES and (len(code) == length or not code[length].islower()):
            return KIND_CODES[code[:length]]
    return None


def parse_number(text: str, *, kind_lead: bool = False) -> Number | None:
    """The số ký hiệu written right after "Số" in `text` (with `kind_lead`, after a box-opening
    "Nghị quyết số:" as some bodies write it), if any."""
    for lead in (_KIND_LEAD if kind_lead else _LEAD).finditer(text):
        rest = text[lead.end() :]
        party = _PARTY.match(rest)
        if party:  # "12-KH/TU"; "-KH/TU" when the number is left blank until signing
            party_value = re.sub(r"\s+", "", party.group(0)) if party["n"] else None
            return Number(
                party_value,
                f"{party['k']}/{party['sym']}",
                _kind(party["k"]),
                lead.start(),
                lead.end() + party.end(),
            )
        state = _STATE.match(rest)
        if state:
            symbol = re.sub(r"\s+", "", state["sym"])
            value = re.sub(r"\s+", "", state.group(0)) if state["n"] else None
            return Number(value, symbol, _kind(symbol), lead.start(), lead.end() + state.end())
    return None


def misread_number(text: str) -> Number | None:
    """An OCR copy's số ký hiệu whose figures were misread ("Số: Z32Ø/BTC-QLCS"): its value
    is not given (it cannot be read), its ký hiệu still marks the header's box."""
    for garbled in _GARBLED.finditer(text):
        if re.search(r"\d", garbled["g"]) and not garbled["g"].isdigit():
            symbol = re.sub(r"\s+", "", garbled["sym"])
            return Number(None, symbol, _kind(symbol), garbled.start(), garbled.end(), misread=True)
    return None


def kind_from_symbol(symbol: str) -> str | None:
    """The kind a ký hiệu names: "KH-UBND" → Kế hoạch, "NQ/TW" → Nghị quyết."""
    return _kind(symbol)
