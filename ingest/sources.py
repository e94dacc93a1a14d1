"""The kept source texts, `sources/<document id>.txt`, always those of the committed version,
and the blocks its reader gave (`<document id>.blocks.json`, tied to the text by its hash).

A write stages the new text under a pending name tied to its version id
(`.<document id>@<version>.pending`) before the catalog switch, and publishes it under
the public name after. A crash in between leaves a pending file that `sweep` publishes
(its version was committed) or deletes (it was not).
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

logger = logging.getLogger(__name__)

_PENDING = ".pending"
_BLOCKS = ".blocks.json"
_TEMPORARY_PREFIX = ".source-"


class SourceFiles:
    """The `sources/` folder of a kehoach home."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, document_id: str) -> Path:
        """The committed source text of a document."""
        return self.folder / f"{document_id}.txt"

    def stage(self, document_id: str, version: str, text: str) -> None:
        """Write a version's text under its pending name (atomically, durably)."""
        _write_atomically(self._pending(document_id, version), text)

    def publish(self, document_id: str, version: str) -> None:
        """Make a staged (now committed) version's text the document's source."""
        pending = self._pending(document_id, version)
        if pending.exists():
            os.replace(pending, self.path(document_id))

    def keep(self, document_id: str, text: str) -> None:
        """Write the document's source directly (a home that predates kept sources)."""
        _write_atomically(self.path(document_id), text)

    def blocks_path(self, document_id: str) -> Path:
        """The blocks the document's reader gave, beside its source text."""
        return self.folder / f"{document_id}{_BLOCKS}"

    def keep_blocks(self, document_id: str, blocks: str | None) -> None:
        """Write the blocks' JSON (`ingest.formats.block_json`); None: the text has none
        beyond its lines (plain text), so any blocks kept before are removed."""
        if blocks is None:
            self.blocks_path(document_id).unlink(missing_ok=True)
        else:
            _write_atomically(self.blocks_path(document_id), blocks)

    def remove(self, document_id: str) -> None:
        self.path(document_id).unlink(missing_ok=True)
        self.blocks_path(document_id).unlink(missing_ok=True)

    def sweep(self, committed: Mapping[str, str]) -> int:
        """Publish or delete pending texts, delete sources of uncatalogued documents.

        `committed` maps document id → committed version id. Returns how many files moved.
        """
        if not self.folder.is_dir():
            return 0
        changed = 0
        for entry in sorted(self.folder.iterdir()):
            name = entry.name
            if name.startswith(_TEMPORARY_PREFIX):
                entry.unlink(missing_ok=True)
                changed += 1
            elif name.startswith(".") and name.endswith(_PENDING) and "@" in name:
                document_id, version = name[1 : -len(_PENDING)].rsplit("@", 1)
                if committed.get(document_id) == version:
                    os.replace(entry, self.path(document_id))
                else:
                    entry.unlink(missing_ok=True)
                changed += 1
            elif _owner(name) is not None and _owner(name) not in committed:
                entry.unlink(missing_ok=True)
                changed += 1
        if changed:
            logger.info("sources: %d leftover files of uncommitted writes swept", changed)
        return changed

    def _pending(self, document_id: str, version: str) -> Path:
        return self.folder / f".{document_id}@{version}{_PENDING}"


def _owner(name: str) -> str | None:
    """The document a kept file belongs to (its source text or its blocks), by its name."""
    for suffix in (_BLOCKS, ".txt"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return None


def _write_atomically(path: Path, text: str) -> None:
    """Readers never see half a file, and a crash never leaves one under `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=_TEMPORARY_PREFIX)
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)
