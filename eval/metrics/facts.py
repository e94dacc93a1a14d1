"""Key-fact metrics: does an answer state the facts a correct answer must contain?

A key fact is a list of accepted variants (``["Sở Khoa học và Công nghệ", "Sở KH&CN"]``);
the fact is present when any variant occurs in the answer. Both sides go through
``fold`` (no diacritics, lowercase, single spaces, ``80 %`` → ``80%``), and a variant must
not be glued to a letter or digit on a side where it starts/ends with one, so ``80%``
does not match inside ``180%`` and ``3.6`` not inside ``13.6``; a figure may be glued to its
unit of two letters or more (``255.053,9`` is in ``255.053,9ha``, ``5`` is not in ``5a``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from eval.metrics.text import fold

KeyFact = Sequence[str]


def _pattern(variant: str) -> re.Pattern[str] | None:
    folded = fold(variant)
    if not folded:
        return None
    head = r"(?<!\w)" if folded[0].isalnum() else ""
    tail = r"(?!\w)" if folded[-1].isalnum() else ""
    if folded[-1].isdigit():
        # a figure glued to its unit as the plan writes it ("255.053,9ha", "857,5km2") still
        # states it; never a longer figure ("3.65") nor a lettered item ("điểm 5a")
        tail = r"(?!\d)(?![^\W\d_](?![^\W\d_]))"
    return re.compile(head + re.escape(folded) + tail)


def variant_present(answer: str, variant: str) -> bool:
    """Whether one variant occurs in ``answer`` (folded, at word boundaries)."""
    pattern = _pattern(variant)
    return pattern is not None and pattern.search(fold(answer)) is not None


def fact_present(answer: str, fact: KeyFact) -> bool:
    """Whether any accepted variant of ``fact`` occurs in ``answer``."""
    return any(variant_present(answer, v) for v in fact)


def key_fact_accuracy(answer: str, key_facts: Sequence[KeyFact]) -> float:
    """Share of ``key_facts`` present in ``answer``; 1.0 when there are none to check."""
    if not key_facts:
        return 1.0
    return sum(fact_present(answer, f) for f in key_facts) / len(key_facts)


def all_facts_present(answer: str, key_facts: Sequence[KeyFact]) -> bool:
    """True when every key fact is present (vacuously true for no facts)."""
    return all(fact_present(answer, f) for f in key_facts)


def missing_facts(answer: str, key_facts: Sequence[KeyFact]) -> list[KeyFact]:
    """The key facts the answer lacks, for error analysis."""
    return [f for f in key_facts if not fact_present(answer, f)]
