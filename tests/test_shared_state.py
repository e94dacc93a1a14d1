"""State API replicas share in PostgreSQL: each store opened twice, as two replicas would."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator

import pytest

from api.conversations import SharedConversationStore
from api.jobs import JobStatus
from api.ratelimit import SharedTokenBuckets
from api.shared_jobs import STALE_S, SharedJobQueue
from bot.replay import SharedReplayStore
from ingest.errors import WorkCancelledError
from ingest.state_db import StateDatabase
from retrieval.answers import Answer
from tests.conftest import postgres_schema_url, postgres_url


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def replicas() -> Iterator[tuple[StateDatabase, StateDatabase]]:
    """Two connections to one fresh schema: replica A's and replica B's."""
    url = postgres_url()
    if not url:
        pytest.skip("no PostgreSQL test database (KEHOACH_TEST_DATABASE_URL)")
    schema = f"s_{uuid.uuid4().hex[:16]}"
    shared = postgres_schema_url(url, schema)
    first, second = StateDatabase(shared), StateDatabase(shared)
    try:
        yield first, second
    finally:
        first.close()
        second.close()
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")


def test_a_conversation_started_on_one_replica_continues_on_the_other(replicas) -> None:
    clock = Clock()
    a = SharedConversationStore(replicas[0], ttl_s=60, capacity=10, clock=clock)
    b = SharedConversationStore(replicas[1], ttl_s=60, capacity=10, clock=clock)
    conversation_id, slot = a.start("key:portal")
    answer = Answer(answer="Sở KHCN chủ trì.", abstained=False, intent="lookup")
    slot.conversation.record("Sở nào chủ trì chỉ tiêu 6.6?", answer, ["kh-19"])
    a.save(conversation_id, slot)
    continued = b.get(conversation_id, "key:portal")
    assert continued is not None
    assert continued.conversation.document_ids == ["kh-19"]
    assert continued.conversation.last_question == "Sở nào chủ trì chỉ tiêu 6.6?"
    assert continued.conversation.intent == "lookup"
    assert b.get(conversation_id, "key:someone-else") is None  # owned by its caller
    clock.now += 61
    assert b.get(conversation_id, "key:portal") is None  # expired for every replica
    assert len(a) == 0


def test_a_rate_limit_bucket_is_shared_by_the_replicas(replicas) -> None:
    clock = Clock()
    a = SharedTokenBuckets(replicas[0], "key", rate=1.0, burst=3, clock=clock)
    b = SharedTokenBuckets(replicas[1], "key", rate=1.0, burst=3, clock=clock)
    assert [a.take("k1"), b.take("k1"), a.take("k1")] == [0, 0, 0]
    assert b.take("k1") == 1  # the burst is spent across both replicas
    assert a.take("k2") == 0  # another key has its own bucket
    other = SharedTokenBuckets(replicas[1], "address", rate=1.0, burst=3, clock=clock)
    assert other.take("k1") == 0  # and another table of buckets too
    clock.now += 1.0
    assert a.take("k1") == 0 and b.take("k1") == 1


def test_a_webhook_event_answered_by_one_replica_is_refused_by_the_other(replicas) -> None:
    a = SharedReplayStore(replicas[0], retention_s=600)
    b = SharedReplayStore(replicas[1], retention_s=600)
    assert a.first_time("msg-1", 1000.0)
    assert not b.first_time("msg-1", 1001.0)
    assert b.first_time("msg-2", 1001.0)
    b.prune(2000.0)  # past the retention: forgotten
    assert len(a) == 0


def _wait(predicate, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_jobs_are_reported_and_cancelled_from_any_replica(replicas) -> None:
    a = SharedJobQueue(replicas[0], max_pending=2)
    b = SharedJobQueue(replicas[1], max_pending=2)
    started = threading.Event()

    def slow() -> dict:
        from ingest.cancel import raise_if_cancelled

        started.set()
        while True:  # like an ingestion between two embedding batches
            raise_if_cancelled()
            time.sleep(0.05)

    try:
        job = a.submit("ingest", "kh-19", slow)
        assert started.wait(10)
        seen = b.get(job.id)
        assert seen is not None and seen.status is JobStatus.RUNNING
        assert seen.document_id == "kh-19"
        a.submit("ingest", "kh-20", lambda: {"clauses": 3})  # queued behind the first
        # (the limit across replicas is on durable jobs: tests/test_shared_jobs.py)
        b.cancel(job.id)  # asked on B, stopped on A at its next check
        _wait(lambda: (b.get(job.id) or seen).status is JobStatus.CANCELLED)
        finished = b.wait(a.submit("ingest", "kh-22", lambda: {"clauses": 7}).id, timeout=20)
        assert finished is not None and finished.status is JobStatus.SUCCEEDED
        assert finished.result == {"clauses": 7}
    finally:
        a.shutdown()
        b.shutdown()


def test_a_job_whose_replica_stopped_is_reported_lost(replicas) -> None:
    clock = Clock()
    a = SharedJobQueue(replicas[0], max_pending=2, clock=clock)
    release = threading.Event()

    def blocked() -> None:
        release.wait(20)
        raise WorkCancelledError("stopped")

    try:
        job = a.submit("ingest", "kh-19", blocked)
        b = SharedJobQueue(replicas[1], max_pending=2, clock=clock)
        a._beat_stop.set()  # A stops stamping its jobs (as when its process dies)...
        time.sleep(0.1)
        clock.now += STALE_S + 1  # ...and their stamps grow old
        lost = b.get(job.id)
        assert lost is not None and lost.status is JobStatus.FAILED
        assert lost.failure is not None and lost.failure.code == "replica_lost"
        b.submit("ingest", "kh-20", lambda: None)  # a lost job no longer fills the queue
        b.shutdown()
    finally:
        release.set()
        a.shutdown()
