"""Ingestion: plan file → parsed plan → embedded points in the index, without duplicates.

A document is identified by its file name; its content hash decides whether anything
needs doing. Every write is crash-safe by design:

1. the new version's points are written under a fresh version id (payload `version`),
   beside the committed ones and invisible to readers (`CommittedIndex` filters every
   query to the versions the catalog names);
2. its source text is staged under a pending name, and its structured facts (documents,
   numbered clauses, responsibility rows: `ingest.facts`) replace the old version's;
3. the catalog is switched to the new version in one atomic file replace: the commit;
4. the source text is published and the old version's points are deleted.

A crash before step 3 leaves nothing visible, after it the new version whole; `recover`
(run when the index is opened) deletes whatever no committed version owns. Removal
commits first (catalog entry gone) and deletes facts and points after, with the same sweep
behind it; the sweep also rebuilds from the index the facts of any document whose stored
facts are not its committed version's (`ingest.fact_sync.reconcile`).

The source text every clause offset points into (for .docx, .pdf and .html, the extracted
text) is kept as `sources/<document id>.txt` in the kehoach home, so a citation can be
checked against it whatever happens to the original file.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path

from ingest.cancel import raise_if_cancelled
from ingest.catalog import CatalogEntry, DocumentCatalog
from ingest.domain import ClauseKind, ParsedPlan, to_plain
from ingest.embedding.protocol import Embedder
from ingest.errors import UnknownDocumentError
from ingest.fact_sync import reconcile
from ingest.facts import FactStore
from ingest.faults import fault_point, fault_targets
from ingest.formats.block_json import dump_blocks
from ingest.formats.blocks import Block, Paragraph
from ingest.index.protocol import PayloadFilter, VectorIndex
from ingest.lexical import LexicalEncoder
from ingest.parser.budget import EmbedDeadline, ParseBudget
from ingest.parser.plan import PARSER_VERSION, parse_plan
from ingest.points import build_points
from ingest.reader import read_document, read_source
from ingest.sources import SourceFiles

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
        catalog: DocumentCatalog,
        embed_model: str,
        max_source_bytes: int,
        batch_size: int = 32,
        write_lock: threading.Lock | None = None,
        process_lock: Callable[[], AbstractContextManager[object]] | None = None,
        parse_budget: ParseBudget | None = None,
        facts: FactStore | None = None,
    ) -> None:
        self._index = index
        self._embedder = embedder  # called only when something must be embedded
        self._lexical = lexical
        self._catalog = catalog
        self._embed_model = embed_model
        self._max_source_bytes = max_source_bytes
        self._batch_size = batch_size
        self._lock = write_lock or threading.Lock()
        # across processes sharing the home (the server path); None: this process only
        self._process_lock = process_lock or nullcontext
        self._sources = SourceFiles(catalog.path.parent / "sources")
        self._budget = parse_budget or ParseBudget.from_env()
        self._facts = facts

    def ingest_file(
        self, path: Path, encoding: str | None = None, progress: Progress | None = None
    ) -> IngestOutcome:
        """Parse and index one plan file (nothing is written when it is unchanged)."""
        with self._budget.watching(path.name) as budget:
            if path.suffix.lower() == ".docx" and path.is_file():
                budget.check_archive(path.read_bytes(), path.name)
            source = read_source(path, self._max_source_bytes, encoding)
            budget.check()
            return self.ingest_text(
                source.text,
                source.document_id,
                str(path),
                progress,
                source.warnings,
                source.blocks,
            )

    def ingest_bytes(
        self, data: bytes, document_id: str, name: str, encoding: str | None = None
    ) -> IngestOutcome:
        """Parse and index an uploaded plan (text, or .docx/.pdf/.html by the name's suffix)."""
        with self._budget.watching(name) as budget:
            budget.check_archive(data, name)
            extracted = read_document(data, name, encoding)
            budget.check()
            return self.ingest_text(
                extracted.text,
                document_id,
                name,
                warnings=extracted.warnings,
                blocks=extracted.blocks,
            )

    def ingest_text(
        self,
        text: str,
        document_id: str,
        source_path: str,
        progress: Progress | None = None,
        warnings: tuple[str, ...] = (),
        blocks: tuple[Block, ...] = (),
    ) -> IngestOutcome:
        """Parse and index a plan's text under `document_id`; `warnings` and `blocks` (its
        structure, spans into `text`) come from reading it."""
        with self._budget.watching(document_id):
            plan = parse_plan(text, document_id, source_path, blocks)
        if warnings:
            plan = replace(plan, warnings=(*warnings, *plan.warnings))
        if not any(c.kind is not ClauseKind.PREAMBLE for c in plan.clauses):
            logger.warning("%s: no recognisable structure, stored as plain paragraphs", document_id)
        self._follow_others()
        previous = self._catalog.entries.get(document_id)
        if self._is_unchanged(plan, previous):
            assert previous is not None
            if not self._sources.path(document_id).exists():  # home predates kept sources
                with self._lock, self._process_lock():
                    self._sources.keep(document_id, plan.source_text)
            if _structured(blocks) and not self._sources.blocks_path(document_id).exists():
                with self._lock, self._process_lock():
                    self._keep_blocks(document_id, plan, blocks)
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

        deadline = EmbedDeadline(document_id)

        def on_batch(done: int) -> None:
            raise_if_cancelled()  # an API job cancelled while its clauses are embedded
            deadline.check()
            if progress:
                progress(document_id, done, total)

        version = new_version(plan.document.content_hash)
        points = build_points(
            plan, embedder, self._lexical, self._batch_size, on_batch, version=version
        )
        with self._lock, self._process_lock(), self._recovering_on_failure():
            fault_point("ingest:start")
            self._index.ensure_collection(embedder.dimension)
            unwritten = points
            if fault_targets("ingest:points-partial"):  # tests: stop with half of them written
                self._index.upsert(points[: len(points) // 2])
                fault_point("ingest:points-partial")
                unwritten = points[len(points) // 2 :]
            self._index.upsert(unwritten)
            fault_point("ingest:points-written")
            self._sources.stage(document_id, version, plan.source_text)
            fault_point("ingest:source-staged")
            if self._facts is not None:  # the old version's facts until the sweep, if no commit
                document = to_plain(plan.document)
                self._facts.put_payloads(document, version, [p.payload for p in points])
            fault_point("ingest:facts-written")
            self._catalog.entries[document_id] = _entry(
                plan, len(points), self._embed_model, version
            )
            try:
                self._catalog.commit(document_id)  # the commit
            except BaseException:
                self._restore_entry(document_id, previous)
                raise
            fault_point("ingest:committed")
            self._sources.publish(document_id, version)
            fault_point("ingest:source-published")
            self._keep_blocks(document_id, plan, blocks)
            # every other version of the document: the one replaced, any crashed write's
            self._index.delete(
                PayloadFilter(equals={"document_id": document_id}, excludes={"version": version})
            )
            fault_point("ingest:old-points-deleted")
        status = "updated" if previous else "added"
        logger.info("%s: %s (%d points)", document_id, status, len(points))
        return IngestOutcome(
            document_id, status, len(plan.clauses), len(plan.targets), len(points), plan.warnings
        )

    def _keep_blocks(self, document_id: str, plan: ParsedPlan, blocks: tuple[Block, ...]) -> None:
        """The reader's blocks beside the kept source (checked against its hash when read)."""
        kept = dump_blocks(blocks, plan.document.content_hash) if _structured(blocks) else None
        self._sources.keep_blocks(document_id, kept)

    def _is_unchanged(self, plan: ParsedPlan, previous: CatalogEntry | None) -> bool:
        """Same text, committed under a version id, by the same parser and model."""
        if previous is None or previous.content_hash != plan.document.content_hash:
            return False
        if previous.embed_model != self._embed_model or previous.parser_version != PARSER_VERSION:
            return False
        if not previous.version:  # written before versions had ids: rewrite it once
            return False
        # The index may have been reset while the catalog survived. A version id belongs to
        # one write only, so its points are all of that write or none of it.
        held = self._index.count(PayloadFilter(equals={"version": previous.version}))
        return held == previous.point_count

    def remove(self, document_id: str) -> None:
        """Delete a document: its catalog entry first (the commit), then its points."""
        with self._lock, self._process_lock():
            if self._catalog.changed_on_disk():  # another replica's plan can be removed here
                self._catalog.reload()
            previous = self._catalog.entries.get(document_id)
            if previous is None:
                raise UnknownDocumentError(
                    f"chưa nạp văn bản nào có mã {document_id!r}; xem `kehoach documents`"
                )
            fault_point("remove:start")
            with self._recovering_on_failure():
                del self._catalog.entries[document_id]
                try:
                    self._catalog.commit(document_id)  # the commit
                except BaseException:
                    self._restore_entry(document_id, previous)
                    raise
                fault_point("remove:committed")
                if self._facts is not None:
                    self._facts.remove_document(document_id)
                fault_point("remove:facts-deleted")
                self._index.delete(PayloadFilter(equals={"document_id": document_id}))
                fault_point("remove:points-deleted")
                self._sources.remove(document_id)
                fault_point("remove:source-deleted")

    def _follow_others(self) -> None:
        """Read the catalog again when another process (an API replica) committed since
        we last read it, so that a plan it wrote is known here ("unchanged", not rewritten)."""
        if self._catalog.changed_on_disk():
            with self._lock, self._process_lock():
                self._catalog.reload()

    def recover(self) -> int:
        """Delete what no committed version owns; see `recover`."""
        with self._lock, self._process_lock():
            return recover(self._index, self._catalog, self._sources, self._facts)

    @contextmanager
    def _recovering_on_failure(self) -> Iterator[None]:
        """A write that fails in this process is swept at once, not at the next open."""
        try:
            yield
        except BaseException:
            try:
                recover(self._index, self._catalog, self._sources, self._facts)
            except Exception:
                logger.exception("sweeping a failed write failed; the next open will retry")
            raise

    def _restore_entry(self, document_id: str, entry: CatalogEntry | None) -> None:
        """Undo an in-memory catalog change whose save failed (the file still has the old)."""
        if entry is None:
            self._catalog.entries.pop(document_id, None)
        else:
            self._catalog.entries[document_id] = entry


def _structured(blocks: tuple[Block, ...]) -> bool:
    """Whether a reader saw more than lines of text (plain text's blocks come from its lines)."""
    return any(not isinstance(block, Paragraph) for block in blocks)


def new_version(content_hash: str) -> str:
    """A version id unique to one write: readable prefix of the hash, random suffix."""
    return f"{content_hash[:16]}-{secrets.token_hex(8)}"


def recover(
    index: VectorIndex,
    catalog: DocumentCatalog,
    sources: SourceFiles,
    facts: FactStore | None = None,
) -> int:
    """Sweep the leftovers of interrupted writes: points whose (document, version) is not
    committed, staged or orphaned source texts, facts of other versions than the committed
    ones (rebuilt from the index). Call under the home's write lock.

    Returns how many points were deleted. The catalog is re-read first: it is the record.
    """
    catalog.reload()
    committed = catalog.committed_versions()
    stray = PayloadFilter(excludes={"version": sorted(set(committed.values()))})
    if not committed:
        stray = PayloadFilter()  # nothing is committed: every point is stray
    deleted = index.count(stray)
    if deleted:
        logger.warning("deleting %d points of uncommitted document versions", deleted)
        index.delete(stray)
    sources.sweep(committed)
    if facts is not None:
        reconcile(facts, catalog, index)
    return deleted


def _entry(plan: ParsedPlan, points: int, embed_model: str, version: str) -> CatalogEntry:
    return CatalogEntry(
        document=to_plain(plan.document),
        clause_count=len(plan.clauses),
        target_count=len(plan.targets),
        point_count=points,
        embed_model=embed_model,
        warnings=list(plan.warnings),
        parser_version=PARSER_VERSION,
        version=version,
    )
