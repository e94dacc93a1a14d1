"""A follow-up naming another unit asks the previous question of it."""

from __future__ import annotations

from retrieval.unit_swap import asked_of_another_unit
from retrieval.units import UnitMatcher

UNITS = UnitMatcher(["Sở Y tế", "Sở Tài chính", "Sở Nội vụ", "Công an tỉnh"])


def test_the_previous_question_of_the_unit_named() -> None:
    asked = asked_of_another_unit(
        "Còn Sở Tài chính?", "Sở Nội vụ có nhiệm vụ gì trong kế hoạch 165?", UNITS
    )
    assert asked == "so tai chinh co nhiem vu gi trong ke hoach 165"


def test_a_turn_naming_the_same_unit_or_none_is_not_swapped() -> None:
    previous = "Sở Y tế chủ trì những nhiệm vụ nào?"
    assert asked_of_another_unit("Còn Sở Y tế thì sao?", previous, UNITS) is None
    assert asked_of_another_unit("Còn thời hạn?", previous, UNITS) is None


def test_a_previous_question_naming_no_unit_has_none_to_replace() -> None:
    assert asked_of_another_unit("Còn Công an tỉnh?", "Chỉ tiêu 6.6 là gì?", UNITS) is None
