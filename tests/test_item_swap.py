"""A follow-up naming another numbered item ("Còn đợt 3 thì sao?") asks the previous
question of that item."""

from __future__ import annotations

from retrieval.item_swap import asked_of_another_item


def test_the_previous_question_is_asked_of_the_item_the_turn_names() -> None:
    previous = "Đợt 1 kiểm tra, giám sát bầu cử của MTTQ xã An Hòa từ ngày nào đến ngày nào?"
    assert asked_of_another_item("Con dot 3 thi sao?", previous) == (
        "Đợt 3 kiểm tra, giám sát bầu cử của MTTQ xã An Hòa từ ngày nào đến ngày nào?"
    )
    assert asked_of_another_item("Còn bước 7?", "Bước 4 do ai chủ trì?") == "Bước 7 do ai chủ trì?"
    assert asked_of_another_item("còn mục iii?", "Mục II gồm gì?") == "Mục III gồm gì?"


def test_no_item_or_the_same_item_is_no_swap() -> None:
    assert asked_of_another_item("Còn Sở Y tế?", "Bước 4 do ai chủ trì?") is None
    assert asked_of_another_item("Còn đợt 1 thì sao?", "Đợt 1 diễn ra khi nào?") is None
    assert asked_of_another_item("Còn bước 2?", "Đợt 1 diễn ra khi nào?") is None
