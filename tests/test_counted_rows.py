"""A count of a table's rows ("bao nhiêu nhà máy") is not answered by one of the rows
counted: the row names one factory and its own figures, not how many there are."""

from __future__ import annotations

from dataclasses import replace

from ingest.domain import Target
from ingest.normalize_vi import folded
from retrieval.counted_rows import counted_noun, row_among_counted
from retrieval.stored import StoredClause
from tests.stored_clauses import stored_clause


def _row(content: str, text: str, source: str = "table") -> StoredClause:
    target = Target(clause_id="r", document_id="d", number="24", content=content, source=source)
    return stored_clause(
        text,
        clause_id="r",
        document_title="Quyết định",
        kind="table_row",
        number="24",
        path="Phụ lục 1 › I. Các nhà máy nhiệt điện",
        target=target,
    )


AMATA = _row(
    "Nhà máy nhiệt điện Amata",
    "24 | Nhà máy nhiệt điện Amata | TP Biên Hòa, tỉnh Đồng Nai | 89 | 97",
)
COUNT = folded("Phụ lục QĐ 699 có bao nhiêu nhà máy nhiệt điện được phân bổ hạn ngạch?")


def test_the_count_asked_is_read() -> None:
    assert counted_noun(COUNT) == "nha may"
    assert counted_noun(folded("Tổng vốn là bao nhiêu?")) is None


def test_one_of_the_rows_counted_is_no_count() -> None:
    assert row_among_counted(COUNT, [AMATA]) == "nha may"


def test_a_row_stating_the_number_of_them_answers() -> None:
    total = _row("Nhà máy nhiệt điện", "I | Nhà máy nhiệt điện (34 nhà máy) | | 2.746.706")
    assert row_among_counted(COUNT, [total]) is None


def test_a_figure_of_the_row_itself_is_its_own() -> None:
    """ "Nhà máy Amata được phân bổ bao nhiêu tấn?" counts no factories."""
    asked = folded("Nhà máy nhiệt điện Amata được phân bổ bao nhiêu tấn CO2 năm 2025?")
    assert row_among_counted(asked, [AMATA]) is None


def test_a_duty_in_the_text_is_not_judged() -> None:
    duty = replace(AMATA, target=replace(AMATA.target, source="body"))  # type: ignore[type-var]
    assert row_among_counted(COUNT, [duty]) is None
