"""`GET /v1/jobs/{id}`: how a background ingestion or removal went; `DELETE` cancels it;
`POST /v1/jobs/{id}/retry` runs a failed or cancelled one again from its kept input."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from api import responses
from api.deps import AdminAccess, StateDep
from api.errors import Conflict, NotFound
from api.jobs import JobStatus
from api.schemas import ErrorResponse, JobOut

router = APIRouter(prefix="/v1/jobs", tags=["jobs"], responses=responses.WRITE)


@router.get(
    "/{job_id}",
    response_model=JobOut,
    responses={404: {"model": ErrorResponse, "description": "unknown or forgotten job"}},
)
def get_job(job_id: Annotated[str, Path(max_length=64)], _: AdminAccess, state: StateDep) -> JobOut:
    """A job's status; `result` holds the ingestion outcome, `error` why it failed."""
    job = state.jobs.get(job_id)
    if job is None:
        raise NotFound(
            f"không có công việc {job_id!r} (công việc đã xong chỉ được giữ một thời gian)",
            code="unknown_job",
        )
    return JobOut.from_job(job)


@router.delete(
    "/{job_id}",
    response_model=JobOut,
    responses={
        404: {"model": ErrorResponse, "description": "unknown or forgotten job"},
        409: {"model": ErrorResponse, "description": "the job has already finished"},
    },
)
def cancel_job(
    job_id: Annotated[str, Path(max_length=64)], _: AdminAccess, state: StateDep
) -> JobOut:
    """Cancel a job: a queued one never runs; a running ingestion stops at its next check
    (while parsing or embedding, before anything is committed) and ends `cancelled`."""
    job = state.jobs.cancel(job_id)
    if job is None:
        raise NotFound(
            f"không có công việc {job_id!r} (công việc đã xong chỉ được giữ một thời gian)",
            code="unknown_job",
        )
    if job.finished and job.status is not JobStatus.CANCELLED:
        raise Conflict(
            f"công việc {job_id!r} đã kết thúc ({job.status.value}), không huỷ được nữa",
            code="job_finished",
        )
    return JobOut.from_job(job)


@router.post(
    "/{job_id}/retry",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobOut,
    responses={
        404: {"model": ErrorResponse, "description": "unknown or forgotten job"},
        409: {
            "model": ErrorResponse,
            "description": "the job is not failed or cancelled, or its input was not kept",
        },
    },
)
def retry_job(
    job_id: Annotated[str, Path(max_length=64)],
    response: Response,
    _: AdminAccess,
    state: StateDep,
) -> JobOut:
    """Run a failed or cancelled ingestion or removal again as a new job, from the input
    its first run kept (with a shared database: the upload is kept for a few days)."""
    job = state.jobs.retry(job_id)
    if job is None:
        raise NotFound(
            f"không có công việc {job_id!r} (công việc đã xong chỉ được giữ một thời gian)",
            code="unknown_job",
        )
    response.headers["Location"] = f"/v1/jobs/{job.id}"
    return JobOut.from_job(job)
