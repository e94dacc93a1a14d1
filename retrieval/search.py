"""Finding candidate clauses: structural look-ups by payload filters, then hybrid search."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ingest.index.protocol import PayloadFilter, VectorIndex
from ingest.lexical import LexicalEncoder
from retrieval.fusion import PREFETCH, PREFETCH_MARGIN, clause_order, fuse
from retrieval.stored import StoredClause

# Clause kinds that can carry a responsibility row: appendix table rows and body tasks.
_ROW_SOURCES = ("table", "body")  # every clause that carries a responsibility row


@dataclass(frozen=True)
class Candidate:
    """A clause found for a question, with the score it was found with."""

    clause: StoredClause
    score: float
    source: str  # "lookup", "hybrid", "unit", "period"


class ClauseSearch:
    """Look-ups through payload filters and hybrid dense + lexical search in one place."""

    def __init__(
        self,
        index: VectorIndex,
        embed_query: Callable[[str], Sequence[float]],
        lexical: LexicalEncoder,
    ) -> None:
        self._index = index
        self._embed_query = embed_query
        self._lexical = lexical

    def by_number(self, number: str, documents: Sequence[str] = ()) -> list[StoredClause]:
        """Clauses with this number label, optionally within some documents."""
        equals: dict[str, object] = {"number": number}
        if documents:
            equals["document_id"] = list(documents)
        return self._scroll(PayloadFilter(equals=equals))

    def by_ids(self, clause_ids: Sequence[str]) -> list[StoredClause]:
        """Clauses by id, in the order given."""
        if not clause_ids:
            return []
        found = {
            c.clause_id: c
            for c in self._scroll(PayloadFilter(equals={"clause_id": list(clause_ids)}))
        }
        return [found[i] for i in clause_ids if i in found]

    def rows(
        self,
        documents: Sequence[str] = (),
        unit_field: str | None = None,
        units: Sequence[str] = (),
        due_range: tuple[int | None, int | None] | None = None,
    ) -> list[StoredClause]:
        """Responsibility rows (table rows, and duties the body assigns) filtered by document,
        by a unit in one of the role fields, by deadline."""
        equals: dict[str, object] = {"row_source": list(_ROW_SOURCES)}
        if documents:
            equals["document_id"] = list(documents)
        if unit_field and units:
            equals[unit_field] = list(units)
        ranges = {"due": due_range} if due_range else {}
        rows = self._scroll(PayloadFilter(equals=equals, ranges=ranges))
        return sorted(
            (c for c in rows if c.target is not None), key=lambda c: (c.document_id, c.start)
        )

    def all_clauses(self) -> list[StoredClause]:
        """Every stored clause (for corpus statistics such as term weights), in document
        order: what is derived from them (the unit vocabulary, ties between units) must not
        depend on the order in which an index happens to return its points."""
        return sorted(self._scroll(PayloadFilter()), key=lambda c: (c.document_id, c.start))

    def children(self, clause_id: str) -> list[StoredClause]:
        """The direct sub-clauses of a clause, in document order."""
        kids = self._scroll(PayloadFilter(equals={"parent_id": clause_id}))
        return sorted(kids, key=lambda c: c.start)

    def headings(self, documents: Sequence[str] = ()) -> list[StoredClause]:
        """The parts, sections and items (clauses that can carry a heading) of these
        documents, or of all when none are given."""
        equals: dict[str, object] = {"kind": ["part", "section", "item"]}
        if documents:
            equals["document_id"] = list(documents)
        return self._scroll(PayloadFilter(equals=equals))

    def document_clauses(self, document_id: str) -> list[StoredClause]:
        """Every stored clause of one document."""
        return self._scroll(PayloadFilter(equals={"document_id": document_id}))

    def hybrid(self, text: str, documents: Sequence[str] = (), limit: int = 20) -> list[Candidate]:
        """Dense + lexical search, fused here (`retrieval.fusion`) so that the ranking is
        the same in every home and on every engine."""
        where = PayloadFilter(equals={"document_id": list(documents)}) if documents else None
        depth = PREFETCH + PREFETCH_MARGIN
        dense = self._index.search_dense(self._embed_query(text), where, limit=depth)
        sparse = self._index.search_sparse(self._lexical.encode_query(text), where, limit=depth)
        return [
            Candidate(StoredClause.from_payload(hit.payload), hit.score, "hybrid")
            for hit in fuse(dense, sparse, limit)
        ]

    def _scroll(self, where: PayloadFilter) -> list[StoredClause]:
        """Matching clauses in document order (an index returns them by point id, and point
        ids differ from one home to another)."""
        points = sorted(self._index.scroll(where), key=clause_order)
        return [StoredClause.from_payload(point.payload) for point in points]
