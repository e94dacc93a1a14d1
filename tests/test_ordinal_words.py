"""One table of number words for every reader of numbered things."""

from __future__ import annotations

import re

import pytest

from retrieval.ordinal_words import WORD_NUMBER, number_value
from retrieval.session_parts import sessions_named


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("7", 7),
        ("xii", 12),
        ("bay", 7),
        ("bai", 7),  # "bảy" folded by the i/y rule
        ("tu", 4),
        ("muoi", 10),
        ("muoi hai", 12),
        ("hai muoi mot", 21),
        ("ba muoi", 30),
    ],
)
def test_number_words_and_numerals_have_their_value(written: str, value: int) -> None:
    assert number_value(written) == value
    if not written.isdigit() and not re.fullmatch(r"[ivx]+", written):
        assert re.fullmatch(WORD_NUMBER, written)


@pytest.mark.parametrize("written", ["", "muoi muoi", "hai ba", "lan"])
def test_words_that_are_no_number_have_none(written: str) -> None:
    assert number_value(written) is None


def test_sessions_and_steps_read_the_same_words() -> None:
    assert sessions_named("ki hop thu bai va thu tam") == {7, 8}
    assert sessions_named("ki hop thu muoi hai") == {12}
