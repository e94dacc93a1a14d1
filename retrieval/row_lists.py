"""Table rows by when they are due (rows by a unit's role: `retrieval.roles`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from retrieval.query import Period
from retrieval.stored import StoredClause


def due_in(rows: Iterable[StoredClause], period: Period) -> list[StoredClause]:
    """The rows whose deadline falls in the period."""
    return [
        row
        for row in rows
        if row.target is not None
        and row.target.deadline is not None
        and row.target.deadline.year is not None
        and period.contains(
            row.target.deadline.year, row.target.deadline.month, row.target.deadline.quarter
        )
    ]


def period_label(period: Period) -> str:
    if period.month is not None:
        return f"tháng {period.month}" + (f"/{period.year}" if period.year else "")
    if period.quarter is not None:
        return f"quý {period.quarter}" + (f"/{period.year}" if period.year else "")
    return f"năm {period.year}"


# A list of at most this many rows is answered whole; a longer one a page at a time (its
# count exact), the page read from the facts store, so that its cost does not grow with
# the number of plans.
WHOLE_LIST = 50
PAGE_ROWS = 10  # rows per page: the rows a surface shows before "xem tiếp"


@dataclass(frozen=True)
class RowWindow:
    """Which rows of a long list to answer with: from `first`, at most `size` of them
    (None: every row, as "xem tất cả" and `kehoach ask --all` ask)."""

    first: int = 0
    size: int | None = PAGE_ROWS

    def pages(self, total: int) -> bool:
        """Whether a list of `total` rows is answered one page (this window) at a time: a
        window of every row from a later one on ("xem tất cả" after a page) is a page too."""
        return (self.size is not None or self.first > 0) and total > WHOLE_LIST

    def bounds(self, total: int) -> tuple[int, int]:
        """(offset, limit) of this window's rows in a list of `total` rows."""
        first = max(0, min(self.first, total))
        size = total - first if self.size is None else self.size
        return first, max(0, min(size, total - first))


EVERY_ROW = RowWindow(0, None)
FIRST_PAGE = RowWindow()


# what a reader types after a long list for its next page, or for every row (accent-free)
NEXT_PAGE_WORDS = frozenset(["xem tiep", "tiep", "xem them", "them", "tiep theo"])
SHOW_ALL_WORDS = frozenset(["xem tat ca", "xem het", "tat ca"])
