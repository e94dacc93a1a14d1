"""Finding page furniture in a PDF: running headers, footers and page numbers.

They repeat on every page and would otherwise land in the middle of clauses (and end a
table that continues on the next page). A line is furniture when it sits among the first
or last lines of a page and, with digits ignored, recurs at that same edge on at least half
the pages (two at least), or when it is a bare page number.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

_EDGE_LINES = 2
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:trang\s*)?\d{1,3}(?:\s*(?:/|trên)\s*\d{1,3})?[-–—\s]*$", re.IGNORECASE
)


def furniture_key(text: str) -> str:
    """What a running line looks like with its page-dependent digits ignored."""
    return " ".join(re.sub(r"\d+", "#", text).casefold().split())


def find_furniture(pages: Sequence[Sequence[str | None]]) -> set[tuple[int, int]]:
    """(page index, item index) of furniture lines; a page is its items, None for a table.

    A running header recurs at the top of pages, a footer at the bottom: a line is counted
    at the edge it sits on, so a content line that ends one page and recurs at the top of
    the next (the same duty under two units) is not taken for either.
    """
    candidates = [_edge_items(items) for items in pages]
    counts: Counter[tuple[str, str]] = Counter()
    for items, edge in zip(pages, candidates, strict=True):
        counts.update({(side, furniture_key(items[k] or "")) for k, side in edge})
    pages_with_text = sum(1 for items in pages if any(item for item in items))
    threshold = max(2, math.ceil(pages_with_text / 2))
    found: set[tuple[int, int]] = set()
    for page, (items, edge) in enumerate(zip(pages, candidates, strict=True)):
        for k, side in edge:
            text = items[k] or ""
            if _PAGE_NUMBER.match(text) or counts[(side, furniture_key(text))] >= threshold:
                found.add((page, k))
    return found


def _edge_items(items: Sequence[str | None]) -> list[tuple[int, str]]:
    """(index, "top" or "bottom") of the first and last few text lines, not reaching past a
    table (a line of a short page may be both)."""
    edge: list[tuple[int, str]] = []
    for k, item in enumerate(items[:_EDGE_LINES]):
        if item is None:
            break
        edge.append((k, "top"))
    for k in range(len(items) - 1, max(len(items) - 1 - _EDGE_LINES, -1), -1):
        if items[k] is None:
            break
        edge.append((k, "bottom"))
    return edge
