"""A follow-up naming another unit ("Còn Sở Tài chính?") asks the previous question of that
unit: the previous question, its unit replaced by the new one."""

from __future__ import annotations

import re

from ingest.normalize_vi import folded
from retrieval.units import UnitMatcher


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s/.-]", " ", folded(text)).split())


def asked_of_another_unit(turn: str, previous: str, units: UnitMatcher) -> str | None:
    """The previous question asked of the unit this turn names, in plain folded words; None
    when the turn names no unit, only units the previous question named, or the previous
    question names none to replace."""
    named = units.find(turn)
    before = units.find(previous)
    new = [key for key in named if key not in before]
    if not new or not before:
        return None
    text = f" {_plain(previous)} "
    old = f" {before[0]} "
    if old not in text:
        return None  # written as an abbreviation ("Sở KHCN"): no span to replace
    return text.replace(old, f" {new[0]} ", 1).strip()
