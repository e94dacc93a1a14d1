"""Dependencies the routers declare with `Annotated`: the app state, who calls, may they.

Authentication runs once per request (FastAPI caches a dependency within a request):
the caller's address takes a token from its bucket first, so a flood of wrong keys is
throttled too; then the key is identified and takes a token from the key's bucket.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

from api.errors import Forbidden, RateLimited, Unauthorized
from api.security import Principal, Role
from api.state import ApiState

logger = logging.getLogger(__name__)

API_KEY_HEADER = "X-API-Key"

_api_key = APIKeyHeader(
    name=API_KEY_HEADER,
    auto_error=False,
    description="an admin key (uploads, deletions) or a read key (when reads need one)",
)


def get_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.kehoach
    return state


StateDep = Annotated[ApiState, Depends(get_state)]


def client_address(request: Request) -> str:
    """The caller's address (uvicorn has resolved X-Forwarded-For from trusted proxies)."""
    return request.client.host if request.client else "unknown"


async def authenticate(
    request: Request,
    state: StateDep,
    api_key: Annotated[str | None, Security(_api_key)] = None,
) -> Principal:
    """Who calls: rate-limited by address, then identified by key, then by key's bucket."""
    address = client_address(request)
    wait = state.ip_buckets.take(address)
    if wait:
        raise RateLimited(f"too many requests from this address; retry in {wait} s", wait)
    principal = state.keys.identify(api_key)
    if principal is None:
        logger.warning("rejected an unknown API key from %s", address)
        raise Unauthorized("the X-API-Key is not valid")
    if principal.key_id is not None:
        wait = state.key_buckets.take(principal.key_id)
        if wait:
            raise RateLimited(f"too many requests for this API key; retry in {wait} s", wait)
    return principal


AuthenticatedDep = Annotated[Principal, Depends(authenticate)]


async def require_read(principal: AuthenticatedDep, state: StateDep) -> Principal:
    """Reads are open unless read keys are configured; then a read or admin key is needed."""
    if principal.role is Role.ANONYMOUS and state.keys.reads_need_key:
        raise Unauthorized(f"this API needs an {API_KEY_HEADER} header")
    return principal


async def require_admin(principal: AuthenticatedDep, state: StateDep) -> Principal:
    """Writes need an admin key."""
    if not state.keys.writes_enabled:
        raise Forbidden("writes are disabled: no admin keys are configured (KEHOACH_ADMIN_KEYS)")
    if principal.role is Role.ANONYMOUS:
        raise Unauthorized(f"uploads and deletions need an admin key in {API_KEY_HEADER}")
    if not principal.can_write:
        raise Forbidden("this key may read but not write; use an admin key")
    return principal


ReadAccess = Annotated[Principal, Depends(require_read)]
AdminAccess = Annotated[Principal, Depends(require_admin)]


def owner_of(principal: Principal, request: Request) -> str:
    """Whose conversation it is: the key's fingerprint, or the address without a key."""
    return principal.key_id or f"address:{client_address(request)}"
