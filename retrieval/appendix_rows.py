"""Whether a plan's appendices carry rows, or only their titles (the text ingested may
leave an appendix out): an indexed look-up in the facts store, cached per plan."""

from __future__ import annotations

from retrieval.structure import DocumentStructure


class AppendixRows:
    """Per plan, whether any appendix has content under its title; asked once per plan."""

    def __init__(self, structure: DocumentStructure) -> None:
        self._structure = structure
        self._appendix_rows: dict[str, bool] = {}

    def has_appendix_rows(self, document_id: str) -> bool:
        """Whether any appendix of the document has content under its title."""
        known = self._appendix_rows.get(document_id)
        if known is None:
            known = self._structure.has_appendix_rows(document_id)
            self._appendix_rows[document_id] = known
        return known
