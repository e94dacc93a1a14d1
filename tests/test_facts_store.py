"""The facts store, on SQLite and on PostgreSQL (the same contract): exact, paged row lists
that agree with the index's payload filters, document and clause look-ups."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from ingest.domain import ParsedPlan
from ingest.facts import FactStore, RowQuery, number_digits
from ingest.normalize_vi import folded
from ingest.parser.units import unit_key
from retrieval.roles import (
    Role,
    column_has_role,
    header_cells,
    header_names_role,
    rows_for_unit,
    unit_cells,
)
from retrieval.runtime import Runtime
from tests.conftest import fact_store
from tests.golden_plans import corpus_files, parse_corpus_file


@cache
def _plans() -> tuple[ParsedPlan, ...]:
    return tuple(parse_corpus_file(path) for path in corpus_files())


@pytest.fixture
def store(fact_backend: str, tmp_path: Path) -> Iterator[FactStore]:
    with fact_store(fact_backend, tmp_path) as facts:
        for plan in _plans():
            facts.put_document(plan)
        yield facts


@pytest.mark.parametrize(
    ("unit", "role", "field"),
    [
        ("Công an tỉnh", "lead", "units_lead"),
        ("Sở Khoa học và Công nghệ", "lead", "units_lead"),
        ("Văn phòng UBND tỉnh", "monitoring", "units_monitoring"),
        ("Sở Khoa học và Công nghệ", None, "units"),
    ],
)
def test_unit_rows_agree_with_the_index(
    store: FactStore, corpus_runtime: Runtime, unit: str, role: str | None, field: str
) -> None:
    key = unit_key(unit)
    page = store.rows(RowQuery(unit_keys=(key,), role=role, limit=1000))
    indexed = corpus_runtime.assistant().search.rows((), field, [key])
    assert page.total == len(indexed) > 0
    assert list(page.clause_ids) == [clause.clause_id for clause in indexed]


def test_due_range_rows_agree_with_the_index(store: FactStore, corpus_runtime: Runtime) -> None:
    page = store.rows(RowQuery(due_from=20251001, due_to=20251031, limit=1000))
    indexed = corpus_runtime.assistant().search.rows((), None, (), (20251001, 20251031))
    assert page.total == len(indexed) > 0
    assert set(page.clause_ids) == {clause.clause_id for clause in indexed}


def test_pages_are_exact_and_cover_the_total(store: FactStore) -> None:
    everything = store.rows(RowQuery(limit=10_000))
    pages = [store.rows(RowQuery(limit=7, offset=offset)) for offset in range(0, 70, 7)]
    assert all(page.total == everything.total for page in pages)
    joined = [clause_id for page in pages for clause_id in page.clause_ids]
    assert joined == list(everything.clause_ids[: len(joined)])


def test_replacing_a_document_never_doubles_it(store: FactStore, tmp_path: Path) -> None:
    path = corpus_files()[0]
    before = store.rows(RowQuery(limit=10_000)).total
    store.put_document(parse_corpus_file(path))
    assert store.rows(RowQuery(limit=10_000)).total == before
    plan = parse_corpus_file(path)
    assert store.version(plan.document.id) == plan.document.content_hash


def test_removing_a_document_removes_its_rows(store: FactStore) -> None:
    facts = store
    plans = list(_plans())
    gone = plans[0].document.id
    facts.remove_document(gone)
    assert gone not in facts.document_ids()
    assert not facts.rows(RowQuery(documents=(gone,))).total
    assert not facts.clauses_numbered("I", (gone,))


def test_documents_by_number_and_place(store: FactStore) -> None:
    assert store.documents_numbered("19/KH-UBND") == ["ninh-binh-19-KH-UBND-2025"]
    assert store.documents_numbered("466") == ["tien-giang-466-KH-UBND-2025"]
    assert store.documents_in_place("tien giang") == ["tien-giang-466-KH-UBND-2025"]
    assert number_digits("3260-KH/ĐĐQH15") == "3260"
    assert number_digits("/KH-UBND") is None


def test_clauses_by_number(store: FactStore) -> None:
    expected = [
        clause.id
        for path in corpus_files()
        for clause in parse_corpus_file(path).clauses
        if clause.number == "6.6"
    ]
    assert sorted(store.clauses_numbered("6.6")) == sorted(expected)
    only = store.clauses_numbered("6.6", ("ninh-binh-19-KH-UBND-2025",))
    assert len(only) == 1 and only[0] in expected


def test_unit_names_are_one_per_unit(store: FactStore) -> None:
    names = store.unit_names()
    assert len({unit_key(name) for name in names}) == len(names)
    assert any(name.startswith("Công an") for name in names)


def test_documents_by_kind_year_level_and_title_pairs(store: FactStore) -> None:
    everything = store.document_ids()
    assert store.count_documents() == len(everything) == len(corpus_files())
    assert set(store.documents_of_kind(["Kế hoạch"])) <= set(everything)
    assert "ninh-binh-19-KH-UBND-2025" in store.documents_of_year([2025])
    assert store.documents_with_ids(["ninh-binh-19-kh-ubnd-2025"]) == ["ninh-binh-19-KH-UBND-2025"]
    pairs = store.unique_bigram_documents(["chuyen doi", "khong co", "tien giang"])
    assert pairs == {"tien giang": "tien-giang-466-KH-UBND-2025"}  # "chuyen doi": several
    distinctive = store.distinctive_bigrams(everything)
    for doc_id, own in distinctive.items():
        others = set().union(*(b for d, b in distinctive.items() if d != doc_id))
        assert not own & others
    assert store.place_keys_like("tien giang") == ["tien giang"]
    assert store.place_keys_like("tinh tien giang moi") == ["tien giang"]
    assert store.place_keys_like("ha nam") == []


def test_the_first_plans_of_a_year_are_those_of_the_whole_list(store: FactStore) -> None:
    """`documents_of_year` with a limit reads each year's first plans by id from the index:
    the same as the head of the whole list, for one year or several."""
    years = sorted({int(y) for y in range(2015, 2035) if store.documents_of_year([y])})
    assert years
    for asked in ([years[0]], [years[-1]], years[:2], years):
        everything = store.documents_of_year(asked)
        for limit in (0, 1, 2, len(everything) + 1):
            assert store.documents_of_year(asked, limit=limit) == everything[:limit]


def test_appendices_and_document_clauses(store: FactStore) -> None:
    plan = parse_corpus_file(corpus_files()[0])
    doc_id = plan.document.id
    appendices = store.appendices([doc_id])
    assert store.has_appendix_rows(doc_id) == any(count > 0 for *_, count in appendices)
    preamble = store.document_clause_ids(doc_id, ["preamble"])
    every = store.document_clause_ids(doc_id)
    assert set(preamble) <= set(every) and len(every) > len(preamble)


def test_versions_follow_the_writes(store: FactStore) -> None:
    plan = parse_corpus_file(corpus_files()[0])
    store.put_document(plan, version="v-2")
    assert store.versions()[plan.document.id] == "v-2"
    store.clear()
    assert store.versions() == {} and not store.rows(RowQuery()).total


def test_role_columns_agree_with_a_scan_of_each_plans_rows(
    store: FactStore, corpus_runtime: Runtime
) -> None:
    """ "Which role columns does plan X have" by one indexed query equals reading every row
    of the plan (the scan it replaces on the question path)."""
    from retrieval.roles import roles_of_columns, roles_present
    from retrieval.search import ClauseSearch

    search = corpus_runtime.assistant().search
    plans = [plan.document.id for plan in _plans()]
    scanned = {d: roles_present(search.rows([d])) for d in plans if search.rows([d])}
    assert scanned and store.documents_with_rows(plans) == set(scanned)
    columns = store.row_columns(list(scanned))
    assert {d: roles_of_columns(pairs) for d, pairs in columns.items()} == scanned
    unindexed = ClauseSearch(corpus_runtime.index, lambda _text: [], corpus_runtime.lexical)
    assert unindexed.roles_by_document(plans) == scanned
    assert search.roles_by_document(plans) == scanned


@pytest.mark.parametrize(
    ("year", "quarter", "month"),
    [(2025, None, 10), (2025, 4, None), (2026, None, None), (None, None, 12), (None, 3, None)],
)
def test_rows_in_a_deadline_window_agree_with_the_period_rule(
    store: FactStore,
    corpus_runtime: Runtime,
    year: int | None,
    quarter: int | None,
    month: int | None,
) -> None:
    """A list by period read from the facts store holds exactly the rows that the period
    rule (`Period.contains`) keeps of every row, with an exact count."""
    from retrieval.query import Period
    from retrieval.row_lists import due_in

    every = corpus_runtime.assistant().search.rows()
    expected = [r.clause_id for r in due_in(every, Period(year=year, quarter=quarter, month=month))]
    page = store.rows(RowQuery(in_window=(year, quarter, month), limit=10_000))
    assert page.total == len(expected)
    assert list(page.clause_ids) == expected
    if year == 2025 and month == 10:
        assert expected, "the bundled plans have rows due in 10/2025"


def test_corpus_statistics_kept_at_ingest_equal_a_scan_of_every_clause(
    corpus_runtime: Runtime,
) -> None:
    """Term weights and the unit vocabulary read from the sums kept at ingest equal those
    counted over every stored clause (what start-up used to scroll)."""
    from collections import Counter

    from retrieval.relevance import TermWeights
    from retrieval.units import UnitMatcher

    clauses = corpus_runtime.assistant().search.all_clauses()
    scanned = TermWeights(f"{c.path} {c.search_text}" for c in clauses)
    mentions = [
        name
        for c in clauses
        if c.target is not None
        for name in c.target.monitoring_units + c.target.lead_units + c.target.cooperating_units
    ]
    counts = corpus_runtime.facts.corpus_counts()
    weights = TermWeights.from_counts(counts["clauses"][""], counts["word"], counts["pair"])
    assert weights._total == scanned._total == len(clauses)
    assert weights._counts == scanned._counts
    assert weights._pair_counts == scanned._pair_counts
    units = UnitMatcher(Counter(counts["unit"]).elements())
    assert units._known == UnitMatcher(mentions)._known


def test_corpus_statistics_follow_replacements_and_removals(store: FactStore) -> None:
    before = store.corpus_counts()
    plans = _plans()
    store.put_document(plans[0])  # replaced by itself: the sums do not double
    store.remove_document(plans[1].document.id)
    assert store.corpus_counts() != before
    store.put_document(plans[1])
    assert store.corpus_counts() == before
    store.clear()
    assert store.corpus_counts() == {"word": {}, "pair": {}, "unit": {}, "clauses": {}}


def test_removing_every_document_one_by_one_leaves_no_counts(store: FactStore) -> None:
    """Sums that fall to zero are deleted (by key, not by a scan of the vocabulary)."""
    for plan in _plans():
        store.put_document(plan)  # a replacement takes its old counts away first
    for plan in _plans():
        store.remove_document(plan.document.id)
    assert store.corpus_counts() == {"word": {}, "pair": {}, "unit": {}, "clauses": {}}
    assert store._db.query("SELECT COUNT(*) FROM term_counts")[0][0] == 0


def test_headings_naming_a_unit_agree_with_a_scan_of_every_heading(
    corpus_runtime: Runtime,
) -> None:
    """A unit's body headings ("3. Sở Tư pháp") by an indexed query equal the filter over
    every heading of every plan that a unit's duties used to scan."""
    from retrieval.search import ClauseSearch
    from retrieval.units import heads_unit

    search = corpus_runtime.assistant().search
    unindexed = ClauseSearch(corpus_runtime.index, lambda _text: [], corpus_runtime.lexical)
    headings = search.headings()
    keys = sorted({unit_key(c.heading) for c in headings if c.heading and c.target is None})
    named = 0
    for key in keys:
        expected = sorted(c.clause_id for c in headings if heads_unit(c, [key]))
        assert sorted(c.clause_id for c in search.headings_naming([], [key])) == expected
        assert sorted(c.clause_id for c in unindexed.headings_naming([], [key])) == expected
        named += bool(expected)
    assert named > 10


def test_a_failed_commit_reports_its_own_error(tmp_path: Path) -> None:
    """A COMMIT refused by SQLite (a deferred foreign-key violation) raises its own error
    and keeps nothing."""
    from ingest.facts import _SQLite

    database = _SQLite(tmp_path / "facts.sqlite")
    database.script(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
        "CREATE TABLE child (parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);"
    )
    with pytest.raises(Exception, match="FOREIGN KEY") as caught, database.transaction() as writer:
        writer.execute("INSERT INTO child VALUES (1)")
    assert "rollback" not in str(caught.value)
    assert database.query("SELECT count(*) FROM child") == [(0,)]
    database.close()


def test_an_error_after_the_transaction_ended_is_not_hidden(tmp_path: Path) -> None:
    """When the transaction is already over (a COMMIT that failed and rolled back on its
    own), the store re-raises the real error instead of a failed ROLLBACK's."""
    from ingest.facts import _SQLite

    database = _SQLite(tmp_path / "facts.sqlite")
    with pytest.raises(ValueError, match="the real error"), database.transaction() as writer:
        writer.execute("COMMIT")
        raise ValueError("the real error")
    database.close()


def test_plans_with_a_clause_number_agree_with_the_index(
    store: FactStore, corpus_runtime: Runtime
) -> None:
    for number in ("6.6", "1", "II"):
        indexed = corpus_runtime.assistant().search.by_number(number)
        assert store.documents_with_clause(number) == sorted({c.document_id for c in indexed})
    assert store.documents_with_clause("999.999") == []


def test_plans_naming_a_unit_without_a_role_column_agree_with_a_scan(
    store: FactStore, corpus_runtime: Runtime
) -> None:
    search = corpus_runtime.assistant().search
    for unit in ("Công an tỉnh", "Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh"):
        keys = [unit_key(unit)]
        naming = sorted({r.document_id for r in rows_for_unit(search, [], keys)})
        assert store.documents_naming_units(keys) == naming
        present = search.roles_by_document(naming)
        for role in (Role.LEAD, Role.COOPERATING, Role.MONITORING):
            lacking = [d for d in naming if d in present and role not in present[d]]
            assert store.documents_naming_units(keys, (), role.value) == lacking
            assert store.count_documents_naming_units(keys, (), role.value) == len(lacking)
            assert store.documents_naming_units(keys, (), role.value, 1) == lacking[:1]
            assert store.documents_naming_units(keys, naming[:1], role.value) == [
                d for d in lacking if d in naming[:1]
            ]
        # "trực tiếp chỉ đạo": a monitoring column whose header says so, by the (role,
        # header) columns of the kept vocabulary, as the scan of each plan's columns finds it
        direct = [d for d in naming if d in present and Role.DIRECT not in present[d]]
        columns = [c for c in store.column_headers() if column_has_role(*c, Role.DIRECT)]
        assert store.documents_naming_units(keys, (), columns) == direct
        assert store.count_documents_naming_units(keys, (), columns) == len(direct)
        assert search.documents_lacking_role(keys, Role.DIRECT, (), 2) == (len(direct), direct[:2])


def test_the_column_vocabulary_is_kept_at_ingest(store: FactStore) -> None:
    """Every distinct (role, header) of the plans' columns, from the counts kept at ingest,
    the same as a scan of every plan's columns, after a plan is replaced and removed."""

    def scanned() -> list[tuple[str, str]]:
        rows = store._db.query("SELECT DISTINCT role, header FROM row_columns")
        return sorted((str(role), str(header)) for role, header in rows)

    assert store.column_headers() == scanned() and len(scanned()) > 3
    plan = _plans()[0]
    store.put_document(plan)
    assert store.column_headers() == scanned()
    for each in _plans()[:3]:
        store.remove_document(each.document.id)
        assert store.column_headers() == scanned()


def test_plans_lacking_a_role_are_counted_from_counts_kept_at_ingest(store: FactStore) -> None:
    """How many plans name a unit but have no column of a role, over every plan: read from
    the counts kept at ingest (no row of the unit read), the same as the indexed count over
    the plans given one by one, after a plan is replaced and plans are removed."""

    def both(keys: list[str], role: str) -> tuple[int, int]:
        every = tuple(store.document_ids())
        return (
            store.count_documents_naming_units(keys, (), role),
            store.count_documents_naming_units(keys, every, role) if every else 0,
        )

    units = [unit_key(u) for u in ("Công an tỉnh", "Sở Khoa học và Công nghệ", "Sở Nội vụ")]
    seen = []
    for _ in range(2):
        for key in units:
            for role in ("lead", "cooperating", "monitoring"):
                kept, counted = both([key], role)
                assert kept == counted
                seen.append(kept)
        store.put_document(_plans()[0])
    assert any(seen)  # some plan of the corpus lacks a role's column for one of them
    for each in _plans()[:3]:
        store.remove_document(each.document.id)
        for key in units:
            for role in ("lead", "cooperating", "monitoring"):
                kept, counted = both([key], role)
                assert kept == counted


def _lacking_by_rows(
    store: FactStore, keys: list[str], documents: Sequence[str], role: str
) -> list[str]:
    """The plans naming a unit with no column of `role`, by reading every row naming it."""
    sql, parameters = store._naming_units(keys, documents, role)
    return [str(row[0]) for row in store._db.query(sql, parameters)]


def test_plans_lacking_a_role_are_read_from_entries_kept_at_ingest(store: FactStore) -> None:
    """The plans naming units with no column of a role, read from the entries kept per
    unit and role (`lacking_columns`: a few index entries, not every row naming the unit),
    are those the rows give, for one unit and several, in some plans, the first few, and
    counted, after a plan is replaced and plans are removed."""
    units = [unit_key(u) for u in ("Công an tỉnh", "Sở Khoa học và Công nghệ", "Sở Nội vụ")]
    asked = [[key] for key in units] + [units, units[1:]]

    def agree() -> int:
        seen = 0
        every = store.document_ids()
        for keys in asked:
            for role in ("lead", "cooperating", "monitoring"):
                for documents in ((), every[:2], every[1:]):
                    expected = _lacking_by_rows(store, keys, documents, role)
                    seen += len(expected)
                    assert store.documents_naming_units(keys, documents, role) == expected
                    assert store.count_documents_naming_units(keys, documents, role) == len(
                        expected
                    )
                    for limit in (0, 1, 2):
                        found = store.documents_naming_units(keys, documents, role, limit)
                        assert found == expected[:limit]
        return seen

    assert agree() > 0  # some plan of the corpus lacks a role's column for these units
    store.put_document(_plans()[0])
    agree()
    for each in _plans()[:2]:
        store.remove_document(each.document.id)
        agree()


def test_a_store_from_before_the_lacking_entries_were_kept_is_filled_on_opening(
    tmp_path: Path,
) -> None:
    """A store filled before `lacking_columns` was kept (its entries and mark gone) gets
    them on opening, from each plan's counts kept at ingest: the same entries as ingest."""
    import ingest.facts as facts

    with fact_store("sqlite", tmp_path) as store:
        for plan in _plans():
            store.put_document(plan)
        kept = store._db.query("SELECT term, document_id FROM lacking_columns ORDER BY 1, 2")
        assert kept
        with store._db.transaction() as writer:
            writer.execute("DROP TABLE lacking_columns")
            writer.execute("DELETE FROM facts_meta WHERE key = ?", (facts._LACKING_META,))
    reopened = FactStore(tmp_path / "facts.sqlite3")
    try:
        filled = reopened._db.query("SELECT term, document_id FROM lacking_columns ORDER BY 1, 2")
        assert filled == kept
    finally:
        reopened.close()


def test_a_backup_from_before_the_lacking_entries_were_kept_is_filled_on_restoring(
    tmp_path: Path,
) -> None:
    """Restoring a copy made before `lacking_columns` was kept (same layout otherwise)
    makes the table and fills it from the restored plans' kept counts."""
    import sqlite3

    import ingest.facts as facts

    (tmp_path / "copy").mkdir()
    with fact_store("sqlite", tmp_path) as store:
        for plan in _plans():
            store.put_document(plan)
        kept = store._db.query("SELECT term, document_id FROM lacking_columns ORDER BY 1, 2")
        store.backup_to(tmp_path / "copy")
        old = sqlite3.connect(tmp_path / "copy" / facts.FACTS_FILE)
        old.execute("DROP TABLE lacking_columns")
        old.execute("DELETE FROM facts_meta WHERE key = ?", (facts._LACKING_META,))
        old.commit()
        old.close()
        assert store.restore_from(tmp_path / "copy")
        filled = store._db.query("SELECT term, document_id FROM lacking_columns ORDER BY 1, 2")
        assert filled == kept


def test_rows_in_columns_of_another_role_agree_with_a_scan(
    store: FactStore, corpus_runtime: Runtime
) -> None:
    """ "Đơn vị chủ trì theo dõi …" (a monitoring column worded "chủ trì"): the rows naming
    a unit there and not as lead, counted, as the list by unit shows them."""
    search = corpus_runtime.assistant().search
    headers = store.column_headers()
    assert headers == sorted(set(headers)) and headers
    counts = []
    for unit in ("Công an tỉnh", "Sở Khoa học và Công nghệ", "Sở Nội vụ"):
        keys = [unit_key(unit)]
        lead = {r.clause_id for r in rows_for_unit(search, [], keys, [Role.LEAD])}
        scanned = {
            r.clause_id
            for r in rows_for_unit(search, [], keys)
            if header_cells(r, keys, [Role.LEAD]) and r.clause_id not in lead
        }
        worded = [
            (column, header)
            for column, header in headers
            if column in {r.value for r in Role}
            and not column_has_role(column, header, Role.LEAD)
            and header_names_role(header, Role.LEAD)
        ]
        assert store.rows_in_columns(keys, worded, Role.LEAD.value) == len(scanned)
        assert search.rows_worded_as(keys, Role.LEAD)[0] == len(scanned)
        counts.append(len(scanned))
    assert any(counts)  # the Ninh Bình plan's "Đơn vị chủ trì theo dõi …" column


def test_clauses_and_list_pages_name_their_plans(store: FactStore) -> None:
    """What a read by point id needs: each clause's plan, for a clause number within plans
    and for a page of rows, in the same order as the ids alone."""
    plans = store.documents_with_clause("6.6")
    located = store.clauses_numbered_in("6.6", plans)
    assert list(located) == store.clauses_numbered("6.6", plans)
    assert sorted(set(located.values())) == plans
    for clause_id, plan in located.items():
        assert clause_id in store.clauses_numbered("6.6", [plan])
    assert store.clauses_numbered_in("6.6", []) == {}
    assert store.clauses_numbered_in("999.999", plans) == {}
    query = RowQuery(limit=9, offset=4)
    page = store.rows(query)
    assert page.document_ids and len(page.document_ids) == len(page.clause_ids)
    assert store.row_page_located(query) == tuple(
        zip(page.clause_ids, page.document_ids, strict=True)
    )
    assert store.row_page(query) == page.clause_ids
    for clause_id, plan in store.row_page_located(query):
        assert clause_id in store.row_page(RowQuery(documents=(plan,), limit=10_000))


_WINDOWS = [
    (year, quarter, month)
    for year in (None, 2024, 2025, 2026)
    for quarter, month in [(None, None), (1, None), (4, None), (None, 3), (None, 10), (4, 10)]
]


def _counted_in_the_index(store: FactStore, window: tuple[int | None, ...]) -> int:
    from ingest.facts import _row_filter

    where, parameters = _row_filter(RowQuery(in_window=window))  # type: ignore[arg-type]
    sql = f"SELECT COUNT(DISTINCT clause_id) FROM responsibilities WHERE {where}"
    return int(store._db.query(sql, parameters)[0][0])


def test_a_deadline_window_over_every_plan_is_counted_from_kept_sums(store: FactStore) -> None:
    """A year's, a quarter's or a month's rows over every plan: one read of the counts
    kept at ingest, equal to counting the rows, after replacing and removing plans too."""
    assert any(_counted_in_the_index(store, w) for w in _WINDOWS)
    plans = _plans()
    for step in ("filled", "replaced", "removed", "put back"):
        if step == "replaced":
            store.put_document(plans[0])
        elif step == "removed":
            store.remove_document(plans[1].document.id)
        elif step == "put back":
            store.put_document(plans[1])
        for window in _WINDOWS:
            query = RowQuery(in_window=window)
            assert store.count_rows(query) == _counted_in_the_index(store, window), (step, window)
    # anything else asked is counted in the index, not from the sums
    document = plans[0].document.id
    narrowed = RowQuery(documents=(document,), in_window=(2025, None, None))
    where = "document_id = ? AND deadline_year = ?"
    sql = f"SELECT COUNT(DISTINCT clause_id) FROM responsibilities WHERE {where}"
    assert store.count_rows(narrowed) == store._db.query(sql, (document, 2025))[0][0]


def test_a_store_filled_before_deadline_sums_counts_them_once_on_opening(
    store: FactStore, tmp_path: Path
) -> None:
    import json

    from tests.conftest import postgres_url

    with store._db.transaction() as writer:
        for document_id, counts in store._db.query(
            "SELECT document_id, counts FROM document_terms"
        ):
            kept = {k: v for k, v in json.loads(counts).items() if k != "deadline"}
            writer.execute(
                "UPDATE document_terms SET counts = ? WHERE document_id = ?",
                (json.dumps(kept), document_id),
            )
        writer.execute("DELETE FROM term_counts WHERE kind = 'deadline'")
        writer.execute("DELETE FROM facts_meta WHERE key = 'deadline_counts'")
    assert store.count_rows(RowQuery(in_window=(2025, None, None))) == 0  # the old store
    if store.backend == "sqlite":
        reopened = FactStore(tmp_path / "facts.sqlite3")
    else:
        schema = store._db.query("SELECT current_schema()")[0][0]
        reopened = FactStore(tmp_path / "unused", url=postgres_url(), schema=schema)
    try:
        for window in _WINDOWS:
            query = RowQuery(in_window=window)
            assert reopened.count_rows(query) == _counted_in_the_index(reopened, window)
        reopened.remove_document(_plans()[0].document.id)  # its sums were kept with it
        for window in _WINDOWS:
            query = RowQuery(in_window=window)
            assert reopened.count_rows(query) == _counted_in_the_index(reopened, window)
    finally:
        reopened.close()


def _unit_rows_by_words(unit: str, role: str | None) -> list[tuple[str, str, int, frozenset[str]]]:
    """(plan, clause, start, words) of every row naming the unit (in `role`), from the
    parsed plans' payloads, as a scan of every row would read them."""
    from ingest.domain import to_plain
    from ingest.facts import responsibility_rows, row_terms
    from ingest.points import clause_payload, indexable

    found = []
    for plan in _plans():
        targets = {target.clause_id: target for target in plan.targets}
        for clause in plan.clauses:
            target = targets.get(clause.id)
            if target is None or not indexable(clause):
                continue
            payload = clause_payload(plan, clause, target, "", None)
            held = responsibility_rows(to_plain(target))
            if any(k == unit_key(unit) and role in (None, r) for r, _u, k in held):
                start = int(payload.get("start") or 0)
                found.append((plan.document.id, clause.id, start, row_terms(payload)))
    return sorted(found, key=lambda row: (row[0], row[2], row[1]))


@pytest.mark.parametrize(
    ("unit", "role", "topic"),
    [
        ("Công an tỉnh", "lead", "an ninh mạng"),
        ("Công an tỉnh", None, "an ninh mạng"),
        ("UBND các xã phường", "lead", "dữ liệu"),
        ("Sở Khoa học và Công nghệ", "monitoring", "dữ liệu"),
        ("UBND các phường, xã", None, "dữ liệu"),
    ],
)
def test_a_units_rows_on_a_topic_are_counted_and_paged_from_its_topic_entries(
    store: FactStore, unit: str, role: str | None, topic: str
) -> None:
    """A unit's rows narrowed by a topic (`unit_terms`: only the topic's words under the
    unit are read) are exactly the unit's rows whose words cover it, counted exactly and
    paged in list order, in one plan, beside another filter, and after a plan is removed."""
    from retrieval.query import understand
    from retrieval.relevance import TermWeights

    counts = store.corpus_counts()
    weights = TermWeights.from_counts(counts["clauses"][""], counts["word"], counts["pair"])
    query = understand(f"{unit} có những nhiệm vụ nào về {topic}?")
    words = [folded(word) for word in topic.split()]
    cover = weights.cover(weights.concepts(query.phrases, words), 0.5)
    assert cover.least > 0 and cover.concepts
    rows = _unit_rows_by_words(unit, role)
    expected = [clause for _doc, clause, _start, words in rows if cover.covers(words)]
    assert 0 < len(expected) < len(rows)
    asked = RowQuery(unit_keys=(unit_key(unit),), role=role, covering=cover)
    assert store.count_rows(asked) == len(expected)
    pages = [store.rows(replace(asked, limit=2, offset=at)) for at in range(0, len(expected), 2)]
    assert all(page.total == len(expected) for page in pages)
    assert [c for page in pages for c in page.clause_ids] == expected
    past = store.rows(replace(asked, limit=2, offset=len(expected)))  # a page past the end
    assert (past.total, past.clause_ids, past.exact) == (len(expected), (), True)
    plan = next(doc for doc, clause, _s, _w in rows if clause in expected)
    in_plan = store.rows(replace(asked, documents=(plan,), limit=1000))
    assert list(in_plan.clause_ids) == [c for d, c, _s, w in rows if d == plan and c in expected]
    # another filter beside the topic: the same rows, counted by the general query
    dated = replace(asked, due_from=0, limit=1000)
    due = {c for c in store.rows(replace(dated, covering=None)).clause_ids}
    assert list(store.rows(dated).clause_ids) == [c for c in expected if c in due]
    store.remove_document(plan)
    assert store.count_rows(asked) == len(expected) - len(in_plan.clause_ids)


@pytest.mark.parametrize(
    ("unit", "role", "topic"),
    [
        ("Công an tỉnh", "lead", "an ninh mạng"),
        ("Công an tỉnh", None, "an ninh mạng"),
        ("UBND các xã phường", "lead", "dữ liệu"),
        ("UBND các phường, xã", None, "dữ liệu"),
    ],
)
def test_a_units_rows_on_a_topic_are_counted_with_bounded_work(
    store: FactStore, monkeypatch: pytest.MonkeyPatch, unit: str, role: str | None, topic: str
) -> None:
    """Each topic term's entries under the unit are read up to a bound: within it the count
    is exact (and the same as without a bound); past it the count says "at least" and
    counts the first rows of the list, never one off the topic; pages stay exact at any
    bound (a page reaching past the rows read reads further)."""
    import ingest.facts as facts
    from retrieval.query import understand
    from retrieval.relevance import TermWeights

    counts = store.corpus_counts()
    weights = TermWeights.from_counts(counts["clauses"][""], counts["word"], counts["pair"])
    query = understand(f"{unit} có những nhiệm vụ nào về {topic}?")
    words = [folded(word) for word in topic.split()]
    cover = weights.cover(weights.concepts(query.phrases, words), 0.5)
    rows = _unit_rows_by_words(unit, role)
    expected = [clause for _doc, clause, _start, words in rows if cover.covers(words)]
    asked = RowQuery(unit_keys=(unit_key(unit),), role=role, covering=cover)
    assert store.count_rows_within(asked) == facts.RowTotal(len(expected), True)
    assert store.rows(replace(asked, limit=3)).exact
    seen_partial = False
    for entries in (1, 2, 3, 5, 8, len(rows) + 1):
        total = store.count_rows_within(asked, entries)
        assert 0 < total.n <= len(expected)
        if total.exact:
            assert total.n == len(expected)
        seen_partial = seen_partial or not total.exact
        monkeypatch.setattr(facts, "TOPIC_ENTRIES", entries)
        first = store.rows(replace(asked, limit=total.n))
        assert list(first.clause_ids) == expected[: total.n]
        assert (first.total, first.exact) == (total.n, total.exact)
        pages = [
            store.rows(replace(asked, limit=2, offset=at)) for at in range(0, len(expected), 2)
        ]
        assert [c for page in pages for c in page.clause_ids] == expected
    # the small bounds did cut the list (one row is never cut: "none" is never said)
    assert seen_partial or len(expected) == 1


# ---- a unit's rows in several roles, and "trực tiếp chỉ đạo": indexed, paged, exact ------

_SEVERAL = [
    (Role.LEAD, Role.COOPERATING),
    (Role.MONITORING, Role.LEAD, Role.COOPERATING),
    (Role.DIRECT,),
    (Role.DIRECT, Role.COOPERATING),
]


def _unindexed(corpus_runtime: Runtime) -> Any:
    """A search over the same index with no facts store: rows by payload filters."""
    from retrieval.search import ClauseSearch

    return ClauseSearch(corpus_runtime.index, lambda _text: [], corpus_runtime.lexical)


def _named_units(rows: Sequence[Any]) -> list[str]:
    """Every unit key the rows' cells name."""
    from ingest.parser.units import split_units

    return sorted(
        {
            unit_key(unit)
            for row in rows
            for cell in row.target.cells
            for unit in split_units(cell.text)
            if unit_key(unit)
        }
    )


@pytest.mark.parametrize("roles", _SEVERAL, ids=lambda roles: "+".join(r.value for r in roles))
def test_a_units_rows_in_several_roles_or_directing_agree_with_a_scan(
    store: FactStore, corpus_runtime: Runtime, roles: tuple[Role, ...]
) -> None:
    """The rows naming a unit in any of several roles, or in a directing column ("trực tiếp
    chỉ đạo": stored in that role), counted and paged by one indexed query, equal the scan of
    the unit's rows in each role kept by their cells (what the whole list keeps); pages of
    3 join up to the list, each with the exact total."""
    scan = _unindexed(corpus_runtime)
    checked = 0
    for key in _named_units(rows_for_unit(scan, [], [])):
        scanned = [
            row.clause_id
            for row in rows_for_unit(scan, [], [key], roles)
            if unit_cells(row, [key], roles)
        ]
        query = RowQuery(unit_keys=(key,), roles=tuple(role.value for role in roles))
        whole = store.rows(replace(query, limit=10_000))
        assert (whole.total, list(whole.clause_ids)) == (len(scanned), scanned), key
        pages = [store.rows(replace(query, limit=3, offset=at)) for at in range(0, len(scanned), 3)]
        assert [clause for page in pages for clause in page.clause_ids] == scanned, key
        assert all(page.total == len(scanned) for page in pages)
        checked += bool(scanned)
    assert checked >= (1 if Role.DIRECT in roles else 20)


def test_rows_for_unit_reads_only_the_rows_it_returns_on_the_facts_store(
    corpus_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a facts store, a unit's rows in several roles (or directing) are named by one
    indexed query and only those clauses are read by id: no payload filter over the unit's
    rows in every plan; the rows are those the scan gives."""
    search = corpus_runtime.assistant().search
    scan = _unindexed(corpus_runtime)
    expected = {
        (key, roles): [r.clause_id for r in rows_for_unit(scan, [], [key], roles)]
        for key in (unit_key("Công an tỉnh"), unit_key("Sở Khoa học và Công nghệ"))
        for roles in _SEVERAL
    }

    def no_scroll(*_args: object, **_kwargs: object) -> list[object]:
        raise AssertionError("a payload filter read the unit's rows")

    monkeypatch.setattr(search, "_scroll", no_scroll)
    read: list[int] = []
    by_ids = search.by_ids

    def counted(ids: Sequence[str], *args: Any, **kwargs: Any) -> Any:
        read.append(len(ids))
        return by_ids(ids, *args, **kwargs)

    monkeypatch.setattr(search, "by_ids", counted)
    for (key, roles), clause_ids in expected.items():
        read.clear()
        found = [row.clause_id for row in rows_for_unit(search, [], [key], roles)]
        assert found == clause_ids, (key, roles)
        assert sum(read) == len(clause_ids)
    assert any(expected.values())


@pytest.mark.parametrize(
    ("question", "total"),
    [
        ("Trưởng phòng Văn hóa và Thông tin trực tiếp chỉ đạo những chỉ tiêu nào?", 9),
        ("Trưởng phòng Văn hóa và Thông tin chỉ đạo hoặc chủ trì những chỉ tiêu nào?", 11),
    ],
)
def test_a_directing_or_several_role_list_is_paged_from_the_store(
    corpus_runtime: Runtime, monkeypatch: pytest.MonkeyPatch, question: str, total: int
) -> None:
    """ "… trực tiếp chỉ đạo …" and a list in several roles, longer than a whole list: each
    page states the exact count of the whole answer and the pages join up to its rows, with
    no payload filter over the unit's rows (the store names the page's rows)."""
    from retrieval import row_lists
    from retrieval.row_lists import EVERY_ROW, RowWindow
    from retrieval.search import ClauseSearch

    assistant = corpus_runtime.assistant()
    whole = assistant.ask(question, rows=EVERY_ROW)
    listed = [line for line in whole.answer.split("\n") if line.startswith("- ")]
    assert not whole.partial and len(listed) == total
    assert whole.answer.startswith(f"Có {total} chỉ tiêu/nhiệm vụ")
    monkeypatch.setattr(row_lists, "WHOLE_LIST", 3)

    def no_rows(*_args: object, **_kwargs: object) -> list[object]:
        raise AssertionError("every row of the unit read")

    monkeypatch.setattr(ClauseSearch, "rows", no_rows)
    paged: list[str] = []
    while len(paged) < total:
        page = assistant.ask(question, rows=RowWindow(len(paged), 4))
        assert page.partial and page.rows_total == total
        assert page.answer.startswith(f"Có {total} chỉ tiêu/nhiệm vụ")
        rows = [line for line in page.answer.split("\n") if line.startswith("- ")]
        assert rows
        paged += rows
    strip = [re.sub(r"\s*\[\d+\]", "", line) for line in listed]
    assert [re.sub(r"\s*\[\d+\]", "", line) for line in paged] == strip
