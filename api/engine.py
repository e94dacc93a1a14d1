"""The engine the routers go through: one `Runtime`, a read-write lock, a current assistant.

Consistency. The ingestor writes a document — upsert the new points, delete the previous
version's leftovers, save the catalog — inside `with runtime.write_lock:`. The engine
makes that lock the write side of a read-write lock, and every request holds the read
side for as long as it reads the index or the catalog. A query therefore runs wholly
before or wholly after a document's write: it never sees a new document half-written,
nor an updated one with points of two versions. Embedding, the slow part of an
ingestion, happens before the write section, so queries are answered meanwhile.

Leaving a write section marks the assistant stale (it holds the directory of documents
and the known unit names read from the old catalog); the next reader rebuilds it, under
the read lock, from the new state. Writes themselves come from one job thread only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast

from api.rwlock import ReadWriteLock
from ingest.catalog import CatalogEntry
from ingest.pipeline import IngestOutcome
from retrieval.assistant import Assistant
from retrieval.runtime import Runtime
from retrieval.search import ClauseSearch

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadView:
    """What one request may read while it holds the read side of the lock."""

    assistant: Assistant
    search: ClauseSearch
    catalog: Mapping[str, CatalogEntry]


class _WriteSection:
    """Stands in for `runtime.write_lock`: the exclusive side, and stale views on leaving."""

    def __init__(self, lock: ReadWriteLock, on_written: Callable[[], None]) -> None:
        self._lock = lock
        self._on_written = on_written

    def acquire(self) -> bool:
        self._lock.acquire_write()
        return True

    def release(self) -> None:
        try:
            self._on_written()
        finally:
            self._lock.release_write()

    def __enter__(self) -> _WriteSection:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


class Engine:
    """Reads under the shared lock; ingestion and removal for the job thread."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._lock = ReadWriteLock()
        self._assistant: Assistant | None = None
        self._open_lock = threading.Lock()  # opening the components, building the assistant
        self._opened = False
        self.model_ready = threading.Event()
        # The ingestor enters `runtime.write_lock`; make that our write side. A runtime
        # whose ingestor was already built (injected in tests) gets it rebuilt on next use.
        runtime.write_lock = cast(Any, _WriteSection(self._lock, self._mark_stale))
        if "ingestor" in vars(runtime):
            del runtime.ingestor

    # ---- reads ------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[ReadView]:
        """A consistent view of the index and catalog for the duration of the block."""
        self._open()
        self._follow_other_replicas()
        with self._lock.reading():
            yield ReadView(self._current_assistant(), self.search, self.runtime.catalog.entries)

    @cached_property
    def search(self) -> ClauseSearch:
        """Look-ups by payload (numbers, rows, a document's clauses) for the routers."""
        return ClauseSearch(
            self.runtime.index, self._embed_query, self.runtime.lexical, self.runtime.facts
        )

    def index_reachable(self) -> bool:
        """Whether the index answers a count (the Qdrant server is up, the shard is open)."""
        try:
            self._open()
            with self._lock.reading():
                self.runtime.index.count()
        except Exception:
            logger.warning("index check failed", exc_info=True)
            return False
        return True

    # ---- writes (job thread) ---------------------------------------------------------------

    def ingest_bytes(
        self, data: bytes, document_id: str, name: str, encoding: str | None = None
    ) -> IngestOutcome:
        """Ingest an uploaded plan; readers switch to it in one step when it is written."""
        self._open()
        outcome = self.runtime.ingestor.ingest_bytes(data, document_id, name, encoding)
        self._refresh()
        return outcome

    def remove(self, document_id: str) -> None:
        """Delete a document; readers stop seeing it in one step."""
        self._open()
        self.runtime.ingestor.remove(document_id)
        self._refresh()

    def warm_up(self, ingest_bundled_corpus: bool) -> None:
        """Load (or build) the model, ingest the bundled plans on first use, build the assistant."""
        self.runtime.embedder()
        self.model_ready.set()
        self._open()
        if ingest_bundled_corpus:
            self.runtime.ensure_corpus()
        self._refresh()

    # ---- helpers -----------------------------------------------------------------------

    def _open(self) -> None:
        # Runtime's components are cached properties: opening them from two threads at
        # once would open the embedded index twice, and the second open is refused.
        if self._opened:
            return
        with self._open_lock:
            if not self._opened:
                _ = self.runtime.index, self.runtime.catalog, self.runtime.lexical
                self._opened = True

    def _current_assistant(self) -> Assistant:
        assistant = self._assistant
        if assistant is not None:
            return assistant
        with self._open_lock:
            if self._assistant is None:
                self.runtime.invalidate()
                self._assistant = self.runtime.assistant()
            return self._assistant

    def _follow_other_replicas(self) -> None:
        """API replicas sharing a home (and a Qdrant server): when another one committed a
        document, read the catalog again and rebuild the assistant, as after our own write
        (the runtime's write lock is our write side)."""
        self.runtime.follow_catalog()

    def _mark_stale(self) -> None:
        self._assistant = None

    def _refresh(self) -> None:
        """Rebuild the assistant now so that the next query does not pay for it."""
        with self._lock.reading():
            self._current_assistant()

    def _embed_query(self, text: str) -> list[float]:
        return self.runtime.embedder().embed_queries([text])[0]
