"""How a row is named where rows of several appendices meet: "PL2 · 9", not a bare "9".

Plans number each appendix's rows from 1, so a list, the matrix or an export that mixes
appendices shows each row's appendix beside its number.
"""

from __future__ import annotations

import re

_APPENDIX = re.compile(r"^\s*ph[uụ] l[uụ]c\s*(?:s[oố]\s*)?([0-9]+[a-z]?|[IVXLC]+)\b", re.IGNORECASE)


def appendix_of(path: str) -> str | None:
    """ "PL2" for a clause whose path starts "Phụ lục 2 › …" (or "PHỤ LỤC II"); else None."""
    found = _APPENDIX.match(path.split(" › ", 1)[0])
    return f"PL{found.group(1).upper()}" if found else None


def row_label(path: str, number: str | None, in_body: bool = False) -> str:
    """ "PL2 · 9": the row's appendix and number; a body duty without a number is
    "Nhiệm vụ"."""
    appendix = appendix_of(path)
    shown = number or ("Nhiệm vụ" if in_body else "Dòng")
    return f"{appendix} · {shown}" if appendix else shown
