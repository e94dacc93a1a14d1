"""The job queue shared by API replicas (`KEHOACH_DATABASE_URL`): any replica accepts,
runs, reports and cancels any ingestion or removal.

Durable jobs. `enqueue` stores the job with its input (an upload's bytes, at most the API's
upload limit, in the row: no file system shared for it) as `queued`. A worker thread in
every replica claims the oldest queued job with `SELECT … FOR UPDATE SKIP LOCKED` (two
replicas never claim the same one) and runs it on the replica's single job thread after
the replica's own local work (the warm-up). The input is dropped when the job succeeds
and kept when it fails or is cancelled, for `retry`, for `KEEP_FINISHED_S`.

Lease. The claiming replica stamps `heartbeat` every `HEARTBEAT_S`; a running job whose
stamp is older than `LEASE_S` belongs to a replica that stopped, and another claims it again
(at most `MAX_ATTEMPTS` runs in all, then it fails `replica_lost`). Every write of a job's
status is fenced by the claiming replica's id, and a replica that finds its job claimed by
another (its own stamps stalled past the lease) cancels its run before the commit. Should
both still write, the home's write lock orders them and an ingestion commits one version
of the plan, deleting every other: re-ingesting never duplicates a plan.

Replicas whose index is their own (the embedded shard, one per process: `run_anywhere`
off) run each job where it was accepted, reported from the table like the others: a plan
ingested elsewhere would land in another replica's index.

Local jobs. `submit` (a function, the warm-up) runs on this replica only; its record is
mirrored into the table, and reported failed (`replica_lost`) when its replica's stamps stop.

Wake-up. A job queued (or given back) sends `NOTIFY kehoach_jobs` with its commit; every
replica's worker `LISTEN`s on a connection of its own and looks for a job at once, instead
of at its next poll (`POLL_S`). Polling stays, for leases that lapse and for a listener
whose connection is down.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from api.errors import Conflict, RateLimited
from api.jobs import Job, JobFailure, JobInput, JobQueue, JobStatus, _Entry
from ingest.state_db import ChannelListener, StateDatabase

logger = logging.getLogger(__name__)

HEARTBEAT_S = 2.0
LEASE_S = 30.0
STALE_S = LEASE_S  # the name the first shared queue used
POLL_S = 1.0  # how often an idle worker looks for queued jobs (woken sooner by NOTIFY)
JOBS_CHANNEL = "kehoach_jobs"  # NOTIFY'd when a job is queued for any replica
MAX_ATTEMPTS = 3  # runs of one job cut short by a stopped replica before it fails
KEEP_FINISHED_S = 7 * 24 * 3600.0  # finished jobs (and failed ones' inputs) kept this long
_PRUNE_EVERY_S = 600.0
_KEPT_FOR = f"dữ liệu đầu vào được giữ {round(KEEP_FINISHED_S / 86400)} ngày:"
_FULL_LOCK = 4242017  # advisory lock: counting the waiting jobs and adding one, together
_UNFINISHED = (JobStatus.QUEUED.value, JobStatus.RUNNING.value)
_COLUMNS = (
    "id, kind, document_id, status, created_at, started_at, finished_at, result, "
    "failure_code, failure_message, heartbeat, durable, attempts, "
    "input_data IS NOT NULL OR kind = 'remove'"
)


class SharedJobQueue(JobQueue):
    """`JobQueue` whose durable jobs live in the shared database and run on any replica."""

    def __init__(
        self,
        database: StateDatabase,
        max_pending: int,
        clock: Callable[[], float] = time.time,
        *,
        lease_s: float = LEASE_S,
        heartbeat_s: float = HEARTBEAT_S,
        poll_s: float = POLL_S,
        run_anywhere: bool = True,
    ) -> None:
        super().__init__(max_pending)
        self._db = database
        self._clock = clock
        self._lease_s = lease_s
        self._heartbeat_s = heartbeat_s
        self._poll_s = poll_s
        self.replica = secrets.token_hex(6)
        self._stop = threading.Event()  # no more claims
        self._beat_stop = threading.Event()  # no more stamps: set once the running job ended
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []
        self._listener: ChannelListener | None = None
        self._claimed: set[str] = set()  # durable jobs this replica runs
        self._pruned = 0.0
        # False when each replica has an index of its own (the embedded shard): a job then
        # runs where it was accepted, as in one process, and is only reported from the table
        self._run_anywhere = run_anywhere

    # ---- accepting -------------------------------------------------------------------

    def submit(
        self, kind: str, document_id: str | None, work: Callable[[], dict[str, Any] | None]
    ) -> Job:
        """A job that runs on this replica only (its work is a function here: the
        warm-up), limited by this replica's count, never refused for others' jobs."""
        self.start()
        return super().submit(kind, document_id, work)

    def enqueue(self, kind: str, document_id: str | None, job_input: JobInput) -> Job:
        """Store the job and its input as `queued`; the first free replica runs it."""
        if not self._run_anywhere:
            return super().enqueue(kind, document_id, job_input)
        if kind not in self._handlers:
            raise KeyError(kind)
        job = Job(str(uuid.uuid4()), kind, document_id, JobStatus.QUEUED, _now())
        with self._db.transaction() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", (_FULL_LOCK,))
            waiting = self._waiting(cursor)
            if waiting >= self._max_pending:
                raise self._full(waiting)
            cursor.execute(
                "INSERT INTO kehoach_jobs (id, kind, document_id, status, created_at, replica, "
                "heartbeat, durable, input_data, input_name, input_encoding) "
                "VALUES (%s, %s, %s, %s, %s, '', %s, TRUE, %s, %s, %s)",
                (
                    job.id,
                    kind,
                    document_id,
                    JobStatus.QUEUED.value,
                    job.created_at,
                    self._clock(),
                    job_input.data,
                    job_input.name,
                    job_input.encoding,
                ),
            )
            cursor.execute("SELECT pg_notify(%s, %s)", (JOBS_CHANNEL, job.id))  # at commit
        logger.info("job %s queued for any replica: %s %s", job.id, kind, document_id or "")
        self.start()
        self._wake.set()
        return job

    def retry(self, job_id: str) -> Job | None:
        """A new queued job with the input a failed or cancelled durable job kept; None
        when the job is unknown; `Conflict` when it cannot run again, saying why."""
        rows = self._db.query(f"SELECT {_COLUMNS} FROM kehoach_jobs WHERE id = %s", (job_id,))
        if not rows:
            return None
        old = _job(rows[0], self._clock(), self._lease_s)
        _refuse_unfinished_retry(old)
        if not (rows[0][11] and rows[0][13]):  # durable, with its input kept
            raise Conflict(
                f"công việc {job_id!r} không giữ dữ liệu tải lên (công việc cục bộ, hoặc đã "
                "quá thời hạn lưu); hãy tải tệp lên lại",
                code="input_not_kept",
            )
        data = self._db.query(
            "SELECT input_data, input_name, input_encoding FROM kehoach_jobs WHERE id = %s",
            (job_id,),
        )
        if not data:
            return None
        stored, name, encoding = data[0]
        return self.enqueue(
            old.kind,
            old.document_id,
            JobInput(None if stored is None else bytes(stored), name, encoding),
        )

    # ---- reporting and cancelling -----------------------------------------------------

    def get(self, job_id: str) -> Job | None:
        if self._local(job_id):
            return super().get(job_id)
        rows = self._db.query(f"SELECT {_COLUMNS} FROM kehoach_jobs WHERE id = %s", (job_id,))
        return _job(rows[0], self._clock(), self._lease_s) if rows else None

    def wait(self, job_id: str, timeout: float | None = None) -> Job | None:
        if self._local(job_id):
            return super().wait(job_id, timeout)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:  # a job in the table: poll it (this replica may claim it meanwhile)
            job = self.get(job_id)
            if job is None or job.finished:
                return job
            if deadline is not None and time.monotonic() >= deadline:
                return job
            time.sleep(0.2)

    def cancel(self, job_id: str) -> Job | None:
        if self._local(job_id):
            return super().cancel(job_id)
        # queued in the table: cancelled at once; running on a replica: that replica's
        # heartbeat picks the request up and stops it at its next check
        cancelled = self._db.execute(
            "UPDATE kehoach_jobs SET status = %s, finished_at = %s "
            "WHERE id = %s AND durable AND status = %s",
            (JobStatus.CANCELLED.value, _now(), job_id, JobStatus.QUEUED.value),
        )
        if not cancelled:
            self._db.execute(
                "UPDATE kehoach_jobs SET cancel_requested = TRUE "
                "WHERE id = %s AND status = ANY(%s)",
                (job_id, list(_UNFINISHED)),
            )
        return self.get(job_id)

    def _local(self, job_id: str) -> bool:
        """Whether this replica alone knows the job (its own local work); a durable job,
        even one running here, is reported from the table, where its last owner wrote."""
        with self._lock:
            entry = self._jobs.get(job_id)
        return entry is not None and not entry.claimed

    # ---- the worker and the heartbeat -------------------------------------------------

    def start(self) -> None:
        """Start this replica's heartbeat and worker threads (once)."""
        with self._lock:
            if self._threads or self._stop.is_set():
                return
            self._threads = [
                threading.Thread(target=self._beat, name="kehoach-job-heartbeat", daemon=True)
            ]
            if self._run_anywhere:
                self._threads.append(
                    threading.Thread(target=self._work, name="kehoach-job-worker", daemon=True)
                )
                self._listener = self._db.listener(JOBS_CHANNEL, self._wake.set)
        for thread in self._threads:
            thread.start()
        if self._listener is not None:
            self._listener.start()

    def shutdown(self) -> None:
        """Stop claiming, finish the running job; queued jobs wait in the table for others."""
        self._stop.set()
        self._wake.set()
        if self._listener is not None:
            self._listener.stop()
        worker = self._threads[1:] if self._threads else []
        for thread in worker:
            thread.join()  # the running job ends first: its lease is stamped meanwhile
        super().shutdown()
        self._beat_stop.set()

    def _work(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()  # before looking: a NOTIFY from now on is not lost
            try:
                ran = not self._busy_here() and self._run_one()
                self._prune()
            except Exception:
                logger.warning("job worker: the shared table failed; retrying", exc_info=True)
                ran = False
            if not ran:
                self._wake.wait(self._poll_s)

    def _busy_here(self) -> bool:
        """Local work (the warm-up) is queued or running: the job thread is taken."""
        with self._lock:
            return any(not entry.job.finished for entry in self._jobs.values())

    def _run_one(self) -> bool:
        """Claim the oldest runnable job and run it to its end; whether there was one."""
        self._settle_abandoned()
        claimed = self._claim()
        if claimed is None:
            return False
        job, job_input, attempt = claimed
        handler = self._handlers[job.kind]
        logger.info("job %s claimed (run %d): %s %s", job.id, attempt, job.kind, job.document_id)
        entry = _Entry(job, claimed=True)
        with self._lock:
            if self._stop.is_set():
                executor = None
            else:
                executor = self._executor_now()
                self._jobs[job.id] = entry
                self._claimed.add(job.id)
                self._forget_old()
        if executor is None:  # shutting down: give it back at once
            self._release(job.id)
            return False
        entry.future = executor.submit(
            self._run, entry, lambda: handler(job.document_id, job_input)
        )
        entry.done.wait()
        with self._lock:
            self._claimed.discard(job.id)
        return True

    def _executor_now(self) -> ThreadPoolExecutor:
        """The replica's one job thread (local work and claimed jobs take turns on it)."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="kehoach-jobs")
        return self._executor

    def _claim(self) -> tuple[Job, JobInput, int] | None:
        now = self._clock()
        rows = self._db.query(
            "UPDATE kehoach_jobs SET status = %s, replica = %s, heartbeat = %s, "
            "attempts = attempts + 1, started_at = %s "
            "WHERE id = (SELECT id FROM kehoach_jobs WHERE durable AND kind = ANY(%s) "
            "AND NOT cancel_requested AND (status = %s OR (status = %s AND heartbeat < %s "
            "AND attempts < %s)) ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) "
            "RETURNING id, kind, document_id, created_at, input_data, input_name, "
            "input_encoding, attempts",
            (
                JobStatus.RUNNING.value,
                self.replica,
                now,
                _now(),
                list(self._handlers),
                JobStatus.QUEUED.value,
                JobStatus.RUNNING.value,
                now - self._lease_s,
                MAX_ATTEMPTS,
            ),
        )
        if not rows:
            return None
        job_id, kind, document_id, created, data, name, encoding, attempts = rows[0]
        job = Job(job_id, kind, document_id, JobStatus.RUNNING, created, _now())
        return job, JobInput(None if data is None else bytes(data), name, encoding), attempts

    def _settle_abandoned(self) -> None:
        """Running jobs whose replica stopped: cancelled when a cancel was asked, failed
        when they were cut short `MAX_ATTEMPTS` times (their input kept for `retry`)."""
        stale = self._clock() - self._lease_s
        self._db.execute(
            "UPDATE kehoach_jobs SET status = %s, finished_at = %s "
            "WHERE durable AND status = %s AND heartbeat < %s AND cancel_requested",
            (JobStatus.CANCELLED.value, _now(), JobStatus.RUNNING.value, stale),
        )
        before, after = _lost_too_often()
        self._db.execute(
            "UPDATE kehoach_jobs SET status = %s, finished_at = %s, failure_code = %s, "
            "failure_message = %s || id || %s WHERE durable AND status = %s "
            "AND heartbeat < %s AND attempts >= %s",
            (
                JobStatus.FAILED.value,
                _now(),
                "replica_lost",
                before,
                after,
                JobStatus.RUNNING.value,
                stale,
                MAX_ATTEMPTS,
            ),
        )

    def _release(self, job_id: str) -> None:
        """Give a claimed job that did not start back to the queue."""
        with self._db.transaction() as cursor:
            cursor.execute(
                "UPDATE kehoach_jobs SET status = %s, replica = '', attempts = attempts - 1 "
                "WHERE id = %s AND replica = %s AND status = %s",
                (JobStatus.QUEUED.value, job_id, self.replica, JobStatus.RUNNING.value),
            )
            cursor.execute("SELECT pg_notify(%s, %s)", (JOBS_CHANNEL, job_id))

    def _prune(self) -> None:
        now = self._clock()
        if now - self._pruned < _PRUNE_EVERY_S:
            return
        self._pruned = now
        cutoff = datetime.fromtimestamp(now - KEEP_FINISHED_S, UTC)
        self._db.execute(
            "DELETE FROM kehoach_jobs WHERE status <> ALL(%s) AND finished_at < %s",
            (list(_UNFINISHED), cutoff),
        )

    def _beat(self) -> None:
        while not self._beat_stop.wait(self._heartbeat_s):
            try:
                self._stamp()
            except Exception:
                logger.warning("job heartbeat failed; retrying", exc_info=True)

    def _stamp(self) -> None:
        """Renew this replica's leases; stop runs another replica took over (this one's
        stamps stalled past the lease) and those a replica was asked to cancel."""
        self._db.execute(
            "UPDATE kehoach_jobs SET heartbeat = %s WHERE replica = %s AND status = ANY(%s)",
            (self._clock(), self.replica, list(_UNFINISHED)),
        )
        with self._lock:
            claimed = list(self._claimed)
        if claimed:
            taken = self._db.query(
                "SELECT id FROM kehoach_jobs WHERE id = ANY(%s) AND replica <> %s",
                (claimed, self.replica),
            )
            for (job_id,) in taken:
                logger.warning("job %s: lease lost to another replica; stopping here", job_id)
                with self._lock:
                    entry = self._jobs.get(job_id)
                if entry is not None:
                    entry.cancel.set()
        asked = self._db.query(
            "SELECT id FROM kehoach_jobs WHERE replica = %s AND cancel_requested "
            "AND status = ANY(%s)",
            (self.replica, list(_UNFINISHED)),
        )
        for (job_id,) in asked:
            super().cancel(job_id)

    # ---- records --------------------------------------------------------------------

    def _recorded(self, entry: _Entry) -> None:
        """Mirror a change into the table, only while the job is this replica's (fenced):
        the input is dropped when it succeeds, kept otherwise."""
        job = entry.job
        failure = job.failure
        self._db.execute(
            "INSERT INTO kehoach_jobs (id, kind, document_id, status, created_at, started_at, "
            "finished_at, result, failure_code, failure_message, replica, heartbeat) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE "
            "SET status = EXCLUDED.status, started_at = EXCLUDED.started_at, "
            "finished_at = EXCLUDED.finished_at, result = EXCLUDED.result, "
            "failure_code = EXCLUDED.failure_code, failure_message = EXCLUDED.failure_message, "
            "heartbeat = EXCLUDED.heartbeat, input_data = CASE WHEN EXCLUDED.status = %s "
            "THEN NULL ELSE kehoach_jobs.input_data END "
            "WHERE kehoach_jobs.replica = EXCLUDED.replica",
            (
                job.id,
                job.kind,
                job.document_id,
                job.status.value,
                job.created_at,
                job.started_at,
                job.finished_at,
                None if job.result is None else json.dumps(job.result, ensure_ascii=False),
                failure.code if failure else None,
                _kept_input_note(job.id, failure, entry.claimed),
                self.replica,
                self._clock(),
                JobStatus.SUCCEEDED.value,
            ),
        )

    # ---- helpers --------------------------------------------------------------------

    def _waiting(self, cursor: Any = None) -> int:
        """Jobs queued in the table, and running ones whose replica is alive."""
        sql = (
            "SELECT COUNT(*) FROM kehoach_jobs WHERE (durable AND status = %s) "
            "OR (status = ANY(%s) AND heartbeat > %s)"
        )
        parameters = (JobStatus.QUEUED.value, list(_UNFINISHED), self._clock() - self._lease_s)
        if cursor is not None:
            cursor.execute(sql, parameters)
            return int(cursor.fetchone()[0])
        return int(self._db.query(sql, parameters)[0][0])

    @staticmethod
    def _full(waiting: int) -> RateLimited:
        return RateLimited(
            f"đang có {waiting} công việc chờ; hãy thử lại khi bớt công việc",
            retry_after_s=5,
            code="queue_full",
        )


def _refuse_unfinished_retry(job: Job) -> None:
    if job.status not in (JobStatus.FAILED, JobStatus.CANCELLED):
        raise Conflict(
            f"công việc {job.id!r} đang {job.status.value}: chỉ chạy lại được công việc đã "
            "thất bại hoặc đã huỷ",
            code="not_retryable",
        )


def _kept_input_note(job_id: str, failure: JobFailure | None, durable: bool) -> str | None:
    """A failed durable job's message says that its input is kept for a retry."""
    if failure is None:
        return None
    if not durable:
        return failure.message
    return f"{failure.message} ({_KEPT_FOR} POST /v1/jobs/{job_id}/retry để chạy lại)"


def _lost_too_often() -> tuple[str, str]:
    """The message of a job cut short too often, around its id."""
    return (
        f"máy chủ chạy công việc này đã dừng giữa chừng {MAX_ATTEMPTS} lần ({_KEPT_FOR} "
        "POST /v1/jobs/",
        "/retry để chạy lại)",
    )


def _job(row: tuple[Any, ...], now: float, lease_s: float = LEASE_S) -> Job:
    (id_, kind, document_id, status, created, started, finished, result, code, message, beat) = row[
        :11
    ]
    durable, attempts = bool(row[11]), int(row[12])
    job = Job(
        id=id_,
        kind=kind,
        document_id=document_id,
        status=JobStatus(status),
        created_at=created,
        started_at=started,
        finished_at=finished,
        result=None if result is None else json.loads(result),
        failure=JobFailure(code, message or "") if code else None,
    )
    if job.finished or beat >= now - lease_s:
        return job
    if durable and job.status is JobStatus.QUEUED:
        return job  # waits in the table for any replica: no stamp needed
    if durable and attempts < MAX_ATTEMPTS:
        # its replica stopped: the next free replica claims it again
        return Job(job.id, job.kind, job.document_id, JobStatus.QUEUED, job.created_at)
    lost = JobFailure("replica_lost", "máy chủ chạy công việc này đã dừng trước khi xong")
    return Job(
        job.id,
        job.kind,
        job.document_id,
        JobStatus.FAILED,
        job.created_at,
        job.started_at,
        datetime.fromtimestamp(beat, UTC),
        None,
        lost,
    )


def _now() -> datetime:
    return datetime.now(UTC)
