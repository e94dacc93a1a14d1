"""An aiohttp app on 127.0.0.1 in its own thread and event loop, recording every call.

Its own thread lets both kinds of client reach it: the bot's event loop in the test thread,
and FastAPI's `TestClient`, which runs the app (and its background tasks) in another thread.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from aiohttp import web


@dataclass(frozen=True)
class Call:
    """One request the fake received: the API method and its parameters."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str]


class FakeServer:
    """Base of the fakes: subclasses add routes in `make_app` and call `record`."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._changed = threading.Condition()
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._failure: Exception | None = None
        self.port = 0

    # ---- to override ----------------------------------------------------------------------

    def make_app(self) -> web.Application:
        raise NotImplementedError

    async def closing(self) -> None:
        """Release pending requests (long polls) before the server stops."""

    # ---- lifecycle ------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakeServer:
        self._thread = threading.Thread(target=self._serve, name=type(self).__name__, daemon=True)
        self._thread.start()
        if not self._ready.wait(10) or self._failure is not None:
            raise RuntimeError(f"{type(self).__name__} did not start") from self._failure
        return self

    def stop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        future = asyncio.run_coroutine_threadsafe(self.closing(), self._loop)
        future.result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._start_site())
        except Exception as error:  # reported by start() in the test's thread
            self._failure = error
            self._ready.set()
            loop.close()
            return
        self._loop = loop
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            assert self._runner is not None
            loop.run_until_complete(self._runner.cleanup())
            loop.close()

    async def _start_site(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self._runner = web.AppRunner(self.make_app(), access_log=None, shutdown_timeout=1)
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()

    # ---- recording --------------------------------------------------------------------------

    def run_in_loop(self, coroutine: Any) -> Any:
        """Run a coroutine in the server's loop from another thread and return its result."""
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(10)

    def record(self, method: str, params: dict[str, Any], headers: dict[str, str]) -> None:
        with self._changed:
            self.calls.append(Call(method, params, headers))
            self._changed.notify_all()

    def calls_of(self, method: str) -> list[Call]:
        with self._changed:
            return [call for call in self.calls if call.method == method]

    def wait_until(self, predicate: Callable[[list[Call]], bool], timeout: float = 20) -> bool:
        """Block until `predicate(calls)` holds; False after `timeout` seconds."""
        with self._changed:
            return self._changed.wait_for(lambda: predicate(self.calls), timeout)

    def wait_for(self, method: str, count: int = 1, timeout: float = 20) -> list[Call]:
        """Block until `count` calls of `method` arrived (fails after `timeout` seconds)."""
        arrived = self.wait_until(
            lambda calls: sum(c.method == method for c in calls) >= count, timeout
        )
        found = self.calls_of(method)
        if not arrived:
            raise AssertionError(f"expected {count} {method} call(s), got {len(found)}")
        return found

    async def until(self, method: str, count: int = 1, timeout: float = 20) -> list[Call]:
        """`wait_for` without blocking the caller's event loop."""
        return await asyncio.to_thread(self.wait_for, method, count, timeout)
