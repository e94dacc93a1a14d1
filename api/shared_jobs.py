"""The job table shared by API replicas (`KEHOACH_DATABASE_URL`): any replica reports and
cancels any job, and the limit on waiting jobs counts every replica's.

A job still runs on the replica that accepted it (it holds the upload; the home's write
lock orders the writes of all replicas), which mirrors each change of the job into the
table. A heartbeat thread stamps this replica's unfinished jobs every few seconds and picks
up cancellations asked of another replica; a job whose stamp is older than `STALE_S` is
reported failed (`replica_lost`): its replica stopped before finishing it.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from api.errors import RateLimited
from api.jobs import Job, JobFailure, JobQueue, JobStatus, _Entry
from ingest.state_db import StateDatabase

logger = logging.getLogger(__name__)

HEARTBEAT_S = 2.0
STALE_S = 30.0
_UNFINISHED = (JobStatus.QUEUED.value, JobStatus.RUNNING.value)
_COLUMNS = (
    "id, kind, document_id, status, created_at, started_at, finished_at, result, "
    "failure_code, failure_message, heartbeat"
)


class SharedJobQueue(JobQueue):
    """`JobQueue` whose jobs are recorded in the shared database as they change."""

    def __init__(
        self, database: StateDatabase, max_pending: int, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(max_pending)
        self._db = database
        self._clock = clock
        self.replica = secrets.token_hex(6)
        self._stop = threading.Event()
        self._heartbeat: threading.Thread | None = None

    def submit(
        self, kind: str, document_id: str | None, work: Callable[[], dict[str, Any] | None]
    ) -> Job:
        pending = self._db.query(
            "SELECT COUNT(*) FROM kehoach_jobs WHERE status = ANY(%s) AND heartbeat > %s",
            (list(_UNFINISHED), self._clock() - STALE_S),
        )[0][0]
        if pending >= self._max_pending:
            raise RateLimited(
                f"đang có {pending} công việc chờ; hãy thử lại khi bớt công việc",
                retry_after_s=5,
                code="queue_full",
            )
        self._start_heartbeat()
        return super().submit(kind, document_id, work)

    def get(self, job_id: str) -> Job | None:
        local = super().get(job_id)
        if local is not None:
            return local
        rows = self._db.query(f"SELECT {_COLUMNS} FROM kehoach_jobs WHERE id = %s", (job_id,))
        return _job(rows[0], self._clock()) if rows else None

    def wait(self, job_id: str, timeout: float | None = None) -> Job | None:
        if super().get(job_id) is not None:
            return super().wait(job_id, timeout)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:  # another replica's job: poll the table
            job = self.get(job_id)
            if job is None or job.finished:
                return job
            if deadline is not None and time.monotonic() >= deadline:
                return job
            time.sleep(0.2)

    def cancel(self, job_id: str) -> Job | None:
        if super().get(job_id) is not None:
            return super().cancel(job_id)
        self._db.execute(
            "UPDATE kehoach_jobs SET cancel_requested = TRUE WHERE id = %s AND status = ANY(%s)",
            (job_id, list(_UNFINISHED)),
        )
        return self.get(job_id)

    def shutdown(self) -> None:
        self._stop.set()
        super().shutdown()

    def _recorded(self, entry: _Entry) -> None:
        job = entry.job
        failure = job.failure
        self._db.execute(
            "INSERT INTO kehoach_jobs (id, kind, document_id, status, created_at, started_at, "
            "finished_at, result, failure_code, failure_message, replica, heartbeat) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE "
            "SET status = EXCLUDED.status, started_at = EXCLUDED.started_at, "
            "finished_at = EXCLUDED.finished_at, result = EXCLUDED.result, "
            "failure_code = EXCLUDED.failure_code, failure_message = EXCLUDED.failure_message, "
            "heartbeat = EXCLUDED.heartbeat",
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
                failure.message if failure else None,
                self.replica,
                self._clock(),
            ),
        )

    def _start_heartbeat(self) -> None:
        with self._lock:
            if self._heartbeat is not None:
                return
            self._heartbeat = threading.Thread(
                target=self._beat, name="kehoach-job-heartbeat", daemon=True
            )
        self._heartbeat.start()

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_S):
            try:
                self._db.execute(
                    "UPDATE kehoach_jobs SET heartbeat = %s "
                    "WHERE replica = %s AND status = ANY(%s)",
                    (self._clock(), self.replica, list(_UNFINISHED)),
                )
                asked = self._db.query(
                    "SELECT id FROM kehoach_jobs WHERE replica = %s AND cancel_requested "
                    "AND status = ANY(%s)",
                    (self.replica, list(_UNFINISHED)),
                )
                for (job_id,) in asked:
                    super().cancel(job_id)
            except Exception:
                logger.warning("job heartbeat failed; retrying", exc_info=True)


def _job(row: tuple[Any, ...], now: float) -> Job:
    (id_, kind, document_id, status, created, started, finished, result, code, message, beat) = row
    job = Job(
        id=id_,
        kind=kind,
        document_id=document_id,
        status=JobStatus(status),
        created_at=created,
        started_at=started,
        finished_at=finished,
        result=None if result is None else json.loads(result),
        failure=JobFailure(code, message) if code else None,
    )
    if not job.finished and beat < now - STALE_S:
        lost = JobFailure("replica_lost", "máy chủ chạy công việc này đã dừng trước khi xong")
        return Job(
            job.id,
            job.kind,
            job.document_id,
            JobStatus.FAILED,
            job.created_at,
            job.started_at,
            _utc(beat),
            None,
            lost,
        )
    return job


def _utc(seconds: float) -> datetime:
    from datetime import UTC

    return datetime.fromtimestamp(seconds, UTC)
