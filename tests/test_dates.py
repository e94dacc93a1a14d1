"""The one reader of dates and times (`ingest.dates`), one job per function."""

from __future__ import annotations

import pytest

from ingest.dates import (
    DateAsked,
    asked_date,
    date_at,
    first_date,
    full_dates,
    mentions_date,
    slashed_date,
    states_own_time,
    states_time,
)
from ingest.normalize_vi import folded


def test_a_whole_date_in_words_or_figures_is_typed_with_its_span() -> None:
    text = "Căn cứ Nghị định số 26/2020/NĐ-CP ngày 28 tháng 02 năm 2020 và Công văn ngày 20/01/2025"
    dates = full_dates(text)
    assert [d.iso for d in dates] == ["2020-02-28", "2025-01-20"]
    assert text[dates[0].start : dates[0].end] == "ngày 28 tháng 02 năm 2020"
    assert text[dates[0].figures : dates[0].end] == "28 tháng 02 năm 2020"
    assert dates[1].numeric == "20/01/2025"


def test_the_folded_spelling_reads_alike() -> None:
    flat = folded("Thông tư số 24/2020/TT-BCA ngày 10 tháng 3 năm 2020 của Bộ Công an")
    (date,) = full_dates(flat)
    assert (date.day, date.month, date.year) == (10, 3, 2020)


def test_a_date_line_with_blanks_or_split_figures() -> None:
    (blank,) = full_dates("Lào Cai, ngày     tháng 4 năm 2026", blanks=True)
    assert blank.iso == "2026-04" and blank.day is None
    (split,) = full_dates("Hà Nội, ngày 26 tháng 0 6 năm 2018", blanks=True)
    assert split.iso == "2018-06-26"
    assert full_dates("ngày 41 tháng 13 năm 2020", blanks=True) == []


def test_a_date_written_at_a_place() -> None:
    flat = "so 21-nq/tw ngay 25/10/2017 cua ban chap hanh"
    at = flat.index("ngay")
    date = date_at(flat, at)
    assert date is not None and date.iso == "2017-10-25"
    assert date_at(flat, 0) is None


def test_a_cell_of_figures_alone() -> None:
    date = slashed_date(" 29/12/2025 ")
    assert date is not None and date.iso == "2025-12-29"
    assert slashed_date("29/12/2025 và 30/12/2025") is None


def test_the_first_date_in_figures_or_words() -> None:
    date = first_date("hoan thanh truoc ngay 30 thang 9 nam 2025, bao cao 15/10/2025")
    assert date is not None and (date.day, date.month, date.year) == (30, 9, 2025)
    assert first_date("thang 11/2025") is None


@pytest.mark.parametrize(
    "text",
    ["trước ngày 30/6/2025", "ngày 15 tháng 3", "tháng 11/2025", "Quý IV/2026", "trong quý IV"],
)
def test_a_part_of_a_sentence_naming_a_date(text: str) -> None:
    assert mentions_date(text)
    assert mentions_date(folded(text))


def test_no_date_named() -> None:
    assert not mentions_date("phân công nhiệm vụ cho các sở, ngành")


def test_a_time_of_its_own_not_a_cited_documents_date() -> None:
    assert states_time("hoan thanh trong quy iv/2025")
    assert states_time("thuong xuyen")
    assert states_own_time("Định kỳ hằng quý báo cáo UBND tỉnh")
    assert not states_own_time("Thực hiện Nghị quyết số 66/NQ-CP ngày 26/3/2025 của Chính phủ")


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Thông tư 24/2020/TT-BCA ban hành ngày nào?", DateAsked.ISSUED),
        ("Quyết định 5689 phê duyệt … được ký ngày nào", DateAsked.ISSUED),
        ("ngày ban hành của Luật Bảo vệ bí mật nhà nước?", DateAsked.ISSUED),
        ("Luật bảo vệ bí mật nhà nước ngày nào?", DateAsked.BARE),
        ("Quyết định ban hành ngày 5/3 giao ai chủ trì?", None),
        ("Ai chủ trì nhiệm vụ số hóa?", None),
    ],
)
def test_a_question_asking_a_date(question: str, asked: DateAsked | None) -> None:
    assert asked_date(folded(question)) is asked
