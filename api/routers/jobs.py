"""`GET /v1/jobs/{id}`: how a background ingestion or removal went."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api import responses
from api.deps import AdminAccess, StateDep
from api.errors import NotFound
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
            f"no job {job_id!r} (finished jobs are kept for a while)", code="unknown_job"
        )
    return JobOut.from_job(job)
