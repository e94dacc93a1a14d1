"""Durable jobs in the replicas' shared table: queued with their input, claimed by any
replica with SKIP LOCKED, leased, taken over when a replica stops, fenced, kept for a retry.

Each `SharedJobQueue` stands for one replica (its own connection to one fresh schema).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from api.errors import Conflict, RateLimited
from api.jobs import JobInput, JobQueue, JobStatus
from api.shared_jobs import MAX_ATTEMPTS, SharedJobQueue
from ingest.cancel import raise_if_cancelled
from ingest.errors import BinarySourceError
from ingest.state_db import StateDatabase
from tests.conftest import postgres_schema_url, postgres_url

LEASE_S = 30.0


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def shared_url() -> Iterator[str]:
    url = postgres_url()
    if not url:
        pytest.skip("no PostgreSQL test database (KEHOACH_TEST_DATABASE_URL)")
    schema = f"j_{uuid.uuid4().hex[:16]}"
    yield postgres_schema_url(url, schema)
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def replicas(shared_url: str) -> Iterator[Callable[..., SharedJobQueue]]:
    """A factory of replicas' queues over one schema; every one shut down afterwards."""
    made: list[tuple[SharedJobQueue, StateDatabase]] = []

    def replica(**options: Any) -> SharedJobQueue:
        database = StateDatabase(shared_url)
        options.setdefault("poll_s", 0.05)
        options.setdefault("heartbeat_s", 0.1)
        queue = SharedJobQueue(database, max_pending=options.pop("max_pending", 8), **options)
        made.append((queue, database))
        return queue

    try:
        yield replica
    finally:
        for queue, _ in made:
            queue._beat_stop.set()  # a test may have left a handler blocked: do not wait
            queue._stop.set()
            queue._wake.set()
            if queue._listener is not None:
                queue._listener.stop()
        for queue, database in made:
            if queue._executor is not None:
                queue._executor.shutdown(wait=False, cancel_futures=True)
            database.close()


def _row(queue: SharedJobQueue, job_id: str, columns: str) -> tuple[Any, ...]:
    return queue._db.query(f"SELECT {columns} FROM kehoach_jobs WHERE id = %s", (job_id,))[0]


def _wait_for(predicate: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _recorder(name: str, runs: list[tuple[str, str]], lock: threading.Lock) -> Any:
    def handler(document_id: str | None, job_input: JobInput) -> dict[str, Any]:
        with lock:
            runs.append((name, str(document_id)))
        return {"by": name, "bytes": len(job_input.data or b"")}

    return handler


def test_an_upload_accepted_by_a_busy_replica_runs_on_another(replicas) -> None:
    a, b = replicas(), replicas()
    release = threading.Event()
    runs: list[tuple[str, str]] = []
    lock = threading.Lock()

    def a_busy(document_id: str | None, job_input: JobInput) -> dict[str, Any]:
        release.wait(20)
        return {"by": "a", "bytes": len(job_input.data or b"")}

    a.handle("ingest", a_busy)
    b.handle("ingest", _recorder("b", runs, lock))
    first = a.enqueue("ingest", "kh-1", JobInput(b"first", "kh-1.txt"))
    _wait_for(lambda: _row(a, first.id, "status")[0] == "running")
    assert _row(a, first.id, "replica")[0] == a.replica  # B had not started yet
    b.start()
    text = "Kế hoạch 2".encode()
    second = a.enqueue("ingest", "kh-2", JobInput(text, "kh-2.txt", "utf-8"))
    done = a.wait(second.id, timeout=20)  # reported on A from the table
    assert done is not None and done.status is JobStatus.SUCCEEDED
    assert done.result == {"by": "b", "bytes": len(text)}
    assert runs == [("b", "kh-2")]
    release.set()
    finished = b.wait(first.id, timeout=20)
    assert finished is not None and finished.status is JobStatus.SUCCEEDED
    # the input is dropped once the job succeeded
    assert _row(a, second.id, "input_data")[0] is None


def test_each_job_is_claimed_by_one_replica_only(replicas) -> None:
    runs: list[tuple[str, str]] = []
    lock = threading.Lock()
    queues = [replicas() for _ in range(3)]
    for number, queue in enumerate(queues):
        queue.handle("ingest", _recorder(f"r{number}", runs, lock))
    jobs = [
        queues[n % 3].enqueue("ingest", f"kh-{n}", JobInput(b"x" * n, f"kh-{n}.txt"))
        for n in range(8)
    ]
    for queue in queues:
        queue.start()
    for job in jobs:
        finished = queues[0].wait(job.id, timeout=30)
        assert finished is not None and finished.status is JobStatus.SUCCEEDED
    assert sorted(document for _, document in runs) == sorted(f"kh-{n}" for n in range(8))
    attempts = queues[0]._db.query("SELECT attempts FROM kehoach_jobs")
    assert attempts == [(1,)] * 8


def test_the_queue_limit_counts_every_replica(replicas) -> None:
    a, b = replicas(max_pending=2), replicas(max_pending=2)
    for queue in (a, b):
        queue.handle("ingest", lambda document_id, job_input: None)
    a._stop.set()  # nobody claims: the jobs stay queued
    b._stop.set()
    a.enqueue("ingest", "kh-1", JobInput(b"1", "kh-1.txt"))
    b.enqueue("ingest", "kh-2", JobInput(b"2", "kh-2.txt"))
    with pytest.raises(RateLimited) as refused:
        a.enqueue("ingest", "kh-3", JobInput(b"3", "kh-3.txt"))
    assert "công việc chờ" in str(refused.value)


def test_a_job_whose_replica_stopped_is_taken_over_and_the_late_run_fenced(replicas) -> None:
    clock = Clock()
    a = replicas(clock=clock, lease_s=LEASE_S)
    b = replicas(clock=clock, lease_s=LEASE_S)
    started = threading.Event()

    def a_stalls(document_id: str | None, job_input: JobInput) -> dict[str, Any]:
        started.set()
        while True:  # between two embedding batches, until told to stop
            raise_if_cancelled()
            time.sleep(0.02)

    a.handle("ingest", a_stalls)
    b.handle("ingest", lambda document_id, job_input: {"by": "b"})
    job = a.enqueue("ingest", "kh-19", JobInput(b"plan", "kh-19.txt"))
    assert started.wait(10)
    a._beat_stop.set()  # A stalls: its stamps stop (a pause, a lost connection)
    time.sleep(0.3)
    assert b.get(job.id).status is JobStatus.RUNNING  # within the lease: still A's
    clock.now += LEASE_S + 1
    seen = b.get(job.id)  # past it: waiting for another replica, not failed
    assert seen is not None and seen.status is JobStatus.QUEUED and seen.failure is None
    b.start()
    _wait_for(lambda: _row(b, job.id, "status")[0] == "succeeded")
    assert _row(b, job.id, "replica, attempts") == (b.replica, 2)
    # A wakes up, finds its lease taken and stops before committing; its record is fenced
    a._stamp()
    _wait_for(lambda: a._jobs[job.id].job.status is JobStatus.CANCELLED)
    time.sleep(0.2)
    for replica in (a, b):  # both report what B did: A's cancelled run is not the job's
        final = replica.get(job.id)
        assert final is not None and final.status is JobStatus.SUCCEEDED
        assert final.result == {"by": "b"}


def test_a_job_cut_short_too_often_fails_with_its_input_kept_for_a_retry(replicas) -> None:
    clock = Clock()
    a = replicas(clock=clock, lease_s=LEASE_S)
    a.handle("ingest", lambda document_id, job_input: {"bytes": len(job_input.data or b"")})
    a._stop.set()  # claims are made by hand below
    job = a.enqueue("ingest", "kh-19", JobInput(b"the plan", "kh-19.txt", "utf-8"))
    for _ in range(MAX_ATTEMPTS):  # a replica claims it and dies, each time
        assert a._claim() is not None
        clock.now += LEASE_S + 1
    a._settle_abandoned()
    lost = a.get(job.id)
    assert lost is not None and lost.status is JobStatus.FAILED
    assert lost.failure is not None and lost.failure.code == "replica_lost"
    assert f"/v1/jobs/{job.id}/retry" in lost.failure.message
    assert "dừng giữa chừng" in lost.failure.message
    again = a.retry(job.id)
    assert again is not None and again.id != job.id and again.status is JobStatus.QUEUED
    a._stop.clear()
    a.start()
    finished = a.wait(again.id, timeout=20)
    assert finished is not None and finished.status is JobStatus.SUCCEEDED
    assert finished.result == {"bytes": len(b"the plan")}


def test_a_failed_job_says_why_and_keeps_its_input(replicas) -> None:
    a = replicas()

    def unreadable(document_id: str | None, job_input: JobInput) -> None:
        raise BinarySourceError("kh-19.docx: tệp hỏng, không đọc được")

    a.handle("ingest", unreadable)
    job = a.enqueue("ingest", "kh-19", JobInput(b"PK\x03\x04broken", "kh-19.docx"))
    failed = a.wait(job.id, timeout=20)
    assert failed is not None and failed.status is JobStatus.FAILED
    assert _row(a, job.id, "input_data")[0] == b"PK\x03\x04broken"
    message = _row(a, job.id, "failure_message")[0]
    assert "tệp hỏng" in message and f"/v1/jobs/{job.id}/retry" in message
    a._stop.set()
    a._wake.set()
    a._threads[1].join(10)  # A's worker stopped: the next job stays queued
    with pytest.raises(Conflict):  # only a failed or cancelled job runs again
        a.retry(a.enqueue("ingest", "kh-20", JobInput(b"x", "kh-20.txt")).id)


def test_queued_and_running_jobs_are_cancelled_from_any_replica(replicas) -> None:
    a, b = replicas(), replicas()
    started = threading.Event()

    def slow(document_id: str | None, job_input: JobInput) -> dict[str, Any]:
        started.set()
        while True:
            raise_if_cancelled()
            time.sleep(0.02)

    a.handle("ingest", slow)
    b.handle("ingest", slow)
    b._stop.set()  # B only accepts and cancels here
    running = b.enqueue("ingest", "kh-1", JobInput(b"1", "kh-1.txt"))
    a.start()
    assert started.wait(10)
    queued = b.enqueue("ingest", "kh-2", JobInput(b"2", "kh-2.txt"))  # behind it on A
    cancelled = b.cancel(queued.id)
    assert cancelled is not None and cancelled.status is JobStatus.CANCELLED
    b.cancel(running.id)  # A stops it at its next check
    _wait_for(lambda: b.get(running.id).status is JobStatus.CANCELLED)
    time.sleep(0.3)
    assert _row(b, queued.id, "attempts, status") == (0, "cancelled")  # never ran
    assert _row(b, queued.id, "input_data")[0] == b"2"  # kept for a retry


def test_local_work_stays_on_its_replica_and_a_lost_one_is_reported(replicas) -> None:
    clock = Clock()
    a = replicas(clock=clock)
    b = replicas(clock=clock)
    release = threading.Event()
    job = a.submit("warm_up", None, lambda: release.wait(20) and None)
    a._beat_stop.set()  # A's process dies: its stamps stop
    time.sleep(0.2)
    clock.now += LEASE_S + 1
    lost = b.get(job.id)
    assert lost is not None and lost.status is JobStatus.FAILED
    assert lost.failure is not None and lost.failure.code == "replica_lost"
    release.set()


def test_a_queue_in_memory_says_its_input_is_not_kept() -> None:
    queue = JobQueue(max_pending=2)
    queue.handle("ingest", lambda document_id, job_input: None)
    try:
        job = queue.enqueue("ingest", "kh-1", JobInput(b"1", "kh-1.txt"))
        finished = queue.wait(job.id, timeout=10)
        assert finished is not None and finished.status is JobStatus.SUCCEEDED
        with pytest.raises(Conflict) as refused:
            queue.retry(job.id)
        assert "tải tệp lên lại" in str(refused.value)
        assert queue.retry("no-such-job") is None
    finally:
        queue.shutdown()


# ---- LISTEN/NOTIFY: an idle worker picks a new job at once, polling as the fallback --------

SLOW_POLL_S = 60.0  # polling alone would leave a job waiting this long


def _listening(*queues: SharedJobQueue) -> None:
    for queue in queues:
        queue.start()
        assert queue._listener is not None and queue._listener.listening.wait(20)


def test_two_idle_workers_are_woken_by_notify_not_by_their_poll(replicas) -> None:
    a = replicas()
    b, c = replicas(poll_s=SLOW_POLL_S), replicas(poll_s=SLOW_POLL_S)
    release = threading.Event()
    claimed: dict[str, tuple[str, float]] = {}
    lock = threading.Lock()

    def holding(name: str) -> Any:
        def handler(document_id: str | None, job_input: JobInput) -> dict[str, Any]:
            with lock:
                claimed[str(document_id)] = (name, time.monotonic())
            release.wait(30)
            return {"by": name}

        return handler

    for name, queue in (("a", a), ("b", b), ("c", c)):
        queue.handle("ingest", holding(name))
    try:
        first = a.enqueue("ingest", "kh-1", JobInput(b"1", "kh-1.txt"))  # A is busy with it
        _wait_for(lambda: _row(a, first.id, "status")[0] == "running")
        _listening(b, c)  # each has looked once (nothing queued) and now waits 60 s
        queued = time.monotonic()
        second = a.enqueue("ingest", "kh-2", JobInput(b"2", "kh-2.txt"))
        third = a.enqueue("ingest", "kh-3", JobInput(b"3", "kh-3.txt"))
        _wait_for(lambda: len(claimed) == 3, timeout=SLOW_POLL_S / 3)
        assert claimed["kh-1"][0] == "a"
        assert {claimed["kh-2"][0], claimed["kh-3"][0]} == {"b", "c"}  # one job each
        waited = max(claimed[k][1] for k in ("kh-2", "kh-3")) - queued
        assert waited < SLOW_POLL_S / 3
        runners = {_row(a, job.id, "replica")[0] for job in (second, third)}
        assert runners == {b.replica, c.replica}
    finally:
        release.set()


def _end_listeners(url: str) -> None:
    """Terminate every listening connection (what a database restart does to them)."""
    import psycopg

    from ingest.state_db import ChannelListener

    with psycopg.connect(url, autocommit=True) as admin:
        ended = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = %s AND pid <> pg_backend_pid()",
            (ChannelListener.APPLICATION_NAME,),
        ).fetchall()
    assert ended and all(row[0] for row in ended)


def test_with_its_listener_down_a_worker_still_claims_by_polling(replicas, shared_url) -> None:
    a, b = replicas(), replicas(poll_s=0.2)
    runs: list[tuple[str, str]] = []
    lock = threading.Lock()
    a.handle("ingest", _recorder("a", runs, lock))
    b.handle("ingest", _recorder("b", runs, lock))
    a._stop.set()  # A accepts, never works
    _listening(b)
    listener = b._listener
    assert listener is not None
    listener._retry_s = SLOW_POLL_S  # once lost, it stays away for this test
    _end_listeners(shared_url)
    _wait_for(lambda: not listener.listening.is_set())
    job = a.enqueue("ingest", "kh-1", JobInput(b"1", "kh-1.txt"))
    done = b.wait(job.id, timeout=20)
    assert done is not None and done.status is JobStatus.SUCCEEDED and runs == [("b", "kh-1")]
    assert not listener.listening.is_set()


def test_a_listener_wakes_at_each_notify_and_comes_back_after_a_lost_connection(
    shared_url: str,
) -> None:
    from ingest.state_db import ChannelListener

    woken = threading.Semaphore(0)
    listener = ChannelListener(shared_url, "kehoach_test_wake", woken.release, retry_s=0.2)
    database = StateDatabase(shared_url)
    try:
        listener.start()
        for _ in range(2):  # at first, then after the connection was ended
            assert listener.listening.wait(20)
            assert woken.acquire(timeout=20)  # once on connecting: what came meanwhile
            database.execute("SELECT pg_notify('kehoach_test_wake', 'x')")
            assert woken.acquire(timeout=20)
            _end_listeners(shared_url)
            _wait_for(lambda: not listener.listening.is_set())
    finally:
        listener.stop()
        database.close()
