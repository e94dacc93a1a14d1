"""A table column asked by name ("sản phẩm của nhiệm vụ 5") that the cited rows lack is
declined with that reason, never answered with the row's other cells."""

from __future__ import annotations

import pytest

from ingest.domain import Target, TargetCell
from retrieval.asked_columns import column_asked, missing_column_reason
from retrieval.query import understand
from retrieval.stored import StoredClause


def _row(*cells: tuple[str, str, str], source: str = "table") -> StoredClause:
    text = " | ".join(text for _, _, text in cells)
    target = Target(
        clause_id="r",
        document_id="kh-88",
        number="5",
        content=cells[0][2],
        cells=tuple(TargetCell(header, role, text, 0, 1) for header, role, text in cells),
        source=source,
    )
    return StoredClause(
        *("r", "kh-88", "Kế hoạch 88", None, "table_row", "5", None, "Phụ lục 1 › 5", text),
        start=0,
        end=len(text),
        body_end=len(text),
        parent_id=None,
        child_count=0,
        search_text=text,
        target=target,
    )


_PLAIN = _row(
    ("Nhiệm vụ", "content", "Xây dựng CSDL thủy lợi"), ("Cơ quan chủ trì", "lead", "Sở NN")
)
_WITH_PRODUCT = _row(
    ("Nhiệm vụ", "content", "Số hóa dữ liệu hộ tịch"),
    ("Sản phẩm", "product", "Dữ liệu hộ tịch được số hóa"),
)


def _reason(question: str, row: StoredClause) -> str | None:
    return missing_column_reason(understand(question).folded, [row], lambda d: "Kế hoạch 88")


def test_a_product_asked_of_a_table_without_that_column_is_declined() -> None:
    reason = _reason("San pham cua nhiem vu 5 trong phu luc KH 88 la gi?", _PLAIN)
    assert (
        reason == "Bảng phân công của Kế hoạch 88 không có cột sản phẩm cho chỉ tiêu/nhiệm vụ này."
    )
    assert _reason("Sản phẩm của nhiệm vụ 2 là gì?", _WITH_PRODUCT) is None
    assert _reason("Kinh phí thực hiện nhiệm vụ 5 là bao nhiêu?", _PLAIN) is not None


@pytest.mark.parametrize(
    "question",
    [
        "Nhiệm vụ 5 ai chủ trì?",
        "Những sản phẩm OCOP nào được đưa lên sàn thương mại điện tử?",
        "Tỷ lệ sản phẩm chủ lực có mã truy xuất đạt bao nhiêu?",
    ],
)
def test_a_product_as_the_topic_asks_no_column(question: str) -> None:
    assert column_asked(understand(question).folded) is None


def test_a_body_duty_may_say_it_in_words() -> None:
    body = _row(("Nhiệm vụ", "content", "Xây dựng CSDL"), source="body")
    assert _reason("Sản phẩm của nhiệm vụ này là gì?", body) is None


def test_a_projects_total_investment_is_not_its_years_allocation() -> None:
    # tests/real_plans4 QĐ 518 Bình Định: the appendix gives each project "Kế hoạch vốn năm
    # 2023" only; "tổng mức đầu tư" asked is a column the table does not have
    allocation = _row(
        ("Danh mục dự án", "content", "Xây dựng mới Trạm y tế xã Bình Thành"),
        ("Kế hoạch vốn năm 2023", "value", "2.000"),
    )
    question = "Tổng mức đầu tư dự án xây dựng mới Trạm y tế xã Bình Thành là bao nhiêu?"
    reason = _reason(question, allocation)
    assert reason is not None and "cột tổng mức đầu tư" in reason
    with_total = _row(
        ("Danh mục dự án", "content", "Trạm y tế xã Bình Thành"),
        ("Tổng mức đầu tư", "value", "5.000"),
    )
    assert _reason(question, with_total) is None
    assert _reason("Kế hoạch vốn năm 2023 của Trạm y tế xã Bình Thành?", allocation) is None
