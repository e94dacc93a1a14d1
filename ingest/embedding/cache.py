"""Passage vectors kept by their normalised text, so a passage is embedded once per model.

Commune plans copy whole passages of their province's plan, re-ingesting a plan whose
parser changed re-embeds the same clauses, and one plan is often uploaded under two names:
embedding is nearly all of an ingest's time, and none of it needs repeating. The cache is a
SQLite file in the kehoach home (`passage-vectors.sqlite3`); each vector is kept
under the model's name and a hash of its text with Unicode (NFC) and whitespace normalised.

Crash safety is SQLite's: each batch of new vectors is one transaction (WAL journal), so a
killed process leaves every vector whole or absent; a vector of the wrong length is treated
as missing, and a file SQLite cannot read is moved aside and a new one started.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
import unicodedata
from array import array
from collections.abc import Mapping, Sequence
from pathlib import Path

from ingest.embedding.protocol import Embedder

logger = logging.getLogger(__name__)

CACHE_FILE_NAME = "passage-vectors.sqlite3"


def normalised(text: str) -> str:
    """The text as the cache compares it: NFC, runs of whitespace as one space, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_key(text: str) -> bytes:
    """The cache key of a passage: SHA-256 of its normalised text."""
    return hashlib.sha256(normalised(text).encode("utf-8")).digest()


class EmbeddingCache:
    """Vectors by (model, text key) in one SQLite file; safe across threads and processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = _open(path)

    def get_many(
        self, model: str, keys: Sequence[bytes], dimension: int
    ) -> dict[bytes, list[float]]:
        """The stored vectors of `keys` (those missing, or of another length, left out)."""
        found: dict[bytes, list[float]] = {}
        unique = list(dict.fromkeys(keys))
        with self._lock:
            for first in range(0, len(unique), 500):  # SQLite's bound-parameter limit
                chunk = unique[first : first + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({marks})",
                    (model, *chunk),
                ).fetchall()
                for key, blob in rows:
                    vector = _unpacked(blob, dimension)
                    if vector is not None:
                        found[bytes(key)] = vector
        return found

    def put_many(self, model: str, vectors: Mapping[bytes, Sequence[float]]) -> None:
        """Store vectors in one transaction (all of them or, after a crash, none)."""
        if not vectors:
            return
        rows = [(model, key, _packed(vector)) for key, vector in vectors.items()]
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (model, key, vector) VALUES (?, ?, ?)", rows
            )

    def count(self, model: str | None = None) -> int:
        """How many vectors are stored (for one model, or in all)."""
        with self._lock:
            if model is None:
                row = self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()
            else:
                row = self._db.execute(
                    "SELECT COUNT(*) FROM vectors WHERE model = ?", (model,)
                ).fetchone()
        return int(row[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _packed(vector: Sequence[float]) -> bytes:
    """float32 when that is exact (a model's output), else float64: a cached vector is
    always the very vector the model gave."""
    single = array("f", vector)
    if single.tolist() == list(vector):
        return single.tobytes()
    return array("d", vector).tobytes()


def _unpacked(blob: bytes, dimension: int) -> list[float] | None:
    for code in ("f", "d"):
        if len(blob) == array(code).itemsize * dimension:
            return array(code, blob).tolist()
    return None  # another model's length: embed again


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key BLOB NOT NULL, "
            "vector BLOB NOT NULL, PRIMARY KEY (model, key)) WITHOUT ROWID"
        )
        db.commit()
    except sqlite3.DatabaseError as error:
        # A damaged cache must not stop ingestion: keep it aside and start afresh.
        logger.error("embedding cache %s is unreadable (%s); starting a new one", path, error)
        path.replace(path.with_name(path.name + ".damaged"))
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        return _open(path)
    return db


class CachedEmbedder:
    """An `Embedder` whose passage vectors come from the cache when it has them.

    Only passages are cached (queries are short, vary, and have their own cache in the
    runtime). Texts repeated within one call are embedded once too. `inner` is called only
    when something is missing, so a run whose passages are all cached never loads a model.
    """

    def __init__(self, inner: Embedder, cache: EmbeddingCache, model: str | None = None) -> None:
        self._inner = inner
        self._cache = cache
        self._model = model or inner.name
        self.hits = 0
        self.misses = 0

    @property
    def name(self) -> str:
        return self._inner.name

    @property
    def dimension(self) -> int:
        return self._inner.dimension

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        keys = [text_key(text) for text in texts]
        found = self._cache.get_many(self._model, keys, self.dimension)
        missing: dict[bytes, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in found:
                missing.setdefault(key, text)
        if missing:
            fresh = self._inner.embed_passages(list(missing.values()))
            new = dict(zip(missing, fresh, strict=True))
            self._cache.put_many(self._model, new)
            found |= {key: list(vector) for key, vector in new.items()}
        self.misses += len(missing)
        self.hits += len(texts) - len(missing)
        return [found[key] for key in keys]

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        return self._inner.embed_queries(texts)

    def close(self) -> None:
        self._cache.close()
