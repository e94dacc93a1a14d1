"""Group rows that carry figures, and the body a group row names.

Appendix tables of capital plans and contractor-selection plans number their groups in Roman
numerals and give each group its subtotal on the same row (`| I | SỞ Y TẾ | 14.000 | |`,
`I | Phần công việc đã thực hiện | … | 172.005.118 | Ngân sách trung ương`); the rows under a
group restart at 1. Such a Roman row heads a group even though it has figures. When the
column those rows sit in is headed as holding both the items and the bodies carrying them out
("Danh mục dự án/ Cơ quan, đơn vị, địa phương thực hiện"), a group row naming a body — a Sở,
a district, a town — is the executing unit of the items under it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.domain import TargetCell
from ingest.normalize_vi import folded
from ingest.parser.columns import ColumnRole
from ingest.parser.header.casing import sentence_case
from ingest.parser.markers import roman_to_int

__all__ = ["group_unit", "is_total_row", "subtotal_groups"]

# a content header that also names who carries the items out
_EXECUTING_HEADER = re.compile(
    r"(?:co quan|don vi|dia phuong)[^/]*(?:thuc hien|chu tri|trien khai)"
)
# a group title that is a body: a Sở, Ban, a district / town / city / commune, a Trung tâm …
_BODY_TITLE = re.compile(
    r"^(?:so|ban|uy ban nhan dan|ubnd|huyen|thi xa|thanh pho|quan|xa|phuong|thi tran|"
    r"trung tam|bo|cuc|chi cuc|van phong|cong an|bo chi huy|benh vien|truong)\b"
)

# the total row of a figure table: "Tổng cộng", "TỔNG HẠN NGẠCH …", "Cộng", "Tổng số" (folded)
_TOTAL = re.compile(r"^(?:tong(?: cong| so)?|cong|toan (?:tinh|thanh pho|quoc))\b")


def _roman(label: str | None) -> bool:
    return label is not None and label.isalpha() and roman_to_int(label) > 0


def subtotal_groups(labels: Sequence[str | None]) -> set[int]:
    """Indices of Roman-numbered rows whose next numbered row restarts at 1: group heads."""
    heads: set[int] = set()
    for k, label in enumerate(labels):
        if not _roman(label):
            continue
        following = next((later for later in labels[k + 1 :] if later is not None), None)
        if following == "1":
            heads.add(k)
    return heads


def group_unit(title: str | None, cells: Sequence[TargetCell]) -> str | None:
    """The body a group title names, when the item column is headed as naming bodies too."""
    if not title:
        return None
    executing = any(
        cell.role == ColumnRole.CONTENT.value and _EXECUTING_HEADER.search(folded(cell.header))
        for cell in cells
    )
    if not executing or not _BODY_TITLE.match(folded(title)):
        return None
    return sentence_case(title, body=True) if title.isupper() else title


def is_total_row(texts: Sequence[str]) -> bool:
    """A row with no number whose first written cell opens with "Tổng" / "Cộng": the
    table's total, which belongs to no group above it."""
    first = next((text for text in texts if text), "")
    return bool(_TOTAL.match(folded(first)))
