"""`/healthz` (the process is up) and `/readyz` (model loaded, index reachable).

Both are open (no key) and rate-limited by address, in a bucket of their own: a client
flooding the API does not make the probes fail."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api import responses
from api.deps import StateDep, address_limit
from api.errors import Unavailable
from api.jobs import JobStatus
from api.schemas import ErrorResponse, Health, Readiness

router = APIRouter(
    tags=["health"],
    dependencies=[Depends(address_limit("health"))],
    responses=responses.OPEN,
)


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """Liveness: answers as long as the process serves requests."""
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"model": ErrorResponse, "description": "still starting, or index down"}},
)
def readyz(state: StateDep) -> Readiness:
    """Readiness: the embedding model is loaded, start-up is done and the index answers."""
    warm_up = state.jobs.get(state.warm_up_job) if state.warm_up_job else None
    checks = {
        "model": state.engine.model_ready.is_set(),
        "startup": warm_up is None or warm_up.status is JobStatus.SUCCEEDED,
        "index": state.engine.index_reachable(),
    }
    if not all(checks.values()):
        failing = ", ".join(name for name, ok in checks.items() if not ok)
        if warm_up is not None and warm_up.failure is not None:
            failing += f" (start-up failed: {warm_up.failure.code})"
        raise Unavailable(f"chưa sẵn sàng: {failing}", code="not_ready")
    return Readiness(status="ready", checks=checks)
