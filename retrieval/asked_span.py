"""A span of years the question names ("năm học 2025-2026", "giai đoạn 2021-2025") that the
plan cited is not set for.

A plan whose title names its own span ("Kế hoạch thời gian năm học 2024-2025") says
nothing of another one: "Năm học 2025-2026 khai giảng ngày nào?" read from it would give
the dates of 2024-2025. When neither the cited clauses nor their plan's title state the
asked span and the title names a different one, the answer is declined with both spans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import folded
from retrieval.documents import DocumentDirectory
from retrieval.stored import StoredClause

_SPAN = re.compile(r"\b((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\b")


def spans_in(text: str) -> list[tuple[int, int]]:
    """The spans of years written in the text ("2024-2025", "2026 - 2030")."""
    return [(int(a), int(b)) for a, b in _SPAN.findall(text) if int(a) < int(b)]


def unmet_span(
    question: str, cited: Sequence[StoredClause], documents: DocumentDirectory
) -> tuple[str, str] | None:
    """The span asked and the one the cited plan's title names instead, when no cited
    clause, path or title states the asked span (None: stated, or nothing to compare)."""
    asked = spans_in(folded(question))
    if len(asked) != 1 or not cited:
        return None
    span = asked[0]
    stated = " ".join(f"{c.path} {c.text} {c.document_title}" for c in cited)
    if span in spans_in(folded(stated)):
        return None
    own: list[tuple[int, int]] = []
    for doc_id in dict.fromkeys(c.document_id for c in cited):
        info = documents.get(doc_id)
        own += spans_in(folded(info.title)) if info is not None and info.title else []
    if not own or any(a <= span[0] and span[1] <= b for a, b in own):
        return None  # "giai đoạn 2021-2025" of a plan for 2021-2030: a stage of its own
    return _shown(span), ", ".join(dict.fromkeys(_shown(s) for s in own))


def _shown(span: tuple[int, int]) -> str:
    return f"{span[0]}-{span[1]}"
