"""The catalog of ingested documents in PostgreSQL: the server path's commit record.

With `KEHOACH_DATABASE_URL` set, several `kehoach serve` replicas (each with a home of its
own) share one Qdrant server and one database. The facts already live in that database;
the catalog — which document versions are committed — lives there too, so a plan one
replica ingests is answered by every other at its next question, with no shared folder.

Tables: `kehoach_catalog` (one row per document, its entry as JSON) and
`kehoach_catalog_revision` (one row, a number bumped in the transaction of every commit).
A reader compares that number with the one it last read and reads every row again only when
it moved. Each commit also sends a notification (`NOTIFY kehoach_catalog`): a reader
listening for it (`may_have_changed`, the per-question check) reads the number only after a
notification, or once a second in case one was lost, so a question costs no database read.
Writers of all replicas are serialised by `DatabaseWriteLock` (a PostgreSQL advisory lock),
the cross-process lock a shared home's file lock is on the embedded path.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.catalog import Catalog, CatalogEntry, DocumentCatalog
from ingest.errors import ConfigurationError
from ingest.state_db import ChannelListener

if TYPE_CHECKING:
    from ingest.settings import Settings

logger = logging.getLogger(__name__)

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS kehoach_catalog (
        id TEXT PRIMARY KEY, entry TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS kehoach_catalog_revision (
        one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one), revision BIGINT NOT NULL)""",
    "INSERT INTO kehoach_catalog_revision VALUES (TRUE, 0) ON CONFLICT DO NOTHING",
)
_CREATE_LOCK = 4242017  # replicas starting together: one creates the tables
CHANNEL = "kehoach_catalog"  # notified in the transaction of every commit
# the longest a reader told of commits goes without reading the revision (a notification
# lost with a connection the listener has not yet seen drop)
RECHECK_S = 1.0


def _connect(url: str) -> Any:
    try:
        import psycopg
    except ImportError as error:  # pragma: no cover - an install without the extra
        raise ConfigurationError(
            "KEHOACH_DATABASE_URL cần gói psycopg: pip install 'kehoach[postgres]'"
        ) from error
    try:
        return psycopg.connect(url, autocommit=True)
    except psycopg.Error as error:
        raise ConfigurationError(
            f"không kết nối được cơ sở dữ liệu PostgreSQL (KEHOACH_DATABASE_URL): {error}"
        ) from error


class DatabaseCatalog(DocumentCatalog):
    """The catalog in PostgreSQL; same contract as the home's `Catalog` files."""

    def __init__(self, url: str, path: Path) -> None:
        """`path`: where the home would keep `catalog.json` (its kept sources are beside)."""
        super().__init__()
        self.path = path
        self._lock = threading.Lock()
        self._url = url
        self._connection = _connect(url)
        self._revision = -1
        self._checked_at = 0.0  # when the revision was last read (monotonic)
        self._notified = threading.Event()  # a commit was announced since the last read
        self._listener: ChannelListener | None = None
        self._listener_lock = threading.Lock()
        try:
            with self._connection.transaction():
                self._connection.execute("SELECT pg_advisory_xact_lock(%s)", (_CREATE_LOCK,))
                for statement in _SCHEMA:
                    self._connection.execute(statement)
            self.reload()
        except BaseException:
            self._connection.close()
            raise

    def reload(self) -> None:
        """Read every committed entry and the revision they are, as one snapshot."""
        with self._lock, self._connection.transaction():
            self._connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            revision = self._read_revision()
            rows = self._connection.execute("SELECT id, entry FROM kehoach_catalog").fetchall()
        entries = {str(key): CatalogEntry(**json.loads(entry)) for key, entry in rows}
        self._revision = revision
        self.entries.clear()
        self.entries.update(entries)

    def changed_on_disk(self) -> bool:
        """Whether any replica committed since this one last read or wrote (one read of
        the revision row)."""
        with self._lock:
            return self._read_revision() != self._revision

    def may_have_changed(self) -> bool:
        """`changed_on_disk`, read only when a commit was announced since the last read,
        or `RECHECK_S` passed, or the notifications are not (yet) heard: otherwise False
        from memory (the listener starts at the first call)."""
        listener = self._listener or self._listen()
        if not listener.listening.is_set():
            return self.changed_on_disk()
        if self._notified.is_set():
            self._notified.clear()  # before the read: a commit after it notifies again
            return self.changed_on_disk()
        if time.monotonic() - self._checked_at > RECHECK_S:
            return self.changed_on_disk()
        return False

    def wait_for_announcement(self, timeout: float) -> bool:
        """Wait until a commit has been announced since the last read, or the listener is
        not (yet) listening (the next check then reads the revision anyway); whether so.
        For a caller that must see another replica's commit at its next question (tests,
        scripts): a notification travels asynchronously, so a question asked a few
        milliseconds after another replica's commit may otherwise still see the old
        catalog, for up to `RECHECK_S`."""
        listener = self._listener
        if listener is None or not listener.listening.is_set():
            return True
        return self._notified.wait(timeout)

    def _listen(self) -> ChannelListener:
        with self._listener_lock:
            if self._listener is None:
                self._listener = ChannelListener(self._url, CHANNEL, self._notified.set)
                self._listener.start()
            return self._listener

    def commit(self, document_id: str) -> None:
        """Record one document's entry (or its absence) and bump the revision, in one
        transaction. When another replica committed meanwhile, its state is read back
        (ours included), so `entries` is the whole committed catalog again."""
        entry = self.entries.get(document_id)
        with self._lock, self._connection.transaction():
            if entry is None:
                self._connection.execute(
                    "DELETE FROM kehoach_catalog WHERE id = %s", (document_id,)
                )
            else:
                self._connection.execute(
                    "INSERT INTO kehoach_catalog VALUES (%s, %s) "
                    "ON CONFLICT (id) DO UPDATE SET entry = EXCLUDED.entry",
                    (document_id, _dumps(entry)),
                )
            revision = self._bump()
        missed = revision != self._revision + 1
        self._revision = revision
        if missed:
            self.reload()

    def save(self) -> None:
        """Replace every committed entry with `entries` (a restore), in one transaction."""
        rows = [(key, _dumps(entry)) for key, entry in sorted(self.entries.items())]
        with self._lock, self._connection.transaction():
            self._connection.execute("DELETE FROM kehoach_catalog")
            if rows:
                with self._connection.cursor() as cursor:
                    cursor.executemany("INSERT INTO kehoach_catalog VALUES (%s, %s)", rows)
            self._revision = self._bump()

    def adopt(self, files: Catalog) -> bool:
        """Take the entries of a home's catalog files when the database holds none yet
        (a deployment moving to the server path); whether it did."""
        if self.entries or not files.entries or self._revision != 0:
            return False
        self.entries.update(files.entries)
        self.save()
        return True

    def close(self) -> None:
        if self._listener is not None:
            self._listener.stop()
        with self._lock:
            self._connection.close()

    def _read_revision(self) -> int:
        self._checked_at = time.monotonic()
        row = self._connection.execute("SELECT revision FROM kehoach_catalog_revision").fetchone()
        return int(row[0])

    def _bump(self) -> int:
        """The next revision, announced to every listener when the transaction commits."""
        row = self._connection.execute(
            "UPDATE kehoach_catalog_revision SET revision = revision + 1 RETURNING revision"
        ).fetchone()
        self._connection.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(row[0])))
        return int(row[0])


class DatabaseWriteLock:
    """The write section across every replica on one database: a session advisory lock
    (keyed by the index collection) on a connection of its own, released at exit or when
    the connection drops (a crashed holder never blocks the others)."""

    def __init__(self, url: str, collection: str) -> None:
        self._url = url
        self._key = zlib.crc32(f"kehoach-write:{collection}".encode()) - 2**31
        self._connection: Any = None
        self._lock = threading.RLock()
        self._depth = 0

    def __call__(self) -> DatabaseWriteLock:
        return self

    def __enter__(self) -> DatabaseWriteLock:
        self._lock.acquire()
        try:
            if self._depth == 0:
                if self._connection is None or self._connection.closed:
                    self._connection = _connect(self._url)
                self._connection.execute("SELECT pg_advisory_lock(%s)", (self._key,))
            self._depth += 1
        except BaseException:
            self._lock.release()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self._depth -= 1
            if self._depth == 0 and not self._connection.closed:
                self._connection.execute("SELECT pg_advisory_unlock(%s)", (self._key,))
        finally:
            self._lock.release()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()


def _dumps(entry: CatalogEntry) -> str:
    return json.dumps(entry.__dict__, ensure_ascii=False, sort_keys=True)


def open_catalog(settings: Settings) -> DocumentCatalog:
    """The catalog of `settings`: in PostgreSQL when `KEHOACH_DATABASE_URL` names one (the
    home's files adopted on its first start there), else the home's files."""
    files = Catalog(settings.catalog_path)
    url = settings.database_url
    if not url or not url.startswith(("postgresql:", "postgres:")):
        return files
    catalog = DatabaseCatalog(url, settings.catalog_path)
    if catalog.adopt(files):
        logger.warning(
            "catalog: %d documents of %s moved into PostgreSQL", len(files.entries), files.path
        )
    return catalog
