"""Shared fixtures: no network, a deterministic embedder, an ingested corpus per session."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ingest.embedding.hashing import HashingEmbedder
from ingest.facts import FactStore
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


# ---- the facts store on both backends --------------------------------------------------

POSTGRES_URL_ENV = "KEHOACH_TEST_DATABASE_URL"  # a throwaway database (.ci/postgres)
REQUIRE_POSTGRES_ENV = "KEHOACH_REQUIRE_POSTGRES"


def postgres_url() -> str | None:
    """The test database's URL; without one the PostgreSQL cases skip (fail in CI)."""
    import os

    url = os.environ.get(POSTGRES_URL_ENV)
    if not url and os.environ.get(REQUIRE_POSTGRES_ENV) == "1":
        pytest.fail(f"{REQUIRE_POSTGRES_ENV}=1 but {POSTGRES_URL_ENV} is not set")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def fact_backend(request: pytest.FixtureRequest) -> str:
    """Each backend of the facts store; PostgreSQL only with a test database."""
    if request.param == "postgresql" and not postgres_url():
        pytest.skip(f"no PostgreSQL test database ({POSTGRES_URL_ENV})")
    return str(request.param)


@contextmanager
def fact_store(backend: str, folder: Path) -> Iterator[FactStore]:
    """A fresh, empty store of `backend` (PostgreSQL: a schema of its own, dropped after)."""
    import uuid

    if backend == "sqlite":
        store = FactStore(folder / "facts.sqlite3")
        try:
            yield store
        finally:
            store.close()
        return
    url = postgres_url()
    assert url is not None
    schema = f"t_{uuid.uuid4().hex[:16]}"
    store = FactStore(folder / "unused", url=url, schema=schema)
    try:
        yield store
    finally:
        store.close()
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")


def postgres_schema_url(url: str, schema: str) -> str:
    """`url` with `schema` first on the search path (created if missing)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"
