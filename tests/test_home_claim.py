"""One long-running process per embedded home: a second `kehoach serve` is refused at start.

Two real `kehoach serve` processes on one home: the second exits at once with a message in
Vietnamese and English naming the first and the server path, and the first goes on
answering from an intact home. The claim's rules (server path exempt, an index held by
an `ingest` counts, released on exit) are checked in process.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from ingest.errors import HomeInUseError, IndexLockedError
from ingest.home_claim import CLAIM_FILE, claim_home
from ingest.index.locking import FileLock
from ingest.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
START_S = 180  # imports and an empty home's open, on a loaded two-core machine


def test_a_second_claim_on_an_embedded_home_names_the_holder_in_both_languages(
    tmp_path: Path,
) -> None:
    settings = Settings(home=tmp_path / "home")
    first = claim_home(settings)
    assert first is not None
    with pytest.raises(HomeInUseError) as refused:
        claim_home(settings)
    message = str(refused.value)
    assert f"pid {os.getpid()}" in message
    assert "đang được một tiến trình khác dùng" in message  # Vietnamese first
    assert "is in use by another process" in message  # then English
    assert "KEHOACH_QDRANT_URL" in message and "KEHOACH_DATABASE_URL" in message
    first.release()
    again = claim_home(settings)  # released: the home is free
    assert again is not None
    again.release()


def test_the_server_path_takes_no_claim(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", qdrant_url="http://qdrant:6333")
    assert claim_home(settings) is None
    assert claim_home(settings) is None  # several replicas share the home
    assert not (tmp_path / "home" / CLAIM_FILE).exists()


def test_an_index_held_by_another_command_refuses_the_claim_and_keeps_none(
    tmp_path: Path,
) -> None:
    settings = Settings(home=tmp_path / "home")
    ingest = FileLock(settings.index_dir / f"{settings.collection}.lock", what="the index", hint="")
    ingest.acquire()  # what a running `kehoach ingest` holds
    try:
        with pytest.raises(HomeInUseError, match="chỉ mục nhúng"):
            claim_home(settings)
    finally:
        ingest.release()
    claim = claim_home(settings)  # the failed claim did not keep the home
    assert claim is not None
    claim.release()
    assert issubclass(HomeInUseError, IndexLockedError)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(home: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "KEHOACH_HOME": str(home),
        "KEHOACH_EMBED_MODEL": "hashing",
        "KEHOACH_API_INGEST_BUNDLED_CORPUS": "false",
    }
    for name in ("KEHOACH_QDRANT_URL", "KEHOACH_DATABASE_URL", "KEHOACH_STATE_DATABASE_URL"):
        environment.pop(name, None)
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "kehoach.cli", "serve", "--port", str(port)],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def test_a_second_serve_on_one_home_exits_with_the_message_and_the_first_serves_on(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    port = _free_port()
    first = _serve(home, port, tmp_path / "first.log")
    try:
        deadline = time.monotonic() + START_S
        while True:
            assert first.poll() is None, (tmp_path / "first.log").read_text(errors="replace")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the first server never became ready"
            time.sleep(0.3)

        second = _serve(home, _free_port(), tmp_path / "second.log")
        assert second.wait(START_S) == 1
        said = " ".join((tmp_path / "second.log").read_text(errors="replace").split())
        assert f"pid {first.pid}" in said and "serve" in said
        assert "is in use by another process" in said and "KEHOACH_QDRANT_URL" in said
        assert "Traceback" not in said

        ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=10)
        assert ready.status_code == 200, ready.text  # the first never noticed
    finally:
        first.terminate()
        try:
            first.wait(30)
        except subprocess.TimeoutExpired:
            first.kill()
    claim = claim_home(Settings(home=home))  # the home is free once its server stopped
    assert claim is not None
    claim.release()


def test_the_polling_bot_is_refused_on_a_home_another_process_serves(tmp_path: Path) -> None:
    from bot.settings import BotSettings
    from bot.telegram_app import run_polling

    settings = Settings(home=tmp_path / "home")
    serving = claim_home(settings)  # what `kehoach serve` holds
    assert serving is not None
    try:
        bot = BotSettings(telegram_bot_token="123456:test-token-for-claims")
        with pytest.raises(HomeInUseError, match="KEHOACH_QDRANT_URL"):
            run_polling(settings, bot)  # refused before it loads anything or polls
        assert not (tmp_path / "home" / "index" / settings.collection).exists()  # no shard
    finally:
        serving.release()
