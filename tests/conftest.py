"""Shared fixtures: no network, a deterministic embedder, an ingested corpus per session."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ingest.embedding.hashing import HashingEmbedder
from ingest.settings import Settings
from retrieval.runtime import BUNDLED_CORPUS, Runtime

_LOOPBACK = ("127.", "::1", "localhost")


@pytest.fixture(autouse=True)
def _no_outbound_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection that leaves the machine; tests start their own local servers."""
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if (
            isinstance(host, str)
            and not host.startswith(_LOOPBACK)
            and self.family != socket.AF_UNIX
        ):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)


def make_runtime(home: Path) -> Runtime:
    """A runtime over `home` with the deterministic hashing embedder (no model needed)."""
    return Runtime(Settings(home=home), embedder=HashingEmbedder(64))


@contextmanager
def ingested_runtime(home: Path, paths: list[Path]) -> Iterator[Runtime]:
    """A runtime over `home` (hashing embedder) with `paths` ingested; closed afterwards."""
    runtime = make_runtime(home)
    try:
        runtime.ingest_paths(paths)
        yield runtime
    finally:
        runtime.close()


@pytest.fixture(scope="session")
def corpus_runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    """The bundled corpus ingested once with the hashing embedder."""
    with ingested_runtime(tmp_path_factory.mktemp("corpus-home"), [BUNDLED_CORPUS]) as runtime:
        yield runtime
