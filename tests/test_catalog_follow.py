"""A plan ingested by another process becomes visible to the polling bot without a restart.

Two runtimes share a home and a Qdrant "server" (qdrant-client in memory), the facts on
SQLite in the home or in PostgreSQL: A ingests and removes plans, B is the Telegram bot's
`ChatService` (`kehoach bot telegram` owns its runtime). B answers from A's new plan at its
next message, stops listing a removed one, and reads the catalog again only when it
changed: the per-message check is two `stat` calls (or, with PostgreSQL, where the catalog
then lives, one read of its revision), not a reload.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.service import ChatService
from ingest.catalog import Catalog, DocumentCatalog
from ingest.catalog_db import DatabaseCatalog
from ingest.embedding.hashing import HashingEmbedder
from ingest.settings import Settings
from retrieval.runtime import Runtime
from tests.conftest import postgres_schema_url, postgres_url
from tests.test_api_support import EMBED_DIMENSION, plan_text


@pytest.fixture
def shared_settings(
    fact_backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """One home and one in-memory Qdrant server for every runtime built in the test."""
    from qdrant_client import QdrantClient

    import ingest.index.factory
    from ingest.index.server import ServerIndex

    server = QdrantClient(":memory:")
    monkeypatch.setattr(
        ingest.index.factory,
        "open_index",
        lambda settings: ServerIndex(server, settings.collection),
    )
    schema = f"cf_{uuid.uuid4().hex[:12]}"
    url = postgres_url() if fact_backend == "postgresql" else None
    yield Settings(
        home=tmp_path / "home",
        qdrant_url="http://qdrant:6333",  # the in-memory client above
        database_url=postgres_schema_url(url, schema) if url else None,
    )
    server.close()
    if url:
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _announced(runtime: Runtime) -> None:
    """Wait, on PostgreSQL, for the commit's notification to reach `runtime`'s listener:
    it travels asynchronously, so a question asked at once might not yet hear it."""
    catalog = runtime.catalog
    if isinstance(catalog, DatabaseCatalog):
        assert catalog.wait_for_announcement(10.0)


def test_the_polling_bot_answers_from_a_plan_another_process_ingested(
    shared_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reloads: list[int] = []
    for kind in (Catalog, DatabaseCatalog):  # the home's files, or PostgreSQL's rows

        def counted(self: DocumentCatalog, real: Callable[..., None] = kind.reload) -> None:
            reloads.append(1)
            real(self)

        monkeypatch.setattr(kind, "reload", counted)
    files = tmp_path / "files"
    ingester = Runtime(shared_settings, embedder=HashingEmbedder(EMBED_DIMENSION))
    bot = Runtime(shared_settings, embedder=HashingEmbedder(EMBED_DIMENSION))
    try:
        first = _write(files, "ke-hoach-cho-dem.txt", plan_text("Về chợ đêm", 3, "chợ đêm"))
        assert ingester.ingest_paths([first])[0].status == "added"
        chats = ChatService.for_runtime(bot)
        chats.prepare()  # not empty: no bundled plans
        assert [d.id for d in chats.documents()] == ["ke-hoach-cho-dem"]

        marker = "chuyển đổi số bến xe"
        second = _write(files, "ke-hoach-ben-xe.txt", plan_text("Về bến xe", 3, marker))
        assert ingester.ingest_paths([second])[0].status == "added"
        _announced(bot)
        before = len(reloads)
        answer = chats.ask("telegram:1", "Sở nào chủ trì nhiệm vụ 2 về bến xe?")
        assert {c.document_id for c in answer.citations} == {"ke-hoach-ben-xe"}
        assert any(marker in c.quote for c in answer.citations)
        assert sorted(d.id for d in chats.documents()) == ["ke-hoach-ben-xe", "ke-hoach-cho-dem"]
        assert len(reloads) == before + 1  # read once, at the first message after the change

        for n in range(20):  # nothing changed: no reload, however many messages
            chats.ask(f"telegram:{n}", "Sở nào chủ trì nhiệm vụ 1 về chợ đêm?")
        assert len(reloads) == before + 1

        ingester.ingestor.remove("ke-hoach-ben-xe")
        _announced(bot)
        assert [d.id for d in chats.documents()] == ["ke-hoach-cho-dem"]
        gone = chats.ask("telegram:1", "Sở nào chủ trì nhiệm vụ 2 về bến xe?")
        assert "ke-hoach-ben-xe" not in {c.document_id for c in gone.citations}
        assert len(reloads) == before + 2
    finally:
        bot.close()
        ingester.close()


def test_a_runtime_follows_only_what_another_process_committed(
    shared_settings: Settings, tmp_path: Path
) -> None:
    ingester = Runtime(shared_settings, embedder=HashingEmbedder(EMBED_DIMENSION))
    reader = Runtime(shared_settings, embedder=HashingEmbedder(EMBED_DIMENSION))
    try:
        assert not reader.follow_catalog()  # no catalog yet, nothing to follow
        plan = _write(tmp_path / "files", "ke-hoach-a.txt", plan_text("Về A", 2, "thử"))
        ingester.ingest_paths([plan])
        assert not ingester.follow_catalog()  # its own commit
        _announced(reader)
        assert reader.follow_catalog()
        assert not reader.follow_catalog()  # once
        assert list(reader.catalog.entries) == ["ke-hoach-a"]
    finally:
        reader.close()
        ingester.close()
