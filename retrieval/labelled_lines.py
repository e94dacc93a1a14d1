"""A task's own labelled lines ("- Thời gian hoàn thành: Quý IV/2025", "- Đơn vị phối hợp:
…", "- Kết quả: Hồ sơ nhân sự …") are the cells of the task's row (the parser reads them
into it): a search that finds one of those lines has found the row, which answers with the
task, its units, its time and its product, and is cited as the task's clause."""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.search import Candidate, ClauseSearch
from retrieval.stored import StoredClause

_LINE_KINDS = ("bullet", "paragraph")


def rows_for_labelled_lines(search: ClauseSearch, found: Sequence[Candidate]) -> list[Candidate]:
    """`found` with each labelled line of a task replaced by the task's row (at the line's
    place), every clause once."""
    parent_ids = [
        c.clause.parent_id
        for c in found
        if c.clause.target is None and c.clause.kind in _LINE_KINDS and c.clause.parent_id
    ]
    parents = {p.clause_id: p for p in search.by_ids(list(dict.fromkeys(parent_ids)))}
    result: list[Candidate] = []
    seen: set[str] = set()
    for candidate in found:
        row = _row_of_line(candidate.clause, parents)
        if row is not None:
            candidate = Candidate(row, candidate.score, candidate.source)
        if candidate.clause.clause_id not in seen:
            seen.add(candidate.clause.clause_id)
            result.append(candidate)
    return result


def _row_of_line(line: StoredClause, parents: dict[str, StoredClause]) -> StoredClause | None:
    """The task whose row holds a cell (not its content) written on this line."""
    if line.target is not None or line.kind not in _LINE_KINDS or not line.parent_id:
        return None
    parent = parents.get(line.parent_id)
    if parent is None or parent.target is None:
        return None
    for cell in parent.target.cells:
        if cell.role != "content" and line.start <= cell.start < line.end:
            return parent
    return None
