"""One long-running process per embedded home: `kehoach serve` and `kehoach bot telegram`.

The embedded index (Qdrant Edge) opens in one process only. Without a check at start-up a
second `kehoach serve` on the same home binds its port, reports itself healthy and fails
every question (its index never opens). `claim_home` refuses it before anything starts,
naming the holder and the way to run several replicas: a Qdrant server and PostgreSQL,
where no process owns the home and no claim is taken.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ingest.errors import HomeInUseError, IndexLockedError
from ingest.index.locking import FileLock, read_holder
from ingest.settings import Settings

logger = logging.getLogger(__name__)

CLAIM_FILE = "serve.lock"  # in the home: held by the process serving it

_SERVER_PATH_VI = (
    "Muốn chạy nhiều bản sao (API, bot) trên cùng dữ liệu, dùng đường máy chủ: "
    "KEHOACH_QDRANT_URL (Qdrant server) và KEHOACH_DATABASE_URL (PostgreSQL); xem README, "
    "mục Deployment."
)
_SERVER_PATH_EN = (
    "To run several replicas (API, bots) over the same plans, use the server path: "
    "KEHOACH_QDRANT_URL (a Qdrant server) and KEHOACH_DATABASE_URL (PostgreSQL); see the "
    "README, section Deployment."
)


def claim_home(settings: Settings) -> FileLock | None:
    """Hold the home for this process when its index is embedded (release on exit; the
    kernel drops it on a crash); None on the server path, where replicas share the home.

    Raises `HomeInUseError` when another process serves the home or holds its index."""
    if settings.qdrant_url:
        return None
    home = settings.home
    claim = FileLock(home / CLAIM_FILE, what="", hint="")
    try:
        claim.acquire()
    except IndexLockedError:
        raise HomeInUseError(_message(home, home / CLAIM_FILE)) from None
    # A `kehoach ingest` or `ask` holding the index: this process could not answer either.
    index_lock = settings.index_dir / f"{settings.collection}.lock"
    probe = FileLock(index_lock, what="", hint="")
    try:
        probe.acquire()
    except IndexLockedError:
        claim.release()
        raise HomeInUseError(_message(home, index_lock)) from None
    probe.release()
    logger.debug("holding the home %s", home)
    return claim


def _message(home: Path, lock: Path) -> str:
    holder = read_holder(lock)
    who = holder.describe()
    if holder.pid is None:
        who_en = "an unknown process"
    else:
        who_en = f"pid {holder.pid} ({holder.command})" if holder.command else f"pid {holder.pid}"
    return (
        f"Thư mục kehoach {home} đang được một tiến trình khác dùng ({who}): chỉ mục nhúng "
        "(Qdrant Edge) chỉ mở được trong một tiến trình. Hãy dừng tiến trình đó, hoặc dùng "
        f"--home khác (KEHOACH_HOME). {_SERVER_PATH_VI}\n"
        f"The kehoach home {home} is in use by another process ({who_en}): the embedded index "
        "opens in one process only. Stop that process or pass another --home. "
        f"{_SERVER_PATH_EN}"
    )
