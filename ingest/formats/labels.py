"""Formatting list counters as the labels plans use: "IV", "c", "12"."""

from __future__ import annotations

_NUMERALS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman(value: int) -> str:
    """1 → "I", 14 → "XIV" (upper case; "" for values below 1)."""
    out = ""
    for amount, symbol in _NUMERALS:
        while value >= amount:
            out += symbol
            value -= amount
    return out


def letter(value: int) -> str:
    """1 → "a", 26 → "z", 27 → "aa" (Word's lowerLetter; "" for values below 1)."""
    if value < 1:
        return ""
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
