"""Backup and restore of a kehoach home: the catalog, the kept sources and the index.

A backup is a folder:

    manifest.json   what it holds (backend, collection, model, documents, points)
    catalog.json    the committed catalog
    sources/        the committed source texts
    index/          Qdrant Edge: a copy of the shard folder, taken with the shard closed
    points.jsonl    Qdrant server: every point with its vectors and payload
    facts.sqlite3   the structured facts (SQLite homes; SQLite's online backup)
    facts.pgdump    the structured facts (PostgreSQL; `pg_dump` of the store's tables)
    state.pgdump    the server path's ingest jobs (`pg_dump`; when API replicas share state)

It is taken under the home's write locks (no write can run meanwhile) right after the
sweep of uncommitted writes, so it holds committed versions only. The embedded shard is
copied with Edge's files closed while this process holds the index lock. On the server
path points are exported through qdrant-client rather than with Qdrant's snapshot API,
whose files live on the server's disk and which qdrant-client's local mode (our test
double) does not implement; a server-side snapshot remains the tool for the whole server.

Restore refuses a home that holds documents unless `force` is given, and writes the
catalog last: it is the commit record, so an interrupted restore leaves the previous
catalog, and the next open sweeps the points it does not name (run the restore again).
The facts are copied back after the commit when the backup holds a copy of the same backend
and layout (SQLite's backup API, or `pg_restore` in one transaction), else rebuilt from the
restored index's points (they are derived from those payloads, so this is exact, and a
backup of a SQLite home restores into a PostgreSQL one); either way the reconciliation
then rebuilds any plan whose stored version is not the committed one, and an interrupted
restore is finished by the next open's.

Of the state API replicas share in PostgreSQL (`ingest.state_db`), the ingest jobs are
copied (`KEPT_STATE`): an upload accepted but not yet ingested travels in its job's row, and
clients ask for a job's status by its id; a restore puts them back (a job running at the
backup is taken up again once its lease runs out). The rest is transient and not copied: a
conversation's follow-ups (a chat starts afresh), rate-limit buckets (they refill within a
minute), webhook replay ids (a platform retries an event within minutes) and the chats'
list pages (an old list's "Xem tiếp" button says the list expired).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.catalog import Catalog, DocumentCatalog
from ingest.errors import InputError
from ingest.fact_sync import reconcile
from ingest.index.committed import CommittedIndex
from ingest.index.protocol import IndexPoint, PayloadFilter, SparseVector, VectorIndex
from ingest.parser.plan import PARSER_VERSION
from ingest.sources import SourceFiles

if TYPE_CHECKING:
    from retrieval.runtime import Runtime

logger = logging.getLogger(__name__)

FORMAT = 1
_MANIFEST = "manifest.json"
_POINTS = "points.jsonl"
_UPSERT_BATCH = 256
_STATE_DUMP = "state.pgdump"
KEPT_STATE = ("kehoach_jobs",)  # the shared state a backup holds (see above)


class BackupError(InputError):
    """A backup cannot be written to, or restored from, the given folder."""


@dataclass(frozen=True)
class BackupManifest:
    """What a backup folder holds."""

    format: int
    created: str
    backend: str  # "edge" or "server"
    collection: str
    embed_model: str
    parser_version: int
    documents: int
    points: int


def backup(runtime: Runtime, destination: Path, force: bool = False) -> BackupManifest:
    """Copy the home's committed state into `destination` (new or empty, or `force`)."""
    _check_destination(destination, force)
    store = _store(runtime.index)  # opening sweeps whatever an interrupted write left
    staging = Path(tempfile.mkdtemp(prefix=".kehoach-backup-", dir=destination.parent))
    try:
        with runtime.write_lock, runtime.process_write_lock():
            catalog = runtime.catalog
            catalog.reload()
            snapshot = Catalog(staging / "catalog.json")
            snapshot.entries.update(catalog.entries)
            snapshot.save()
            _copy_sources(SourceFiles(catalog.path.parent / "sources"), catalog, staging)
            runtime.facts.backup_to(staging)
            _backup_state(runtime.settings.shared_state_url, staging)
            backend = _backend(store)
            if backend == "edge":
                store.copy_to(staging / "index")  # type: ignore[attr-defined]
                points = sum(entry.point_count for entry in catalog.entries.values())
            else:
                points = _write_points(store.export_points(), staging / _POINTS)  # type: ignore[attr-defined]
            manifest = BackupManifest(
                format=FORMAT,
                created=datetime.now(UTC).isoformat(timespec="seconds"),
                backend=backend,
                collection=runtime.settings.collection,
                embed_model=runtime.settings.embed_model,
                parser_version=PARSER_VERSION,
                documents=len(catalog.entries),
                points=points,
            )
            (staging / _MANIFEST).write_text(
                json.dumps(asdict(manifest), ensure_ascii=False, indent=1), encoding="utf-8"
            )
        if destination.exists():
            shutil.rmtree(destination)
        os.replace(staging, destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    logger.info("backup of %d documents written to %s", manifest.documents, destination)
    return manifest


def restore(runtime: Runtime, source: Path, force: bool = False) -> BackupManifest:
    """Replace the home's documents with those of the backup at `source`."""
    manifest = read_manifest(source)
    store = _store(runtime.index)
    backend = _backend(store)
    if manifest.backend != backend:
        raise BackupError(
            f"{source}: bản sao lưu của chỉ mục {manifest.backend}, nhưng thư mục dữ liệu này "
            f"dùng chỉ mục {backend}; hãy khôi phục vào một thư mục dùng cùng loại chỉ mục."
        )
    with runtime.write_lock, runtime.process_write_lock():
        catalog = runtime.catalog
        catalog.reload()
        if catalog.entries and not force:
            raise BackupError(
                f"{runtime.settings.home} đã có {len(catalog.entries)} văn bản; khôi phục sẽ "
                "thay thế toàn bộ. Thêm --force để ghi đè, hoặc chọn --home khác."
            )
        with _writing_around(runtime.index):  # reads name the committed versions meanwhile
            if backend == "edge":
                store.replace_from(source / "index")  # type: ignore[attr-defined]
            else:
                store.delete(PayloadFilter())  # every point: the backup replaces them all
                _upsert_all(store, _read_points(source / _POINTS))
            sources = SourceFiles(catalog.path.parent / "sources")
            restored = Catalog(source / "catalog.json")
            for document_id in restored.entries:
                kept = source / "sources" / f"{document_id}.txt"
                if kept.exists():
                    sources.keep(document_id, kept.read_text(encoding="utf-8"))
                blocks = source / "sources" / sources.blocks_path(document_id).name
                if blocks.exists():
                    sources.keep_blocks(document_id, blocks.read_text(encoding="utf-8"))
            catalog.entries.clear()
            catalog.entries.update(restored.entries)
            catalog.save()  # the commit
            catalog.reload()
            sources.sweep(catalog.committed_versions())
        if not runtime.facts.restore_from(source):  # else rebuilt from the points
            runtime.facts.clear()
        reconcile(runtime.facts, catalog, store)  # what the copy lacks, from the points
        _restore_state(runtime.settings.shared_state_url, source)
    runtime.invalidate()
    logger.info("restored %d documents from %s", manifest.documents, source)
    return manifest


def read_manifest(source: Path) -> BackupManifest:
    """The manifest of a backup folder, or a clear refusal."""
    path = source / _MANIFEST
    if not path.is_file():
        raise BackupError(f"{source}: không phải thư mục sao lưu của kehoach (thiếu {_MANIFEST})")
    try:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        manifest = BackupManifest(**raw)
    except (ValueError, TypeError) as error:
        raise BackupError(f"{path}: tệp mô tả bản sao lưu bị hỏng ({error})") from error
    if manifest.format != FORMAT:
        raise BackupError(
            f"{source}: định dạng sao lưu {manifest.format} không được hỗ trợ (cần {FORMAT})"
        )
    return manifest


# ---- helpers -----------------------------------------------------------------------------


def _check_destination(destination: Path, force: bool) -> None:
    if destination.exists() and not destination.is_dir():
        raise BackupError(f"{destination}: đã có một tệp trùng tên; hãy chọn thư mục khác")
    if destination.is_dir() and any(destination.iterdir()) and not force:
        raise BackupError(
            f"{destination}: thư mục không trống; thêm --force để ghi đè, hoặc chọn thư mục khác"
        )
    destination.parent.mkdir(parents=True, exist_ok=True)


def _store(index: VectorIndex) -> VectorIndex:
    return index.store if isinstance(index, CommittedIndex) else index


def _writing_around(index: VectorIndex) -> AbstractContextManager[None]:
    """`CommittedIndex.writing_around` (the store is written to directly), or nothing."""
    return index.writing_around() if isinstance(index, CommittedIndex) else nullcontext()


def _backend(store: VectorIndex) -> str:
    if hasattr(store, "copy_to") and hasattr(store, "replace_from"):
        return "edge"
    if hasattr(store, "export_points"):
        return "server"
    raise BackupError(f"chỉ mục {type(store).__name__} không hỗ trợ sao lưu")


def _backup_state(url: str | None, folder: Path) -> None:
    """`pg_dump` of the `KEPT_STATE` tables the shared state database has (none before
    the first `kehoach serve` made them)."""
    if url is None:
        return
    import psycopg

    from ingest.pg_tools import dump_tables

    with psycopg.connect(url, autocommit=True) as connection:
        found = [
            connection.execute(
                "SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n "
                "ON n.oid = c.relnamespace WHERE c.oid = to_regclass(%s)",
                (table,),
            ).fetchone()
            for table in KEPT_STATE
        ]
    tables = [str(row[0]) for row in found if row is not None]
    if tables:
        dump_tables(url, tables, folder / _STATE_DUMP)


def _restore_state(url: str | None, source: Path) -> None:
    """The backup's `KEPT_STATE` tables in place of this deployment's (`pg_restore`, in one
    transaction); a home with no shared state database has nowhere to keep them."""
    dump = source / _STATE_DUMP
    if not dump.is_file():
        return
    if url is None:
        logger.warning("%s: ingest jobs left out (no shared state database here)", dump)
        return
    from ingest.pg_tools import restore_tables

    restore_tables(url, dump)


def _copy_sources(sources: SourceFiles, catalog: DocumentCatalog, staging: Path) -> None:
    folder = staging / "sources"
    folder.mkdir()
    for document_id in catalog.entries:
        for kept in (sources.path(document_id), sources.blocks_path(document_id)):
            if kept.exists():
                shutil.copy2(kept, folder / kept.name)


def _write_points(points: Iterable[IndexPoint], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as stream:
        for point in points:
            record = {
                "id": point.id,
                "dense": list(point.dense),
                "sparse": [list(point.sparse.indices), list(point.sparse.values)],
                "payload": dict(point.payload),
            }
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def _read_points(path: Path) -> Iterator[IndexPoint]:
    if not path.is_file():
        raise BackupError(f"{path.parent}: bản sao lưu thiếu {_POINTS}")
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            indices, values = record["sparse"]
            yield IndexPoint(
                id=record["id"],
                dense=record["dense"],
                sparse=SparseVector(tuple(indices), tuple(values)),
                payload=record["payload"],
            )


def _upsert_all(store: VectorIndex, points: Iterable[IndexPoint]) -> None:
    batch: list[IndexPoint] = []
    ensured = False
    for point in points:
        if not ensured:
            store.ensure_collection(len(point.dense))
            ensured = True
        batch.append(point)
        if len(batch) >= _UPSERT_BATCH:
            store.upsert(batch)
            batch = []
    if batch:
        store.upsert(batch)
