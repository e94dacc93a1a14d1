"""A per-document ceiling on parsing: wall-clock seconds and memory growth.

Parsing is linear (see bench/parse_bench.py), but a large, pathological upload can still
hold the only ingest worker for minutes. `ParseBudget.watching(name)` makes the parser's
loops (`checkpoint()`) give up with a clear `ParseBudgetError` once the document has used
its seconds or grown the process by its megabytes. A .docx is sized before it is opened
(`check_archive`): its XML is expanded in memory all at once, so it is refused up front
when its element count predicts more memory than the budget allows.

Settings: `KEHOACH_MAX_PARSE_SECONDS` (default 60) and `KEHOACH_MAX_PARSE_MB` (default
1024); 0 lifts a limit.
"""

from __future__ import annotations

import contextvars
import os
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import PurePosixPath

from ingest.cancel import raise_if_cancelled
from ingest.errors import InputError

SECONDS_ENV = "KEHOACH_MAX_PARSE_SECONDS"
EMBED_SECONDS_ENV = "KEHOACH_MAX_EMBED_SECONDS"
DEFAULT_EMBED_SECONDS = 900.0
MEGABYTES_ENV = "KEHOACH_MAX_PARSE_MB"
DEFAULT_SECONDS = 60.0
DEFAULT_MEGABYTES = 1024
_CHECK_EVERY = 2048  # checkpoints between two looks at the clock and the memory
# Resident memory one XML element of a .docx costs once parsed (lxml + python-docx),
# measured with bench/parse_bench.py (docx-tiny-paragraphs), rounded up.
_BYTES_PER_DOCX_ELEMENT = 300
_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class ParseBudgetError(InputError):
    """A document needs more time or memory to parse than its budget allows."""


class EmbedDeadline:
    """The wall-clock ceiling on embedding one document's clauses (`KEHOACH_MAX_EMBED_SECONDS`,
    default 900; 0 lifts it), so one huge upload cannot hold the only ingest worker."""

    def __init__(self, name: str, seconds: float | None = None) -> None:
        self._name = name
        self._seconds = (
            _number(EMBED_SECONDS_ENV, DEFAULT_EMBED_SECONDS) if seconds is None else seconds
        )
        self._deadline = time.monotonic() + self._seconds if self._seconds > 0 else 0.0

    def check(self) -> None:
        """`ParseBudgetError` once the document has used its embedding seconds."""
        if self._deadline and time.monotonic() > self._deadline:
            raise ParseBudgetError(
                f"{self._name}: nhúng (embedding) các điều khoản vượt quá {self._seconds:g} giây "
                f"cho phép ({EMBED_SECONDS_ENV}); chưa có gì được ghi. Hãy tách văn bản thành "
                "các tệp nhỏ hơn, hoặc tăng giới hạn."
            )


@dataclass
class ParseBudget:
    """Limits for parsing one document; 0 lifts a limit."""

    seconds: float = DEFAULT_SECONDS
    megabytes: int = DEFAULT_MEGABYTES
    _name: str = ""
    _deadline: float = 0.0
    _rss_ceiling: int = 0
    _calls: int = field(default=0, repr=False)

    @classmethod
    def from_env(cls) -> ParseBudget:
        """The budget the environment sets (`KEHOACH_MAX_PARSE_SECONDS`, `_MB`)."""
        return cls(
            seconds=_number(SECONDS_ENV, DEFAULT_SECONDS),
            megabytes=int(_number(MEGABYTES_ENV, DEFAULT_MEGABYTES)),
        )

    @contextmanager
    def watching(self, name: str) -> Iterator[ParseBudget]:
        """Enforce a fresh copy of this budget on the parsing done inside the block, for
        document `name`; inside a block already watched, the budget running goes on."""
        active = _ACTIVE.get()
        if active is not None:
            yield active
            return
        running = ParseBudget(self.seconds, self.megabytes)
        with running._started(name):
            yield running

    @contextmanager
    def _started(self, name: str) -> Iterator[None]:
        self._name = name
        self._calls = 0
        self._deadline = time.monotonic() + self.seconds if self.seconds > 0 else 0.0
        rss = _resident_bytes()
        self._rss_ceiling = rss + self.megabytes * 1024 * 1024 if self.megabytes and rss else 0
        token = _ACTIVE.set(self)
        try:
            yield
        finally:
            _ACTIVE.reset(token)

    def check(self) -> None:
        """Raise `ParseBudgetError` when the time or the memory is used up."""
        if self._deadline and time.monotonic() > self._deadline:
            raise ParseBudgetError(
                f"{self._name}: phân tích văn bản vượt quá {self.seconds:g} giây cho phép "
                f"({SECONDS_ENV}). Văn bản quá lớn hoặc có cấu trúc bất thường (hàng trăm "
                "nghìn dòng hay đoạn lặp lại); hãy tách thành các tệp nhỏ hơn, hoặc tăng "
                "giới hạn nếu đây đúng là một kế hoạch."
            )
        if self._rss_ceiling and _resident_bytes() > self._rss_ceiling:
            raise ParseBudgetError(
                f"{self._name}: phân tích văn bản cần hơn {self.megabytes} MB bộ nhớ cho phép "
                f"({MEGABYTES_ENV}). Hãy tách văn bản thành các tệp nhỏ hơn, hoặc tăng giới hạn "
                "nếu đây đúng là một kế hoạch."
            )

    def check_archive(self, data: bytes, name: str) -> None:
        """Refuse a .docx whose XML would take more memory than the budget once opened."""
        if PurePosixPath(name).suffix.lower() != ".docx" or not self.megabytes:
            return
        elements = _docx_elements(data)
        needed_mb = elements * _BYTES_PER_DOCX_ELEMENT / (1024 * 1024)
        if needed_mb > self.megabytes:
            raise ParseBudgetError(
                f"{name}: tệp .docx có {elements:,} phần tử XML, cần khoảng {needed_mb:,.0f} MB "
                f"bộ nhớ để đọc, vượt giới hạn {self.megabytes} MB ({MEGABYTES_ENV}). Hãy lưu "
                "lại văn bản bằng Word (bỏ các đoạn trống thừa) hoặc tách thành các tệp nhỏ hơn."
            )


_ACTIVE: contextvars.ContextVar[ParseBudget | None] = contextvars.ContextVar(
    "kehoach_parse_budget", default=None
)


def checkpoint() -> None:
    """Called from the parser's loops: cheap; looks at the budget every few thousand calls."""
    budget = _ACTIVE.get()
    if budget is None:
        return
    budget._calls += 1
    if budget._calls % _CHECK_EVERY == 0:
        raise_if_cancelled()
        budget.check()


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise InputError(
            f"{name}={raw!r} không phải là số (ví dụ {default:g}; 0 = không giới hạn)"
        ) from None
    return max(value, 0.0)


def _resident_bytes() -> int:
    """This process's resident memory now (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", "rb") as stream:
            return int(stream.read().split()[1]) * _PAGE_BYTES
    except (OSError, ValueError, IndexError):
        return 0


def _docx_elements(data: bytes) -> int:
    """How many `w:` elements the main document part holds, counted while streaming it."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive, archive.open("word/document.xml") as part:
            count, tail = 0, b""
            while chunk := part.read(1 << 20):
                block = tail + chunk
                count += block.count(b"<w:")
                # an opening split across two chunks is counted in the next block; a whole
                # one cannot hide in the 2 bytes carried over, so none is counted twice
                tail = block[-2:]
            return count
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return 0  # the extractor reports a broken archive in its own words
