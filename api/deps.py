"""Dependencies the routers declare with `Annotated`: the app state, who calls, may they.

Authentication runs once per request (FastAPI caches a dependency within a request):
the caller's address takes a token from its bucket first, so a flood of wrong keys is
throttled too; then the key is identified and takes a token from the key's bucket.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader
from starlette.concurrency import run_in_threadpool

from api.errors import Forbidden, RateLimited, Unauthorized
from api.ratelimit import SharedTokenBuckets, TokenBuckets
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


async def take_token(buckets: TokenBuckets | SharedTokenBuckets, key: str) -> int:
    """A token from `buckets`; buckets kept in the shared database are asked from a worker
    thread, so a slow database never stalls the other requests on the event loop."""
    if buckets.does_io:
        return await run_in_threadpool(buckets.take, key)
    return buckets.take(key)


def client_address(request: Request) -> str:
    """The caller's address (uvicorn has resolved X-Forwarded-For from trusted proxies)."""
    return request.client.host if request.client else "unknown"


def address_limit(bucket: str = "") -> Callable[..., Coroutine[Any, Any, str]]:
    """A dependency taking a token from the caller's address bucket (429 when empty).

    `bucket` separates kinds of traffic that share the per-address rate but not the tokens:
    health probes and chat webhooks are limited too, yet an address flooding the API does
    not starve them.
    """

    async def limit(request: Request, state: StateDep) -> str:
        address = client_address(request)
        wait = await take_token(state.ip_buckets, f"{bucket}:{address}" if bucket else address)
        if wait:
            raise RateLimited(
                f"quá nhiều yêu cầu từ địa chỉ này; hãy thử lại sau {wait} giây", wait
            )
        return address

    return limit


limit_by_address = address_limit()
AddressDep = Annotated[str, Depends(limit_by_address)]


async def authenticate(
    state: StateDep,
    address: AddressDep,
    api_key: Annotated[str | None, Security(_api_key)] = None,
) -> Principal:
    """Who calls: rate-limited by address, then identified by key, then by key's bucket."""
    principal = state.keys.identify(api_key)
    if principal is None:
        logger.warning("rejected an unknown API key from %s", address)
        raise Unauthorized(f"{API_KEY_HEADER} không hợp lệ")
    if principal.key_id is not None:
        wait = await take_token(state.key_buckets, principal.key_id)
        if wait:
            raise RateLimited(
                f"quá nhiều yêu cầu với khoá API này; hãy thử lại sau {wait} giây", wait
            )
    return principal


AuthenticatedDep = Annotated[Principal, Depends(authenticate)]


async def require_read(principal: AuthenticatedDep, state: StateDep) -> Principal:
    """Reads are open unless read keys are configured; then a read or admin key is needed."""
    if principal.role is Role.ANONYMOUS and state.keys.reads_need_key:
        raise Unauthorized(f"API này cần khoá trong tiêu đề {API_KEY_HEADER}")
    return principal


async def require_admin(principal: AuthenticatedDep, state: StateDep) -> Principal:
    """Writes need an admin key."""
    if not state.keys.writes_enabled:
        raise Forbidden("chức năng ghi đang tắt: chưa cấu hình khoá quản trị (KEHOACH_ADMIN_KEYS)")
    if principal.role is Role.ANONYMOUS:
        raise Unauthorized(f"tải lên và xoá văn bản cần khoá quản trị trong {API_KEY_HEADER}")
    if not principal.can_write:
        raise Forbidden("khoá này chỉ được đọc, không được ghi; hãy dùng khoá quản trị")
    return principal


ReadAccess = Annotated[Principal, Depends(require_read)]
AdminAccess = Annotated[Principal, Depends(require_admin)]


def owner_of(principal: Principal, request: Request) -> str:
    """Whose conversation it is: the key's fingerprint, or the address without a key."""
    return principal.key_id or f"address:{client_address(request)}"
