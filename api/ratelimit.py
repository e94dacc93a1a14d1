"""In-memory token buckets, one per API key and one per client address.

A bucket holds up to `burst` tokens and refills at `rate` tokens a second; a request takes
one. The table of buckets is bounded (least recently used dropped first): a dropped bucket
comes back full, which only ever errs towards letting a request through. One process only;
API replicas behind a proxy share `SharedTokenBuckets` (in PostgreSQL) instead.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from ingest.state_db import StateDatabase

Clock = Callable[[], float]


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """Token buckets keyed by a string; `take` answers 0 or the seconds to wait."""

    does_io = False  # `take` is a dictionary update: fine on the event loop

    def __init__(
        self,
        rate: float,
        burst: int,
        clock: Clock = time.monotonic,
        max_buckets: int = 100_000,
    ) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._clock = clock
        self._max_buckets = max_buckets
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self._rate > 0

    def take(self, key: str) -> int:
        """Take a token for `key`: 0 when allowed, else whole seconds until one is back."""
        if not self.enabled:
            return 0
        now = self._clock()
        with self._lock:
            bucket = self._buckets.pop(key, None) or _Bucket(self._burst, now)
            bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.updated) * self._rate)
            bucket.updated = now
            self._buckets[key] = bucket  # most recently used last
            if len(self._buckets) > self._max_buckets:
                self._buckets.popitem(last=False)
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0
            return max(1, math.ceil((1 - bucket.tokens) / self._rate))


class SharedTokenBuckets:
    """The same buckets in the replicas' shared database (`KEHOACH_DATABASE_URL`), so a
    key's limit holds across every replica behind the proxy.

    Each take reads and updates its row in one transaction (the row is locked meanwhile).
    `name` keeps tables of different buckets apart (per key, per address, webhooks).
    """

    does_io = True  # `take` waits for the database: run it off the event loop

    def __init__(
        self,
        database: StateDatabase,
        name: str,
        rate: float,
        burst: int,
        clock: Clock = time.time,
    ) -> None:
        self._db = database
        self._name = name
        self._rate = rate
        self._burst = float(burst)
        self._clock = clock  # wall-clock seconds: replicas compare each other's times
        self._takes = 0

    @property
    def enabled(self) -> bool:
        return self._rate > 0

    def take(self, key: str) -> int:
        """Take a token for `key`: 0 when allowed, else whole seconds until one is back."""
        if not self.enabled:
            return 0
        now = self._clock()
        with self._db.transaction() as cursor:
            cursor.execute(
                "INSERT INTO kehoach_rate_buckets (name, key, tokens, updated) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT (name, key) DO NOTHING",
                (self._name, key, self._burst, now),
            )
            tokens, updated = cursor.execute(
                "SELECT tokens, updated FROM kehoach_rate_buckets "
                "WHERE name = %s AND key = %s FOR UPDATE",
                (self._name, key),
            ).fetchone()
            tokens = min(self._burst, tokens + max(0.0, now - updated) * self._rate)
            allowed = tokens >= 1
            cursor.execute(
                "UPDATE kehoach_rate_buckets SET tokens = %s, updated = %s "
                "WHERE name = %s AND key = %s",
                (tokens - 1 if allowed else tokens, max(now, updated), self._name, key),
            )
        self._takes += 1
        if self._takes % _PRUNE_EVERY == 0:
            self._prune(now)
        if allowed:
            return 0
        return max(1, math.ceil((1 - tokens) / self._rate))

    def _prune(self, now: float) -> None:
        """Drop buckets that have refilled completely: a missing bucket starts full."""
        self._db.execute(
            "DELETE FROM kehoach_rate_buckets WHERE name = %s AND updated < %s",
            (self._name, now - self._burst / self._rate),
        )


_PRUNE_EVERY = 1024  # takes between two prunings
