"""Two API replicas as in production: one home, one Qdrant "server" (qdrant-client in
memory, shared by both), the facts and the job table in one PostgreSQL database.

An upload accepted by replica A is run by replica B's worker (A's worker is stopped); A
then lists, looks up and answers from the new plan without a restart (it follows the
shared catalog at its next read), re-uploads never duplicate the plan's points, and a
removal run by B disappears from A. A second test kills a worker process holding a job
(SIGKILL) and checks that another replica takes the job over once the lease expires.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.jobs import JobInput, JobStatus
from api.shared_jobs import SharedJobQueue
from ingest.embedding.hashing import HashingEmbedder
from ingest.settings import Settings
from ingest.state_db import StateDatabase
from retrieval.runtime import Runtime
from tests.conftest import postgres_schema_url, postgres_url
from tests.test_api_support import EMBED_DIMENSION, admin, api_settings, plan_text, state_of

ROOT = Path(__file__).resolve().parents[1]
WAIT_S = 60


@pytest.fixture
def schemas() -> Iterator[tuple[str, str]]:
    """The facts' schema and the shared state's, dropped afterwards."""
    url = postgres_url()
    if not url:
        pytest.skip("no PostgreSQL test database (KEHOACH_TEST_DATABASE_URL)")
    tag = uuid.uuid4().hex[:12]
    names = [f"ja_{tag}_facts", f"ja_{tag}_state"]
    yield postgres_schema_url(url, names[0]), postgres_schema_url(url, names[1])
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        for name in names:
            connection.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")


def _poll(client: TestClient, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + WAIT_S
    while True:
        body: dict[str, Any] = client.get(f"/v1/jobs/{job_id}", headers=admin()).json()
        if body["status"] in ("succeeded", "failed", "cancelled"):
            return body
        assert time.monotonic() < deadline, body
        time.sleep(0.1)


def _upload(client: TestClient, name: str, text: str) -> str:
    response = client.post(
        "/v1/documents",
        params={"name": name},
        content=text.encode("utf-8"),
        headers={**admin(), "Content-Type": "text/plain; charset=utf-8"},
    )
    assert response.status_code == 202, response.text
    return str(response.json()["id"])


def test_a_plan_ingested_by_one_replica_is_seen_by_the_other(
    schemas: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qdrant_client import QdrantClient

    import ingest.index.factory
    from ingest.index.server import ServerIndex

    server = QdrantClient(":memory:")
    monkeypatch.setattr(
        ingest.index.factory,
        "open_index",
        lambda settings: ServerIndex(server, settings.collection),
    )
    facts_url, state_url = schemas
    settings = Settings(
        home=tmp_path / "home",
        database_url=facts_url,
        state_database_url=state_url,
        qdrant_url="http://qdrant:6333",  # a shared index: the in-memory client above
    )
    runtimes = [
        Runtime(settings, embedder=HashingEmbedder(EMBED_DIMENSION)),
        Runtime(settings, embedder=HashingEmbedder(EMBED_DIMENSION)),
    ]
    apps = [create_app(settings, api_settings(), runtime=runtime) for runtime in runtimes]
    try:
        with TestClient(apps[0]) as on_a, TestClient(apps[1]) as on_b:
            a, b = state_of(apps[0]), state_of(apps[1])
            for state in (a, b):
                assert state.warm_up_job is not None
                warm_up = state.jobs.wait(state.warm_up_job, timeout=WAIT_S)
                assert warm_up is not None and warm_up.finished
            assert isinstance(a.jobs, SharedJobQueue) and isinstance(b.jobs, SharedJobQueue)
            a.jobs._stop.set()  # A accepts, B works
            a.jobs._wake.set()
            a.jobs._threads[1].join(10)
            assert on_a.get("/v1/documents", headers=admin()).json()["count"] == 0

            marker = "chuyển đổi số bến xe"
            job_id = _upload(on_a, "ke-hoach-ben-xe.txt", plan_text("Về bến xe", 3, marker))
            done = _poll(on_a, job_id)
            assert done["status"] == "succeeded", done
            assert done["result"]["status"] == "added"
            runner = b.jobs._db.query("SELECT replica FROM kehoach_jobs WHERE id = %s", (job_id,))
            assert runner == [(b.jobs.replica,)]
            assert _poll(on_b, job_id) == done  # the same report from either replica

            # A sees it at its next read: the list, a clause, an answer
            listed = on_a.get("/v1/documents", headers=admin()).json()
            assert [d["id"] for d in listed["documents"]] == ["ke-hoach-ben-xe"]
            clause = on_a.get("/v1/documents/ke-hoach-ben-xe/clauses/2", headers=admin())
            assert clause.status_code == 200, clause.text
            assert marker in clause.json()["clauses"][0]["text"]
            answer = on_a.post(
                "/v1/ask",
                json={"question": "Sở nào chủ trì nhiệm vụ 2 về bến xe?"},
                headers=admin(),
            )
            assert answer.status_code == 200, answer.text
            assert {c["document_id"] for c in answer.json()["citations"]} == {"ke-hoach-ben-xe"}
            points = done["result"]["points"]

            def stored() -> int:
                return int(server.count(settings.collection, exact=True).count)

            assert stored() == points
            # the same upload again: unchanged; a changed one: one version, never two
            again = _poll(
                on_a, _upload(on_a, "ke-hoach-ben-xe.txt", plan_text("Về bến xe", 3, marker))
            )
            assert again["result"]["status"] == "unchanged" and stored() == points
            changed = _poll(
                on_a, _upload(on_a, "ke-hoach-ben-xe.txt", plan_text("Về bến xe", 5, marker))
            )
            assert changed["result"]["status"] == "updated"
            assert stored() == changed["result"]["points"] > points
            five = on_a.get("/v1/documents/ke-hoach-ben-xe/clauses/5", headers=admin())
            assert five.status_code == 200  # A reads the new version at once

            # a broken file fails on B, says why and that its bytes are kept; a retry asked
            # of A runs again from them (and fails again: the file is still broken)
            broken = on_a.post(
                "/v1/documents",
                params={"name": "hong.docx"},
                content=b"PK\x03\x04 not a real archive",
                headers={**admin(), "Content-Type": "application/octet-stream"},
            )
            failed = _poll(on_a, broken.json()["id"])
            assert failed["status"] == "failed"
            assert f"/v1/jobs/{failed['id']}/retry" in failed["error"]["message"]
            retried = on_a.post(f"/v1/jobs/{failed['id']}/retry", headers=admin())
            assert retried.status_code == 202, retried.text
            assert retried.headers["Location"] == f"/v1/jobs/{retried.json()['id']}"
            assert _poll(on_a, retried.json()["id"])["error"]["code"] == failed["error"]["code"]
            busy = on_a.post(f"/v1/jobs/{job_id}/retry", headers=admin())
            assert busy.status_code == 409 and busy.json()["error"]["code"] == "not_retryable"

            removed = on_a.delete("/v1/documents/ke-hoach-ben-xe", headers=admin())
            assert removed.status_code == 202
            assert _poll(on_a, removed.json()["id"])["status"] == "succeeded"
            assert on_a.get("/v1/documents", headers=admin()).json()["count"] == 0
            assert stored() == 0
    finally:
        for runtime in runtimes:
            runtime.close()
        server.close()


_WORKER = textwrap.dedent(
    """
    import sys, time
    from api.shared_jobs import SharedJobQueue
    from ingest.state_db import StateDatabase

    queue = SharedJobQueue(StateDatabase(sys.argv[1]), 8, heartbeat_s=0.2, poll_s=0.05)

    def hold(document_id, job_input):
        print("claimed", flush=True)
        time.sleep(600)

    queue.handle("ingest", hold)
    queue.start()
    time.sleep(600)
    """
)


def test_replicas_with_an_index_each_run_a_job_where_it_was_accepted(
    schemas: tuple[str, str],
) -> None:
    """Embedded shards (one per process): a plan must land in the accepting replica's."""
    _, state_url = schemas
    databases = [StateDatabase(state_url), StateDatabase(state_url)]
    a, b = (SharedJobQueue(db, 8, run_anywhere=False, poll_s=0.05) for db in databases)
    ran: list[str] = []

    def on(name: str) -> Any:
        def run(document_id: str | None, job_input: JobInput) -> dict[str, Any]:
            ran.append(name)
            return {"by": name}

        return run

    a.handle("ingest", on("a"))
    b.handle("ingest", on("b"))
    try:
        b.start()
        jobs = [a.enqueue("ingest", f"kh-{n}", JobInput(b"x", f"kh-{n}.txt")) for n in range(3)]
        for job in jobs:
            seen = b.wait(job.id, timeout=20)  # reported on B from the table
            assert seen is not None and seen.status is JobStatus.SUCCEEDED
        assert ran == ["a", "a", "a"]
    finally:
        a.shutdown()
        b.shutdown()
        for database in databases:
            database.close()


def test_a_job_held_by_a_killed_replica_is_taken_over_after_the_lease(
    schemas: tuple[str, str],
) -> None:
    _, state_url = schemas
    database = StateDatabase(state_url)
    survivor = SharedJobQueue(database, 8, lease_s=2.0, heartbeat_s=0.2, poll_s=0.05)
    runs: list[str] = []

    def run(document_id: str | None, job_input: JobInput) -> dict[str, Any]:
        runs.append("b")
        return {"ok": True}

    survivor.handle("ingest", run)
    survivor._stop.set()  # not claiming until the other replica holds the job
    job = survivor.enqueue("ingest", "kh-19", JobInput(b"plan", "kh-19.txt"))
    worker = subprocess.Popen(
        [sys.executable, "-c", _WORKER, state_url],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert worker.stdout is not None
        line = worker.stdout.readline()
        assert line.strip() == b"claimed", line + worker.stdout.read(2000)
        held = survivor.get(job.id)
        assert held is not None and held.status is JobStatus.RUNNING
        survivor._stop.clear()
        survivor.start()
        time.sleep(1.0)  # the other replica is alive and stamping: the job stays its own
        still = survivor.get(job.id)
        assert runs == [] and still is not None and still.status is JobStatus.RUNNING
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
        finished = survivor.wait(job.id, timeout=30)
        assert finished is not None and finished.status is JobStatus.SUCCEEDED
        assert runs == ["b"]
        attempts = database.query("SELECT attempts FROM kehoach_jobs WHERE id = %s", (job.id,))
        assert attempts == [(2,)]
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(10)
        if worker.stdout is not None:
            worker.stdout.close()
        survivor.shutdown()
        database.close()
