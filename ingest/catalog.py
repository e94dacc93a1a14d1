"""The catalog of ingested documents kept in the kehoach home (catalog.json)."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


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


class Catalog:
    """A JSON file mapping document ids to `CatalogEntry`s, written atomically.

    The file is the commit record of the index: a document version exists once `save`
    has replaced the file with one naming it, and not before.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, CatalogEntry] = {}
        self.reload()

    def reload(self) -> None:
        """Re-read the file (in place: holders of `entries` see the new state)."""
        entries: dict[str, CatalogEntry] = {}
        if self.path.exists():
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            entries = {key: CatalogEntry(**value) for key, value in raw["documents"].items()}
        self.entries.clear()
        self.entries.update(entries)

    def committed_versions(self) -> dict[str, str]:
        """Document id → the version id its readers may see."""
        return {key: entry.committed_version for key, entry in list(self.entries.items())}

    def save(self) -> None:
        """Write the catalog so that readers never see a half-written file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"documents": {key: entry.__dict__ for key, entry in sorted(self.entries.items())}}
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".catalog-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, indent=1, sort_keys=True)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, self.path)  # the commit: one atomic rename
