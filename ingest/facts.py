"""Structured facts in SQLite: documents, numbered clauses and responsibility rows, indexed.

The vector index answers "which clauses are about this?"; this store answers the exact
questions a list or a look-up asks — "every row Công an tỉnh leads, due before 10/2025",
"the plans numbered 19", "clause 6.6 in these plans" — as indexed SQL queries with exact
counts and paging, so their cost does not grow with the number of plans loaded.

One file in the kehoach home (`facts.sqlite3`), WAL mode so readers never wait for the
writer; each document is replaced in one transaction, so a crash leaves either the old
or the new version of it, never a mix.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.domain import ParsedPlan, Target
from ingest.normalize_vi import folded
from ingest.parser.units import unit_key

SCHEMA_VERSION = 1
# the role of a unit in a row, as the index payloads and the API name it
ROLE_FIELDS = {
    "monitoring": "monitoring_units",
    "lead": "lead_units",
    "cooperating": "cooperating_units",
}
_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    title TEXT NOT NULL,
    number TEXT,
    number_digits TEXT,
    kind TEXT,
    issuer TEXT,
    place_level TEXT,
    place_key TEXT,
    issued_year INTEGER
);
CREATE INDEX IF NOT EXISTS documents_number ON documents (number_digits);
CREATE INDEX IF NOT EXISTS documents_place ON documents (place_key);
CREATE TABLE IF NOT EXISTS clauses (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    number TEXT,
    kind TEXT NOT NULL,
    parent_id TEXT,
    period TEXT,
    start INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS clauses_number ON clauses (number, document_id);
CREATE INDEX IF NOT EXISTS clauses_document ON clauses (document_id, start);
CREATE TABLE IF NOT EXISTS responsibilities (
    clause_id TEXT NOT NULL REFERENCES clauses (id) ON DELETE CASCADE,
    document_id TEXT NOT NULL,
    role TEXT NOT NULL,
    unit TEXT NOT NULL,
    unit_key TEXT NOT NULL,
    due INTEGER,
    period TEXT,
    source TEXT NOT NULL,
    start INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS responsibilities_unit ON responsibilities (unit_key, role);
CREATE INDEX IF NOT EXISTS responsibilities_due ON responsibilities (due);
CREATE INDEX IF NOT EXISTS responsibilities_document ON responsibilities (document_id, start);
"""


@dataclass(frozen=True)
class RowQuery:
    """Which responsibility rows to list; every field narrows, none means "any"."""

    documents: tuple[str, ...] = ()
    role: str | None = None  # "lead", "cooperating", "monitoring" … or None for any role
    unit_keys: tuple[str, ...] = ()
    due_from: int | None = None  # yyyymmdd, inclusive
    due_to: int | None = None
    period: str | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class RowPage:
    """One page of matching rows: their clause ids in document order, and the exact total."""

    total: int
    clause_ids: tuple[str, ...]


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


def _due(target: Target) -> int | None:
    due = target.deadline.due if target.deadline else None
    return due.year * 10000 + due.month * 100 + due.day if due else None


def responsibility_rows(target: Target) -> Iterable[tuple[str, str, str]]:
    """(role, unit, unit key) for every unit a row names, once per role."""
    for role, field in ROLE_FIELDS.items():
        seen: set[str] = set()
        for unit in getattr(target, field):
            key = unit_key(unit)
            if key and key not in seen:
                seen.add(key)
                yield role, unit, key


class FactStore:
    """The SQLite store of one kehoach home (thread-safe; one writer at a time)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA foreign_keys=ON")
            self._connection.executescript(_SCHEMA)
            self._connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    # ---- writing ----------------------------------------------------------------------

    def put_document(self, plan: ParsedPlan) -> None:
        """Store (or replace) one parsed document in a single transaction."""
        document = plan.document
        clauses = {clause.id: clause for clause in plan.clauses}
        year = document.issued_date[:4] if document.issued_date else None
        with self._lock:
            cursor = self._connection.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                cursor.execute("DELETE FROM documents WHERE id = ?", (document.id,))
                cursor.execute(
                    "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        document.id,
                        document.content_hash,
                        document.title,
                        document.number,
                        number_digits(document.number),
                        document.kind,
                        document.issuer,
                        document.place.level if document.place else None,
                        folded(document.place.name)
                        if document.place and document.place.name
                        else None,
                        int(year) if year and year.isdigit() else None,
                    ),
                )
                cursor.executemany(
                    "INSERT INTO clauses VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            clause.id,
                            document.id,
                            clause.number,
                            clause.kind.value,
                            clause.parent_id,
                            clause.period,
                            clause.start,
                        )
                        for clause in plan.clauses
                    ],
                )
                cursor.executemany(
                    "INSERT INTO responsibilities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            target.clause_id,
                            document.id,
                            role,
                            unit,
                            key,
                            _due(target),
                            target.period,
                            target.source,
                            clauses[target.clause_id].start if target.clause_id in clauses else 0,
                        )
                        for target in plan.targets
                        if target.clause_id in clauses
                        for role, unit, key in _with_unassigned(target)
                    ],
                )
                cursor.execute("COMMIT")
            except BaseException:
                cursor.execute("ROLLBACK")
                raise

    def remove_document(self, document_id: str) -> None:
        """Forget one document and everything stored for it."""
        with self._lock:
            self._connection.execute("DELETE FROM documents WHERE id = ?", (document_id,))

    # ---- reading ----------------------------------------------------------------------

    def document_ids(self) -> list[str]:
        return [row[0] for row in self._query("SELECT id FROM documents ORDER BY id", ())]

    def version(self, document_id: str) -> str | None:
        rows = self._query("SELECT version FROM documents WHERE id = ?", (document_id,))
        return rows[0][0] if rows else None

    def documents_numbered(self, number: str) -> list[str]:
        """Documents whose số hiệu starts with these figures ("19", "19/KH-UBND")."""
        digits = number_digits(number)
        if digits is None:
            return []
        sql = "SELECT id FROM documents WHERE number_digits = ? ORDER BY id"
        return [row[0] for row in self._query(sql, (digits,))]

    def documents_in_place(self, place_name: str) -> list[str]:
        """Documents governing a place of this name (accents optional)."""
        sql = "SELECT id FROM documents WHERE place_key = ? ORDER BY id"
        return [row[0] for row in self._query(sql, (folded(place_name),))]

    def clauses_numbered(self, number: str, documents: Sequence[str] = ()) -> list[str]:
        """Ids of the clauses labelled `number` ("6.6", "II", "Phụ lục 1"), in these plans."""
        sql = "SELECT id FROM clauses WHERE number = ?"
        parameters: list[object] = [number]
        if documents:
            sql += f" AND document_id IN ({_marks(documents)})"
            parameters.extend(documents)
        return [row[0] for row in self._query(sql + " ORDER BY document_id, start", parameters)]

    def rows(self, query: RowQuery) -> RowPage:
        """Responsibility rows matching `query`: one page of clause ids and the exact total."""
        where, parameters = _row_filter(query)
        total = self._query(
            f"SELECT COUNT(DISTINCT clause_id) FROM responsibilities WHERE {where}", parameters
        )[0][0]
        page = self._query(
            f"SELECT clause_id, MIN(document_id) AS d, MIN(start) AS s FROM responsibilities "
            f"WHERE {where} GROUP BY clause_id ORDER BY d, s LIMIT ? OFFSET ?",
            [*parameters, max(0, query.limit), max(0, query.offset)],
        )
        return RowPage(int(total), tuple(row[0] for row in page))

    def unit_names(self, documents: Sequence[str] = ()) -> list[str]:
        """One written name per distinct unit (its most frequent spelling), sorted."""
        sql = (
            "SELECT unit_key, unit, COUNT(*) AS n FROM responsibilities WHERE role != ''"
            + (f" AND document_id IN ({_marks(documents)})" if documents else "")
            + " GROUP BY unit_key, unit ORDER BY unit_key, n DESC, unit"
        )
        names: dict[str, str] = {}
        for key, unit, _count in self._query(sql, list(documents)):
            names.setdefault(key, unit)
        return sorted(names.values(), key=folded)

    def _query(self, sql: str, parameters: Sequence[object]) -> list[tuple]:
        with self._lock:
            return self._connection.execute(sql, tuple(parameters)).fetchall()


def _with_unassigned(target: Target) -> Iterable[tuple[str, str, str]]:
    """A row's units by role; a row naming no unit still counts for period/deadline lists."""
    rows = list(responsibility_rows(target))
    return rows or [("", "", "")]


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


def _row_filter(query: RowQuery) -> tuple[str, list[object]]:
    clauses = ["1 = 1"]
    parameters: list[object] = []
    if query.documents:
        clauses.append(f"document_id IN ({_marks(query.documents)})")
        parameters.extend(query.documents)
    if query.unit_keys:
        clauses.append(f"unit_key IN ({_marks(query.unit_keys)})")
        parameters.extend(query.unit_keys)
    if query.role:
        clauses.append("role = ?")
        parameters.append(query.role)
    if query.due_from is not None:
        clauses.append("due >= ?")
        parameters.append(query.due_from)
    if query.due_to is not None:
        clauses.append("due <= ?")
        parameters.append(query.due_to)
    if query.period:
        clauses.append("period = ?")
        parameters.append(query.period)
    return " AND ".join(clauses), parameters
