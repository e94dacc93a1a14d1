"""A year asked ("… vào năm nào?") that a long objective states only at its end is kept in
the answer's shortened quote (QĐ 232/QĐ-TTg's "Mục tiêu chung": "… hướng tới đạt mức phát
thải ròng bằng "0" vào năm 2050." after 700 characters)."""

from __future__ import annotations

from ingest.normalize_vi import folded
from retrieval.compose import _shown_around, asked_figure


def test_a_year_asked_is_the_focus_of_a_long_quote() -> None:
    focus = asked_figure(folded("Đề án hướng tới mục tiêu phát thải ròng bằng 0 vào năm nào?"))
    assert focus is not None
    sentence = (
        "Phát triển thị trường, góp phần thực hiện mục tiêu giảm nhẹ phát thải, "
        + "tạo dòng tài chính mới cho hoạt động cắt giảm phát thải, " * 12
        + 'hướng tới đạt mức phát thải ròng bằng "0" vào năm 2050.'
    )
    assert "2050" in _shown_around(sentence, focus)
    assert "2050" not in _shown_around(sentence, None)


def test_how_many_years_is_not_a_year_asked() -> None:
    """ "bao nhiêu năm" counts years ("40 năm"); "năm bao nhiêu" asks for one."""
    counted = asked_figure("sau bao nhieu nam doi moi")
    assert counted is not None and counted.search("sau 40 nam") and not counted.search("2050")
    year = asked_figure("ban hanh nam bao nhieu")
    assert year is not None and year.search("nam 2026") and not year.search("40 nam")
    assert asked_figure("ai chu tri") is None
