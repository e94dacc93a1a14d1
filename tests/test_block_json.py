"""The reader's blocks kept beside a document's source: JSON round trip and their file's
life with the source (written, swept, removed)."""

from __future__ import annotations

from pathlib import Path

from ingest.formats import extract_text
from ingest.formats.block_json import dump_blocks, load_blocks
from ingest.sources import SourceFiles
from tests.test_formats_blocks import PARTS, RENDERERS


def test_blocks_round_trip_through_json() -> None:
    extracted = extract_text(RENDERERS[".docx"](PARTS), ".docx")
    kept = dump_blocks(extracted.blocks, "hash-1")
    assert load_blocks(kept, "hash-1", extracted.text) == extracted.blocks
    assert load_blocks(kept, "hash-2", extracted.text) is None, "blocks of another text"


def test_kept_blocks_are_swept_and_removed_with_their_source(tmp_path: Path) -> None:
    sources = SourceFiles(tmp_path / "sources")
    for document_id in ("a", "b"):
        sources.keep(document_id, "text")
        sources.keep_blocks(document_id, "{}")
    sources.sweep({"a": "v1"})  # "b" was never committed
    assert sources.blocks_path("a").exists() and not sources.blocks_path("b").exists()
    sources.keep_blocks("a", None)  # re-ingested as plain text: no blocks beyond its lines
    assert not sources.blocks_path("a").exists()
    sources.keep_blocks("a", "{}")
    sources.remove("a")
    assert not sources.blocks_path("a").exists() and not sources.path("a").exists()
