"""Two `kehoach serve` processes on one PostgreSQL database, as replicas behind a proxy.

What the replicas share is tested across real processes: a conversation started on A is
continued on B, a key's rate-limit bucket is spent by requests to both, a Zalo event
answered by A is refused by B, and a job accepted by A is reported by B. (In production
they share a Qdrant server and the home too; there is no Qdrant server here, and an
embedded index belongs to one process, so each replica ingests the bundled plans into a
home of its own with the deterministic hashing embedder: the same clauses under the same
ids, as one shared index would give. Each home has its facts in a schema of its own.)
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from retrieval.runtime import BUNDLED_CORPUS
from tests.conftest import postgres_schema_url, postgres_url
from tests.fakes.zalo import signed, text_event

ROOT = Path(__file__).resolve().parents[1]
ADMIN_KEY = "admin-key-for-replica-tests-0123"
READ_KEY = "read-key-for-replica-tests-01234"
BURST = 40  # per key: the read key's is spent below, the admin key polls a job
APP_ID, SECRET = "replica-app", "replica-oa-secret"
START_S = 300  # import, open, ingest five plans: slow on a loaded two-core machine


@dataclass
class Replica:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(name: str, tmp: Path, shared_url: str, facts_url: str) -> Replica:
    port = _free_port()
    log = tmp / f"{name}.log"
    environment = {
        **os.environ,
        "KEHOACH_HOME": str(tmp / name),
        "KEHOACH_EMBED_MODEL": "hashing",
        "KEHOACH_DATABASE_URL": facts_url,
        "KEHOACH_STATE_DATABASE_URL": shared_url,
        "KEHOACH_ADMIN_KEYS": ADMIN_KEY,
        "KEHOACH_READ_KEYS": READ_KEY,
        "KEHOACH_API_RATE_PER_KEY": "0.001",  # no refill within the test
        "KEHOACH_API_BURST_PER_KEY": str(BURST),
        "ZALO_APP_ID": APP_ID,
        "ZALO_OA_SECRET_KEY": SECRET,
        "ZALO_ACCESS_TOKEN": "replica-token",
        "ZALO_API_BASE_URL": "http://127.0.0.1:9",  # replies fail here; receipt is tested
    }
    command = [sys.executable, "-m", "kehoach.cli", "serve", "--port", str(port)]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    return Replica(f"http://127.0.0.1:{port}", process, log)


def _wait_ready(replica: Replica) -> None:
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        assert replica.process.poll() is None, replica.log.read_text(errors="replace")[-3000:]
        try:
            if httpx.get(f"{replica.url}/readyz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"replica not ready: {replica.log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="module")
def replicas(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Replica, Replica]]:
    url = postgres_url()
    if not url:
        pytest.skip("no PostgreSQL test database (KEHOACH_TEST_DATABASE_URL)")
    tag = uuid.uuid4().hex[:12]
    schemas = [f"r_{tag}_shared", f"r_{tag}_a", f"r_{tag}_b"]
    shared, facts_a, facts_b = (postgres_schema_url(url, schema) for schema in schemas)
    tmp = tmp_path_factory.mktemp("replicas")
    started = [_start("a", tmp, shared, facts_a), _start("b", tmp, shared, facts_b)]
    try:
        for replica in started:
            _wait_ready(replica)
        yield started[0], started[1]
    finally:
        for replica in started:
            replica.process.terminate()
        for replica in started:
            try:
                replica.process.wait(30)
            except subprocess.TimeoutExpired:
                replica.process.kill()
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            for schema in schemas:
                connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def test_replicas_share_conversations_limits_replay_ids_and_jobs(replicas) -> None:
    a, b = replicas
    read = {"X-API-Key": READ_KEY}
    admin = {"X-API-Key": ADMIN_KEY}
    with a.client() as on_a, b.client() as on_b:
        # a conversation started on A, continued on B
        first = on_a.post(
            "/v1/ask", json={"question": "Sở nào chủ trì chỉ tiêu 6.6?"}, headers=read
        )
        assert first.status_code == 200, first.text
        conversation = first.json()["conversation_id"]
        follow_up = on_b.post(
            "/v1/ask",
            json={"question": "còn thời hạn thì sao?", "conversation_id": conversation},
            headers=read,
        )
        assert follow_up.status_code == 200, follow_up.text
        assert follow_up.json()["conversation_id"] == conversation
        cited_first = {c["document_id"] for c in first.json()["citations"]}
        cited_next = {c["document_id"] for c in follow_up.json()["citations"]}
        assert cited_first and cited_next <= cited_first  # B followed A's plan
        unknown = on_b.post(
            "/v1/ask",
            json={"question": "còn thời hạn thì sao?", "conversation_id": "no-such-id"},
            headers=read,
        )
        assert unknown.status_code == 404

        # one bucket for the read key, spent on both replicas (3 asks so far)
        statuses = [
            (on_a if n % 2 else on_b).get("/v1/documents", headers=read).status_code
            for n in range(BURST - 3 + 2)
        ]
        assert statuses[: BURST - 3] == [200] * (BURST - 3)
        assert statuses[BURST - 3 :] == [429, 429]

        # a Zalo event answered by A is refused by B as a replay
        body, headers = signed(
            text_event("u-1", "Sở nào chủ trì chỉ tiêu 6.6?", f"m-{time.time()}", APP_ID),
            APP_ID,
            SECRET,
        )
        assert on_a.post("/zalo/webhook", content=body, headers=headers).json() == {"ok": True}
        again = on_b.post("/zalo/webhook", content=body, headers=headers)
        assert again.status_code == 200 and again.json().get("duplicate") is True

        # a job accepted by A is reported by B
        plan = (BUNDLED_CORPUS / "ninh-binh-19-KH-UBND-2025.txt").read_bytes()
        accepted = on_a.post(
            "/v1/documents",
            params={"name": "ban-sao-xa.txt"},
            content=plan,
            headers={**admin, "Content-Type": "text/plain; charset=utf-8"},
        )
        assert accepted.status_code == 202, accepted.text
        job_id = accepted.json()["id"]
        deadline = time.monotonic() + 2 * (BURST - 2)  # polls every 2 s within the burst
        while True:
            seen = on_b.get(f"/v1/jobs/{job_id}", headers=admin)
            assert seen.status_code == 200, seen.text
            if seen.json()["status"] in ("succeeded", "failed", "cancelled"):
                break
            assert time.monotonic() < deadline
            time.sleep(2)
        assert seen.json()["status"] == "succeeded"
        assert seen.json()["document_id"] == "ban-sao-xa"
