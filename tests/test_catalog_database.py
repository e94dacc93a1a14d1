"""The catalog in PostgreSQL: API replicas with homes of their own share the documents.

On the server path each replica may have a home of its own (no shared volume): they share
one Qdrant server (here qdrant-client in memory) and one database (a throwaway schema),
where the catalog — the commit record of which document versions readers see — lives
beside the facts. A plan one replica ingests is answered by the other at its next
question; a removal likewise; writers of both are serialised by an advisory lock.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ingest.catalog import Catalog
from ingest.catalog_db import DatabaseCatalog, DatabaseWriteLock, open_catalog
from ingest.embedding.hashing import HashingEmbedder
from ingest.settings import Settings
from retrieval.runtime import Runtime
from tests.conftest import postgres_schema_url, postgres_url
from tests.test_api_support import EMBED_DIMENSION, plan_text


@pytest.fixture
def database_url() -> Iterator[str]:
    """A schema of its own on the test database, dropped after."""
    url = postgres_url()
    if not url:
        pytest.skip("no PostgreSQL test database (KEHOACH_TEST_DATABASE_URL)")
    schema = f"cd_{uuid.uuid4().hex[:12]}"
    yield postgres_schema_url(url, schema)
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture
def replica_settings(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Settings, Settings]]:
    """Two replicas' settings: one Qdrant server and one database, two homes."""
    from qdrant_client import QdrantClient

    import ingest.index.factory
    from ingest.index.server import ServerIndex

    server = QdrantClient(":memory:")
    monkeypatch.setattr(
        ingest.index.factory,
        "open_index",
        lambda settings: ServerIndex(server, settings.collection),
    )
    yield tuple(  # type: ignore[misc]
        Settings(
            home=tmp_path / name,
            qdrant_url="http://qdrant:6333",  # the in-memory client above
            database_url=database_url,
        )
        for name in ("replica-a", "replica-b")
    )
    server.close()


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_replicas_with_homes_of_their_own_answer_from_each_others_plans(
    replica_settings: tuple[Settings, Settings], tmp_path: Path
) -> None:
    settings_a, settings_b = replica_settings
    a = Runtime(settings_a, embedder=HashingEmbedder(EMBED_DIMENSION))
    b = Runtime(settings_b, embedder=HashingEmbedder(EMBED_DIMENSION))
    try:
        assert isinstance(a.catalog, DatabaseCatalog)
        assert b.assistant().documents.documents == {}
        marker = "chuyển đổi số bến xe"
        plan = _write(tmp_path / "files", "ke-hoach-ben-xe.txt", plan_text("Về bến xe", 3, marker))
        assert a.ingest_paths([plan])[0].status == "added"

        _until(b.follow_catalog)  # at B's next question once the commit is announced
        assert not b.follow_catalog()  # once
        answer = b.assistant().ask("Sở nào chủ trì nhiệm vụ 2 về bến xe?")
        assert {c.document_id for c in answer.citations} == {"ke-hoach-ben-xe"}
        assert any(marker in c.quote for c in answer.citations)
        # nothing went through a folder: B's home holds no catalog files
        assert not settings_b.catalog_path.exists()
        assert not settings_a.catalog_path.exists()

        # the same text again, at B: already committed (by A), nothing written
        assert b.ingest_paths([plan])[0].status == "unchanged"
        assert not a.follow_catalog()

        b.ingestor.remove("ke-hoach-ben-xe")
        _until(a.follow_catalog)  # at A's next question once the commit is announced
        assert "ke-hoach-ben-xe" not in a.assistant().documents.documents
        gone = a.assistant().ask("Sở nào chủ trì nhiệm vụ 2 về bến xe?")
        assert "ke-hoach-ben-xe" not in {c.document_id for c in gone.citations}
    finally:
        b.close()
        a.close()


def test_a_replica_writes_knowing_what_another_committed_since_it_last_read(
    replica_settings: tuple[Settings, Settings], tmp_path: Path
) -> None:
    """A job may run on a replica that answered no question since another one ingested:
    its writes read the catalog again first (a removal finds the plan; the same text is
    "unchanged", not written twice)."""
    settings_a, settings_b = replica_settings
    a = Runtime(settings_a, embedder=HashingEmbedder(EMBED_DIMENSION))
    b = Runtime(settings_b, embedder=HashingEmbedder(EMBED_DIMENSION))
    try:
        _ = b.index  # B open, then idle
        files = tmp_path / "files"
        first = _write(files, "ke-hoach-mot.txt", plan_text("Về một", 2, "việc một"))
        second = _write(files, "ke-hoach-hai.txt", plan_text("Về hai", 2, "việc hai"))
        a.ingest_paths([first, second])
        assert b.ingest_paths([second])[0].status == "unchanged"
        b.ingestor.remove("ke-hoach-mot")
        _until(a.follow_catalog)  # once the removal is announced
        assert list(a.catalog.entries) == ["ke-hoach-hai"]
    finally:
        b.close()
        a.close()


def test_a_replica_opening_later_keeps_what_another_committed(
    replica_settings: tuple[Settings, Settings], tmp_path: Path
) -> None:
    """Opening the index sweeps uncommitted points: with the catalog in the database, a new
    replica's sweep knows the other replica's plans are committed and keeps them."""
    settings_a, settings_b = replica_settings
    a = Runtime(settings_a, embedder=HashingEmbedder(EMBED_DIMENSION))
    try:
        plan = _write(tmp_path / "files", "ke-hoach-cho.txt", plan_text("Về chợ", 2, "chợ đêm"))
        outcome = a.ingest_paths([plan])[0]
        b = Runtime(settings_b, embedder=HashingEmbedder(EMBED_DIMENSION))
        try:
            assert b.index.count() == outcome.points  # the sweep at open deleted nothing
            assert list(b.catalog.entries) == ["ke-hoach-cho"]
            assert b.facts.versions() == {
                "ke-hoach-cho": b.catalog.committed_versions()["ke-hoach-cho"]
            }
        finally:
            b.close()
    finally:
        a.close()


def test_the_write_sections_of_two_replicas_exclude_each_other(database_url: str) -> None:
    first = DatabaseWriteLock(database_url, "kehoach_clauses")
    second = DatabaseWriteLock(database_url, "kehoach_clauses")
    other = DatabaseWriteLock(database_url, "another_collection")
    entered = threading.Event()

    def writer() -> None:
        with second:
            entered.set()

    try:
        with first:
            with other:  # another index: not the same section
                pass
            thread = threading.Thread(target=writer)
            thread.start()
            assert not entered.wait(0.5)  # waits for the first replica's section
        assert entered.wait(10)
        thread.join()
    finally:
        for lock in (first, second, other):
            lock.close()


def test_a_home_catalog_moves_into_the_database_once(database_url: str, tmp_path: Path) -> None:
    """A deployment moving to the server path keeps its documents: the home's catalog files
    are adopted while the database has none; after that the database is the record."""
    from ingest.catalog import CatalogEntry

    settings = Settings(home=tmp_path / "home", database_url=database_url)
    files = Catalog(settings.catalog_path)
    files.entries["ke-hoach-a"] = CatalogEntry(
        document={"id": "ke-hoach-a", "content_hash": "abc"},
        clause_count=3,
        target_count=1,
        point_count=3,
        embed_model="hashing",
        version="abc-1",
    )
    files.save()
    moved = open_catalog(settings)
    try:
        assert isinstance(moved, DatabaseCatalog)
        assert moved.committed_versions() == {"ke-hoach-a": "abc-1"}
        del moved.entries["ke-hoach-a"]
        moved.commit("ke-hoach-a")
    finally:
        moved.close()
    again = open_catalog(settings)  # removed in the database: the old files stay ignored
    try:
        assert again.entries == {}
    finally:
        again.close()


def test_a_replica_sees_a_commit_at_its_next_check(database_url: str, tmp_path: Path) -> None:
    """The per-question check is one read of the revision; measured, not asserted tight."""
    from ingest.catalog import CatalogEntry

    writer = DatabaseCatalog(database_url, tmp_path / "a" / "catalog.json")
    reader = DatabaseCatalog(database_url, tmp_path / "b" / "catalog.json")
    try:
        assert not reader.changed_on_disk()
        writer.entries["ke-hoach-b"] = CatalogEntry(
            document={"id": "ke-hoach-b", "content_hash": "def"},
            clause_count=1,
            target_count=0,
            point_count=1,
            embed_model="hashing",
            version="def-1",
        )
        writer.commit("ke-hoach-b")
        started = time.perf_counter()
        assert reader.changed_on_disk()
        reader.reload()
        assert time.perf_counter() - started < 5
        assert reader.committed_versions() == {"ke-hoach-b": "def-1"}
        assert not reader.changed_on_disk()
        # the writer missed nothing: its own commit is the only one since it last read
        assert not writer.changed_on_disk()
    finally:
        reader.close()
        writer.close()


def test_the_per_question_check_reads_the_database_only_after_a_commit(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`may_have_changed` answers from memory while nothing is committed (the listener
    heard no notification), and reads the revision once one is announced."""
    from ingest import catalog_db
    from ingest.catalog import CatalogEntry

    monkeypatch.setattr(catalog_db, "RECHECK_S", 3600.0)
    writer = DatabaseCatalog(database_url, tmp_path / "a" / "catalog.json")
    reader = DatabaseCatalog(database_url, tmp_path / "b" / "catalog.json")
    reads: list[int] = []
    read_revision = reader._read_revision

    def counted() -> int:
        reads.append(1)
        return read_revision()

    monkeypatch.setattr(reader, "_read_revision", counted)
    try:
        assert not reader.may_have_changed()  # not yet listening: read
        _until(lambda: reader._listener is not None and reader._listener.listening.is_set())
        assert not reader.may_have_changed()  # told at connect: read once more
        reads.clear()
        for _ in range(50):
            assert not reader.may_have_changed()
        assert not reads  # fifty questions, no database read
        writer.entries["ke-hoach-c"] = CatalogEntry(
            document={"id": "ke-hoach-c", "content_hash": "c"},
            clause_count=1,
            target_count=0,
            point_count=1,
            embed_model="hashing",
            version="c-1",
        )
        writer.commit("ke-hoach-c")
        _until(reader.may_have_changed)  # the notification arrives (a few ms at most)
        reader.reload()
        assert reader.committed_versions() == {"ke-hoach-c": "c-1"}
        assert not reader.may_have_changed()
    finally:
        reader.close()
        writer.close()


def _until(check: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.01)
