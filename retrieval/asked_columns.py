"""A column of the responsibility table that a question asks for by name ("Sản phẩm của
nhiệm vụ 5 …?", "kinh phí thực hiện nhiệm vụ 3 là bao nhiêu?"): when the cited rows have no
such column, the plan does not say it — the answer is declined with that reason, the rows
offered as the closest, never answered with the row's other cells."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ingest.normalize_vi import folded
from retrieval.stored import StoredClause


@dataclass(frozen=True)
class Column:
    name: str  # as answers say it: "sản phẩm"
    asked: re.Pattern[str]  # how a question asks for it (folded)
    header: re.Pattern[str]  # how a table heads it (folded)
    role: str | None = None  # the parser's column role, when it has one


COLUMNS = (
    Column(
        "sản phẩm",
        # "Kết quả của nhiệm vụ tổng kết … là gì?": what the task yields, as "Sản phẩm"
        re.compile(
            r"\bsan pham (?:dau ra )?(?:cua|la gi)\b|\b(?:san pham|ket qua) dau ra\b"
            r"|\bket qua cua (?:nhiem vu|viec|hoat dong)\b.*\bla gi\b"
        ),
        re.compile(r"\bsan pham\b|\bket qua dau ra\b"),
        "product",
    ),
    Column(
        "kinh phí",
        re.compile(
            r"\b(?:nguon )?kinh phi (?:cua|thuc hien|la|bao nhieu|tu dau|lay tu)\b"
            r"|\bnguon von (?:cua|thuc hien|la|tu dau)\b|\bdu toan (?:cua|la|bao nhieu)\b"
        ),
        re.compile(r"\bkinh phi\b|\bnguon von\b|\bdu toan\b"),
    ),
    # an investment table's own figures, never its year's allocation ("Kế hoạch vốn năm
    # 2023" is not the project's total investment)
    Column(
        "tổng mức đầu tư",
        re.compile(r"\btong muc dau tu\b"),
        re.compile(r"\btong muc dau tu\b"),
    ),
    Column(
        "lũy kế vốn đã bố trí",
        re.compile(r"\bluy ke\b"),
        re.compile(r"\bluy ke\b"),
    ),
)


def column_asked(question_folded: str) -> Column | None:
    """The table column the question asks for by name, if any."""
    return next((c for c in COLUMNS if c.asked.search(question_folded)), None)


def missing_column_reason(
    question_folded: str, cited: Sequence[StoredClause], label: Callable[[str], str]
) -> str | None:
    """The reason to decline when the question asks a column that none of the cited table
    rows has; None when no column is asked, a cited clause is no table row (a body text
    may say it in words), or a row has the column."""
    column = column_asked(question_folded)
    if column is None or not cited:
        return None
    if not all(c.target is not None and c.target.source == "table" for c in cited):
        return None
    for clause in cited:
        assert clause.target is not None
        for cell in clause.target.cells:
            if (column.role and cell.role == column.role) or column.header.search(
                folded(cell.header)
            ):
                return None
    plans = ", ".join(dict.fromkeys(label(c.document_id) for c in cited))
    return f"Bảng phân công của {plans} không có cột {column.name} cho chỉ tiêu/nhiệm vụ này."
