"""An exclusive, advisory lock on a file we own, which also records who holds it.

Qdrant Edge refuses a second opener of a shard with a bare "WouldBlock" error. We take
our own lock first so the refusal can say which process holds the index and what to do.
The lock is `flock`-based: the kernel drops it when the holder exits, even on a crash,
so a stale lock file never blocks anyone.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ingest.errors import IndexLockedError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: fall back on Edge's own lock
    fcntl = None  # type: ignore[assignment]

logger = logging.getLogger(__name__)

_MAX_COMMAND_CHARS = 200


@dataclass(frozen=True)
class LockHolder:
    """Who holds a lock, as the holder wrote it down."""

    pid: int | None
    command: str
    since: str

    def describe(self) -> str:
        if self.pid is None:
            return "không rõ tiến trình nào"
        who = f"pid {self.pid}"
        if self.pid == os.getpid():
            who += ", chính tiến trình này"
        return f"{who} ({self.command})" if self.command else who


class FileLock:
    """Hold `path` exclusively until `release`; `acquire` never waits."""

    def __init__(self, path: Path, *, what: str, hint: str) -> None:
        self._path = path
        self._what = what  # e.g. "the index at /home/u/.kehoach/index/kehoach_clauses"
        self._hint = hint  # what the user can do about it
        self._fd: int | None = None

    @property
    def path(self) -> Path:
        return self._path

    def acquire(self) -> None:
        """Take the lock, or raise `IndexLockedError` naming the holder."""
        if self._fd is not None:
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                holder = read_holder(self._path)
                raise IndexLockedError(
                    f"{self._what} đang được một tiến trình khác dùng ({holder.describe()}). "
                    f"{self._hint}"
                ) from None
        self._fd = fd
        _write_holder(fd)
        logger.debug("locked %s", self._path)

    def release(self) -> None:
        """Drop the lock; safe to call twice."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)  # so nobody reads our pid after we are gone
        finally:
            os.close(fd)  # closing the descriptor releases the flock
        logger.debug("unlocked %s", self._path)


def read_holder(path: Path) -> LockHolder:
    """What the holder wrote into the lock file; `pid=None` when unreadable or not yet written."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(
            pid=int(record["pid"]),
            command=str(record.get("command", "")),
            since=str(record.get("since", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return LockHolder(pid=None, command="", since="")


def current_command() -> str:
    """This process's command line, short: `kehoach serve --port 8000`."""
    argv = sys.argv or [""]
    first = argv[0]
    if first == "-c":
        words = ["python", "-c", "…"]  # the script itself is noise
    elif Path(first).name == "__main__.py":
        words = ["python", "-m", Path(first).parent.name]
    else:
        words = [Path(first).name or "python"]
    command = " ".join([*words, *argv[1:]])
    if len(command) > _MAX_COMMAND_CHARS:
        command = command[: _MAX_COMMAND_CHARS - 1] + "…"
    return command


def _write_holder(fd: int) -> None:
    record = {
        "pid": os.getpid(),
        "command": current_command(),
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    data = json.dumps(record, ensure_ascii=False).encode("utf-8")
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, data)
    os.fsync(fd)


class WriteLock:
    """A blocking, exclusive lock across processes for a home's write sections.

    Writers (ingest, remove) and the sweep at open hold it, so a second process sharing a
    home (a Qdrant server and several API workers) never sweeps away a write in flight.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._fd: int | None = None

    def __enter__(self) -> WriteLock:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        self._fd = fd
        return self

    def __exit__(self, *exc_info: object) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # releases the flock
