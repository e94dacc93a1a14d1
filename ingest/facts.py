"""Structured facts in a relational store: documents, numbered clauses and responsibility rows.

The vector index answers "which clauses are about this?"; this store answers the exact
questions a list or a look-up asks — "every row Công an tỉnh leads, due before 10/2025",
"the plans numbered 19", "clause 6.6 in these plans" — as indexed SQL queries with exact
counts and paging, so their cost does not grow with the number of plans loaded.

The facts are derived from the index points of a document's committed version (their
payloads), so the store can always be rebuilt from the index (`ingest.fact_sync`).

Two backends behind one class: SQLite (`facts.sqlite3` in the kehoach home, the embedded
default, WAL mode so readers never wait for the writer) and PostgreSQL (the server path,
`KEHOACH_DATABASE_URL`, psycopg 3). Each document is replaced in one transaction, so a
crash leaves either the old or the new version of it, never a mix.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

from ingest.domain import ParsedPlan, to_plain
from ingest.errors import InputError
from ingest.normalize_vi import folded
from ingest.parser.units import unit_key

SCHEMA_VERSION = 16
FACTS_FILE = "facts.sqlite3"
FACTS_DUMP = "facts.pgdump"  # a backup of the server path's store (`pg_dump`)
# the role of a unit in a row, as the index payloads and the API name it
ROLE_FIELDS = {
    "monitoring": "monitoring_units",
    "lead": "lead_units",
    "cooperating": "cooperating_units",
}
# "trực tiếp chỉ đạo": a monitoring column whose header says "chỉ đạo"
# (`retrieval.roles.column_has_role`); a unit in such a cell is stored in this role too (schema
# 15), so that a list of what a unit directs is counted and paged like any role's
DIRECT_ROLE = "direct"
_TABLES = (
    "lacking_columns",
    "number_levels",
    "number_places",
    "number_documents",
    "unit_terms",
    "row_terms",
    "term_counts",
    "document_terms",
    "row_columns",
    "responsibilities",
    "clauses",
    "title_bigrams",
    "documents",
)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS facts_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    id_folded TEXT NOT NULL,
    version TEXT NOT NULL,
    title TEXT NOT NULL,
    number TEXT,
    number_digits TEXT,
    kind TEXT,
    issuer TEXT,
    place_level TEXT,
    place_key TEXT,
    issued_year INTEGER,
    year INTEGER,
    data TEXT NOT NULL,
    -- the place's name as written ("Văn Bàn"), for plans grouped by place
    place_name TEXT,
    -- the decision a plan is issued with ("Kèm theo Quyết định số 1422/QĐ-TTg"): a question
    -- names the plan by its number too ("KH 1422"), schema 11
    decision_number TEXT,
    decision_digits TEXT
);
CREATE INDEX IF NOT EXISTS documents_id_folded ON documents (id_folded);
CREATE INDEX IF NOT EXISTS documents_number ON documents (number_digits, number);
CREATE INDEX IF NOT EXISTS documents_decision ON documents (decision_digits, decision_number);
CREATE INDEX IF NOT EXISTS documents_place ON documents (place_key);
CREATE INDEX IF NOT EXISTS documents_level ON documents (place_level, place_key);
-- in id order under each year: "the first plans of 2025" read without sorting every plan
-- of 2025 (schema 16)
DROP INDEX IF EXISTS documents_year;
CREATE INDEX IF NOT EXISTS documents_year_id ON documents (year, id);
CREATE INDEX IF NOT EXISTS documents_kind ON documents (kind);
CREATE INDEX IF NOT EXISTS documents_place_name ON documents (place_level, place_name);
CREATE TABLE IF NOT EXISTS title_bigrams (
    bigram TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (bigram, document_id)
);
CREATE INDEX IF NOT EXISTS title_bigrams_document ON title_bigrams (document_id);
CREATE TABLE IF NOT EXISTS clauses (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    number TEXT,
    kind TEXT NOT NULL,
    parent_id TEXT,
    period TEXT,
    child_count INTEGER NOT NULL,
    start INTEGER NOT NULL,
    -- a body heading's unit key ("3. Sở Tư pháp" → "so tu phap"), for a unit's duties
    heading_key TEXT
);
CREATE INDEX IF NOT EXISTS clauses_number ON clauses (number, document_id);
CREATE INDEX IF NOT EXISTS clauses_heading ON clauses (heading_key, document_id, start);
CREATE INDEX IF NOT EXISTS clauses_document ON clauses (document_id, start);
CREATE INDEX IF NOT EXISTS clauses_kind ON clauses (document_id, kind, child_count);
CREATE TABLE IF NOT EXISTS responsibilities (
    clause_id TEXT NOT NULL REFERENCES clauses (id) ON DELETE CASCADE,
    document_id TEXT NOT NULL,
    role TEXT NOT NULL,
    unit TEXT NOT NULL,
    unit_key TEXT NOT NULL,
    due INTEGER,
    period TEXT,
    source TEXT NOT NULL,
    start INTEGER NOT NULL,
    -- the deadline as written down (year, quarter, month), for lists by period
    deadline_year INTEGER,
    deadline_quarter INTEGER,
    deadline_month INTEGER
);
CREATE INDEX IF NOT EXISTS responsibilities_clause ON responsibilities (clause_id);
-- covering: a list's page and exact count are read from the index alone
CREATE INDEX IF NOT EXISTS responsibilities_unit
    ON responsibilities (unit_key, role, document_id, start, clause_id);
CREATE INDEX IF NOT EXISTS responsibilities_due
    ON responsibilities (due, document_id, start, clause_id);
CREATE INDEX IF NOT EXISTS responsibilities_period ON responsibilities (period);
-- covering and in list order under a year and month, and under a year (a quarter's
-- condition read from the index): a page of a period's list is read from the index alone
-- without reading every row due then (the exact count still counts them, in the index)
DROP INDEX IF EXISTS responsibilities_deadline;
CREATE INDEX IF NOT EXISTS responsibilities_month_rows ON responsibilities
    (deadline_year, deadline_month, document_id, start, clause_id, deadline_quarter);
CREATE INDEX IF NOT EXISTS responsibilities_year_rows ON responsibilities
    (deadline_year, document_id, start, clause_id, deadline_month, deadline_quarter);
CREATE INDEX IF NOT EXISTS responsibilities_document ON responsibilities (document_id, start);
-- the accent-free words and word pairs of each responsibility row's path and text
-- (abbreviations spelled out too: `retrieval.relevance.clause_words`), so that a list
-- narrowed by a topic ("… về chuyển đổi số") is counted and paged in SQL (`TermCover`)
CREATE TABLE IF NOT EXISTS row_terms (
    clause_id TEXT NOT NULL REFERENCES clauses (id) ON DELETE CASCADE,
    term TEXT NOT NULL,
    PRIMARY KEY (clause_id, term)
);
-- the same terms under each unit named in the row and its role, in list order (SQLite keeps
-- the rows in their key's order, no second copy; PostgreSQL reads the key's index): a list of a
-- unit's rows narrowed by a topic reads only the entries of the topic's terms for that
-- unit (`_covered_rows`), never every row of the unit, so its exact count and its page
-- cost what the rows with those words cost, not what the unit's rows in every plan cost.
-- Kept small (schema 14): (unit, role, term) is one 64-bit key (`unit_term_key`) and the
-- clause its id after "<plan id>:" (the parser's ids), removed with its plan
CREATE TABLE IF NOT EXISTS unit_terms (
    key BIGINT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    tail TEXT NOT NULL,
    PRIMARY KEY (key, document_id, start, tail)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS unit_terms_document ON unit_terms (document_id);
-- the filled columns of a plan's rows (role as the parser read the header, the header, and
-- where the rows come from: "table", or "body" for duties written in the text)
CREATE TABLE IF NOT EXISTS row_columns (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    header TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (document_id, role, header, source)
);
-- the plans whose rows name a unit (in any role) but which have no column of a role, under
-- `column_term(role, unit key)`: the entries counted as "lacking" in `term_counts`, kept in
-- plan order, so that "the first plans lacking a monitoring column" reads a few index entries
-- instead of every row naming the unit (filled from the kept counts on an older store)
CREATE TABLE IF NOT EXISTS lacking_columns (
    term TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (term, document_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS lacking_columns_document ON lacking_columns (document_id);
-- corpus statistics kept at ingest (never scrolled at start-up): each document's counts
-- (JSON), and their sums over every document, by kind ("word", "pair": in how many
-- clauses, "unit": how often a table names the unit so, "clauses": the clause count)
CREATE TABLE IF NOT EXISTS document_terms (
    document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    counts TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS term_counts (
    kind TEXT NOT NULL,
    term TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (kind, term)
);
-- each plan's distinct clause numbers ("" for every plan), with its year (0 for none) and
-- place ("" for none): the latest plans with a number are read in index order
CREATE TABLE IF NOT EXISTS number_documents (
    number TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    year_key INTEGER NOT NULL,
    place_level TEXT NOT NULL,
    place_name TEXT NOT NULL,
    PRIMARY KEY (number, document_id)
);
CREATE INDEX IF NOT EXISTS number_documents_latest
    ON number_documents (number, year_key DESC, document_id);
CREATE INDEX IF NOT EXISTS number_documents_place
    ON number_documents (number, place_level, place_name, document_id);
CREATE INDEX IF NOT EXISTS number_documents_document ON number_documents (document_id);
-- kept at ingest: the plans with a number counted by place (and the first plan's id), and by
-- place level (plans, named places, plans naming no place), so that "chỉ tiêu 6.6" in
-- thousands of plans is grouped by reading a few rows, not the plans
CREATE TABLE IF NOT EXISTS number_places (
    number TEXT NOT NULL,
    place_level TEXT NOT NULL,
    place_name TEXT NOT NULL,
    plans INTEGER NOT NULL,
    first_id TEXT NOT NULL,
    PRIMARY KEY (number, place_level, place_name)
);
CREATE INDEX IF NOT EXISTS number_places_top
    ON number_places (number, place_level, plans DESC, first_id);
CREATE TABLE IF NOT EXISTS number_levels (
    number TEXT NOT NULL,
    place_level TEXT NOT NULL,
    plans INTEGER NOT NULL,
    places INTEGER NOT NULL,
    unplaced INTEGER NOT NULL,
    PRIMARY KEY (number, place_level)
);
"""


class FactStoreError(InputError):
    """The facts database cannot be opened (bad URL, server down, driver missing)."""


@dataclass(frozen=True)
class CoverCredit:
    """One way a row states a concept: it has every `present` term and none of the
    `absent` ones; it is then credited `credit`."""

    present: tuple[str, ...]
    absent: tuple[str, ...]
    credit: float


@dataclass(frozen=True)
class TermCover:
    """Rows whose words cover a weighted share of a topic's concepts: each concept credits
    the first of its ways the row has (`CoverCredit`), and a row is kept when its credits
    sum to `least` or more (`retrieval.relevance.TermWeights.cover` builds it)."""

    concepts: tuple[tuple[CoverCredit, ...], ...]
    least: float

    def credit(self, terms: AbstractSet[str]) -> float:
        """The credits of a row with these terms (as the SQL filter sums them)."""
        total = 0.0
        for ways in self.concepts:
            for way in ways:
                if all(t in terms for t in way.present) and not any(t in terms for t in way.absent):
                    total += way.credit
                    break
        return total

    def covers(self, terms: AbstractSet[str]) -> bool:
        return self.credit(terms) >= self.least - _SLACK


# float sums in SQL and in Python may differ in the last bits: a share exactly at the bound
_SLACK = 1e-9
# a unit's rows on a topic: the entries of each topic term under each unit and role read
# before the count becomes "at least" (`FactStore.count_rows_within`): the question's work is
# bounded by this, not by the plans; a page reaching further reads further
TOPIC_ENTRIES = 2000
_PROBES = 200  # term probes per query (SQLite allows 500 parts in a compound SELECT)


@dataclass(frozen=True)
class RowQuery:
    """Which responsibility rows to list; every field narrows, none means "any"."""

    documents: tuple[str, ...] = ()
    role: str | None = None  # "lead", "cooperating", "monitoring" … or None for any role
    # several roles: rows naming a unit in any of them, each row once (with `role` unset)
    roles: tuple[str, ...] = ()
    unit_keys: tuple[str, ...] = ()
    due_from: int | None = None  # yyyymmdd, inclusive
    due_to: int | None = None
    period: str | None = None
    # the deadline as written falls in this window (`retrieval.query.Period.contains`): a
    # year and a month or a quarter, each optional; a deadline with no year never matches
    in_window: tuple[int | None, int | None, int | None] | None = None  # (year, quarter, month)
    covering: TermCover | None = None  # rows whose text covers a topic enough
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class RowPage:
    """One page of matching rows: their clause ids in document order, and the total."""

    total: int
    clause_ids: tuple[str, ...]
    # the plan of each clause, in the same order (a read by id looks it up there)
    document_ids: tuple[str, ...] = ()
    # False: `total` is a lower bound (a unit's rows on a topic past `TOPIC_ENTRIES`)
    exact: bool = True


@dataclass(frozen=True)
class RowTotal:
    """How many rows match: exactly `n`, or at least `n` when not `exact`."""

    n: int
    exact: bool = True


@dataclass(frozen=True)
class LevelCount:
    """Plans of one place level as stored ("xã", "Tỉnh", None): how many, how many
    distinct place names among them, and how many name no place."""

    level: str | None
    plans: int
    places: int
    unplaced: int


@dataclass(frozen=True)
class PlaceCount:
    """Plans of one place (level and name; both None for the plans naming none), and the
    id of the first of them (the order places are met in a list sorted by id)."""

    level: str | None
    name: str | None
    plans: int
    first: str


@dataclass(frozen=True)
class DocumentRecord:
    """A stored document: its id, committed version and catalog metadata (plain form)."""

    id: str
    version: str
    data: Mapping[str, Any]


def number_digits(number: str | None) -> str | None:
    """The leading figures of a số hiệu ("19/KH-UBND" → "19", "3260-KH/ĐĐQH15" → "3260")."""
    if not number:
        return None
    digits = ""
    for char in number.strip():
        if not char.isdigit():
            break
        digits += char
    return digits.lstrip("0") or digits or None


# what a title cites rather than names: another document's date ("ngày 10 tháng 02 năm 2024",
# "ngày 10/02/2024") or its số ký hiệu ("13/2023/NĐ-CP")
# a date or number of a cited document, and the term of elected bodies ("bầu cử đại biểu …
# nhiệm kỳ 2026 - 2031", "khóa 2021-2026"): the plan is not known by either
_CITED_IN_TITLE = re.compile(
    r"ngày\s+\d{1,2}\s*(?:/|tháng)\s*\d{1,2}\s*(?:/|năm)\s*(?:19|20)\d{2}|\d+/\s*(?:19|20)\d{2}\s*/"
    r"|(?:nhiệm\s+kỳ|khóa|khoá)\s+(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}",
    re.IGNORECASE,
)


def document_year(title: str, issued_date: str | None) -> int | None:
    """The year a plan is known by: the first 20xx of its title ("… năm 2025", "giai đoạn
    2026-2030") that is not the date or number of a document it cites, else its date's."""
    own = _CITED_IN_TITLE.sub(" ", title)
    match = re.search(r"(20\d{2})", own) or re.search(r"(20\d{2})", issued_date or "")
    return int(match.group(1)) if match else None


def title_bigrams(title: str) -> set[str]:
    """Accent-free word pairs of a title ("chuyen doi", "doi so" …)."""
    words = re.findall(r"[a-z0-9]+", folded(title))
    return {f"{a} {b}" for a, b in pairwise(words)}


def responsibility_rows(target: Mapping[str, Any]) -> Iterable[tuple[str, str, str]]:
    """(role, unit, unit key) for every unit a row names (plain target), once per role."""
    for role, field in ROLE_FIELDS.items():
        seen: set[str] = set()
        for unit in target.get(field) or ():
            key = unit_key(unit)
            if key and key not in seen:
                seen.add(key)
                yield role, unit, key


def directing_units(target: Mapping[str, Any]) -> Iterable[tuple[str, str, str]]:
    """(DIRECT_ROLE, unit, unit key) for every unit a row names in a monitoring cell whose
    header says "chỉ đạo" (and among its monitoring units), once each."""
    from ingest.parser.units import split_units
    from retrieval.roles import Role, column_has_role

    monitoring = {unit_key(unit) for unit in target.get(ROLE_FIELDS["monitoring"]) or ()}
    seen: set[str] = set()
    for cell in target.get("cells") or ():
        if not column_has_role(
            str(cell.get("role") or ""), str(cell.get("header") or ""), Role.DIRECT
        ):
            continue
        for unit in split_units(str(cell.get("text") or "")):
            key = unit_key(unit)
            if key and key in monitoring and key not in seen:
                seen.add(key)
                yield DIRECT_ROLE, unit, key


def row_terms(payload: Mapping[str, Any]) -> frozenset[str]:
    """The words and word pairs a topic's coverage reads in a row (path and text)."""
    from retrieval.relevance import clause_pairs, clause_words

    text = f"{payload.get('path') or ''} {payload.get('search_text') or ''}"
    return clause_words(text) | clause_pairs(text)


class _Database(Protocol):
    """One connection of a backend, with `?` placeholders in every statement."""

    def query(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]: ...

    def transaction(self) -> Any: ...  # a context manager yielding a `_Writer`

    def close(self) -> None: ...


class _Writer(Protocol):
    def execute(self, sql: str, parameters: Sequence[object] = ()) -> None: ...

    def executemany(self, sql: str, rows: Sequence[Sequence[object]]) -> None: ...


class _SQLite:
    """The embedded backend: one WAL-mode file, one connection behind a lock."""

    dialect = "sqlite"

    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        with self._lock:
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA synchronous=NORMAL")
            self._connection.execute("PRAGMA foreign_keys=ON")

    def query(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._connection.execute(sql, tuple(parameters)).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[_SQLiteWriter]:
        with self._lock:
            cursor = self._connection.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                yield _SQLiteWriter(cursor)
                cursor.execute("COMMIT")
            except BaseException:
                # A failed COMMIT may already have ended the transaction: rolling back
                # then would raise its own error and hide the real one.
                if self._connection.in_transaction:
                    cursor.execute("ROLLBACK")
                raise

    def script(self, sql: str) -> None:
        with self._lock:
            self._connection.executescript(sql)

    def backup_to(self, path: Path) -> None:
        """A consistent copy of the database file (SQLite's online backup)."""
        with self._lock:
            target = sqlite3.connect(path)
            try:
                self._connection.backup(target)
            finally:
                target.close()

    def restore_from(self, path: Path) -> None:
        """Replace this database's content with the copy at `path` (the backup API run the
        other way: the open connection is written, readers see the old or the new)."""
        with self._lock:
            source = sqlite3.connect(path)
            try:
                source.backup(self._connection)
            finally:
                source.close()

    def close(self) -> None:
        with self._lock:
            self._connection.close()


class _SQLiteWriter:
    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    def execute(self, sql: str, parameters: Sequence[object] = ()) -> None:
        self._cursor.execute(sql, tuple(parameters))

    def executemany(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        self._cursor.executemany(sql, [tuple(row) for row in rows])


class _PostgreSQL:
    """The server backend (psycopg 3): one autocommit connection behind a lock."""

    dialect = "postgresql"

    def __init__(self, url: str, schema: str | None = None) -> None:
        try:
            import psycopg
        except ImportError as error:  # pragma: no cover - depends on the install
            raise FactStoreError(
                "KEHOACH_DATABASE_URL cần gói psycopg: pip install 'kehoach[postgres]'"
            ) from error
        try:
            self._connection = psycopg.connect(url, autocommit=True)
        except psycopg.Error as error:
            raise FactStoreError(f"không kết nối được cơ sở dữ liệu PostgreSQL: {error}") from error
        self._lock = threading.RLock()
        self.url = url
        if schema:
            if not re.fullmatch(r"[a-z_][a-z0-9_]*", schema):
                raise FactStoreError(f"tên schema không hợp lệ: {schema!r}")
            self._connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
            self._connection.execute(f"SET search_path TO {schema}")

    def query(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._connection.execute(_pg(sql), tuple(parameters)).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[_PostgreSQLWriter]:
        with self._lock, self._connection.transaction():
            yield _PostgreSQLWriter(self._connection)

    def script(self, sql: str) -> None:
        # comments out first (a ";" in one would split a statement), then byte order (as
        # SQLite and Python sort) rather than the server's locale
        code = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
        ddl = code.replace(" TEXT", ' TEXT COLLATE "C"').replace(") WITHOUT ROWID", ")")
        with self._lock, self._connection.transaction():
            for statement in ddl.split(";"):
                if statement.strip():
                    self._connection.execute(statement)

    def close(self) -> None:
        with self._lock:
            self._connection.close()


class _PostgreSQLWriter:
    def __init__(self, connection: Any) -> None:
        self._connection = connection

    def execute(self, sql: str, parameters: Sequence[object] = ()) -> None:
        self._connection.execute(_pg(sql), tuple(parameters))

    def executemany(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        if rows:
            with self._connection.cursor() as cursor:
                cursor.executemany(_pg(sql), [tuple(row) for row in rows])


def _pg(sql: str) -> str:
    return sql.replace("?", "%s")


class FactStore:
    """The facts of one kehoach home (thread-safe; one writer at a time)."""

    def __init__(self, path: Path | str, *, url: str | None = None, schema: str | None = None):
        """SQLite at `path`, or PostgreSQL at `url` (then `path` is ignored)."""
        self._db: _SQLite | _PostgreSQL = _PostgreSQL(url, schema) if url else _SQLite(path)
        self.backend = self._db.dialect
        try:
            self._create()
        except BaseException:
            self._db.close()  # never leave a connection open behind a failed start
            raise

    @classmethod
    def for_home(cls, home: Path, url: str | None = None) -> FactStore:
        """The home's store: `facts.sqlite3` in it, or the PostgreSQL database at `url`."""
        return cls(home / FACTS_FILE, url=url)

    def _create(self) -> None:
        known = self._meta("schema_version") if self._has_meta() else None
        if known is not None and known != str(SCHEMA_VERSION):
            # the facts are derived from the index: an older layout is dropped and rebuilt
            self._db.script("".join(f"DROP TABLE IF EXISTS {t};" for t in _TABLES))
        self._db.script(_SCHEMA)
        with self._db.transaction() as writer:
            writer.execute("DELETE FROM facts_meta WHERE key = ?", ("schema_version",))
            writer.execute(
                "INSERT INTO facts_meta VALUES (?, ?)", ("schema_version", str(SCHEMA_VERSION))
            )
        self._fill_kept()

    def _fill_kept(self) -> None:
        """What a store filled before it was kept at ingest lacks, derived once."""
        if self._meta(_DEADLINE_COUNTS_META) is None:
            self._count_deadlines()
        if self._meta(_LACKING_META) is None:
            self._keep_lacking()

    def _keep_lacking(self) -> None:
        """A store filled before `lacking_columns` was kept: each plan's entries written from
        its "lacking" counts kept at ingest (`document_terms`), in one transaction."""
        import json

        rows = [
            (str(term), str(document_id))
            for document_id, counts in self._db.query(
                "SELECT document_id, counts FROM document_terms"
            )
            for term in sorted(json.loads(counts).get(LACKING_KIND) or {})
        ]
        with self._db.transaction() as writer:
            writer.execute("DELETE FROM lacking_columns")
            writer.executemany("INSERT INTO lacking_columns VALUES (?, ?)", sorted(rows))
            writer.execute("INSERT INTO facts_meta VALUES (?, ?)", (_LACKING_META, "1"))

    def _count_deadlines(self) -> None:
        """A store filled before deadline windows were counted at ingest: each document's
        counted from its rows once (kept with its other counts, so that replacing or
        removing it takes them away), in one transaction."""
        import json
        from collections import Counter

        rows = self._db.query(
            "SELECT DISTINCT document_id, clause_id, deadline_year, deadline_quarter, "
            "deadline_month FROM responsibilities WHERE deadline_year IS NOT NULL"
        )
        by_document: dict[str, Counter[str]] = {}
        for document_id, _clause, year, quarter, month in rows:
            by_document.setdefault(document_id, Counter()).update(
                deadline_windows(year, quarter, month)
            )
        stored = dict(self._db.query("SELECT document_id, counts FROM document_terms"))
        with self._db.transaction() as writer:
            for document_id, windows in sorted(by_document.items()):
                counts = json.loads(stored.get(document_id) or "{}")
                counts.pop(DEADLINE_KIND, None)
                counts[DEADLINE_KIND] = dict(windows)
                writer.execute("DELETE FROM document_terms WHERE document_id = ?", (document_id,))
                writer.execute(
                    "INSERT INTO document_terms VALUES (?, ?)",
                    (document_id, json.dumps(counts, ensure_ascii=False, sort_keys=True)),
                )
            writer.execute("DELETE FROM term_counts WHERE kind = ?", (DEADLINE_KIND,))
            total: Counter[str] = Counter()
            for windows in by_document.values():
                total.update(windows)
            _add_counts(writer, {DEADLINE_KIND: dict(total)}, 1)
            writer.execute("INSERT INTO facts_meta VALUES (?, ?)", (_DEADLINE_COUNTS_META, "1"))

    def _has_meta(self) -> bool:
        try:
            self._db.query("SELECT 1 FROM facts_meta")
        except Exception:
            return False
        return True

    def _meta(self, key: str) -> str | None:
        rows = self._db.query("SELECT value FROM facts_meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def close(self) -> None:
        self._db.close()

    # ---- writing ----------------------------------------------------------------------

    def put_document(self, plan: ParsedPlan, version: str | None = None) -> None:
        """Store (or replace) a parsed document as its index points would describe it."""
        from ingest.points import clause_payload, indexable

        targets = {target.clause_id: target for target in plan.targets}
        payloads = [
            clause_payload(plan, clause, targets.get(clause.id), "", version)
            for clause in plan.clauses
            if indexable(clause)
        ]
        self.put_payloads(to_plain(plan.document), version or plan.document.content_hash, payloads)

    def put_payloads(
        self, document: Mapping[str, Any], version: str, payloads: Iterable[Mapping[str, Any]]
    ) -> None:
        """Store (or replace) one document version from its index payloads, in one transaction."""
        import json

        document_id = str(document["id"])
        place = document.get("place") or {}
        title = str(document.get("title") or document_id)
        clause_rows: list[tuple[object, ...]] = []
        row_rows: list[tuple[object, ...]] = []
        term_rows: list[tuple[object, ...]] = []
        unit_term_rows: set[tuple[object, ...]] = set()
        columns: set[tuple[str, str, str, str]] = set()
        payloads_list = list(payloads)
        for payload in sorted(payloads_list, key=lambda p: (p.get("start", 0), p["clause_id"])):
            clause_id = payload["clause_id"]
            start = int(payload.get("start") or 0)
            clause_rows.append(
                (
                    clause_id,
                    document_id,
                    payload.get("number"),
                    payload.get("kind") or "",
                    payload.get("parent_id"),
                    payload.get("period"),
                    int(payload.get("child_count") or 0),
                    start,
                    _heading_key(payload),
                )
            )
            target = payload.get("target")
            if target is None:
                continue
            source = target.get("source") or "table"
            terms = sorted(row_terms(payload))
            term_rows.extend((clause_id, term) for term in terms)
            columns.update(
                (document_id, str(cell.get("role") or ""), str(cell.get("header") or ""), source)
                for cell in target.get("cells") or ()
            )
            units = [*responsibility_rows(target), *directing_units(target)] or [("", "", "")]
            deadline = target.get("deadline") or {}
            written = (deadline.get("year"), deadline.get("quarter"), deadline.get("month"))
            tail = clause_tail(clause_id, document_id)
            unit_term_rows.update(
                (unit_term_key(key, role, term), document_id, start, tail)
                for role, _unit, key in units
                if key
                for term in terms
            )
            for role, unit, key in units:
                row_rows.append(
                    (
                        clause_id,
                        document_id,
                        role,
                        unit,
                        key,
                        payload.get("due"),
                        target.get("period"),
                        target.get("source") or "table",
                        start,
                        *written,
                    )
                )
        issued = document.get("issued_date")
        year = issued[:4] if isinstance(issued, str) else None
        counts = corpus_counts(payloads_list)
        # the plan's distinct column (role, header) pairs, summed over plans like the terms:
        # the corpus's column vocabulary is then read from the sums, never from every plan
        counts[COLUMN_KIND] = {column_term(role, header): 1 for _, role, header, _ in columns}
        # the units its rows name with no column of a role in the plan: the plans lacking a
        # role are then counted by one read (`count_documents_naming_units`), not by rows
        present = {role for _, role, _, _ in columns}
        named = {str(row[4]) for row in row_rows if row[2] and row[4]}
        counts[LACKING_KIND] = {
            column_term(role, key): 1
            for key in named
            for role in ROLE_FIELDS
            if role not in present
        }
        before = self._document_counts(document_id)
        year_of = document_year(title, issued if isinstance(issued, str) else None)
        where = (str(place.get("level") or ""), str(place.get("name") or ""))
        numbers = {""} | {str(p["number"]) for p in payloads_list if p.get("number")}
        keys = {(number, *where) for number in numbers}
        with self._db.transaction() as writer:
            held = self._number_keys(document_id)
            _add_counts(writer, before, -1)
            _add_counts(writer, counts, 1)
            _take_numbers(writer, sorted(held - keys))
            writer.execute("DELETE FROM documents WHERE id = ?", (document_id,))
            _first_after_removal(writer, document_id, sorted(held - keys))
            writer.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    document_id,
                    document_id.lower(),
                    version,
                    title,
                    document.get("number"),
                    number_digits(document.get("number")),
                    document.get("kind"),
                    document.get("issuer"),
                    place.get("level"),
                    folded(place["name"]) if place.get("name") else None,
                    int(year) if year and year.isdigit() else None,
                    year_of,
                    json.dumps(dict(document), ensure_ascii=False, sort_keys=True),
                    place.get("name") or None,
                    document.get("decision_number"),
                    number_digits(document.get("decision_number")),
                ),
            )
            writer.executemany(
                "INSERT INTO title_bigrams VALUES (?, ?)",
                [(bigram, document_id) for bigram in sorted(title_bigrams(title))],
            )
            writer.executemany(
                "INSERT INTO clauses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", clause_rows
            )
            writer.executemany(
                "INSERT INTO responsibilities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row_rows
            )
            writer.executemany("INSERT INTO row_columns VALUES (?, ?, ?, ?)", sorted(columns))
            writer.executemany("INSERT INTO row_terms VALUES (?, ?)", term_rows)
            writer.executemany("INSERT INTO unit_terms VALUES (?, ?, ?, ?)", sorted(unit_term_rows))
            writer.executemany(
                "INSERT INTO lacking_columns VALUES (?, ?)",
                [(term, document_id) for term in sorted(counts[LACKING_KIND])],
            )
            writer.execute(
                "INSERT INTO document_terms VALUES (?, ?)",
                (document_id, json.dumps(counts, ensure_ascii=False, sort_keys=True)),
            )
            writer.executemany(
                "INSERT INTO number_documents VALUES (?, ?, ?, ?, ?)",
                [(number, document_id, year_of or 0, *where) for number in sorted(numbers)],
            )
            _add_numbers(writer, document_id, sorted(keys - held))

    def remove_document(self, document_id: str) -> None:
        """Forget one document and everything stored for it."""
        before = self._document_counts(document_id)
        with self._db.transaction() as writer:
            held = sorted(self._number_keys(document_id))
            _add_counts(writer, before, -1)
            _take_numbers(writer, held)
            writer.execute("DELETE FROM documents WHERE id = ?", (document_id,))
            _first_after_removal(writer, document_id, held)

    def clear(self) -> None:
        """Forget every document (a restore replaces them all)."""
        with self._db.transaction() as writer:
            writer.execute("DELETE FROM term_counts")
            writer.execute("DELETE FROM number_levels")
            writer.execute("DELETE FROM number_places")
            writer.execute("DELETE FROM documents")

    def _number_keys(self, document_id: str) -> set[tuple[str, str, str]]:
        """(clause number, place level, place name) of a stored plan, as `number_documents`
        holds them ("" for none)."""
        rows = self._db.query(
            "SELECT number, place_level, place_name FROM number_documents WHERE document_id = ?",
            (document_id,),
        )
        return {(str(n), str(level), str(name)) for n, level, name in rows}

    def _document_counts(self, document_id: str) -> dict[str, dict[str, int]]:
        import json

        rows = self._db.query(
            "SELECT counts FROM document_terms WHERE document_id = ?", (document_id,)
        )
        return json.loads(rows[0][0]) if rows else {}

    def corpus_counts(self) -> dict[str, dict[str, int]]:
        """The corpus statistics summed over every document, by kind (`corpus_counts`):
        one read of the sums kept at ingest."""
        found: dict[str, dict[str, int]] = {kind: {} for kind in COUNT_KINDS}
        rows = self._db.query(
            f"SELECT kind, term, n FROM term_counts WHERE kind IN ({_marks(COUNT_KINDS)})",
            COUNT_KINDS,
        )
        for kind, term, n in rows:
            found.setdefault(kind, {})[term] = int(n)
        return found

    def backup_to(self, folder: Path) -> str:
        """A consistent copy of the store in `folder`; the name of the file written:
        SQLite's online backup (`facts.sqlite3`), or `pg_dump` of the store's tables
        (`facts.pgdump`; `ingest.pg_tools` says when the tool is missing)."""
        if isinstance(self._db, _SQLite):
            self._db.backup_to(folder / FACTS_FILE)
            return FACTS_FILE
        from ingest.pg_tools import dump_tables

        schema = self._db.query("SELECT current_schema()")[0][0]
        tables = [f"{schema}.{table}" for table in (*_TABLES, "facts_meta")]
        dump_tables(self._db.url, tables, folder / FACTS_DUMP)
        return FACTS_DUMP

    def restore_from(self, folder: Path) -> bool:
        """Replace the whole store with the copy `backup_to` left in `folder`, when there is
        one of this backend and layout (SQLite's backup API into the open database, or
        `pg_restore` in one transaction); whether it did (else the caller rebuilds)."""
        copy = folder / (FACTS_FILE if isinstance(self._db, _SQLite) else FACTS_DUMP)
        if not copy.is_file():
            return False
        if isinstance(self._db, _SQLite):
            self._db.restore_from(copy)
        else:
            from ingest.pg_tools import restore_tables

            restore_tables(self._db.url, copy)
        if self._meta("schema_version") != str(SCHEMA_VERSION):
            self._create()  # an older layout: dropped and made anew, for the caller to fill
            return False
        self._db.script(_SCHEMA)  # a copy from before a table was kept: it is made and filled
        self._fill_kept()
        return True

    # ---- reading: documents -----------------------------------------------------------

    def document_ids(self) -> list[str]:
        return [row[0] for row in self._db.query("SELECT id FROM documents ORDER BY id")]

    def versions(self) -> dict[str, str]:
        """Document id → the version whose facts are stored."""
        return dict(self._db.query("SELECT id, version FROM documents"))

    def version(self, document_id: str) -> str | None:
        rows = self._db.query("SELECT version FROM documents WHERE id = ?", (document_id,))
        return rows[0][0] if rows else None

    def documents(self, document_ids: Sequence[str]) -> list[DocumentRecord]:
        """The stored documents with these ids (unknown ids left out), ordered by id."""
        import json

        if not document_ids:
            return []
        ids = list(dict.fromkeys(document_ids))
        rows = self._db.query(
            f"SELECT id, version, data FROM documents WHERE id IN ({_marks(ids)}) ORDER BY id",
            ids,
        )
        return [DocumentRecord(row[0], row[1], json.loads(row[2])) for row in rows]

    def count_documents(self) -> int:
        return int(self._db.query("SELECT COUNT(*) FROM documents")[0][0])

    def documents_with_ids(self, folded_ids: Sequence[str]) -> list[str]:
        """Documents whose id (lower-cased) is one of these words."""
        if not folded_ids:
            return []
        words = list(dict.fromkeys(folded_ids))
        sql = f"SELECT id FROM documents WHERE id_folded IN ({_marks(words)}) ORDER BY id"
        return [row[0] for row in self._db.query(sql, words)]

    def documents_numbered(self, number: str | Sequence[str]) -> list[str]:
        """Documents whose số hiệu, or the số hiệu of the decision they are issued with,
        starts with these figures ("19", "19/KH-UBND"; "1422" of the plan attached to
        Quyết định 1422/QĐ-TTg); one number or several. Two index look-ups."""
        wanted = [number] if isinstance(number, str) else list(number)
        digits = sorted({d for d in (number_digits(n) for n in wanted) if d})
        if not digits:
            return []
        marks = _marks(digits)
        sql = (
            f"SELECT id FROM documents WHERE number_digits IN ({marks}) UNION "
            f"SELECT id FROM documents WHERE decision_digits IN ({marks}) ORDER BY id"
        )
        return [row[0] for row in self._db.query(sql, [*digits, *digits])]

    def documents_numbered_without_digits(self) -> list[str]:
        """Documents with a số hiệu that does not start with figures (rare: "/KH-UBND")."""
        sql = (
            "SELECT id FROM documents WHERE number IS NOT NULL AND number_digits IS NULL "
            "ORDER BY id"
        )
        return [row[0] for row in self._db.query(sql)]

    def documents_in_place(self, place_name: str | Sequence[str]) -> list[str]:
        """Documents governing a place of this name (accents optional); one name or several."""
        names = [place_name] if isinstance(place_name, str) else list(place_name)
        keys = sorted({folded(name) for name in names if name})
        if not keys:
            return []
        sql = f"SELECT id FROM documents WHERE place_key IN ({_marks(keys)}) ORDER BY id"
        return [row[0] for row in self._db.query(sql, keys)]

    def documents_of_level_only(self, levels: Sequence[str]) -> list[str]:
        """Documents known only by their level ("thành phố", no name), of these levels."""
        if not levels:
            return []
        wanted = list(dict.fromkeys(levels))
        rows = self._db.query(
            "SELECT id, place_level FROM documents WHERE place_key IS NULL AND place_level IS "
            "NOT NULL ORDER BY id",
        )
        keys = {folded(level) for level in wanted}
        return [row[0] for row in rows if folded(row[1]) in keys]

    def documents_of_levels(self, levels: Sequence[str]) -> list[str]:
        """Documents governing a place of one of these levels ("xã", "phường"; as stored)."""
        if not levels:
            return []
        wanted = list(dict.fromkeys(levels))
        sql = f"SELECT id FROM documents WHERE place_level IN ({_marks(wanted)}) ORDER BY id"
        return [row[0] for row in self._db.query(sql, wanted)]

    def documents_of_year(self, years: Sequence[int], limit: int | None = None) -> list[str]:
        """Documents known by one of these years (title first, else issue date), by id; the
        first `limit` of them read from each year's index entries alone (a question names a
        year or two, each year holds thousands of plans at a national scale)."""
        if not years:
            return []
        values = sorted(set(years))
        if limit is None:
            sql = f"SELECT id FROM documents WHERE year IN ({_marks(values)}) ORDER BY id"
            return [row[0] for row in self._db.query(sql, values)]
        sql = "SELECT id FROM documents WHERE year = ? ORDER BY id LIMIT ?"
        found = {row[0] for year in values for row in self._db.query(sql, (year, int(limit)))}
        return sorted(found)[: max(0, int(limit))]

    def documents_of_kind(self, kinds: Sequence[str]) -> list[str]:
        """Documents of these kinds ("Kế hoạch", "Quyết định"; accents as stored)."""
        if not kinds:
            return []
        values = list(dict.fromkeys(kinds))
        sql = f"SELECT id FROM documents WHERE kind IN ({_marks(values)}) ORDER BY id"
        return [row[0] for row in self._db.query(sql, values)]

    def unique_bigram_documents(self, bigrams: Sequence[str]) -> dict[str, str]:
        """For each of these title word pairs that exactly one title has: that document.
        (A pair many titles share, "chuyển đổi", is counted in the index, not returned.)"""
        if not bigrams:
            return {}
        values = sorted(set(bigrams))
        sql = (
            "SELECT bigram, MIN(document_id) FROM title_bigrams "
            f"WHERE bigram IN ({_marks(values)}) GROUP BY bigram HAVING COUNT(*) = 1"
        )
        return {bigram: document_id for bigram, document_id in self._db.query(sql, values)}

    def shared_bigram_counts(self, bigrams: Sequence[str], most: int) -> dict[str, int]:
        """For each document, how many of these title word pairs its title has, counting
        only pairs that at most `most` titles have (a pair most titles share, "kế hoạch",
        names no plan)."""
        if not bigrams:
            return {}
        values = sorted(set(bigrams))
        sql = (
            "SELECT document_id, COUNT(*) FROM title_bigrams WHERE bigram IN (SELECT bigram "
            f"FROM title_bigrams WHERE bigram IN ({_marks(values)}) GROUP BY bigram "
            "HAVING COUNT(*) <= ?) GROUP BY document_id"
        )
        return {doc_id: int(n) for doc_id, n in self._db.query(sql, [*values, most])}

    def distinctive_bigrams(self, document_ids: Sequence[str]) -> dict[str, set[str]]:
        """Each document's title word pairs that no other title has."""
        if not document_ids:
            return {}
        ids = list(dict.fromkeys(document_ids))
        sql = (
            "SELECT b.document_id, b.bigram FROM title_bigrams b WHERE b.document_id IN "
            f"({_marks(ids)}) AND NOT EXISTS (SELECT 1 FROM title_bigrams o WHERE "
            "o.bigram = b.bigram AND o.document_id != b.document_id)"
        )
        found: dict[str, set[str]] = {doc_id: set() for doc_id in ids}
        for document_id, bigram in self._db.query(sql, ids):
            found[document_id].add(bigram)
        return found

    def place_keys_like(self, key: str) -> list[str]:
        """Distinct place keys containing `key` (accent-free), or contained in it."""
        rows = self._db.query(
            "SELECT DISTINCT place_key FROM documents WHERE place_key IS NOT NULL AND "
            "(place_key LIKE ? OR ? LIKE (? || place_key || ?))",
            (f"%{_like(key)}%", key, "%", "%"),
        )
        return sorted(row[0] for row in rows)

    # ---- reading: clauses and rows ------------------------------------------------------

    def clauses_numbered(self, number: str, documents: Sequence[str] = ()) -> list[str]:
        """Ids of the clauses labelled `number` ("6.6", "II", "Phụ lục 1"), in these plans."""
        sql = "SELECT id FROM clauses WHERE number = ?"
        parameters: list[object] = [number]
        if documents:
            sql += f" AND document_id IN ({_marks(documents)})"
            parameters.extend(documents)
        return [row[0] for row in self._db.query(sql + " ORDER BY document_id, start", parameters)]

    def clauses_numbered_in(self, number: str, documents: Sequence[str]) -> dict[str, str]:
        """The clauses labelled `number` in these plans: clause id → its plan's id, in
        `clauses_numbered`'s order (the plan tells a read by id where the clause is)."""
        if not documents:
            return {}
        sql = (
            f"SELECT id, document_id FROM clauses WHERE number = ? AND document_id IN "
            f"({_marks(documents)}) ORDER BY document_id, start"
        )
        return {row[0]: row[1] for row in self._db.query(sql, [number, *documents])}

    def documents_with_clause(self, number: str) -> list[str]:
        """Ids of the plans with a clause labelled `number`, sorted: one indexed query."""
        sql = "SELECT document_id FROM number_documents WHERE number = ? ORDER BY document_id"
        return [row[0] for row in self._db.query(sql, [number])]

    def count_documents_with_clause(self, number: str) -> int:
        """How many plans have a clause labelled `number`: the counts kept at ingest, a row
        per place level."""
        sql = "SELECT COALESCE(SUM(plans), 0) FROM number_levels WHERE number = ?"
        return int(self._db.query(sql, [number])[0][0])

    def documents_with_clause_among(self, number: str, documents: Sequence[str]) -> list[str]:
        """Those of these plans that have a clause labelled `number`, sorted."""
        if not documents:
            return []
        ids = list(dict.fromkeys(documents))
        sql = (
            f"SELECT document_id FROM number_documents WHERE number = ? AND document_id IN "
            f"({_marks(ids)}) ORDER BY document_id"
        )
        return [row[0] for row in self._db.query(sql, [number, *ids])]

    def plan_levels(self, clause_number: str | None = None) -> list[LevelCount]:
        """The plans (all, or those with a clause labelled `clause_number`) counted by
        their place's level as stored: the counts kept at ingest, a row per level (a
        handful), whatever the number of plans."""
        rows = self._db.query(
            "SELECT place_level, plans, places, unplaced FROM number_levels WHERE number = ? "
            "ORDER BY place_level",
            [clause_number or ""],
        )
        return [LevelCount(row[0] or None, int(row[1]), int(row[2]), int(row[3])) for row in rows]

    def top_places(
        self, levels: Sequence[str | None], limit: int, clause_number: str | None = None
    ) -> list[PlaceCount]:
        """The `limit` places of these levels with the most plans (all, or those with a
        clause labelled `clause_number`), ties by their first plan's id; the plans naming
        no place counted as one entry (level and name None). Read from the counts kept at
        ingest: at most `limit` rows per level, in index order."""
        number = clause_number or ""
        wanted = sorted({level or "" for level in levels})
        found: list[PlaceCount] = []
        for level in wanted:
            rows = self._db.query(
                "SELECT place_name, plans, first_id FROM number_places WHERE number = ? AND "
                "place_level = ? AND place_name != '' ORDER BY plans DESC, first_id LIMIT ?",
                [number, level, limit],
            )
            found.extend(PlaceCount(level or None, r[0], int(r[1]), str(r[2])) for r in rows)
        if wanted:
            unplaced = self._db.query(
                "SELECT SUM(plans), MIN(first_id) FROM number_places WHERE number = ? AND "
                f"place_level IN ({_marks(wanted)}) AND place_name = ''",
                [number, *wanted],
            )[0]
            if unplaced[0]:
                found.append(PlaceCount(None, None, int(unplaced[0]), str(unplaced[1])))
        return sorted(found, key=lambda place: (-place.plans, place.first))[:limit]

    def latest_documents(self, limit: int, clause_number: str | None = None) -> list[str]:
        """The `limit` plans (all, or those with a clause labelled `clause_number`) known by
        the latest year (none last), ties by id: the first rows of an index."""
        sql = (
            "SELECT document_id FROM number_documents WHERE number = ? "
            "ORDER BY year_key DESC, document_id LIMIT ?"
        )
        return [row[0] for row in self._db.query(sql, [clause_number or "", limit])]

    def clauses_headed_by(
        self, unit_keys: Sequence[str], documents: Sequence[str] = ()
    ) -> list[str]:
        """Ids of the body headings (parts, sections, items) that name one of these units
        ("3. Sở Tư pháp", "Sở Tư pháp và các sở"), in these plans or all, in document order."""
        keys = sorted({k for k in unit_keys if k})
        if not keys:
            return []
        # the key itself, or the key and more words: an index range, on both backends
        wanted = " OR ".join(
            "heading_key = ? OR (heading_key >= ? AND heading_key < ?)" for _ in keys
        )
        parameters: list[object] = [v for k in keys for v in (k, f"{k} ", f"{k}!")]
        sql = f"SELECT id FROM clauses WHERE ({wanted})"
        if documents:
            sql += f" AND document_id IN ({_marks(documents)})"
            parameters.extend(documents)
        return [row[0] for row in self._db.query(sql + " ORDER BY document_id, start", parameters)]

    def document_clause_ids(self, document_id: str, kinds: Sequence[str] = ()) -> list[str]:
        """Ids of a document's clauses (of these kinds), in document order."""
        sql = "SELECT id FROM clauses WHERE document_id = ?"
        parameters: list[object] = [document_id]
        if kinds:
            sql += f" AND kind IN ({_marks(kinds)})"
            parameters.extend(kinds)
        return [row[0] for row in self._db.query(sql + " ORDER BY start", parameters)]

    def appendices(self, document_ids: Sequence[str]) -> list[tuple[str, str, str | None, int]]:
        """(document id, clause id, number, child count) of these documents' appendices."""
        if not document_ids:
            return []
        ids = list(dict.fromkeys(document_ids))
        sql = (
            "SELECT document_id, id, number, child_count FROM clauses WHERE kind = 'appendix' "
            f"AND document_id IN ({_marks(ids)}) ORDER BY document_id, start"
        )
        return [(row[0], row[1], row[2], int(row[3])) for row in self._db.query(sql, ids)]

    def has_appendix_rows(self, document_id: str) -> bool:
        """Whether any appendix of the document has content under its title."""
        sql = (
            "SELECT 1 FROM clauses WHERE document_id = ? AND kind = 'appendix' "
            "AND child_count > 0 LIMIT 1"
        )
        return bool(self._db.query(sql, (document_id,)))

    def rows(self, query: RowQuery) -> RowPage:
        """Responsibility rows matching `query`: one page of clause ids and the total, exact
        but for a unit's rows on a topic past `TOPIC_ENTRIES` (`count_rows_within`)."""
        if _covered_only(query) is not None:
            return self._covered_rows_page(query)
        page = self.row_page_located(query) if query.limit > 0 else ()
        return RowPage(
            self.count_rows(query),
            tuple(clause_id for clause_id, _ in page),
            tuple(document_id for _, document_id in page),
        )

    def _covered_rows_page(self, query: RowQuery) -> RowPage:
        """`rows` of a unit's rows on a topic: counted (`count_rows_within`, enough to
        hold the page) and paged before one bound on the entries read."""
        entries = TOPIC_ENTRIES
        while True:
            before = self._topic_horizon(query, entries)
            sql, parameters = _covered_only(query, before) or ("", [])
            # the page and the count from one grouping of the entries (a window's count);
            # a page past the end holds no count: then counted alone
            page = (
                self._db.query(
                    f"SELECT clause_id, d, COUNT(*) OVER () FROM ({sql}) covered "
                    "ORDER BY d, s, clause_id LIMIT ? OFFSET ?",
                    [*parameters, query.limit, max(0, query.offset)],
                )
                if query.limit > 0
                else []
            )
            n = (
                int(page[0][2])
                if page
                else int(self._db.query(f"SELECT COUNT(*) FROM ({sql}) covered", parameters)[0][0])
            )
            if n >= max(1, query.offset + query.limit) or before is None:
                break
            entries *= 4
        return RowPage(
            n, tuple(row[0] for row in page), tuple(row[1] for row in page), before is None
        )

    def count_rows_within(
        self, query: RowQuery, entries: int | None = None, least: int = 1
    ) -> RowTotal:
        """`count_rows`, with bounded work for a unit's rows on a topic: each of the topic's
        terms under each unit and role is read `entries` (`TOPIC_ENTRIES`) entries at most,
        in list order; past that, the rows before the first term's bound are counted and the
        count is a lower bound — read further while it is under `least` (a page reaching
        further; 1: "none on the topic" is always exact). Any other query: the exact count."""
        if _covered_only(query) is None:
            return RowTotal(self.count_rows(query))
        entries = entries or TOPIC_ENTRIES
        while True:
            before = self._topic_horizon(query, entries)
            sql, parameters = _covered_only(query, before) or ("", [])
            n = int(self._db.query(f"SELECT COUNT(*) FROM ({sql}) covered", parameters)[0][0])
            if n >= least or before is None:
                return RowTotal(n, before is None)
            entries *= 4

    def _topic_horizon(self, query: RowQuery, entries: int) -> tuple[str, int, str] | None:
        """For a unit's rows on a topic (`_covered_only`): the first (plan, start, clause)
        of list order not read when each term's entries under each unit and role
        (`unit_terms`, in list order) are read `entries` at most; None when no term has more
        (every row is read). Each row before it has all its entries read, so whether it
        covers the topic is known: one probe per term, each reading `entries` index entries."""
        cover = query.covering
        assert cover is not None
        roles = _roles(query) or list(ROLE_FIELDS)
        in_documents = f" AND document_id IN ({_marks(query.documents)})" if query.documents else ""
        probe = (
            "SELECT * FROM (SELECT document_id AS d, start AS s, tail AS c FROM unit_terms "
            f"WHERE key = ?{in_documents} "
            "ORDER BY document_id, start, tail LIMIT 1 OFFSET ?) p{n}"
        )
        streams = [
            (unit_term_key(key, role, term),)
            for key in dict.fromkeys(query.unit_keys)
            for role in roles
            for term in _cover_terms(cover)
        ]
        first: tuple[str, int, str] | None = None
        for at in range(0, len(streams), _PROBES):  # within SQLite's compound SELECT limit
            chunk = streams[at : at + _PROBES]
            arms = " UNION ALL ".join(probe.format(n=n) for n in range(len(chunk)))
            parameters: list[object] = []
            for stream in chunk:
                parameters.extend([*stream, *query.documents, entries])
            rows = self._db.query(
                f"SELECT d, s, c FROM ({arms}) probes ORDER BY d, s, c LIMIT 1", parameters
            )
            if rows:
                found = (str(rows[0][0]), int(rows[0][1]), str(rows[0][2]))
                first = found if first is None else min(first, found)
        # the same order as the full clause ids': within a plan they share its prefix
        return None if first is None else (first[0], first[1], f"{first[0]}:{first[2]}")

    def count_rows(self, query: RowQuery) -> int:
        """The exact number of responsibility rows (clauses) matching `query`: a deadline
        window over every plan (nothing else asked) by one read of the counts kept at
        ingest, anything else counted in the index."""
        if query.in_window is not None and query == RowQuery(
            in_window=query.in_window, limit=query.limit, offset=query.offset
        ):
            rows = self._db.query(
                "SELECT n FROM term_counts WHERE kind = ? AND term = ?",
                (DEADLINE_KIND, window_key(*query.in_window)),
            )
            return int(rows[0][0]) if rows else 0
        covered = _covered_only(query)
        if covered is not None:
            sql, parameters = covered
            return int(self._db.query(f"SELECT COUNT(*) FROM ({sql}) covered", parameters)[0][0])
        where, parameters = _row_filter(query)
        sql = f"SELECT COUNT(DISTINCT clause_id) FROM responsibilities WHERE {where}"
        return int(self._db.query(sql, parameters)[0][0])

    def _covered_page(self, query: RowQuery) -> tuple[tuple[str, str], ...]:
        """One page of a unit's rows on a topic, reading each term's entries up to a bound
        (`_topic_horizon`) that grows only while the page reaches past the rows it holds."""
        entries = TOPIC_ENTRIES
        while True:
            before = self._topic_horizon(query, entries)
            sql, parameters = _covered_only(query, before) or ("", [])
            page = self._db.query(
                f"{sql} ORDER BY d, s, clause_id LIMIT ? OFFSET ?",
                [*parameters, max(0, query.limit), max(0, query.offset)],
            )
            if before is None or len(page) >= query.limit:
                return tuple((row[0], row[1]) for row in page)
            entries *= 4

    def row_page(self, query: RowQuery) -> tuple[str, ...]:
        """The clause ids of one page of `query` (`limit` from `offset`), in document order."""
        return tuple(clause_id for clause_id, _ in self.row_page_located(query))

    def row_page_located(self, query: RowQuery) -> tuple[tuple[str, str], ...]:
        """(clause id, plan id) of one page of `query` (`limit` from `offset`), in document
        order. A clause's rows share its plan, start and deadline, so the distinct (plan,
        start, clause) triples are the clauses: an index in that order reads only the page.
        A unit's rows on a topic are read from the topic's entries under the unit alone."""
        if _covered_only(query) is not None:
            return self._covered_page(query)
        where, parameters = _row_filter(query)
        page = self._db.query(
            f"SELECT DISTINCT document_id, start, clause_id FROM responsibilities "
            f"WHERE {where} ORDER BY document_id, start, clause_id LIMIT ? OFFSET ?",
            [*parameters, max(0, query.limit), max(0, query.offset)],
        )
        return tuple((row[2], row[0]) for row in page)

    def row_columns(
        self, document_ids: Sequence[str], tables_only: bool = False
    ) -> dict[str, set[tuple[str, str]]]:
        """For each of these plans, the (role, header) of every filled column its rows have
        (only its tables' with `tables_only`, not the duties written in the body): "which
        columns do plan X's tables have" as one indexed query."""
        ids = list(dict.fromkeys(document_ids))
        found: dict[str, set[tuple[str, str]]] = {doc_id: set() for doc_id in ids}
        if not ids:
            return found
        sql = (
            "SELECT document_id, role, header FROM row_columns "
            f"WHERE document_id IN ({_marks(ids)})"
            + (" AND source != 'body'" if tables_only else "")
        )
        for document_id, role, header in self._db.query(sql, ids):
            found[document_id].add((role, header))
        return found

    def documents_with_rows(self, document_ids: Sequence[str]) -> set[str]:
        """Those of these plans that have responsibility rows (tables or body duties)."""
        ids = list(dict.fromkeys(document_ids))
        if not ids:
            return set()
        sql = (
            "SELECT DISTINCT document_id FROM responsibilities "
            f"WHERE document_id IN ({_marks(ids)})"
        )
        return {row[0] for row in self._db.query(sql, ids)}

    def documents_naming_units(
        self,
        unit_keys: Sequence[str],
        documents: Sequence[str] = (),
        without_column: str | Sequence[tuple[str, str]] | None = None,
        limit: int | None = None,
    ) -> list[str]:
        """The plans (of these, or all) whose responsibility rows name one of the units in
        a role, by id (the first `limit` of them); with `without_column`, only those whose
        rows have no column of that role (the parser's role for it: the first few read from
        the entries kept at ingest, `_lacking`), or none of those (role, header) columns: one
        indexed query."""
        keys = list(dict.fromkeys(unit_keys))
        if not keys:
            return []
        if isinstance(without_column, str) and without_column in ROLE_FIELDS:
            return self._lacking(keys, documents, without_column, limit)
        sql, parameters = self._naming_units(keys, documents, without_column)
        if limit is not None:
            sql, parameters = f"{sql} LIMIT ?", [*parameters, max(0, limit)]
        return [row[0] for row in self._db.query(sql, parameters)]

    def _lacking(
        self, keys: Sequence[str], documents: Sequence[str], role: str, limit: int | None
    ) -> list[str]:
        """The plans naming one of the units with no column of `role`, in id order, from
        the entries kept at ingest (`lacking_columns`): each unit's first `limit` entries
        (of `documents` only, with some), merged; never a row of the units read."""
        in_documents = f" AND document_id IN ({_marks(documents)})" if documents else ""
        bound = " LIMIT ?" if limit is not None else ""
        # in the primary key's order (the term is one): PostgreSQL reads that range, never
        # the plans' index in id order hoping to meet the term soon
        arm = (
            "SELECT * FROM (SELECT document_id FROM lacking_columns "
            f"WHERE term = ?{in_documents} ORDER BY term, document_id{bound}) a{{n}}"
        )
        parameters: list[object] = []
        arms = []
        for n, key in enumerate(keys):
            arms.append(arm.format(n=n))
            parameters.extend([column_term(role, key), *documents])
            if limit is not None:
                parameters.append(max(0, limit))
        sql = (
            f"SELECT DISTINCT document_id FROM ({' UNION ALL '.join(arms)}) lacking "
            f"ORDER BY document_id{bound}"
        )
        if limit is not None:
            parameters.append(max(0, limit))
        return [str(row[0]) for row in self._db.query(sql, parameters)]

    def count_documents_naming_units(
        self,
        unit_keys: Sequence[str],
        documents: Sequence[str] = (),
        without_column: str | Sequence[tuple[str, str]] | None = None,
    ) -> int:
        """How many plans `documents_naming_units` gives: one indexed count (of the entries
        kept at ingest for a role's column); for one unit lacking a role's column in every
        plan, one read of the count kept at ingest."""
        keys = list(dict.fromkeys(unit_keys))
        if not keys:
            return 0
        one_role = isinstance(without_column, str) and without_column in ROLE_FIELDS
        if len(keys) == 1 and not documents and one_role:
            rows = self._db.query(
                "SELECT n FROM term_counts WHERE kind = ? AND term = ?",
                (LACKING_KIND, column_term(str(without_column), keys[0])),
            )
            return int(rows[0][0]) if rows else 0
        if one_role:
            role = str(without_column)
            in_documents = f" AND document_id IN ({_marks(documents)})" if documents else ""
            sql = (
                "SELECT COUNT(DISTINCT document_id) FROM lacking_columns "
                f"WHERE term IN ({_marks(keys)}){in_documents}"
            )
            terms = [column_term(role, key) for key in keys]
            return int(self._db.query(sql, [*terms, *documents])[0][0])
        sql, parameters = self._naming_units(keys, documents, without_column)
        return int(self._db.query(f"SELECT COUNT(*) FROM ({sql}) naming", parameters)[0][0])

    @staticmethod
    def _naming_units(
        keys: Sequence[str],
        documents: Sequence[str],
        without_column: str | Sequence[tuple[str, str]] | None,
    ) -> tuple[str, list[object]]:
        parameters: list[object] = [*keys, *documents]
        lacking = ""
        if isinstance(without_column, str) and without_column:
            lacking = " AND c.role = ?"
            parameters.append(without_column)
        elif without_column:  # (role, header) pairs: a plan with any of them is left out
            pairs = " OR ".join("(c.role = ? AND c.header = ?)" for _ in without_column)
            lacking = f" AND ({pairs})"
            parameters.extend(value for pair in without_column for value in pair)
        sql = (
            "SELECT DISTINCT r.document_id FROM responsibilities r "
            f"WHERE r.unit_key IN ({_marks(keys)}) AND r.role != ''"
            + (f" AND r.document_id IN ({_marks(documents)})" if documents else "")
            + (
                " AND NOT EXISTS (SELECT 1 FROM row_columns c "
                f"WHERE c.document_id = r.document_id{lacking})"
                if lacking
                else ""
            )
            + " ORDER BY r.document_id"
        )
        return sql, parameters

    def column_headers(self) -> list[tuple[str, str]]:
        """Every distinct (role, header) of the plans' filled columns: one read of the
        column counts kept at ingest (schema 13; the vocabulary of headers, not the plans)."""
        rows = self._db.query(
            "SELECT term FROM term_counts WHERE kind = ? AND n > 0 ORDER BY term", (COLUMN_KIND,)
        )
        return sorted(_column_of(str(row[0])) for row in rows)

    def rows_in_columns(
        self,
        unit_keys: Sequence[str],
        columns: Sequence[tuple[str, str]],
        not_role: str,
        documents: Sequence[str] = (),
    ) -> int:
        """How many rows name one of the units in a role of `columns` ((role, header)
        pairs) in a plan that has such a column, and not in the role `not_role`: one
        indexed count."""
        return self.rows_in_columns_page(unit_keys, columns, not_role, documents).total

    def rows_in_columns_page(
        self,
        unit_keys: Sequence[str],
        columns: Sequence[tuple[str, str]],
        not_role: str | Sequence[str],
        documents: Sequence[str] = (),
        limit: int = 0,
        offset: int = 0,
        covering: TermCover | None = None,
    ) -> RowPage:
        """The rows of `rows_in_columns`: their exact count and the clause ids of one page
        (`limit` from `offset`, in document order, as `rows` orders them). With `covering`,
        a row in `not_role` is left out only when it covers that topic."""
        keys = list(dict.fromkeys(unit_keys))
        if not keys or not columns:
            return RowPage(0, ())
        pairs = " OR ".join("(c.role = ? AND c.header = ?)" for _ in columns)
        in_documents = f" AND r.document_id IN ({_marks(documents)})" if documents else ""
        where = (
            f"r.unit_key IN ({_marks(keys)}){in_documents} AND EXISTS (SELECT 1 FROM "
            f"row_columns c WHERE c.document_id = r.document_id AND c.role = r.role AND ({pairs})) "
            "AND r.clause_id NOT IN (SELECT clause_id FROM ({in_role}) in_role)"
        )
        parameters: list[object] = [*keys, *documents]
        parameters.extend(value for pair in columns for value in pair)
        # the rows in `not_role` (or any of those roles; on the topic, with one): read from
        # the index alone
        roles = (not_role,) if isinstance(not_role, str) else tuple(not_role)
        in_role, values = self._in_role(
            RowQuery(documents=tuple(documents), roles=roles, unit_keys=tuple(keys)), covering
        )
        parameters.extend(values)
        where = where.replace("{in_role}", in_role)
        total = int(
            self._db.query(
                f"SELECT COUNT(DISTINCT r.clause_id) FROM responsibilities r WHERE {where}",
                parameters,
            )[0][0]
        )
        if limit <= 0 or not total:
            return RowPage(total, ())
        page = self._db.query(
            "SELECT r.clause_id, MIN(r.document_id) AS d, MIN(r.start) AS s FROM "
            f"responsibilities r WHERE {where} GROUP BY r.clause_id ORDER BY d, s, r.clause_id "
            "LIMIT ? OFFSET ?",
            [*parameters, limit, max(0, offset)],
        )
        return RowPage(total, tuple(row[0] for row in page), tuple(row[1] for row in page))

    @staticmethod
    def _in_role(query: RowQuery, covering: TermCover | None) -> tuple[str, list[object]]:
        """SQL selecting the clause_id of the rows of `query` (units in a role), those
        covering `covering` only when it has concepts."""
        if covering is not None and covering.concepts:
            query = replace(query, covering=covering)
        covered = _covered_only(query)
        if covered is not None:
            return covered
        where, parameters = _row_filter(query)
        return f"SELECT clause_id FROM responsibilities WHERE {where}", parameters

    def unit_names(self, documents: Sequence[str] = ()) -> list[str]:
        """One written name per distinct unit (its most frequent spelling), sorted."""
        sql = (
            "SELECT unit_key, unit, COUNT(*) AS n FROM responsibilities WHERE role != '' "
            "AND role != 'direct'"
            + (f" AND document_id IN ({_marks(documents)})" if documents else "")
            + " GROUP BY unit_key, unit"
        )
        best: dict[str, tuple[int, str]] = {}
        for key, unit, count in self._db.query(sql, list(documents)):
            held = best.get(key)
            if held is None or (-count, unit) < (-held[0], held[1]):
                best[key] = (int(count), unit)
        return sorted((unit for _count, unit in best.values()), key=folded)


_HEADINGS = ("part", "section", "item")


def _heading_key(payload: Mapping[str, Any]) -> str | None:
    """The unit key of a body heading that is no table row, else None."""
    heading = payload.get("heading")
    if payload.get("kind") not in _HEADINGS or not heading or payload.get("target") is not None:
        return None
    return unit_key(str(heading)) or None


COUNT_KINDS = ("word", "pair", "unit", "clauses")
# kept with the corpus counts: how many clauses with rows have a deadline in each window
# (`deadline_windows`), so that a list by year or quarter over every plan is counted by one
# read instead of counting its rows (thousands at a national scale)
DEADLINE_KIND = "deadline"
_DEADLINE_COUNTS_META = "deadline_counts"
_LACKING_META = "lacking_columns"  # `lacking_columns` filled (a store from before it was kept)
# kept with the corpus counts: in how many plans each (role, header) column is filled
COLUMN_KIND = "column"
# kept with the corpus counts: how many plans name each unit in their rows (in some role) but
# have no column of a role (`column_term(role, unit key)`), schema 14
LACKING_KIND = "lacking"
_COLUMN_SEPARATOR = "\t"


def column_term(role: str, header: str) -> str:
    """A column (the parser's role for it, its header) as one key of the kept counts."""
    return f"{role}{_COLUMN_SEPARATOR}{header}"


def _column_of(term: str) -> tuple[str, str]:
    role, _, header = term.partition(_COLUMN_SEPARATOR)
    return role, header


def corpus_counts(payloads: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """The statistics the answering side derives from every clause (term weights, the unit
    vocabulary), for one document's index payloads: in how many clauses each accent-free
    word and word pair of "path + search text" occurs, how often the tables name each unit
    spelling, and the clause count."""
    from collections import Counter

    from retrieval.relevance import pairs_of, words_of

    words: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    units: Counter[str] = Counter()
    windows: Counter[str] = Counter()
    clauses = 0
    for payload in payloads:
        text = f"{payload.get('path') or ''} {payload.get('search_text') or ''}"
        words.update(words_of(text))
        pairs.update(pairs_of(text))
        clauses += 1
        target = payload.get("target")
        if target is not None:
            for field in ("monitoring_units", "lead_units", "cooperating_units"):
                units.update(target.get(field) or ())
            deadline = target.get("deadline") or {}
            windows.update(
                deadline_windows(
                    deadline.get("year"), deadline.get("quarter"), deadline.get("month")
                )
            )
    counts = {
        "word": dict(words),
        "pair": dict(pairs),
        "unit": dict(units),
        "clauses": {"": clauses},
    }
    if windows:
        counts[DEADLINE_KIND] = dict(windows)
    return counts


def deadline_windows(year: object, quarter: object, month: object) -> list[str]:
    """The windows a row's deadline as written falls in, as `window_key` names them: its
    year and every year ("*"), with its month, and its quarter (written, or its month's),
    by `_row_filter`'s rule; none without a year."""
    if year is None:
        return []
    years = [str(int(str(year))), "*"]
    keys = list(years)
    if month is not None:
        keys += [f"{y}-m{int(str(month))}" for y in years]
    within = None if month is None else int(str(month))
    effective = (
        int(str(quarter))
        if quarter is not None
        else ((within - 1) // 3 + 1 if within is not None and 1 <= within <= 12 else None)
    )
    if effective is not None:
        keys += [f"{y}-q{effective}" for y in years]
    return keys


def window_key(year: int | None, quarter: int | None, month: int | None) -> str:
    """The name of a deadline window (`RowQuery.in_window`) among the kept counts."""
    prefix = "*" if year is None else str(year)
    if month is not None:
        return f"{prefix}-m{month}"
    if quarter is not None:
        return f"{prefix}-q{quarter}"
    return prefix


def _add_counts(writer: _Writer, counts: Mapping[str, Mapping[str, int]], sign: int) -> None:
    """Add (sign 1) or take away (sign -1) one document's counts from the sums."""
    rows = [(kind, term, sign * n) for kind, terms in counts.items() for term, n in terms.items()]
    if not rows:
        return
    writer.executemany(
        "INSERT INTO term_counts VALUES (?, ?, ?) ON CONFLICT (kind, term) "
        "DO UPDATE SET n = term_counts.n + excluded.n",
        rows,
    )
    if sign < 0:  # the terms just decreased, by key: not a scan of the whole vocabulary
        writer.executemany(
            "DELETE FROM term_counts WHERE kind = ? AND term = ? AND n <= 0",
            [(kind, term) for kind, term, _ in rows],
        )


def _take_numbers(writer: _Writer, keys: Sequence[tuple[str, str, str]]) -> None:
    """Take one plan away from the counts of these (number, level, name) keys, before its
    rows are deleted: a place or level left with no plan is dropped."""
    if not keys:
        return
    writer.executemany(
        "UPDATE number_places SET plans = plans - 1 "
        "WHERE number = ? AND place_level = ? AND place_name = ?",
        keys,
    )
    writer.executemany(
        "UPDATE number_levels SET plans = plans - 1, unplaced = unplaced - ?, places = places - "
        "(SELECT COUNT(*) FROM number_places p WHERE p.number = ? AND p.place_level = ? "
        "AND p.place_name = ? AND p.plans <= 0 AND p.place_name != '') "
        "WHERE number = ? AND place_level = ?",
        [(0 if name else 1, number, level, name, number, level) for number, level, name in keys],
    )
    writer.executemany(
        "DELETE FROM number_places "
        "WHERE number = ? AND place_level = ? AND place_name = ? AND plans <= 0",
        keys,
    )
    writer.executemany(
        "DELETE FROM number_levels WHERE number = ? AND place_level = ? AND plans <= 0",
        sorted({(number, level) for number, level, _name in keys}),
    )


def _first_after_removal(
    writer: _Writer, document_id: str, keys: Sequence[tuple[str, str, str]]
) -> None:
    """After a plan's rows are deleted: the places whose first plan it was get their next
    (the least id left: one index seek each)."""
    if not keys:
        return
    writer.executemany(
        "UPDATE number_places SET first_id = (SELECT MIN(d.document_id) FROM number_documents d "
        "WHERE d.number = number_places.number AND d.place_level = number_places.place_level "
        "AND d.place_name = number_places.place_name) "
        "WHERE number = ? AND place_level = ? AND place_name = ? AND first_id = ?",
        [(*key, document_id) for key in keys],
    )


def _add_numbers(writer: _Writer, document_id: str, keys: Sequence[tuple[str, str, str]]) -> None:
    """Count one plan in these (number, level, name) keys: its level's plans (and named
    places, when its place is new there) and its place's plans and first plan."""
    if not keys:
        return
    writer.executemany(
        "INSERT INTO number_levels VALUES (?, ?, 0, 0, 0) "
        "ON CONFLICT (number, place_level) DO NOTHING",
        sorted({(number, level) for number, level, _name in keys}),
    )
    writer.executemany(
        "UPDATE number_levels SET plans = plans + 1, unplaced = unplaced + ?, places = places + "
        "(CASE WHEN ? = 0 OR EXISTS (SELECT 1 FROM number_places p WHERE p.number = ? "
        "AND p.place_level = ? AND p.place_name = ?) THEN 0 ELSE 1 END) "
        "WHERE number = ? AND place_level = ?",
        [
            (0 if name else 1, 1 if name else 0, number, level, name, number, level)
            for number, level, name in keys
        ],
    )
    writer.executemany(
        "INSERT INTO number_places VALUES (?, ?, ?, 1, ?) "
        "ON CONFLICT (number, place_level, place_name) DO UPDATE SET "
        "plans = number_places.plans + 1, first_id = CASE WHEN excluded.first_id < "
        "number_places.first_id THEN excluded.first_id ELSE number_places.first_id END",
        [(*key, document_id) for key in keys],
    )


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


def _like(text: str) -> str:
    return text.replace("%", "").replace("_", "")


def _row_filter(query: RowQuery) -> tuple[str, list[object]]:
    clauses = ["1 = 1"]
    parameters: list[object] = []
    if query.documents:
        clauses.append(f"document_id IN ({_marks(query.documents)})")
        parameters.extend(query.documents)
    if query.unit_keys:
        clauses.append(f"unit_key IN ({_marks(query.unit_keys)})")
        parameters.extend(query.unit_keys)
    roles = _roles(query)
    if roles:
        clauses.append(f"role IN ({_marks(roles)})")
        parameters.extend(roles)
    if query.due_from is not None:
        clauses.append("due >= ?")
        parameters.append(query.due_from)
    if query.due_to is not None:
        clauses.append("due <= ?")
        parameters.append(query.due_to)
    if query.period:
        clauses.append("period = ?")
        parameters.append(query.period)
    if query.in_window is not None:
        year, quarter, month = query.in_window
        clauses.append("deadline_year IS NOT NULL")
        if year is not None:
            clauses.append("deadline_year = ?")
            parameters.append(year)
        if month is not None:
            clauses.append("deadline_month = ?")
            parameters.append(month)
        elif quarter is not None:
            clauses.append(
                "(deadline_quarter = ? OR (deadline_quarter IS NULL AND deadline_month "
                "BETWEEN ? AND ?))"
            )
            parameters.extend((quarter, 3 * quarter - 2, 3 * quarter))
    cover = query.covering
    if cover is not None and cover.concepts and query.unit_keys:
        if _selective(cover):
            sql, values = _covered_rows(cover, query.unit_keys, roles, query.documents)
            clauses.append(f"clause_id IN (SELECT clause_id FROM ({sql}) covered)")
            parameters.extend(values)
    elif cover is not None and cover.concepts:
        credits, values = _cover_sum(cover)
        clauses.append(f"({credits}) >= ?")
        parameters.extend([*values, cover.least - _SLACK])
    return " AND ".join(clauses), parameters


def _selective(cover: TermCover) -> bool:
    """Whether a row must have some of the cover's terms to be kept: every way of crediting
    a concept needs a present term, so with a bound above zero a row with none is out (a
    bound of zero keeps every row)."""
    return cover.least - _SLACK > 0


def _covered_only(
    query: RowQuery, before: tuple[str, int, str] | None = None
) -> tuple[str, list[object]] | None:
    """`_covered_rows` for a query that asks nothing but a unit's rows (in a role, in some
    plans) on a topic: its clauses are exactly the query's, so it is counted and paged
    alone (those before `before` in list order only, with one). None for any other query."""
    cover = query.covering
    if cover is None or not cover.concepts or not query.unit_keys or not _selective(cover):
        return None
    bare = RowQuery(
        documents=query.documents,
        role=query.role,
        roles=query.roles,
        unit_keys=query.unit_keys,
        covering=cover,
        limit=query.limit,
        offset=query.offset,
    )
    if query != bare:
        return None
    return _covered_rows(cover, query.unit_keys, _roles(query), query.documents, before)


def _roles(query: RowQuery) -> list[str]:
    """The roles a query asks (none: any role)."""
    return [query.role] if query.role else list(dict.fromkeys(query.roles))


def _cover_terms(cover: TermCover) -> list[str]:
    """Every term a `TermCover` tests, sorted."""
    return sorted(
        {term for ways in cover.concepts for way in ways for term in (*way.present, *way.absent)}
    )


def _covered_rows(
    cover: TermCover,
    unit_keys: Sequence[str],
    role: Sequence[str],
    documents: Sequence[str] = (),
    before: tuple[str, int, str] | None = None,
) -> tuple[str, list[object]]:
    """SQL selecting (clause_id, d: its plan, s: its start) of each row naming one of the
    units (in one of `role`, or any role; in `documents`, or any plan) whose words cover the topic
    (`TermCover`, the same credits summed concept by concept as `_cover_sum`): one pass
    over `unit_terms` entries of the cover's terms under those units, grouped by row. A row
    with none of the terms is never read (`_selective`: it could not be kept). With
    `before` (plan, start, clause), only the entries before it in list order."""
    roles = list(role) or list(ROLE_FIELDS)
    units = list(dict.fromkeys(unit_keys))
    # each term's keys: one per unit and role asked
    keys = {
        term: [unit_term_key(unit, part, term) for unit in units for part in roles]
        for term in _cover_terms(cover)
    }
    every = [key for term_keys in keys.values() for key in term_keys]

    def flag(term: str) -> str:
        return f"MAX(CASE WHEN key IN ({_marks(keys[term])}) THEN 1 ELSE 0 END)"

    parts: list[str] = []
    values: list[object] = []
    for ways in cover.concepts:
        arms: list[str] = []
        for way in ways:
            tests = [f"{flag(t)} = 1" for t in way.present] + [f"{flag(t)} = 0" for t in way.absent]
            arms.append(f"WHEN {' AND '.join(tests)} THEN ?")
            for term in (*way.present, *way.absent):
                values.extend(keys[term])
            values.append(float(way.credit))
        parts.append(f"CASE {' '.join(arms)} ELSE 0.0 END")
    in_documents = f" AND document_id IN ({_marks(documents)})" if documents else ""
    bounded = " AND (document_id, start, tail) < (?, ?, ?)" if before else ""
    limit = () if before is None else (before[0], before[1], clause_tail(before[2], before[0]))
    sql = (
        "SELECT document_id || ':' || tail AS clause_id, document_id AS d, MIN(start) AS s "
        f"FROM unit_terms WHERE key IN ({_marks(every)}){in_documents}{bounded} "
        f"GROUP BY document_id, tail HAVING ({' + '.join(parts)}) >= ?"
    )
    parameters: list[object] = [*every, *documents, *limit, *values]
    parameters.append(cover.least - _SLACK)
    return sql, parameters


@lru_cache(maxsize=1 << 16)
def unit_term_key(unit: str, role: str, term: str) -> int:
    """The 64-bit key of a term under a unit in a role (`unit_terms`): a stable hash, so
    that each entry holds 8 bytes instead of the three texts (two of ten million distinct
    triples share a key with a chance of about 3 in a million). Kept for the last 65,536
    triples: a plan names each of them for many rows, and plans share units and words."""
    digest = hashlib.blake2b(f"{unit}\x1f{role}\x1f{term}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def clause_tail(clause_id: str, document_id: str) -> str:
    """A clause id after its plan's "<plan id>:" (the parser names clauses so)."""
    prefix = f"{document_id}:"
    if not clause_id.startswith(prefix):
        raise ValueError(f"clause {clause_id!r} is not named under its plan {document_id!r}")
    return clause_id[len(prefix) :]


def _cover_sum(cover: TermCover) -> tuple[str, list[object]]:
    """The SQL sum of a `TermCover`'s credits for the row of `responsibilities` at hand:
    a CASE per concept, each term an indexed probe of `row_terms`."""
    has = (
        "EXISTS (SELECT 1 FROM row_terms t "
        "WHERE t.clause_id = responsibilities.clause_id AND t.term = ?)"
    )
    parts: list[str] = []
    values: list[object] = []
    for ways in cover.concepts:
        arms: list[str] = []
        for way in ways:
            tests = [has for _ in way.present] + [f"NOT {has}" for _ in way.absent]
            arms.append(f"WHEN {' AND '.join(tests) or '1 = 1'} THEN ?")
            values.extend([*way.present, *way.absent, float(way.credit)])
        parts.append(f"CASE {' '.join(arms)} ELSE 0.0 END")
    return " + ".join(parts), values
