"""Ingestion: plan file → parsed plan → embedded points in the index, without duplicates.

A document is identified by its file name; its content hash decides whether anything
needs doing. A changed document's new points are written before the old version's
leftovers are deleted, and point ids are derived from clause ids, so unchanged clauses are
overwritten in place: the document is never missing and never doubled.

The source text every clause offset points into (for .docx, .pdf and .html, the extracted
text) is kept as `sources/<document id>.txt` in the kehoach home, so a citation can be
checked against it whatever happens to the original file.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ingest.catalog import Catalog, CatalogEntry
from ingest.domain import ClauseKind, ParsedPlan, to_plain
from ingest.embedding.protocol import Embedder
from ingest.errors import UnknownDocumentError
from ingest.index.protocol import PayloadFilter, VectorIndex
from ingest.lexical import LexicalEncoder
from ingest.parser.plan import PARSER_VERSION, parse_plan
from ingest.points import build_points
from ingest.reader import read_source, source_text

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class IngestOutcome:
    """What ingesting one document did."""

    document_id: str
    status: str  # "added", "updated" or "unchanged"
    clauses: int
    targets: int
    points: int
    warnings: tuple[str, ...]


class Ingestor:
    """Writes parsed plans into the index and keeps the catalog in step."""

    def __init__(
        self,
        index: VectorIndex,
        embedder: Callable[[], Embedder],
        lexical: LexicalEncoder,
        catalog: Catalog,
        embed_model: str,
        max_source_bytes: int,
        batch_size: int = 32,
        write_lock: threading.Lock | None = None,
    ) -> None:
        self._index = index
        self._embedder = embedder  # called only when something must be embedded
        self._lexical = lexical
        self._catalog = catalog
        self._embed_model = embed_model
        self._max_source_bytes = max_source_bytes
        self._batch_size = batch_size
        self._lock = write_lock or threading.Lock()

    def ingest_file(
        self, path: Path, encoding: str | None = None, progress: Progress | None = None
    ) -> IngestOutcome:
        """Parse and index one plan file (nothing is written when it is unchanged)."""
        source = read_source(path, self._max_source_bytes, encoding)
        return self.ingest_text(
            source.text, source.document_id, str(path), progress, source.warnings
        )

    def ingest_bytes(
        self, data: bytes, document_id: str, name: str, encoding: str | None = None
    ) -> IngestOutcome:
        """Parse and index an uploaded plan (text, or .docx/.pdf/.html by the name's suffix)."""
        text, warnings = source_text(data, name, encoding)
        return self.ingest_text(text, document_id, name, warnings=warnings)

    def ingest_text(
        self,
        text: str,
        document_id: str,
        source_path: str,
        progress: Progress | None = None,
        warnings: tuple[str, ...] = (),
    ) -> IngestOutcome:
        """Parse and index a plan's text under `document_id`; `warnings` come from reading it."""
        plan = parse_plan(text, document_id, source_path)
        if warnings:
            plan = replace(plan, warnings=(*warnings, *plan.warnings))
        if not any(c.kind is not ClauseKind.PREAMBLE for c in plan.clauses):
            logger.warning("%s: no recognisable structure, stored as plain paragraphs", document_id)
        previous = self._catalog.entries.get(document_id)
        if self._is_unchanged(plan, previous):
            assert previous is not None
            if not self._source_path(document_id).exists():  # home predates kept sources
                with self._lock:
                    self._keep_source(document_id, plan.source_text)
            return IngestOutcome(
                document_id,
                "unchanged",
                previous.clause_count,
                previous.target_count,
                previous.point_count,
                tuple(previous.warnings),
            )
        embedder = self._embedder()
        total = len([c for c in plan.clauses if c.body.strip()])

        def on_batch(done: int) -> None:
            if progress:
                progress(document_id, done, total)

        points = build_points(plan, embedder, self._lexical, self._batch_size, on_batch)
        with self._lock:
            self._index.ensure_collection(embedder.dimension)
            self._index.upsert(points)
            self._keep_source(document_id, plan.source_text)
            # leftovers of the previous version: clauses that no longer exist
            self._index.delete(
                PayloadFilter(
                    equals={"document_id": document_id},
                    excludes={"version": plan.document.content_hash},
                )
            )
            self._catalog.entries[document_id] = _entry(plan, len(points), self._embed_model)
            self._catalog.save()
        status = "updated" if previous else "added"
        logger.info("%s: %s (%d points)", document_id, status, len(points))
        return IngestOutcome(
            document_id, status, len(plan.clauses), len(plan.targets), len(points), plan.warnings
        )

    def _is_unchanged(self, plan: ParsedPlan, previous: CatalogEntry | None) -> bool:
        if previous is None or previous.content_hash != plan.document.content_hash:
            return False
        if previous.embed_model != self._embed_model or previous.parser_version != PARSER_VERSION:
            return False
        # the index may have been reset while the catalog survived
        return self._index.count(PayloadFilter(equals={"document_id": plan.document.id})) == (
            previous.point_count
        )

    def remove(self, document_id: str) -> None:
        """Delete a document's points and its catalog entry."""
        if document_id not in self._catalog.entries:
            raise UnknownDocumentError(
                f"no document {document_id!r} is ingested; see `kehoach documents`"
            )
        with self._lock:
            self._index.delete(PayloadFilter(equals={"document_id": document_id}))
            del self._catalog.entries[document_id]
            self._catalog.save()
            self._source_path(document_id).unlink(missing_ok=True)

    def _source_path(self, document_id: str) -> Path:
        return self._catalog.path.parent / "sources" / f"{document_id}.txt"

    def _keep_source(self, document_id: str, text: str) -> None:
        """Write the source text atomically: readers never see half a file."""
        path = self._source_path(document_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".source-")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)


def _entry(plan: ParsedPlan, points: int, embed_model: str) -> CatalogEntry:
    return CatalogEntry(
        document=to_plain(plan.document),
        clause_count=len(plan.clauses),
        target_count=len(plan.targets),
        point_count=points,
        embed_model=embed_model,
        warnings=list(plan.warnings),
        parser_version=PARSER_VERSION,
    )
