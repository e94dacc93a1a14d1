"""Reading a plan file from disk into text, with clear errors for unusable input.

Text files (.txt, .md) are decoded; Markdown is then read into its canonical text, and
.docx, .pdf and .html/.htm files are extracted, by `ingest.formats`. Either way the result
is the source text the parser reads and every clause offset points into.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ingest.errors import (
    BinarySourceError,
    EmptySourceError,
    EncodingError,
    InputError,
    SourceNotFoundError,
    SourceTooLargeError,
)
from ingest.formats import (
    CONVERT_HINTS,
    FORMAT_SUFFIXES,
    MARKDOWN_SUFFIXES,
    UnsupportedFormatError,
    extract_text,
    read_markdown,
)

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + FORMAT_SUFFIXES


@dataclass(frozen=True)
class SourceFile:
    """A plan file's source text and the document id derived from its name."""

    path: Path
    document_id: str
    text: str  # decoded, or extracted from .docx/.pdf/.html: what offsets point into
    warnings: tuple[str, ...] = ()  # what extraction could not read (scanned pages …)


def document_id_for(path: Path) -> str:
    """A stable, URL-safe document id from the file name ("ninh-binh-19-KH-UBND-2025")."""
    stem = unicodedata.normalize("NFD", path.stem.replace("đ", "d").replace("Đ", "D"))
    ascii_stem = "".join(c for c in stem if not unicodedata.combining(c))
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_stem).strip("-._")
    return slug or "document"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 50)


def decode_text(data: bytes, name: str, encoding: str | None = None) -> str:
    """Bytes → text: UTF-8 (with or without BOM) unless another encoding is named."""
    if _looks_binary(data):
        raise BinarySourceError(
            f"{name}: this is a binary file, not plan text; export it as .txt or .md first"
        )
    try:
        text = data.decode(encoding or "utf-8-sig")
    except LookupError as error:
        raise EncodingError(f"{name}: unknown encoding {encoding!r}") from error
    except UnicodeDecodeError as error:
        raise EncodingError(
            f"{name}: file is not UTF-8 text (byte {error.start}); convert it to UTF-8 "
            "or pass --encoding (e.g. --encoding cp1258 for Windows Vietnamese)"
        ) from error
    if not text.strip():
        raise EmptySourceError(f"{name}: file has no text")
    return text


def source_text(data: bytes, name: str, encoding: str | None = None) -> tuple[str, tuple[str, ...]]:
    """A plan file's bytes → its source text and extraction warnings, by the name's suffix."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in FORMAT_SUFFIXES:
        extracted = extract_text(data, suffix, name, encoding)
        return extracted.text, extracted.warnings
    text = decode_text(data, name, encoding)
    if suffix in MARKDOWN_SUFFIXES:  # structure read by a Markdown parser, not line by line
        extracted = read_markdown(text, name)
        return extracted.text, extracted.warnings
    return text, ()


def read_source(path: Path, max_bytes: int, encoding: str | None = None) -> SourceFile:
    """Read one plan file into its source text, refusing what cannot be a plan."""
    if not path.exists():
        raise SourceNotFoundError(f"{path}: no such file or folder")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = CONVERT_HINTS.get(suffix, "supported: " + ", ".join(SUPPORTED_SUFFIXES))
        raise UnsupportedFormatError(f"{path}: unsupported format {suffix or '(none)'}; {hint}")
    size = path.stat().st_size
    if size == 0:
        raise EmptySourceError(f"{path}: file is empty")
    if size > max_bytes:
        raise SourceTooLargeError(
            f"{path}: {size:,} bytes is over the {max_bytes:,}-byte limit; split the file "
            "or raise KEHOACH_MAX_SOURCE_BYTES"
        )
    text, warnings = source_text(path.read_bytes(), str(path), encoding)
    return SourceFile(path, document_id_for(path), text, warnings)


def collect_sources(paths: list[Path]) -> list[Path]:
    """Expand folders into their plan files (sorted); files are kept as given."""
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise SourceNotFoundError(f"{path}: no such file or folder")
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in SUPPORTED_SUFFIXES
                    and not p.name.lower().startswith("readme")
                )
            )
        else:
            found.append(path)
    return found
