"""The catalog of ingested documents kept in the kehoach home (catalog.json + catalog.log).

(On the server path it lives in PostgreSQL instead: `ingest.catalog_db`.)

Writing one document must not rewrite the others: with thousands of plans a whole-file
rewrite per document makes ingestion quadratic. The catalog is therefore a snapshot
(`catalog.json`, replaced atomically) plus a journal (`catalog.log`, one JSON line per
committed document change, appended and fsynced). The snapshot carries a generation id and
each journal line the generation it applies to, so the journal is folded into a new snapshot
now and then (amortised: when it holds as many lines as the snapshot has documents) and a
crash between writing the snapshot and emptying the journal replays nothing twice. A line
torn by a crash is not valid JSON and is skipped: that change was never committed.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

_MIN_JOURNAL_LINES = 64  # fold the journal into the snapshot past max(this, documents)


@dataclass
class CatalogEntry:
    """One ingested document: its metadata and what was indexed for it."""

    document: dict[str, Any]
    clause_count: int
    target_count: int
    point_count: int
    embed_model: str
    warnings: list[str] = field(default_factory=list)
    parser_version: int = 0  # re-ingest when the parser changes what it extracts
    # The id of the write whose points are this document's (payload `version`); empty in
    # catalogs written before versions had ids, whose points carry the content hash.
    version: str = ""

    @property
    def content_hash(self) -> str:
        return str(self.document["content_hash"])

    @property
    def committed_version(self) -> str:
        """The payload `version` of this document's committed points."""
        return self.version or self.content_hash


class _Entries(dict[str, CatalogEntry]):
    """The catalog's entries, counting their changes (so derived sets are kept, not
    rebuilt on every read of the index)."""

    revision = 0

    def __setitem__(self, key: str, value: CatalogEntry) -> None:
        self.revision += 1
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.revision += 1
        super().__delitem__(key)

    def pop(self, *args: Any) -> Any:
        self.revision += 1
        return super().pop(*args)

    def popitem(self) -> tuple[str, CatalogEntry]:
        self.revision += 1
        return super().popitem()

    def clear(self) -> None:
        self.revision += 1
        super().clear()

    def update(self, *args: Any, **kwargs: Any) -> None:
        self.revision += 1
        super().update(*args, **kwargs)

    def setdefault(self, key: str, default: Any = None) -> Any:
        self.revision += 1
        return super().setdefault(key, default)


class DocumentCatalog:
    """Document ids to `CatalogEntry`s, the commit record of the index: a document version
    exists once `commit` (or `save`) has recorded an entry naming it, and not before.

    Two stores: files in the kehoach home (`Catalog`, the embedded default and a home shared
    by processes) and PostgreSQL (`ingest.catalog_db.DatabaseCatalog`, the server path:
    API replicas with homes of their own see each other's commits).
    """

    path: Path  # the home's catalog file; the kept sources live in `sources/` beside it

    def __init__(self) -> None:
        self._entries = _Entries()
        self._committed: tuple[int, int, Mapping[str, str], frozenset[str]] | None = None

    @property
    def entries(self) -> dict[str, CatalogEntry]:
        """Document id → entry; changed in place by writers, then `commit`ted."""
        return self._entries

    @entries.setter
    def entries(self, value: dict[str, CatalogEntry]) -> None:
        self._entries = _Entries(value)
        self._committed = None

    def reload(self) -> None:
        """Read the committed state again (in place: holders of `entries` see it)."""
        raise NotImplementedError

    def changed_on_disk(self) -> bool:
        """Whether another process committed since this one last read or wrote the
        catalog (API replicas and the polling bot reload then)."""
        raise NotImplementedError

    def may_have_changed(self) -> bool:
        """The per-question check: False only when no other process can have committed
        since this one last read (`changed_on_disk` itself here; a store told of commits
        answers from memory)."""
        return self.changed_on_disk()

    def commit(self, document_id: str) -> None:
        """Record the current entry of one document (or its absence) durably."""
        raise NotImplementedError

    def save(self) -> None:
        """Record every entry at once, replacing whatever was committed."""
        raise NotImplementedError

    def close(self) -> None:
        """Let go of what the store holds open (nothing, for files)."""

    def committed_versions(self) -> Mapping[str, str]:
        """Document id → the version id its readers may see: one read-only mapping kept
        until an entry changes (every index read asks; rebuilding it costs ~2 ms at 5,000
        plans)."""
        return self._committed_now()[0]

    def committed_set(self) -> frozenset[str]:
        """The versions readers may see, kept like `committed_versions`."""
        return self._committed_now()[1]

    def _committed_now(self) -> tuple[Mapping[str, str], frozenset[str]]:
        entries = self._entries
        kept = self._committed
        if kept is None or kept[:2] != (id(entries), entries.revision):
            by_document = {key: entry.committed_version for key, entry in list(entries.items())}
            kept = (
                id(entries),
                entries.revision,
                MappingProxyType(by_document),
                frozenset(by_document.values()),
            )
            self._committed = kept
        return kept[2], kept[3]


class Catalog(DocumentCatalog):
    """The catalog as files in the home: a snapshot file and a journal, written crash-safely.

    The files are the commit record of the index: a document version exists once `commit`
    (or `save`) has written an entry naming it, and not before.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._generation = ""
        self._journal_lines = 0
        self._snapshot: tuple[int, int] | None = None
        self._seen: tuple[object, ...] = ()
        self.reload()

    @property
    def journal_path(self) -> Path:
        return self.path.with_suffix(".log")

    def reload(self) -> None:
        """Re-read the files (in place: holders of `entries` see the new state)."""
        while True:
            before = _identity(self.path)
            entries, generation = self._read_snapshot()
            lines = self._replay(entries, generation)
            if _identity(self.path) == before:  # no snapshot replaced meanwhile
                break
        self._generation = generation
        self._journal_lines = lines
        self._snapshot = before
        self._seen = self._files()
        self.entries.clear()
        self.entries.update(entries)

    def changed_on_disk(self) -> bool:
        """Whether another process committed since this one last read or wrote the files
        (API replicas sharing a home reload then)."""
        return self._files() != self._seen

    def _files(self) -> tuple[object, ...]:
        try:
            journal = self.journal_path.stat()
            written: tuple[int, int] | None = (journal.st_size, journal.st_mtime_ns)
        except FileNotFoundError:
            written = None
        return _identity(self.path), written

    def commit(self, document_id: str) -> None:
        """Record the current entry of one document (or its absence) durably: the commit
        of that document's write, without rewriting the others'."""
        self._take_others_commits(document_id)
        entry = self.entries.get(document_id)
        if self._snapshot is None:  # the home's first document: start with a snapshot
            self.save()
            return
        record = {
            "generation": self._generation,
            "id": document_id,
            "entry": None if entry is None else entry.__dict__,
        }
        line = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.journal_path.open("ab") as stream:
            if stream.tell() and not _ends_with_newline(self.journal_path):
                stream.write(b"\n")  # after a torn line: keep ours on a line of its own
            stream.write(line.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        self._journal_lines += 1
        self._seen = self._files()
        if self._journal_lines > max(_MIN_JOURNAL_LINES, len(self.entries)):
            self.save()

    def _take_others_commits(self, document_id: str) -> None:
        """Before committing `document_id`: when another process sharing the home committed
        since we last read (a journal line, or a journal folded into a new snapshot), take
        its state, keeping only our change to `document_id`. Our line then carries the
        generation readers replay, and a snapshot we fold never drops its documents."""
        if not self.changed_on_disk() and _identity(self.path) == self._snapshot:
            return
        entry = self.entries.get(document_id)
        self.reload()
        if entry is None:
            self.entries.pop(document_id, None)
        else:
            self.entries[document_id] = entry

    def save(self) -> None:
        """Write every entry as a new snapshot (one atomic rename) and empty the journal."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        generation = secrets.token_hex(8)
        data = {
            "generation": generation,
            "documents": {key: entry.__dict__ for key, entry in sorted(self.entries.items())},
        }
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".catalog-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, indent=1, sort_keys=True)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, self.path)  # the commit: one atomic rename
        self._generation = generation
        self._snapshot = _identity(self.path)
        # Lines of the old generation are ignored from now on; drop them.
        if self.journal_path.exists():
            with self.journal_path.open("r+b") as stream:
                stream.truncate(0)
                os.fsync(stream.fileno())
        self._journal_lines = 0
        self._seen = self._files()

    def _read_snapshot(self) -> tuple[dict[str, CatalogEntry], str]:
        if not self.path.exists():
            return {}, ""
        raw = json.loads(self.path.read_text(encoding="utf-8"))
        entries = {key: CatalogEntry(**value) for key, value in raw["documents"].items()}
        return entries, str(raw.get("generation", ""))

    def _replay(self, entries: dict[str, CatalogEntry], generation: str) -> int:
        """Apply the journal's lines of `generation` to `entries`; how many there were."""
        try:
            data = self.journal_path.read_bytes()
        except FileNotFoundError:
            return 0
        applied = 0
        for line in data.splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue  # torn by a crash: never committed
            if not isinstance(record, dict) or record.get("generation") != generation:
                continue
            document_id, entry = record["id"], record["entry"]
            if entry is None:
                entries.pop(document_id, None)
            else:
                entries[document_id] = CatalogEntry(**entry)
            applied += 1
        return applied


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as stream:
        stream.seek(-1, os.SEEK_END)
        return stream.read(1) == b"\n"
