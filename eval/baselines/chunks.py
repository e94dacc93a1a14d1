"""Fixed-size character chunks of a plan file, with their offsets in the source."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_CHUNK_CHARS = 800
# Gold quotes are at most 200 characters; with 200 characters of overlap every span of
# that length lies wholly inside some chunk, so no quote is lost to a chunk boundary.
DEFAULT_OVERLAP_CHARS = 200


@dataclass(frozen=True)
class Chunk:
    """A piece of a source file; ``start``/``end`` are None when the splitter lost them."""

    document_id: str
    text: str
    start: int | None = None
    end: int | None = None


def fixed_size_chunks(
    document_id: str,
    text: str,
    size: int = DEFAULT_CHUNK_CHARS,
    overlap: int = DEFAULT_OVERLAP_CHARS,
) -> list[Chunk]:
    """Windows of ``size`` characters every ``size - overlap`` characters; the last may be short."""
    if not text:
        return []
    if size < 1 or not 0 <= overlap < size:
        raise ValueError(f"need size >= 1 and 0 <= overlap < size, got {size=} {overlap=}")
    step = size - overlap
    chunks: list[Chunk] = []
    for start in range(0, max(len(text) - overlap, 1), step):
        end = min(start + size, len(text))
        chunks.append(Chunk(document_id, text[start:end], start, end))
    return chunks
