"""Which document facts a question asks, and a date line that leaves the day blank."""

from __future__ import annotations

import pytest

from retrieval.documents import DocumentInfo
from retrieval.query import MetaField, understand
from retrieval.strategies.document_facts import _day_left_blank


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        ("KH 466/KH-UBND Tiền Giang do ai ký, với chức vụ gì?", ("signer", "signer_title")),
        ("Chức vụ người ký kế hoạch 19?", ("signer_title",)),
        ("Người ký kế hoạch 19 giữ chức vụ gì?", ("signer_title",)),
        ("Kế hoạch 19 được ký ban hành vào ngày nào?", ("date",)),
        ("Kế hoạch 19 do ai ký, ngày nào?", ("signer", "date")),
    ],
)
def test_each_fact_asked_is_answered(question: str, fields: tuple[str, ...]) -> None:
    """ "do ai ký, với chức vụ gì" asks the name and the title; "chức vụ người ký" only the
    title; "được ký ban hành vào ngày nào" only the date."""
    assert tuple(f.value for f in understand(question).meta_fields) == fields


def _info(issued: str | None) -> DocumentInfo:
    return DocumentInfo(
        *("d", "Kế hoạch", "5/KH-UBND", issued, None, None, None, None, None, None, None),
        replaces=(),
        based_on=(),
    )


def test_a_day_asked_of_a_plan_dated_by_month_alone_is_not_given() -> None:
    """ "ngày … tháng 4 năm 2026" leaves the day blank: "ký ngày nào?" is declined with the
    month the plan gives; a full date, or a question asking the month, is answered."""
    day = understand("Kế hoạch 5 được ký ban hành vào ngày nào của tháng 4/2026?")
    assert _day_left_blank(day, [_info("2026-04")])
    assert not _day_left_blank(day, [_info("2026-04-12")])
    assert not _day_left_blank(understand("Kế hoạch 5 ban hành tháng nào?"), [_info("2026-04")])
    assert MetaField.DATE in day.meta_fields
