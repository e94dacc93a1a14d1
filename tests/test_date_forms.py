"""The ways an issue date is looked for in the text, down to a date with its year alone."""

from retrieval.compose import _date_forms


def test_a_full_date_is_looked_for_in_its_written_forms() -> None:
    forms = _date_forms("2026-03-09")
    assert forms[0] == "09/03/2026"
    assert "ngày 9 tháng 3 năm 2026" in forms


def test_a_month_date_is_looked_for_by_its_month() -> None:
    assert _date_forms("2026-08")[0] == "tháng 8 năm 2026"


def test_a_date_with_its_day_and_month_left_blank_is_its_year() -> None:
    assert _date_forms("2026") == ["năm 2026"]
