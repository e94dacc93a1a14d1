"""Background jobs: ingestion and removal run one at a time on a single worker thread.

One writer at a time keeps the index and the catalog simple to reason about; requests
return at once with a job id to poll (`GET /v1/jobs/{id}`). The table of jobs is bounded:
the oldest finished jobs are forgotten first.

Ingestion and removal are `enqueue`d as data (a kind, a document id, a `JobInput`) run by
the handler registered for their kind: here in this process, or, with the replicas' shared
database (`api.shared_jobs`), by whichever replica claims the job first.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from api.errors import Conflict, RateLimited, kehoach_error_status, public_message
from ingest.cancel import cancellable
from ingest.errors import KehoachError, WorkCancelledError

logger = logging.getLogger(__name__)

_KEEP_FINISHED = 500


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class JobFailure:
    """Why a job failed, in the API's error terms."""

    code: str
    message: str


@dataclass(frozen=True)
class Job:
    """A snapshot of one job."""

    id: str
    kind: str  # "ingest", "remove", "warm_up"
    document_id: str | None
    status: JobStatus
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    result: dict[str, Any] | None = None
    failure: JobFailure | None = None

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)


@dataclass(frozen=True)
class JobInput:
    """What a job needs to run on any replica: an upload's bytes, file name and text
    encoding; nothing for a removal."""

    data: bytes | None = None
    name: str | None = None
    encoding: str | None = None


# Runs one job of a kind from its document id and input; its result is the job's.
JobHandler = Callable[[str | None, JobInput], dict[str, Any] | None]


@dataclass
class _Entry:
    job: Job
    future: Future[None] | None = None
    done: threading.Event = field(default_factory=threading.Event)
    cancel: threading.Event = field(default_factory=threading.Event)
    claimed: bool = False  # a shared queue's job, run here: the shared table reports it


class JobQueue:
    """Runs submitted work in order on one thread and records how each job went."""

    def __init__(self, max_pending: int) -> None:
        self._max_pending = max_pending
        self._executor: ThreadPoolExecutor | None = None
        self._jobs: OrderedDict[str, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._handlers: dict[str, JobHandler] = {}

    def handle(self, kind: str, handler: JobHandler) -> None:
        """Run the jobs of `kind` (`enqueue`d here or, when shared, on another replica)
        with `handler`."""
        self._handlers[kind] = handler

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds this queue has a handler for."""
        return tuple(self._handlers)

    def enqueue(self, kind: str, document_id: str | None, job_input: JobInput) -> Job:
        """Queue a job of a kind with a handler (`handle`); `RateLimited` (429) when too
        many jobs are waiting already. In memory the input lives as long as the job runs."""
        handler = self._handlers[kind]
        return self.submit(kind, document_id, lambda: handler(document_id, job_input))

    def submit(
        self, kind: str, document_id: str | None, work: Callable[[], dict[str, Any] | None]
    ) -> Job:
        """Queue `work`; `RateLimited` (429) when too many jobs are waiting already."""
        with self._lock:
            pending = sum(1 for entry in self._jobs.values() if not entry.job.finished)
            if pending >= self._max_pending:
                raise RateLimited(
                    f"đang có {pending} công việc chờ; hãy thử lại khi bớt công việc",
                    retry_after_s=5,
                    code="queue_full",
                )
            job = Job(str(uuid.uuid4()), kind, document_id, JobStatus.QUEUED, _now())
            entry = _Entry(job)
            self._jobs[job.id] = entry
            self._forget_old()
            if self._executor is None:
                self._executor = ThreadPoolExecutor(1, thread_name_prefix="kehoach-jobs")
            self._recorded(entry)  # before it can start: its first record is "queued"
            entry.future = self._executor.submit(self._run, entry, work)
        logger.info("job %s queued: %s %s", job.id, kind, document_id or "")
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            entry = self._jobs.get(job_id)
            return entry.job if entry else None

    def wait(self, job_id: str, timeout: float | None = None) -> Job | None:
        """The job once finished (or as it is when `timeout` passes)."""
        with self._lock:
            entry = self._jobs.get(job_id)
        if entry is None:
            return None
        entry.done.wait(timeout)
        return self.get(job_id)

    def cancel(self, job_id: str) -> Job | None:
        """Cancel a queued job at once, or ask a running one to stop at its next check
        (parsing loops, embedding batches: before anything is committed). A finished job
        is returned unchanged; an unknown one gives None."""
        with self._lock:
            entry = self._jobs.get(job_id)
            if entry is None or entry.job.finished:
                return entry.job if entry else None
            entry.cancel.set()
            queued = entry.future is not None and entry.future.cancel()
        if queued:
            self._update(entry, status=JobStatus.CANCELLED, finished_at=_now())
            entry.done.set()
            logger.info("job %s cancelled before it started", job_id)
        return self.get(job_id)

    def retry(self, job_id: str) -> Job | None:
        """Run a failed or cancelled job again from its kept input; None for an unknown
        job. A queue in memory keeps no input (`Conflict`, saying to upload again)."""
        job = self.get(job_id)
        if job is None:
            return None
        raise Conflict(
            f"công việc {job_id!r} không giữ dữ liệu tải lên (máy chủ một tiến trình, không "
            "có KEHOACH_DATABASE_URL); hãy tải tệp lên lại",
            code="input_not_kept",
        )

    def shutdown(self) -> None:
        """Finish the running job (an index write must not be cut), drop the queued ones."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    def _run(self, entry: _Entry, work: Callable[[], dict[str, Any] | None]) -> None:
        self._update(entry, status=JobStatus.RUNNING, started_at=_now())
        try:
            with cancellable(entry.cancel):
                result = work()
        except WorkCancelledError:
            self._update(entry, status=JobStatus.CANCELLED, finished_at=_now())
            logger.info("job %s cancelled while running; nothing was committed", entry.job.id)
        except KehoachError as error:
            status, code = kehoach_error_status(error)
            if status >= 500:
                logger.error("job %s failed", entry.job.id, exc_info=error)
            else:
                logger.info("job %s rejected: %s", entry.job.id, error)
            failure = JobFailure(code, public_message(error))
            self._update(entry, status=JobStatus.FAILED, failure=failure, finished_at=_now())
        except Exception:
            logger.exception("job %s failed", entry.job.id)
            failure = JobFailure("internal_error", "internal error; the incident was logged")
            self._update(entry, status=JobStatus.FAILED, failure=failure, finished_at=_now())
        else:
            self._update(entry, status=JobStatus.SUCCEEDED, result=result, finished_at=_now())
            logger.info("job %s succeeded", entry.job.id)
        finally:
            entry.done.set()

    def _update(self, entry: _Entry, **changes: Any) -> None:
        with self._lock:
            entry.job = replace(entry.job, **changes)
        self._recorded(entry)

    def _recorded(self, entry: _Entry) -> None:
        """A job was queued or changed: nothing to do for a queue that is only in memory
        (`api.shared_jobs` writes it to the replicas' shared table)."""

    def _forget_old(self) -> None:
        finished = [key for key, entry in self._jobs.items() if entry.job.finished]
        for key in finished[: max(0, len(finished) - _KEEP_FINISHED)]:
            del self._jobs[key]


def _now() -> datetime:
    return datetime.now(UTC)
