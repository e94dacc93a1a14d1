"""A bound the question puts on a number ("trẻ dưới 14 tuổi") that the cited clause states
the other way round ("người từ 14 tuổi trở lên") is not answered by that clause."""

from __future__ import annotations

from retrieval.opposite_bound import opposite_bound
from tests.stored_clauses import stored_clause

_OVER_14 = stored_clause(
    "Kích hoạt tài khoản định danh điện tử mức độ 2 cho người từ 14 tuổi trở lên"
)


def test_the_other_side_of_the_asked_bound_is_no_answer() -> None:
    question = "Tỷ lệ kích hoạt định danh mức 2 cho trẻ dưới 14 tuổi là bao nhiêu?"
    assert opposite_bound(question, [_OVER_14]) == "dưới 14 tuổi"
    assert opposite_bound(
        "người trên 60 tuổi được hỗ trợ gì?", [stored_clause("người dưới 60 tuổi")]
    )


def test_a_clause_stating_the_asked_side_or_no_bound_is_left_alone() -> None:
    both = stored_clause("trẻ em dưới 14 tuổi đạt 50%; người từ 14 tuổi trở lên đạt 80%")
    assert opposite_bound("trẻ dưới 14 tuổi đạt bao nhiêu?", [both]) is None
    assert opposite_bound("trẻ dưới 14 tuổi đạt bao nhiêu?", [stored_clause("đạt 80%")]) is None
    assert opposite_bound("tỷ lệ kích hoạt mức 2?", [_OVER_14]) is None
    # another number is another bound
    assert opposite_bound("trẻ dưới 6 tuổi?", [_OVER_14]) is None
