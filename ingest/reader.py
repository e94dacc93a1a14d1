"""Reading a plan file from disk into text, with clear errors for unusable input.

Text files (.txt, .md) are decoded; Markdown is then read into its canonical text, and
.docx, .pdf and .html/.htm files are extracted, by `ingest.formats`. Either way the result
is the source text the parser reads and every clause offset points into, with the blocks
the reader saw (Markdown, DOCX, HTML; none for plain text and PDF).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from ingest.errors import (
    BinarySourceError,
    DocumentIdTakenError,
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
    ExtractedText,
    UnsupportedFormatError,
    extract_text,
    read_markdown,
)
from ingest.formats.blocks import Block
from ingest.formats.text import read_text

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + FORMAT_SUFFIXES


@dataclass(frozen=True)
class SourceFile:
    """A plan file's source text and the document id derived from its name."""

    path: Path
    document_id: str
    text: str  # decoded, or extracted from .docx/.pdf/.html: what offsets point into
    warnings: tuple[str, ...] = ()  # what extraction could not read (scanned pages …)
    blocks: tuple[Block, ...] = ()  # the structure the reader saw, spans into `text`


def document_id_for(path: Path) -> str:
    """A stable, URL-safe document id from the file name ("ninh-binh-19-KH-UBND-2025")."""
    stem = unicodedata.normalize("NFD", path.stem.replace("đ", "d").replace("Đ", "D"))
    ascii_stem = "".join(c for c in stem if not unicodedata.combining(c))
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_stem).strip("-._")
    return slug or "document"


def _looks_binary(data: bytes) -> bool:
    """Whether undecodable bytes look like a binary file rather than text in another encoding."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 50)


_BOMS = (  # longest first: the UTF-32-LE mark begins with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UNICODE_FAMILIES = ("utf-16", "utf-32")
# Unicode's control characters (category Cc) except tab, newline, form feed, carriage return.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def checked_encoding(encoding: str | None, name: str) -> str | None:
    """The codec's canonical name, or `EncodingError` for a name that cannot decode text."""
    if encoding is None:
        return None
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        codec = None
    # `undefined` is a real codec that refuses everything; base64, hex, rot13… are not text.
    if codec is None or codec.name == "undefined" or not getattr(codec, "_is_text_encoding", True):
        raise EncodingError(
            f"{name}: không biết bảng mã {encoding!r}; hãy dùng một bảng mã văn bản, ví dụ "
            "--encoding utf-8, utf-16 hoặc cp1258 (Windows tiếng Việt)"
        )
    return codec.name


def _nul_pattern(data: bytes) -> str | None:
    """UTF-16/32 without a BOM, told by where the NUL bytes fall (most text is below U+0100
    in at least one byte of each unit: ASCII letters, digits, spaces)."""
    sample = data[:8192]
    sample = sample[: len(sample) - len(sample) % 4]
    if len(sample) < 32:  # too little to tell
        return None
    columns = [sample[i::4].count(0) / len(sample[i::4]) for i in range(4)]
    if columns[3] == 1 and columns[2] > 0.9 and columns[0] < 0.1:
        return "utf-32-le"
    if columns[0] == 1 and columns[1] > 0.9 and columns[3] < 0.1:
        return "utf-32-be"
    even = (columns[0] + columns[2]) / 2
    odd = (columns[1] + columns[3]) / 2
    if odd > 0.2 and even < 0.02:
        return "utf-16-le"
    if even > 0.2 and odd < 0.02:
        return "utf-16-be"
    return None


def _codec_for(data: bytes, declared: str | None) -> str | None:
    """The codec to decode with: a BOM of the declared family (or of any, when none is
    declared), then the declared codec (a bare utf-16/utf-32 gets its byte order from the
    NUL pattern), then a UTF-16/32 NUL pattern; None when nothing says."""
    for bom, codec in _BOMS:
        family = codec.removesuffix("-sig")
        if data.startswith(bom) and (declared is None or declared.startswith(family)):
            return codec
    if declared in _UNICODE_FAMILIES:
        pattern = _nul_pattern(data)
        return pattern if pattern and pattern.startswith(declared) else declared
    return declared or _nul_pattern(data)


def without_control_characters(text: str, name: str) -> tuple[str, int]:
    """The text with control characters (NUL, C0 and C1 controls other than tab, newline,
    carriage return and form feed) removed, and how many there were; text that is mostly
    control characters is refused as binary. A vertical tab (Word's line break) is a newline."""
    cleaned, removed = _CONTROLS.subn("", text.replace("\v", "\n"))
    if removed > len(text) // 50:  # more than 2 %: not a text with a few stray bytes
        raise BinarySourceError(
            f"{name}: tệp có {removed:,} ký tự điều khiển (NUL…), có lẽ là tệp nhị phân chứ "
            "không phải văn bản kế hoạch; hãy xuất nó ra .txt hoặc .docx trước"
        )
    return cleaned, removed


def decode_text(data: bytes, name: str, encoding: str | None = None) -> str:
    """Bytes → text: UTF-8 (with or without BOM), UTF-16/32 (BOM or NUL pattern), or the named
    encoding; stray control characters are removed (`without_control_characters`)."""
    declared = checked_encoding(encoding, name)
    codec = _codec_for(data, declared)
    try:
        text = data.decode(codec or "utf-8-sig")
    except UnicodeError as error:
        if declared is None and _looks_binary(data):
            raise BinarySourceError(
                f"{name}: đây là tệp nhị phân, không phải văn bản kế hoạch; "
                "hãy xuất nó ra .txt hoặc .md trước"
            ) from error
        where = f" (byte {error.start})" if isinstance(error, UnicodeDecodeError) else ""
        raise EncodingError(
            f"{name}: tệp không phải văn bản {codec or 'UTF-8'}{where}; hãy chuyển sang UTF-8 "
            "hoặc chỉ rõ bảng mã bằng --encoding (API: ?encoding=), ví dụ --encoding cp1258 "
            "cho Windows tiếng Việt"
        ) from error
    if text.startswith("\ufeff"):  # a BOM kept by an explicitly named utf-8 / utf-16-le …
        text = text[1:]
    text, _ = without_control_characters(text, name)
    if not text.strip():
        raise EmptySourceError(f"{name}: tệp không có chữ nào")
    return text


def read_document(data: bytes, name: str, encoding: str | None = None) -> ExtractedText:
    """A plan file's bytes → its source text, warnings and blocks, by the name's suffix."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in FORMAT_SUFFIXES:
        extracted = extract_text(data, suffix, name, checked_encoding(encoding, name))
        text, removed = without_control_characters(extracted.text, name)
        if text != extracted.text:  # offsets moved: the blocks no longer index the text
            warning = f"đã bỏ {removed} ký tự điều khiển"
            return ExtractedText(text, extracted.source_format, (*extracted.warnings, warning))
        return extracted
    text = decode_text(data, name, encoding)
    if suffix in MARKDOWN_SUFFIXES:  # structure read by a Markdown parser, not line by line
        return read_markdown(text, name)
    return read_text(text)  # one block per line: the parser reads its structure from the words


def source_text(data: bytes, name: str, encoding: str | None = None) -> tuple[str, tuple[str, ...]]:
    """A plan file's bytes → its source text and extraction warnings, by the name's suffix."""
    extracted = read_document(data, name, encoding)
    return extracted.text, extracted.warnings


def read_source(path: Path, max_bytes: int, encoding: str | None = None) -> SourceFile:
    """Read one plan file into its source text, refusing what cannot be a plan."""
    if not path.exists():
        raise SourceNotFoundError(f"{path}: không có tệp hay thư mục này")
    if not path.is_file():
        raise InputError(f"{path}: không phải tệp thường")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = CONVERT_HINTS.get(suffix, "đọc được: " + ", ".join(SUPPORTED_SUFFIXES))
        shown = suffix or "(không có đuôi)"
        raise UnsupportedFormatError(f"{path}: không đọc được định dạng {shown}; {hint}")
    size = path.stat().st_size
    if size == 0:
        raise EmptySourceError(f"{path}: tệp rỗng")
    if size > max_bytes:
        raise SourceTooLargeError(
            f"{path}: {size:,} byte, vượt giới hạn {max_bytes:,} byte; hãy tách tệp "
            "hoặc tăng KEHOACH_MAX_SOURCE_BYTES"
        )
    extracted = read_document(path.read_bytes(), str(path), encoding)
    return SourceFile(
        path, document_id_for(path), extracted.text, extracted.warnings, extracted.blocks
    )


def collect_sources(paths: list[Path]) -> list[Path]:
    """Expand folders into their plan files (sorted); files are kept as given, each once.

    Two files whose names give the same document id are refused together, before anything
    is read (`DocumentIdTakenError`): one would silently replace the other.
    """
    found: dict[Path, Path] = {}  # resolved → as given
    for path in paths:
        if not path.exists():
            raise SourceNotFoundError(f"{path}: không có tệp hay thư mục này")
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not p.name.lower().startswith("readme")
            )
        else:
            files = [path]
        for file in files:
            found.setdefault(file.resolve(), file)
    sources = list(found.values())
    refuse_shared_ids(sources)
    return sources


def refuse_shared_ids(files: list[Path]) -> None:
    """`DocumentIdTakenError` naming every pair of files that would share a document id."""
    by_id: dict[str, list[Path]] = {}
    for file in files:
        by_id.setdefault(document_id_for(file), []).append(file)
    clashes = [
        f"{' và '.join(str(f) for f in same)} cùng cho mã {document_id}"
        for document_id, same in by_id.items()
        if len(same) > 1
    ]
    if clashes:
        raise DocumentIdTakenError(
            "mỗi tệp phải cho một mã văn bản riêng, nhưng "
            + "; ".join(clashes)
            + ". Hãy đổi tên để các mã khác nhau; chưa nạp tệp nào."
        )


def refuse_taken_id(document_id: str, name: str, current_source: str | None) -> None:
    """`DocumentIdTakenError` when `document_id` already holds a file of another name.

    The same name (from any folder, or uploaded) updates the document; another name that
    happens to give the same id ("Ke hoach.txt" after "Kế hoạch.txt") is refused, never a
    silent replacement.
    """
    if not current_source:
        return
    current = PureWindowsPath(PurePosixPath(current_source).name).name
    new = PureWindowsPath(PurePosixPath(name).name).name
    if unicodedata.normalize("NFC", current) != unicodedata.normalize("NFC", new):
        raise DocumentIdTakenError(
            f"{new}: mã văn bản {document_id!r} đã thuộc về tệp {current}; hãy đổi tên tệp mới, "
            f"hoặc xoá văn bản cũ trước (kehoach remove {document_id}) nếu muốn thay nó"
        )
