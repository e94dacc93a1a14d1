"""Place names by look-up: whole names whatever their first syllable, accents optional."""

from __future__ import annotations

import pytest

from ingest.gazetteer import known_name_after, places_named


@pytest.mark.parametrize(
    ("level", "text", "name"),
    [
        ("xã", "Văn Bàn, tỉnh Lào Cai", "Văn Bàn"),
        ("tỉnh", "Ninh Bình Số: 19/KH-UBND", "Ninh Bình"),
        ("TỈNH", "NINH BÌNH", "NINH BÌNH"),
        ("xã", "Xuân Trường năm 2026", "Xuân Trường"),
        ("thành phố", "Hồ Chí Minh", "Hồ Chí Minh"),
        ("tinh", "tien giang co bao nhieu", "tien giang"),
        ("tỉnh", "Tiền Giang.", "Tiền Giang"),
        ("tỉnh", "Thanh Hoá", "Thanh Hoá"),  # the other tone placement
    ],
)
def test_known_names_are_kept_whole(level: str, text: str, name: str) -> None:
    assert known_name_after(level, text.split()) == name


def test_unknown_names_are_not_invented() -> None:
    assert known_name_after("tỉnh", ["QUẢNG", "THỬ", "Số:", "77/KH-UBND"]) is None
    assert known_name_after("xã", ["HỘI", "CHỦ", "NGHĨA", "VIỆT", "NAM"]) is None


def test_a_commune_name_shared_by_two_provinces_lists_both() -> None:
    provinces = {place.province for place in places_named("Xuân Trường") if place.level == "xã"}
    assert {"Ninh Bình", "Cao Bằng"} <= provinces


def test_register_covers_the_2025_map() -> None:
    assert any(place.level == "đặc khu" for place in places_named("Phú Quốc"))
    assert any(place.level == "tỉnh" for place in places_named("An Giang"))
