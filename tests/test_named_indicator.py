"""A question naming an indicator as what it asks about ("ai phụ trách chỉ tiêu tỷ lệ …")
holds its answer to that indicator, whatever is asked of it (a unit, a time, a figure)."""

from __future__ import annotations

from ingest.normalize_vi import folded
from retrieval.indicator_words import names_indicator, unstated_indicator_words
from retrieval.stored import StoredClause


def _clause(text: str, path: str = "") -> StoredClause:
    return StoredClause(
        clause_id="c",
        document_id="d",
        document_title="Kế hoạch hành động",
        document_number=None,
        kind="item",
        number=None,
        heading=None,
        path=path,
        text=text,
        start=0,
        end=len(text),
        body_end=len(text),
        parent_id=None,
        child_count=0,
        search_text=text,
        target=None,
    )


WHO = "Ai phụ trách chỉ đạo, đôn đốc chỉ tiêu tỷ lệ hộ dùng nước sạch?"
GENERAL_DUTY = _clause(
    "Thường xuyên lãnh đạo, chỉ đạo kiểm tra, giám sát, đôn đốc và đánh giá kết quả thực hiện."
)
ROW = _clause("3 Tỷ lệ hộ dùng nước sạch 98% Đồng chí Trần Văn A, Phó Chủ tịch UBND")


def test_an_indicator_named_as_the_object_is_recognised() -> None:
    assert names_indicator(folded(WHO))
    assert names_indicator(folded("Chỉ tiêu về tỷ trọng kinh tế số do sở nào theo dõi?"))
    assert not names_indicator(folded("Tỷ lệ hộ dùng nước sạch là bao nhiêu?"))
    assert not names_indicator(folded("Ai phụ trách chỉ đạo, đôn đốc các chỉ tiêu?"))


def test_a_general_duty_does_not_state_the_named_indicator() -> None:
    assert unstated_indicator_words(folded(WHO), [GENERAL_DUTY]) == ("ho", "dung", "nuoc", "sach")


def test_the_indicator_row_states_it() -> None:
    assert unstated_indicator_words(folded(WHO), [ROW]) == ()
