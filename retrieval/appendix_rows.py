"""Whether a plan's appendices carry rows, or only their titles (the text ingested may
leave an appendix out)."""

from __future__ import annotations

from retrieval.search import ClauseSearch


class AppendixRows:
    """Per plan, whether any appendix has content under its title; asked once per plan."""

    def __init__(self, search: ClauseSearch) -> None:
        self._search = search
        self._appendix_rows: dict[str, bool] = {}

    def has_appendix_rows(self, document_id: str) -> bool:
        """Whether any appendix of the document has content under its title."""
        known = self._appendix_rows.get(document_id)
        if known is None:
            known = any(
                c.kind == "appendix" and c.child_count > 0
                for c in self._search.document_clauses(document_id)
            )
            self._appendix_rows[document_id] = known
        return known
