"""Helpers for the browser tests (no tests here): Chromium, live servers, screenshots.

The browser is Debian's Chromium driven by Playwright (`executable_path`; Playwright's
own browser download does not work offline). Without Chromium the browser tests are
skipped, unless `KEHOACH_REQUIRE_BROWSER=1` (CI sets it), where they fail instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# As root, in a closed network: no sandbox, no background calls to Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_executable() -> str:
    """The Chromium to drive; skips (or fails, when required) the test without one."""
    named = os.environ.get("KEHOACH_CHROMIUM")
    found = [named] if named else [*CHROMIUM_CANDIDATES, shutil.which("chromium") or ""]
    for candidate in found:
        if candidate and Path(candidate).exists():
            return candidate
    message = "no Chromium: install Debian's `chromium` package (or set KEHOACH_CHROMIUM)"
    if os.environ.get("KEHOACH_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def artifacts_dir() -> Path:
    """Where screenshots go (`KEHOACH_TEST_ARTIFACTS`, default `test-artifacts/`)."""
    folder = Path(os.environ.get("KEHOACH_TEST_ARTIFACTS", REPO_ROOT / "test-artifacts"))
    folder = folder / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def live_server(app: FastAPI, port: int) -> Iterator[str]:
    """Serve `app` on 127.0.0.1:`port` in a thread; yields its origin."""
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


MEDIA_TYPES = {".js": "text/javascript; charset=utf-8"}


@contextmanager
def static_site(files: dict[str, str], port: int) -> Iterator[str]:
    """Another site (another origin) serving a few files by path: the widget's host.

    A path ending in `.js` is served as JavaScript, any other as HTML.
    """
    bodies = {path: text.encode("utf-8") for path, text in files.items()}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = bodies.get(self.path)
            if body is None:
                self.send_error(404)
                return
            suffix = self.path[self.path.rfind(".") :] if "." in self.path else ""
            self.send_response(200)
            self.send_header("Content-Type", MEDIA_TYPES.get(suffix, "text/html; charset=utf-8"))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet test output

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
