"""The state API replicas share when `KEHOACH_DATABASE_URL` names a PostgreSQL database.

One `kehoach serve` keeps conversations, rate-limit buckets, webhook replay ids, its job
queue and the chats' pageable lists in memory (or, for replay ids, a SQLite file in the
home). Behind a proxy, several replicas must share them or a follow-up, a limit, a
replayed event or a job depends on which replica a request lands on: with a database URL
they live in these tables, beside the facts store's. Every statement is short and
committed at once (autocommit), or runs in one transaction where it reads before it writes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ingest.errors import ConfigurationError

logger = logging.getLogger(__name__)

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS kehoach_conversations (
        id TEXT PRIMARY KEY, owner TEXT NOT NULL, state TEXT NOT NULL,
        last_used DOUBLE PRECISION NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS kehoach_conversations_used ON kehoach_conversations (last_used)",
    """CREATE TABLE IF NOT EXISTS kehoach_rate_buckets (
        name TEXT NOT NULL, key TEXT NOT NULL, tokens DOUBLE PRECISION NOT NULL,
        updated DOUBLE PRECISION NOT NULL, PRIMARY KEY (name, key))""",
    "CREATE INDEX IF NOT EXISTS kehoach_rate_buckets_updated ON kehoach_rate_buckets (updated)",
    """CREATE TABLE IF NOT EXISTS kehoach_webhook_seen (
        key TEXT PRIMARY KEY, at DOUBLE PRECISION NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS kehoach_webhook_seen_at ON kehoach_webhook_seen (at)",
    """CREATE TABLE IF NOT EXISTS kehoach_jobs (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, document_id TEXT, status TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL, started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ,
        result TEXT, failure_code TEXT, failure_message TEXT,
        cancel_requested BOOLEAN NOT NULL DEFAULT FALSE, replica TEXT NOT NULL,
        heartbeat DOUBLE PRECISION NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS kehoach_jobs_status ON kehoach_jobs (status, created_at)",
    # Jobs any replica may run (`api.shared_jobs`): the input travels in the row (an
    # upload's bytes, at most the API's upload limit), kept until the job succeeds; a
    # table made before these columns gets them here.
    "ALTER TABLE kehoach_jobs ADD COLUMN IF NOT EXISTS durable BOOLEAN NOT NULL DEFAULT FALSE",
    "ALTER TABLE kehoach_jobs ADD COLUMN IF NOT EXISTS input_data BYTEA",
    "ALTER TABLE kehoach_jobs ADD COLUMN IF NOT EXISTS input_name TEXT",
    "ALTER TABLE kehoach_jobs ADD COLUMN IF NOT EXISTS input_encoding TEXT",
    "ALTER TABLE kehoach_jobs ADD COLUMN IF NOT EXISTS attempts INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX IF NOT EXISTS kehoach_jobs_finished ON kehoach_jobs (finished_at)",
    # the long lists a chat can still page (`bot.list_pages`): a button's token → the list
    """CREATE TABLE IF NOT EXISTS kehoach_list_pages (
        token TEXT PRIMARY KEY, chat TEXT NOT NULL, state TEXT NOT NULL,
        latest BOOLEAN NOT NULL, last_used DOUBLE PRECISION NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS kehoach_list_pages_chat ON kehoach_list_pages (chat) WHERE latest",
    "CREATE INDEX IF NOT EXISTS kehoach_list_pages_used ON kehoach_list_pages (last_used)",
)


class StateDatabase:
    """One autocommit psycopg connection behind a lock, with the shared tables created."""

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as error:  # pragma: no cover - an install without the extra
            raise ConfigurationError(
                "KEHOACH_DATABASE_URL cần gói psycopg: pip install 'kehoach[postgres]'"
            ) from error
        self._lock = threading.Lock()
        self._url = url
        try:
            self._connection = psycopg.connect(url, autocommit=True)
            with self._connection.transaction():
                # replicas starting together: one creates the tables, the others wait
                self._connection.execute("SELECT pg_advisory_xact_lock(4242016)")
                for statement in SCHEMA:
                    self._connection.execute(statement)
        except psycopg.Error as error:
            raise ConfigurationError(
                f"không kết nối được cơ sở dữ liệu trạng thái (KEHOACH_DATABASE_URL): {error}"
            ) from error

    def query(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Rows of one statement (an empty list for statements that return none)."""
        with self._lock:
            cursor = self._connection.execute(sql, parameters)
            return list(cursor.fetchall()) if cursor.description else []

    def execute(self, sql: str, parameters: Sequence[object] = ()) -> int:
        """Run one statement; how many rows it changed."""
        with self._lock:
            return int(self._connection.execute(sql, parameters).rowcount)

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A cursor whose statements commit together (or not at all)."""
        with self._lock, self._connection.transaction():
            yield self._connection.cursor()

    def listener(self, channel: str, wake: Callable[[], None]) -> ChannelListener:
        """A listener on `channel` over a connection of its own (not started)."""
        return ChannelListener(self._url, channel, wake)

    def close(self) -> None:
        with self._lock:
            self._connection.close()


class ChannelListener:
    """`LISTEN` on one channel in a thread with its own connection, calling `wake` at each
    notification (and once on every connect, for what was sent while it was away).

    A wake-up, not a delivery: whoever is woken still reads the tables, and keeps polling
    them meanwhile, so a lost connection (a restart, a pooler in transaction mode that does
    not pass `LISTEN` on) only slows it to the poll; the listener reconnects every
    `retry_s`."""

    APPLICATION_NAME = "kehoach-listener"

    def __init__(
        self,
        url: str,
        channel: str,
        wake: Callable[[], None],
        *,
        check_s: float = 0.5,
        retry_s: float = 5.0,
    ) -> None:
        self._url = url
        self._channel = channel
        self._wake = wake
        self._check_s = check_s  # how soon `stop` is noticed
        self._retry_s = retry_s
        self._stop = threading.Event()
        self.listening = threading.Event()  # set while connected and listening
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name=f"kehoach-listen-{self._channel}", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(self._check_s * 4 + 5)

    def _run(self) -> None:
        import psycopg
        from psycopg import sql

        while not self._stop.is_set():
            try:
                with psycopg.connect(
                    self._url, autocommit=True, application_name=self.APPLICATION_NAME
                ) as connection:
                    connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._channel)))
                    # woken before it says it listens: whoever trusts `listening` to skip
                    # a read has been told to read what was committed while it was away
                    self._wake()
                    self.listening.set()
                    while not self._stop.is_set():
                        for _ in connection.notifies(timeout=self._check_s):
                            self._wake()
            except psycopg.Error:
                logger.warning(
                    "LISTEN %s lost; polling until it is back", self._channel, exc_info=True
                )
            finally:
                self.listening.clear()
            self._stop.wait(self._retry_s)
