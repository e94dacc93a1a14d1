"""Wiring: settings → index, embedder, ingestor and assistant, each built once on demand.

The CLI, the API and the bots build one `Runtime` at their edge and pass it down; nothing
here is a module-level singleton.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import cached_property
from pathlib import Path

from ingest.catalog import DocumentCatalog
from ingest.catalog_db import DatabaseCatalog, DatabaseWriteLock, open_catalog
from ingest.embedding.cache import CACHE_FILE_NAME, CachedEmbedder, EmbeddingCache
from ingest.embedding.protocol import Embedder
from ingest.errors import ConfigurationError
from ingest.facts import FactStore
from ingest.index.locking import WriteLock
from ingest.index.protocol import VectorIndex
from ingest.lexical import LexicalEncoder
from ingest.pipeline import Ingestor, IngestOutcome, Progress
from ingest.reader import collect_sources
from ingest.settings import HASHING_EMBED_MODEL, Settings
from retrieval.assistant import Assistant
from retrieval.documents import DocumentDirectory, DocumentInfo
from retrieval.generation import Generator, PhrasedAssistant, generator_from_settings
from retrieval.plan_scope import PlanScope, ScopeError, parse_scope
from retrieval.relevance import TermWeights
from retrieval.rerank import CrossEncoderReranker, Reranker, StructuralReranker
from retrieval.search import ClauseSearch
from retrieval.units import UnitMatcher
from retrieval.unread_numbers import cited_numbers

logger = logging.getLogger(__name__)

BUNDLED_CORPUS = Path(__file__).resolve().parents[1] / "corpus"
_QUERY_CACHE_SIZE = 2048


class Runtime:
    """Owns the long-lived components for one process."""

    def __init__(
        self,
        settings: Settings,
        status: Callable[[str], None] | None = None,
        embedder: Embedder | None = None,
    ) -> None:
        self.settings = settings
        self._status = status
        self._embedder = embedder
        self._embedder_lock = threading.Lock()
        self._passage_embedder: Embedder | None = None
        self.write_lock = threading.Lock()
        self._assistant: Assistant | None = None
        self._query_vectors: dict[str, list[float]] = {}

    # ---- components ------------------------------------------------------------------

    @cached_property
    def index(self) -> VectorIndex:
        """The index as readers see it: committed document versions only.

        Opening it sweeps away what interrupted writes left (see `ingest.pipeline.recover`).
        """
        from ingest.index.committed import CommittedIndex
        from ingest.index.factory import open_index
        from ingest.pipeline import recover
        from ingest.sources import SourceFiles

        self.settings.home.mkdir(parents=True, exist_ok=True)
        store = open_index(self.settings)
        sources = SourceFiles(self.settings.catalog_path.parent / "sources")
        try:
            with self.write_lock, self.process_write_lock():
                recover(store, self.catalog, sources, self.facts)
        except BaseException:
            store.close()
            raise
        return CommittedIndex(store, self.catalog.committed_versions)

    def process_write_lock(self) -> AbstractContextManager[object]:
        """The lock across processes held by every write section: the home's file lock, or
        on the server path (the catalog in PostgreSQL) an advisory lock there, which every
        replica takes whatever its home."""
        if isinstance(self.catalog, DatabaseCatalog):
            return self._database_write_lock
        return WriteLock(self.settings.home / "write.lock")

    @cached_property
    def _database_write_lock(self) -> DatabaseWriteLock:
        assert self.settings.database_url is not None
        return DatabaseWriteLock(self.settings.database_url, self.settings.collection)

    @cached_property
    def facts(self) -> FactStore:
        """The structured facts: the home's SQLite file, or `KEHOACH_DATABASE_URL`."""
        self.settings.home.mkdir(parents=True, exist_ok=True)
        return FactStore.for_home(self.settings.home, self.settings.database_url)

    @cached_property
    def catalog(self) -> DocumentCatalog:
        """Which document versions are committed: the home's files, or PostgreSQL on the
        server path (`KEHOACH_DATABASE_URL`), shared by every replica."""
        self.settings.home.mkdir(parents=True, exist_ok=True)
        return open_catalog(self.settings)

    @cached_property
    def lexical(self) -> LexicalEncoder:
        return LexicalEncoder()

    def embedder(self) -> Embedder:
        """The dense embedder, loaded (and built on first use) only when needed."""
        with self._embedder_lock:
            if self._embedder is None:
                from ingest.embedding.factory import load_embedder

                self._embedder = load_embedder(self.settings, self._status)
            return self._embedder

    def passage_embedder(self) -> Embedder:
        """What ingestion embeds with: the dense embedder behind the home's passage-vector
        cache (`KEHOACH_EMBED_CACHE`; never for the model-free hashing embedder)."""
        inner = self.embedder()
        if not self.settings.embed_cache or self.settings.embed_model == HASHING_EMBED_MODEL:
            return inner
        with self._embedder_lock:
            if self._passage_embedder is None:
                cache = EmbeddingCache(self.settings.home / CACHE_FILE_NAME)
                model = getattr(inner, "passage_name", inner.name)
                self._passage_embedder = CachedEmbedder(inner, cache, model)
            return self._passage_embedder

    @cached_property
    def ingestor(self) -> Ingestor:
        return Ingestor(
            index=self.index,
            embedder=self.passage_embedder,
            lexical=self.lexical,
            catalog=self.catalog,
            embed_model=self.settings.embed_model,
            max_source_bytes=self.settings.max_source_bytes,
            batch_size=self.settings.embed_batch_size,
            write_lock=self.write_lock,
            process_lock=self.process_write_lock,
            facts=self.facts,
        )

    def assistant(self) -> Assistant:
        """The answering service over what is ingested now (rebuilt after ingest/remove)."""
        if self._assistant is None:
            search = ClauseSearch(self.index, self._embed_query, self.lexical, self.facts)
            documents = DocumentDirectory(
                {
                    key: DocumentInfo.from_plain(entry.document)
                    for key, entry in self.catalog.entries.items()
                },
                self.facts,
            )
            # a document whose own số hiệu could not be read is known by the one loaded
            # documents cite it by (its ký hiệu, issuer and date agreeing)
            documents.recognise_numbers(cited_numbers(documents.unread_numbers(), search))
            # corpus statistics summed at ingest: one read, not a scroll of every clause
            counts = self.facts.corpus_counts()
            units = UnitMatcher(Counter(counts["unit"]).elements())
            weights = TermWeights.from_counts(
                counts["clauses"].get("", 0), counts["word"], counts["pair"]
            )
            parts = (search, documents, units, self._reranker(weights), weights)
            generator = self.generator
            self._assistant = (
                Assistant(*parts)
                if generator is None
                else PhrasedAssistant(*parts, generator=generator)
            )
            self._assistant.default_scope = self.default_scope
        return self._assistant

    @cached_property
    def default_scope(self) -> PlanScope | None:
        """The deployment's scope (`KEHOACH_DEFAULT_SCOPE`), or None."""
        try:
            scope = parse_scope(self.settings.default_scope)
        except ScopeError as error:
            raise ConfigurationError(f"KEHOACH_DEFAULT_SCOPE: {error}") from error
        return None if scope.empty else scope

    @cached_property
    def generator(self) -> Generator | None:
        """The optional phrasing LLM (`KEHOACH_LLM_BASE_URL` + `KEHOACH_LLM_MODEL`), else None."""
        return generator_from_settings(self.settings)

    def invalidate(self) -> None:
        """Forget derived views after the set of documents changed."""
        self._assistant = None

    def follow_catalog(self) -> bool:
        """When another process sharing the home (an API replica, a job worker) committed a
        document since we last read the catalog: read it again, inside the write section so
        that readers see all of it or none, and rebuild the assistant at its next use.

        Called once per question: the check is two `stat` calls (a few microseconds), or
        in PostgreSQL a flag the catalog's listener sets when a commit is announced (one
        read of the revision row then, or when the notifications are not heard); only a
        change costs a reload. Returns whether there was one."""
        catalog = self.catalog
        if not catalog.may_have_changed():
            return False
        with self.write_lock:
            if not catalog.changed_on_disk():
                return False  # another thread of ours took it meanwhile
            catalog.reload()
            self.invalidate()
        logger.info("another process changed the catalog: %d documents", len(catalog.entries))
        return True

    # ---- jobs -----------------------------------------------------------------------------

    def ingest_paths(
        self, paths: list[Path], encoding: str | None = None, progress: Progress | None = None
    ) -> list[IngestOutcome]:
        """Ingest files and folders; each file succeeds or fails on its own."""
        outcomes = [
            self.ingestor.ingest_file(path, encoding, progress) for path in collect_sources(paths)
        ]
        self.invalidate()
        return outcomes

    def ensure_corpus(self, progress: Progress | None = None) -> list[IngestOutcome]:
        """On first use, ingest the bundled corpus so that `ask` works out of the box."""
        if self.catalog.entries or not BUNDLED_CORPUS.is_dir():
            return []
        if self._status:
            self._status(f"lần đầu dùng: nạp các kế hoạch có sẵn từ {BUNDLED_CORPUS}")
        return self.ingest_paths([BUNDLED_CORPUS], progress=progress)

    def close(self) -> None:
        if isinstance(self._passage_embedder, CachedEmbedder):
            self._passage_embedder.close()
        if "index" in self.__dict__:
            self.index.close()
        if "facts" in self.__dict__:
            self.facts.close()
        if "catalog" in self.__dict__:
            self.catalog.close()
        if "_database_write_lock" in self.__dict__:
            self._database_write_lock.close()

    # ---- helpers ------------------------------------------------------------------------

    def _embed_query(self, text: str) -> list[float]:
        # Questions repeat (FAQ-like traffic, compare asks once per plan): cache vectors.
        with self._embedder_lock:
            cached = self._query_vectors.get(text)
        if cached is not None:
            return cached
        vector = list(self.embedder().embed_queries([text])[0])
        with self._embedder_lock:
            self._query_vectors[text] = vector
            if len(self._query_vectors) > _QUERY_CACHE_SIZE:
                self._query_vectors.pop(next(iter(self._query_vectors)))
        return vector

    def _reranker(self, weights: TermWeights) -> Reranker:
        structural = StructuralReranker(weights)
        if self.settings.reranker:
            return CrossEncoderReranker(self.settings.reranker, structural)
        return structural
