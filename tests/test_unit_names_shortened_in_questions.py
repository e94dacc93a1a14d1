"""A known unit named in a question by a common abbreviation of its words ("Cục BĐKH",
"Bộ NN&MT") is the unit the plans spell out."""

from __future__ import annotations

from ingest.abbreviations import expand_abbreviations
from retrieval.units import UnitMatcher


def test_a_unit_shortened_by_an_abbreviation_of_its_words_is_found() -> None:
    units = UnitMatcher(["Cục Biến đổi khí hậu", "Vụ Pháp chế"])
    assert units.find("Liet ke cac nhiem vu do Cuc BDKH chu tri") == ["cuc bien doi khi hau"]
    assert units.find("Cục BĐKH phối hợp những việc gì?") == ["cuc bien doi khi hau"]
    assert units.find("Vụ Pháp chế phối hợp những việc gì?") == ["vu phap che"]


def test_the_merged_ministry_and_climate_change_are_written_out() -> None:
    text = expand_abbreviations("báo cáo Bộ NN&MT về BĐKH", keep_short=False)
    assert text == "báo cáo Bộ Nông nghiệp và Môi trường về Biến đổi khí hậu"


def test_no_unit_is_found_in_an_abbreviation_of_something_else() -> None:
    units = UnitMatcher(["Cục Biến đổi khí hậu"])
    assert units.find("Ứng phó BĐKH trong nông nghiệp gồm những gì?") == []
