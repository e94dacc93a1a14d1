"""Finding candidate clauses: structural look-ups by payload filters, then hybrid search."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from ingest.facts import FactStore, RowQuery, RowTotal, TermCover
from ingest.index.protocol import PayloadFilter, ScoredPoint, SparseVector, VectorIndex
from ingest.lexical import LexicalEncoder
from retrieval.fusion import ORDER_FIELDS, PREFETCH, PREFETCH_MARGIN, clause_order, fuse, tied
from retrieval.roles import (
    Role,
    column_has_role,
    header_names_role,
    roles_of_columns,
    roles_present,
    rows_for_unit,
)
from retrieval.stored import StoredClause
from retrieval.units import heads_unit

# Clause kinds that can carry a responsibility row: appendix table rows and body tasks.
_ROW_SOURCES = ("table", "body")  # every clause that carries a responsibility row
_ROLE_VALUES = frozenset(role.value for role in Role)


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
        facts: FactStore | None = None,
    ) -> None:
        self._index = index
        self._embed_query = embed_query
        self._lexical = lexical
        self._facts = facts  # the same documents' structured facts, for indexed look-ups
        # clauses read by id while one question is answered (`one_question`), per thread
        self._asked = threading.local()

    @contextmanager
    def one_question(self) -> Iterator[None]:
        """While one question is answered, a clause read by id is read once: the answer's
        confidence check reads the clauses the strategy cited, a list its page's rows. Only
        within the question (a question asked again reads them again); nested calls share
        the outer one's reads."""
        outer = getattr(self._asked, "clauses", None) is not None
        if not outer:
            self._asked.clauses = {}
        try:
            yield
        finally:
            if not outer:
                self._asked.clauses = None

    def by_number(self, number: str, documents: Sequence[str] = ()) -> list[StoredClause]:
        """Clauses with this number label, optionally within some documents (then their ids
        by an indexed query on the facts store and those clauses by id: a number many plans
        share is not filtered in the engine over every plan's clauses of that number)."""
        if documents and self._facts is not None:
            located = self._facts.clauses_numbered_in(number, documents)
            found = self.by_ids(list(located), documents, located)
            return sorted(found, key=lambda c: (c.document_id, c.start, c.clause_id))
        equals: dict[str, object] = {"number": number}
        if documents:
            equals["document_id"] = list(documents)
        return self._scroll(PayloadFilter(equals=equals))

    def by_ids(
        self,
        clause_ids: Sequence[str],
        documents: Sequence[str] = (),
        located: Mapping[str, str] | None = None,
    ) -> list[StoredClause]:
        """Clauses by id, in the order given (`documents`: the plans they are in, when known:
        a narrower read; `located`: clause id → its plan, when the facts store said so:
        those are read by point id)."""
        if not clause_ids:
            return []
        read: dict[str, StoredClause] | None = getattr(self._asked, "clauses", None)
        wanted = list(clause_ids) if read is None else [i for i in clause_ids if i not in read]
        found: dict[str, StoredClause] = {}
        if wanted and located:
            found = self._located(wanted, located)
            wanted = [i for i in wanted if i not in found]
        if wanted:
            equals: dict[str, object] = {"clause_id": wanted}
            if documents:
                equals["document_id"] = list(documents)
            found.update((c.clause_id, c) for c in self._scroll(PayloadFilter(equals=equals)))
        if read is not None:
            read.update(found)
            within = set(documents)
            found = {
                i: c
                for i in clause_ids
                if (c := read.get(i)) is not None and (not within or c.document_id in within)
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

    def rows_in_window(
        self,
        documents: Sequence[str],
        year: int | None,
        quarter: int | None,
        month: int | None,
    ) -> list[StoredClause]:
        """Responsibility rows whose deadline as written falls in the window (a year, and
        a month or a quarter; the rule of `retrieval.query.Period.contains`), in document
        order: an indexed query on the facts store with its exact count, then those rows
        by id. Without a facts store: every row of the year (or of all years), unfiltered
        by month or quarter (the caller applies the rule)."""
        if self._facts is None:
            window = (year * 10000 + 101, year * 10000 + 1231) if year is not None else None
            return self.rows(documents, due_range=window)
        query = RowQuery(documents=tuple(documents), in_window=(year, quarter, month), limit=0)
        total = self._facts.count_rows(query)
        located = dict(self._facts.row_page_located(replace(query, limit=total)))
        return self.by_ids(list(located), located=located)

    @property
    def has_facts(self) -> bool:
        """Whether rows can be counted and paged by indexed queries (a facts store)."""
        return self._facts is not None

    def count_rows(self, query: RowQuery) -> int:
        """The exact number of responsibility rows matching `query` (facts store only)."""
        assert self._facts is not None, "count_rows needs the facts store"
        return self._facts.count_rows(query)

    def count_rows_within(self, query: RowQuery, least: int = 1) -> RowTotal:
        """`count_rows` with bounded work: a unit's rows on a topic past the store's bound
        are counted as "at least" (`least` or more, when there are; `FactStore.count_rows_within`;
        facts store only)."""
        assert self._facts is not None, "count_rows_within needs the facts store"
        return self._facts.count_rows_within(query, least=least)

    def unit_rows(
        self, documents: Sequence[str], unit_keys: Sequence[str], limit: int
    ) -> tuple[int, list[StoredClause]]:
        """How many rows name one of the units in any role, and the first `limit` of them in
        document order: a count and one page on the facts store (no other row read), or
        every such row read where there is no facts store."""
        if self._facts is None:
            rows = rows_for_unit(self, documents, unit_keys)
            return len(rows), rows[:limit]
        query = RowQuery(documents=tuple(documents), unit_keys=tuple(unit_keys), limit=limit)
        page = self._facts.rows(query)
        located = dict(zip(page.clause_ids, page.document_ids, strict=False))
        return page.total, self.by_ids(list(page.clause_ids), located=located)

    def indexed_rows(
        self,
        documents: Sequence[str],
        unit_keys: Sequence[str],
        roles: Sequence[str],
        due_range: tuple[int | None, int | None] | None = None,
    ) -> list[StoredClause] | None:
        """`rows` naming one of the units in one of the roles (any role with none; units
        in no role filter when none are given), in document order: their ids by one indexed
        query on the facts store (rows in several roles once), then only those clauses by
        id. None without a facts store."""
        if self._facts is None:
            return None
        low, high = due_range or (None, None)
        query = RowQuery(
            documents=tuple(documents),
            roles=tuple(roles) if unit_keys else (),
            unit_keys=tuple(unit_keys),
            due_from=low,
            due_to=high,
            limit=0,
        )
        return self.rows_page(replace(query, limit=self._facts.count_rows(query)))

    def rows_page(self, query: RowQuery) -> list[StoredClause]:
        """The rows of one page of `query` (its `offset` and `limit`), in document order:
        their ids by an indexed query on the facts store, then those clauses by id."""
        assert self._facts is not None, "rows_page needs the facts store"
        located = dict(self._facts.row_page_located(query))
        return self.by_ids(list(located), located=located)

    def documents_numbered(self, number: str) -> list[str]:
        """The plans with a clause labelled `number`, by id: one indexed query on the facts
        store (facts store only)."""
        assert self._facts is not None, "documents_numbered needs the facts store"
        return self._facts.documents_with_clause(number)

    def documents_naming(self, documents: Sequence[str], unit_keys: Sequence[str]) -> list[str]:
        """The plans (of these, or all) whose rows name one of the units in any role, by id:
        one indexed query on the facts store (every such row read without one)."""
        if self._facts is None:
            rows = rows_for_unit(self, documents, unit_keys)
            return list(dict.fromkeys(row.document_id for row in rows))
        return self._facts.documents_naming_units(unit_keys, documents)

    def documents_lacking_role(
        self,
        unit_keys: Sequence[str],
        role: Role,
        documents: Sequence[str] = (),
        limit: int | None = None,
    ) -> tuple[int, list[str]]:
        """How many plans (of these, or all) have rows naming one of the units but no column
        of `role`, and the first `limit` of them by id (all with None): an indexed count and
        one page on the facts store. "Trực tiếp chỉ đạo" is a monitoring column whose header
        says so: the columns of the corpus's header vocabulary that are (`column_has_role`)."""
        assert self._facts is not None, "documents_lacking_role needs the facts store"
        lacking: str | list[tuple[str, str]] = role.value
        if role is Role.DIRECT:
            lacking = [
                (column, header)
                for column, header in self._facts.column_headers()
                if column_has_role(column, header, role)
            ]
        # one unit over every plan: the count kept at ingest, one read; none lacking needs
        # no page
        if (
            not documents
            and len(set(unit_keys)) == 1
            and isinstance(lacking, str)
            and not self._facts.count_documents_naming_units(unit_keys, documents, lacking)
        ):
            return 0, []
        first = self._facts.documents_naming_units(unit_keys, documents, lacking, limit)
        if limit is None or len(first) < limit:
            return len(first), first
        total = self._facts.count_documents_naming_units(unit_keys, documents, lacking)
        return total, first

    def rows_worded_as(
        self,
        unit_keys: Sequence[str],
        role: Role | Sequence[Role],
        documents: Sequence[str] = (),
        window: tuple[int, int] = (0, 0),
        covering: TermCover | None = None,
    ) -> tuple[int, list[str], list[StoredClause]]:
        """Rows naming one of the units in a column of another role whose header uses the
        word of `role` ("Đơn vị chủ trì theo dõi …" for "chủ trì"), not in `role` itself:
        their count, those headers and the rows of `window` ((offset, limit), in document
        order), by indexed queries on the facts store. Several roles: columns of none of them
        worded like one of them, rows in none of them. With `covering` (a topic), rows in
        `role` off the topic count as not in it (the whole list lists them so)."""
        assert self._facts is not None, "rows_worded_as needs the facts store"
        roles = (role,) if isinstance(role, Role) else tuple(role)
        columns = [
            (column, header)
            for column, header in self._facts.column_headers()
            if column in _ROLE_VALUES
            and not any(column_has_role(column, header, each) for each in roles)
            and any(header_names_role(header, each) for each in roles)
        ]
        offset, limit = window
        found = self._facts.rows_in_columns_page(
            unit_keys, columns, [each.value for each in roles], documents, limit, offset, covering
        )
        headers = sorted({header for _column, header in columns}) if found.total else []
        located = dict(zip(found.clause_ids, found.document_ids, strict=False))
        return found.total, headers, self.by_ids(list(found.clause_ids), located=located)

    def roles_by_document(
        self, documents: Sequence[str], tables_only: bool = False
    ) -> dict[str, set[Role]]:
        """For each of these plans that has responsibility rows, the roles its rows have a
        filled column for (its tables' only with `tables_only`: a duty written in the body,
        "chủ trì, phối hợp với …", is no column): one indexed query on the facts store (a
        scan of each plan's rows without one)."""
        if self._facts is None:
            found: dict[str, set[Role]] = {}
            for d in dict.fromkeys(documents):
                rows = self.rows([d])
                kept = [r for r in rows if not tables_only or _from_table(r)]
                if rows:
                    found[d] = roles_present(kept)
            return found
        with_rows = self._facts.documents_with_rows(documents)
        columns = self._facts.row_columns([d for d in documents if d in with_rows], tables_only)
        return {d: roles_of_columns(pairs) for d, pairs in columns.items()}

    def all_clauses(self) -> list[StoredClause]:
        """Every stored clause (for corpus statistics such as term weights), in document
        order: what is derived from them (the unit vocabulary, ties between units) must not
        depend on the order in which an index happens to return its points."""
        return sorted(self._scroll(PayloadFilter()), key=lambda c: (c.document_id, c.start))

    def children(self, clause_id: str) -> list[StoredClause]:
        """The direct sub-clauses of a clause, in document order."""
        kids = self._scroll(PayloadFilter(equals={"parent_id": clause_id}))
        return sorted(kids, key=lambda c: c.start)

    def children_of_each(self, clause_ids: Sequence[str]) -> list[StoredClause]:
        """The direct sub-clauses of these clauses, by one query, in document order."""
        if not clause_ids:
            return []
        kids = self._scroll(PayloadFilter(equals={"parent_id": list(clause_ids)}))
        return sorted(kids, key=lambda c: (c.document_id, c.start))

    def headings(self, documents: Sequence[str] = ()) -> list[StoredClause]:
        """The parts, sections and items (clauses that can carry a heading) of these
        documents, or of all when none are given."""
        equals: dict[str, object] = {"kind": ["part", "section", "item"]}
        if documents:
            equals["document_id"] = list(documents)
        return self._scroll(PayloadFilter(equals=equals))

    def headings_naming(
        self, documents: Sequence[str], unit_keys: Sequence[str]
    ) -> list[StoredClause]:
        """The parts, sections and items of these documents (all when none are given) whose
        heading names one of these units ("3. Sở Tư pháp"): an indexed query on the facts
        store; without one, a filter over the documents' headings."""
        if self._facts is None:
            return [c for c in self.headings(documents) if heads_unit(c, list(unit_keys))]
        return self.by_ids(self._facts.clauses_headed_by(unit_keys, documents))

    def document_clauses(self, document_id: str) -> list[StoredClause]:
        """Every stored clause of one document."""
        return self._scroll(PayloadFilter(equals={"document_id": document_id}))

    def hybrid(self, text: str, documents: Sequence[str] = (), limit: int = 20) -> list[Candidate]:
        """Dense + lexical search, fused here (`retrieval.fusion`) so that the ranking is
        the same in every home and on every engine."""
        return self._fused(
            self._embed_query(text), self._lexical.encode_query(text), documents, limit
        )

    def _fused(
        self,
        dense_query: Sequence[float],
        sparse_query: SparseVector,
        documents: Sequence[str],
        limit: int,
    ) -> list[Candidate]:
        where = PayloadFilter(equals={"document_id": list(documents)}) if documents else None
        depth = PREFETCH + PREFETCH_MARGIN
        # ids and scores only: the payloads are read for the few hits that need them
        dense = self._index.search_dense_batch(dense_query, [where], depth, fields=())
        sparse = self._index.search_sparse_batch(sparse_query, [where], depth, fields=())
        dense, sparse = self._orderable(dense, sparse)
        hits = fuse(dense[0], sparse[0], limit)
        return [
            Candidate(clause, hit.score, "hybrid")
            for hit, clause in zip(hits, self._clauses_of(hits), strict=True)
            if clause is not None
        ]

    def _orderable(self, *searches: list[list[ScoredPoint]]) -> tuple[list[list[ScoredPoint]], ...]:
        """Hits found without payloads, given the fields that order them (`ORDER_FIELDS`)
        where the fusion reads them: the hits in runs of near-tied scores (`tied`), read by
        id in one request. Reading every hit's payload costs more than the searches."""
        wanted = sorted({p.id for hits in searches for lst in hits for p in tied(lst)})
        fields = {p.id: p.payload for p in self._index.retrieve(wanted, ORDER_FIELDS)}
        return tuple(
            [[ScoredPoint(p.id, p.score, fields.get(p.id, {})) for p in lst] for lst in hits]
            for hits in searches
        )

    def _clauses_of(self, hits: Sequence[ScoredPoint]) -> list[StoredClause | None]:
        """The clauses of these hits (found by this index's reads), read by point id in one
        request; None where one has gone since."""
        found = {p.id: p.payload for p in self._index.retrieve([h.id for h in hits])}
        return [StoredClause.from_payload(found[h.id]) if h.id in found else None for h in hits]

    def documents_matching(self, text: str, limit: int, exclude: Sequence[str] = ()) -> list[str]:
        """The `limit` plans (but those in `exclude`) with the best fused hits for `text`,
        best first: one search grouped by document inside the engine, whatever the number
        of plans."""
        where = PayloadFilter(excludes={"document_id": list(exclude)}) if exclude else None
        groups = self._index.search_hybrid_groups(
            self._embed_query(text),
            self._lexical.encode_query(text),
            "document_id",
            limit,
            where=where,
        )
        return [group.key for group in groups]

    def hybrid_each(
        self, text: str, documents: Sequence[str], limit: int = 10
    ) -> dict[str, list[Candidate]]:
        """`hybrid(text, [d], limit)` for each of these few plans (the best of a grouped
        search, never every plan): one batch of dense searches and one of lexical searches,
        a plan filter per request, each plan's pair fused here as `hybrid` is, so that near
        ties fall the same way in every home."""
        plans = list(dict.fromkeys(documents))
        if not plans:
            return {}
        wheres = [PayloadFilter(equals={"document_id": [doc_id]}) for doc_id in plans]
        depth = PREFETCH + PREFETCH_MARGIN
        # ids and scores only; the fields that order near ties and the clauses kept are
        # read after, by id
        dense, sparse = self._orderable(
            self._index.search_dense_batch(self._embed_query(text), wheres, depth, fields=()),
            self._index.search_sparse_batch(
                self._lexical.encode_query(text), wheres, depth, fields=()
            ),
        )
        fused = {
            doc_id: fuse(dense_hits, sparse_hits, limit)
            for doc_id, dense_hits, sparse_hits in zip(plans, dense, sparse, strict=True)
        }
        kept = [hit for hits in fused.values() for hit in hits]
        clauses = dict(zip((hit.id for hit in kept), self._clauses_of(kept), strict=True))
        return {
            doc_id: [
                Candidate(clause, hit.score, "hybrid")
                for hit in hits
                if (clause := clauses[hit.id]) is not None
            ]
            for doc_id, hits in fused.items()
        }

    def _located(
        self, wanted: Sequence[str], located: Mapping[str, str]
    ) -> dict[str, StoredClause]:
        """The clauses among `wanted` whose plan `located` names, read by the point ids of
        their committed versions (the index's `committed_point_ids`); those it cannot find
        so are left for a filtered read."""
        point_ids_of = getattr(self._index, "committed_point_ids", None)
        keys = [(i, located[i]) for i in wanted if i in located]
        point_ids = point_ids_of(keys) if point_ids_of is not None and keys else None
        if not point_ids:
            return {}
        asked = {p: key for p, key in zip(point_ids, keys, strict=True) if p is not None}
        found: dict[str, StoredClause] = {}
        for point in self._index.retrieve(list(asked)):
            clause_id, document = asked[point.id]
            payload = point.payload
            if payload.get("clause_id") == clause_id and payload.get("document_id") == document:
                found[clause_id] = StoredClause.from_payload(payload)
        return found

    def _scroll(self, where: PayloadFilter) -> list[StoredClause]:
        """Matching clauses in document order (an index returns them by point id, and point
        ids differ from one home to another)."""
        points = sorted(self._index.scroll(where), key=clause_order)
        return [StoredClause.from_payload(point.payload) for point in points]


def _from_table(clause: StoredClause) -> bool:
    return clause.target is not None and clause.target.source != "body"
