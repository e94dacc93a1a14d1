"""The draft marking of a document not yet issued: "(DỰ THẢO)", "Dự thảo lần 2", "DỰ THẢO 3".

NĐ 30/2020 (phụ lục I) and HD 36-HD/VPTW mark a draft in a box of its own in the header — under
the số ký hiệu, beside the issuer box or above the kind line — never inside a sentence. A draft
usually leaves its number and date blank ("Số     - ĐA/TU", "ngày    tháng    năm 2025"), but a
blank number alone does not make a draft: only the marking is read.
"""

from __future__ import annotations

import re

from ingest.parser.header.cells import Cell

_MARKING = re.compile(
    r"^[\s(\[*]*(dự\s+thảo(?:\s+(?:lần\s+)?(?:thứ\s+)?\d{1,2})?"
    r"(?:\s*[-–,]?\s*ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?)?)[\s)\]*:.]*$",
    re.IGNORECASE,
)


def draft_marking(cells: list[Cell]) -> str | None:
    """The draft marking as the header writes it ("DỰ THẢO"), or None when it has none."""
    for cell in cells:
        match = _MARKING.match(cell.text)
        if match:
            return " ".join(match.group(1).split())
    return None
