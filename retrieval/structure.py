"""What the facts store says about a document's clause tree, for the question path.

Whether a plan carries an appendix's rows, which of its clauses state its facts first: each
an indexed query on the facts store (`ingest.facts`) and, where text is needed, a fetch of
those clauses by id — not a scroll of every clause of the plan.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, overload

from ingest.facts import FactStore
from retrieval.appendices import appendix_label_number
from retrieval.row_labels import appendix_of
from retrieval.stored import StoredClause

# the kinds that state a document's facts (số hiệu, date, signer), read before the rest
_FACT_KINDS = ("preamble", "signature")
_PAGE = 64


class ClausesById(Protocol):
    """Where clause texts come from (`ClauseSearch`)."""

    def by_ids(self, clause_ids: Sequence[str]) -> list[StoredClause]: ...

    def rows(self, documents: Sequence[str] = ()) -> list[StoredClause]: ...


class DocumentStructure:
    """Indexed look-ups of documents' appendices and clauses."""

    def __init__(self, facts: FactStore, clauses: ClausesById) -> None:
        self._facts = facts
        self._clauses = clauses

    def has_appendix_rows(self, document_id: str) -> bool:
        """Whether any appendix of the document has content under its title."""
        return self._facts.has_appendix_rows(document_id)

    def carries_appendix(self, document_ids: Sequence[str], number: int) -> bool:
        """Whether one of these documents carries rows under its appendix `number` (or
        under an appendix without a number): an appendix heading with that number, or rows
        the parser labelled with it ("Phụ lục 2 › 5": a second table that restarts its
        numbering under no heading of its own)."""
        if any(
            child_count and appendix_label_number(label) in (None, number)
            for _doc, _clause, label, child_count in self._facts.appendices(document_ids)
        ):
            return True
        return any(
            appendix_label_number(appendix_of(row.path)) == number
            for row in self._clauses.rows(document_ids)
            if appendix_of(row.path)
        )

    def fact_clauses(self, document_id: str) -> Sequence[StoredClause]:
        """The document's clauses, preamble first, then signature, then the rest in order;
        fetched page by page as they are read (a fact is usually found in the first)."""
        ids = [
            *self._facts.document_clause_ids(document_id, _FACT_KINDS[:1]),
            *self._facts.document_clause_ids(document_id, _FACT_KINDS[1:]),
        ]
        first = set(ids)
        ids += [i for i in self._facts.document_clause_ids(document_id) if i not in first]
        return LazyClauses(ids, self._clauses)


class LazyClauses(Sequence[StoredClause]):
    """Clauses by id, fetched a page at a time when iteration reaches them."""

    def __init__(self, clause_ids: Sequence[str], clauses: ClausesById) -> None:
        self._ids = list(clause_ids)
        self._clauses = clauses
        self._loaded: list[StoredClause | None] = []

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> StoredClause: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[StoredClause]: ...

    def __getitem__(self, index: int | slice) -> StoredClause | Sequence[StoredClause]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._ids)))]
        position = index + len(self._ids) if index < 0 else index
        if not 0 <= position < len(self._ids):
            raise IndexError(index)
        self._load_to(position)
        clause = self._loaded[position]
        if clause is None:
            raise IndexError(index)
        return clause

    def __iter__(self) -> Iterator[StoredClause]:
        for position in range(len(self._ids)):
            self._load_to(position)
            clause = self._loaded[position]
            if clause is not None:  # a clause the index no longer serves is skipped
                yield clause

    def _load_to(self, position: int) -> None:
        while len(self._loaded) <= position:
            chunk = self._ids[len(self._loaded) : len(self._loaded) + _PAGE]
            found = {c.clause_id: c for c in self._clauses.by_ids(chunk)}
            self._loaded.extend(found.get(i) for i in chunk)
