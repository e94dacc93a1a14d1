"""The abbreviations of the ministry merged in 2025 and of climate change are written out."""

from __future__ import annotations

from ingest.abbreviations import expand_abbreviations


def test_the_merged_ministry_and_climate_change_are_written_out() -> None:
    text = expand_abbreviations("báo cáo Bộ NN&MT về BĐKH", keep_short=False)
    assert text == "báo cáo Bộ Nông nghiệp và Môi trường về Biến đổi khí hậu"
