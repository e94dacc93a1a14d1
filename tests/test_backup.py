"""`kehoach backup` / `kehoach restore`: a restored home answers exactly as the original did.

Qdrant Edge through the CLI; the Qdrant server path on qdrant-client's in-memory mode
(points exported with their vectors: the snapshot API is not available there).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ingest.backup import BackupError, backup, read_manifest, restore
from ingest.facts import FACTS_FILE, FactStore, RowQuery
from kehoach.cli import app
from retrieval.runtime import BUNDLED_CORPUS, Runtime
from tests.conftest import make_runtime

PLANS = [
    BUNDLED_CORPUS / "ninh-binh-19-KH-UBND-2025.txt",
    BUNDLED_CORPUS / "xa-xuan-truong-chuyen-doi-so-2026.txt",
]
QUESTIONS = [
    "So nao chu tri chi tieu 6.6?",
    "ke hoach 19 do ai ky",
    "nhiem vu nao phai hoan thanh trong thang 12/2025",
    "muc tieu chuyen doi so cua xa xuan truong nam 2026",
]


def answers(runtime: Runtime) -> list[dict[str, Any]]:
    runtime.invalidate()
    return [runtime.assistant().ask(question).to_json() for question in QUESTIONS]


def state(home: Path) -> tuple[list[dict[str, Any]], dict[str, Any], dict[str, str], Any]:
    """Answers, catalog, kept sources and structured facts of a home."""
    runtime = make_runtime(home)
    try:
        given = answers(runtime)
        catalog = {key: entry.__dict__ for key, entry in runtime.catalog.entries.items()}
        sources = {p.name: p.read_text("utf-8") for p in sorted((home / "sources").glob("*"))}
        assert runtime.index.store.count(None) == sum(  # type: ignore[attr-defined]
            entry["point_count"] for entry in catalog.values()
        )
        assert runtime.facts.versions() == runtime.catalog.committed_versions()
        facts = runtime.facts.rows(RowQuery(limit=10_000))
        assert facts.total > 0
        return given, catalog, sources, facts
    finally:
        runtime.close()


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("original")
    runtime = make_runtime(home)
    runtime.ingest_paths(PLANS)
    runtime.close()
    return home


def _cli(*arguments: str) -> Any:
    return CliRunner().invoke(app, list(arguments))


def _said(result: Any) -> str:
    """The command's output with rich's line wrapping undone."""
    return " ".join(result.output.split())


def test_edge_backup_then_restore_into_an_empty_home_answers_identically(
    original: Path, tmp_path: Path
) -> None:
    before = state(original)
    assert before[0][0]["citations"], "the question must cite something to compare"
    copy = tmp_path / "backup"
    result = _cli("backup", str(copy), "--home", str(original))
    assert result.exit_code == 0, result.output
    assert "đã sao lưu 2 văn bản" in _said(result)
    manifest = read_manifest(copy)
    assert (manifest.backend, manifest.documents) == ("edge", 2)
    copied = FactStore(copy / FACTS_FILE)  # the facts travel with the backup
    assert copied.rows(RowQuery(limit=10_000)) == before[3]
    copied.close()

    restored = tmp_path / "restored"
    result = _cli("restore", str(copy), "--home", str(restored))
    assert result.exit_code == 0, result.output
    assert state(restored) == before
    assert state(original) == before  # the backup left the original as it was


def test_restore_refuses_a_home_with_documents_unless_forced(
    original: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "backup"
    assert _cli("backup", str(copy), "--home", str(original)).exit_code == 0
    other = tmp_path / "other"
    runtime = make_runtime(other)
    runtime.ingest_paths([BUNDLED_CORPUS / "tien-giang-466-KH-UBND-2025.txt"])
    runtime.close()

    refused = _cli("restore", str(copy), "--home", str(other))
    assert refused.exit_code == 1
    assert "--force" in _said(refused) and "đã có 1 văn bản" in _said(refused)
    assert list(make_runtime(other).catalog.entries) == ["tien-giang-466-KH-UBND-2025"]

    forced = _cli("restore", str(copy), "--home", str(other), "--force")
    assert forced.exit_code == 0, forced.output
    assert state(other) == state(original)
    assert not (other / "sources" / "tien-giang-466-KH-UBND-2025.txt").exists()


def test_backup_refuses_a_non_empty_folder_and_a_restore_needs_a_backup(
    original: Path, tmp_path: Path
) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "note.txt").write_text("x", encoding="utf-8")
    refused = _cli("backup", str(busy), "--home", str(original))
    assert refused.exit_code == 1 and "không trống" in _said(refused)
    missing = _cli("restore", str(tmp_path / "nothing"), "--home", str(tmp_path / "h"))
    assert missing.exit_code == 1 and "manifest.json" in _said(missing)


def test_a_backup_holds_committed_versions_only(original: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    runtime = make_runtime(home)
    runtime.ingest_paths(PLANS[:1])
    committed = runtime.index.count(None)
    copy = tmp_path / "backup"
    backup(runtime, copy)
    runtime.close()
    restored = make_runtime(tmp_path / "restored")
    restore(restored, copy)
    assert restored.index.store.count(None) == committed  # type: ignore[attr-defined]
    restored.close()


def test_server_path_backup_then_restore_answers_identically(
    original: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qdrant_client import QdrantClient

    import ingest.index.factory
    from ingest.index.server import ServerIndex

    servers = {"a": QdrantClient(":memory:"), "b": QdrantClient(":memory:")}
    monkeypatch.setattr(
        ingest.index.factory,
        "open_index",
        lambda settings: ServerIndex(servers[settings.home.name[-1]], settings.collection),
    )
    home_a, home_b = tmp_path / "home-a", tmp_path / "home-b"
    runtime = make_runtime(home_a)
    runtime.ingest_paths(PLANS)
    runtime.close()
    before = state(home_a)

    copy = tmp_path / "backup"
    runtime = make_runtime(home_a)
    manifest = backup(runtime, copy)
    runtime.close()
    assert manifest.backend == "server" and manifest.points == sum(
        entry["point_count"] for entry in before[1].values()
    )
    runtime = make_runtime(home_b)
    restore(runtime, copy)
    runtime.close()
    assert state(home_b) == before

    edge_home = tmp_path / "edge"
    monkeypatch.undo()
    with pytest.raises(BackupError, match="cùng loại chỉ mục"):
        runtime = make_runtime(edge_home)
        try:
            restore(runtime, copy)
        finally:
            runtime.close()
    for client in servers.values():
        client.close()


def test_server_path_on_postgresql_copies_the_facts_with_pg_dump(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catalog and facts in PostgreSQL: the backup holds a `pg_dump` of the facts tables,
    restored with `pg_restore` into another database (no rebuild from the points), and
    the restored replica answers as the original did. Without the tools: a clear refusal."""
    import uuid

    import psycopg
    from qdrant_client import QdrantClient

    import ingest.index.factory
    from ingest.embedding.hashing import HashingEmbedder
    from ingest.facts import FACTS_DUMP
    from ingest.index.server import ServerIndex
    from ingest.pg_tools import DatabaseCopyError
    from ingest.settings import Settings
    from tests.conftest import postgres_url

    url = postgres_url()
    if not url:
        pytest.skip("no PostgreSQL test database (KEHOACH_TEST_DATABASE_URL)")
    names = {side: f"kh_backup_{uuid.uuid4().hex[:10]}_{side}" for side in "ab"}
    with psycopg.connect(url, autocommit=True) as connection:
        for name in names.values():
            connection.execute(f"CREATE DATABASE {name}")
    servers = {"a": QdrantClient(":memory:"), "b": QdrantClient(":memory:")}
    monkeypatch.setattr(
        ingest.index.factory,
        "open_index",
        lambda settings: ServerIndex(servers[settings.home.name[-1]], settings.collection),
    )

    def runtime_of(side: str) -> Runtime:
        database = url.replace("/kehoach?", f"/{names[side]}?")
        settings = Settings(home=tmp_path / f"home-{side}", database_url=database)
        return Runtime(settings, embedder=HashingEmbedder(64))

    def state_rows(side: str, table: str) -> list[tuple[Any, ...]]:
        with psycopg.connect(url.replace("/kehoach?", f"/{names[side]}?")) as connection:
            return connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()

    try:
        runtime = runtime_of("a")
        runtime.ingest_paths(PLANS)
        before = answers(runtime)
        # the replicas' shared state: a queued upload's job is kept, a conversation is not
        from ingest.state_db import StateDatabase

        shared = StateDatabase(url.replace("/kehoach?", f"/{names['a']}?"))
        shared.execute(
            "INSERT INTO kehoach_jobs (id, kind, document_id, status, created_at, replica, "
            "heartbeat, durable, input_data, input_name) VALUES ('job-1', 'ingest', 'kh-x', "
            "'queued', now(), 'r1', 0, TRUE, 'Kế hoạch …'::bytea, 'kh-x.txt')"
        )
        shared.execute(
            "INSERT INTO kehoach_conversations VALUES ('c1', 'key', '{}', 0)",
        )
        shared.close()
        jobs = state_rows("a", "kehoach_jobs")
        rows = runtime.facts.rows(RowQuery(limit=10_000))
        copy = tmp_path / "backup"
        backup(runtime, copy)
        runtime.close()
        assert (copy / FACTS_DUMP).is_file() and not list(copy.glob(".*partial"))

        runtime = runtime_of("b")
        rebuilt: list[str] = []
        put = FactStore.put_payloads

        def counted(self: FactStore, document: Any, *rest: Any) -> None:
            rebuilt.append(document["id"])
            put(self, document, *rest)

        monkeypatch.setattr(FactStore, "put_payloads", counted)
        restore(runtime, copy)
        assert not rebuilt  # the facts came from the dump
        assert state_rows("b", "kehoach_jobs") == jobs and jobs
        with pytest.raises(psycopg.errors.UndefinedTable):
            state_rows("b", "kehoach_conversations")  # transient: not in the backup
        assert runtime.facts.rows(RowQuery(limit=10_000)) == rows
        assert runtime.facts.versions() == runtime.catalog.committed_versions()
        assert answers(runtime) == before
        runtime.close()

        monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
        runtime = runtime_of("a")
        try:
            with pytest.raises(DatabaseCopyError, match="không tìm thấy lệnh pg_dump"):
                backup(runtime, tmp_path / "backup-2")
        finally:
            runtime.close()
        assert not (tmp_path / "backup-2").exists()
    finally:
        for client in servers.values():
            client.close()
        with psycopg.connect(url, autocommit=True) as connection:
            for name in names.values():
                connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
