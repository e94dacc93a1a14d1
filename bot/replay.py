"""Webhook events already received, remembered across restarts in a small SQLite file.

Zalo re-sends an event it thinks failed, and a captured signed event could be sent again:
either way it must be answered once. Each event's key (its message id, else its signature)
is kept with the time it arrived; keys older than the retention are dropped (events that old
are refused by their timestamp anyway) and at most `max_keys` are kept, oldest dropped first,
so the file stays small. Without a path the store lives in memory (tests, no home). API
replicas sharing a PostgreSQL database (`KEHOACH_DATABASE_URL`) keep the keys there instead.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from ingest.state_db import StateDatabase

logger = logging.getLogger(__name__)

_PRUNE_EVERY = 256  # inserts between two prunings


class ReplayStore:
    """`first_time(key, now)` is True once per key within the retention."""

    def __init__(self, path: Path | None, retention_s: float, max_keys: int = 100_000) -> None:
        self._retention_s = retention_s
        self._max_keys = max_keys
        self._lock = threading.Lock()
        self._inserts = 0
        self._db = self._open(path)

    @staticmethod
    def _open(path: Path | None) -> sqlite3.Connection:
        target = ":memory:"
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            target = str(path)
        try:
            db = sqlite3.connect(target, check_same_thread=False, timeout=5)
            db.execute("CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, at REAL NOT NULL)")
            db.execute("CREATE INDEX IF NOT EXISTS seen_at ON seen (at)")
            db.commit()
        except sqlite3.DatabaseError as error:
            # A damaged file must not stop the webhook: start afresh beside it.
            logger.error("replay store %s is unreadable (%s); starting a new one", path, error)
            if path is None:
                raise
            path.replace(path.with_suffix(path.suffix + ".damaged"))
            return ReplayStore._open(path)
        return db

    def first_time(self, key: str, now: float) -> bool:
        """Record `key`; whether it was not seen before."""
        with self._lock:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO seen (key, at) VALUES (?, ?)", (key, now)
            )
            inserted = cursor.rowcount == 1
            self._inserts += inserted
            if self._inserts >= _PRUNE_EVERY:
                self._prune(now)
            self._db.commit()
            return inserted

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM seen").fetchone()[0])

    def prune(self, now: float) -> None:
        """Drop keys past the retention, then the oldest beyond `max_keys`."""
        with self._lock:
            self._prune(now)
            self._db.commit()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _prune(self, now: float) -> None:
        self._inserts = 0
        self._db.execute("DELETE FROM seen WHERE at < ?", (now - self._retention_s,))
        excess = self._db.execute("SELECT COUNT(*) FROM seen").fetchone()[0] - self._max_keys
        if excess > 0:
            self._db.execute(
                "DELETE FROM seen WHERE key IN (SELECT key FROM seen ORDER BY at LIMIT ?)",
                (excess,),
            )


class SharedReplayStore:
    """The same record in the replicas' shared database (`KEHOACH_DATABASE_URL`): an event
    answered by one replica is refused by every other."""

    def __init__(self, database: StateDatabase, retention_s: float, max_keys: int = 100_000):
        self._db = database
        self._retention_s = retention_s
        self._max_keys = max_keys
        self._inserts = 0

    def first_time(self, key: str, now: float) -> bool:
        """Record `key`; whether no replica had seen it before."""
        inserted = self._db.execute(
            "INSERT INTO kehoach_webhook_seen (key, at) VALUES (%s, %s) "
            "ON CONFLICT (key) DO NOTHING",
            (key, now),
        )
        self._inserts += inserted
        if self._inserts >= _PRUNE_EVERY:
            self.prune(now)
        return inserted == 1

    def __len__(self) -> int:
        return int(self._db.query("SELECT COUNT(*) FROM kehoach_webhook_seen")[0][0])

    def prune(self, now: float) -> None:
        """Drop keys past the retention, then the oldest beyond `max_keys`."""
        self._inserts = 0
        self._db.execute(
            "DELETE FROM kehoach_webhook_seen WHERE at < %s", (now - self._retention_s,)
        )
        self._db.execute(
            "DELETE FROM kehoach_webhook_seen WHERE key IN (SELECT key FROM "
            "kehoach_webhook_seen ORDER BY at DESC OFFSET %s)",
            (self._max_keys,),
        )

    def close(self) -> None:
        """The database belongs to the app: nothing to close here."""
