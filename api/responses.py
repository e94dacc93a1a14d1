"""The error statuses every route may answer, for the OpenAPI description.

Each router declares the set that applies to it, so that the description lists every status
a client can meet (schemathesis checks that no undocumented one is returned). All of them
carry the one error shape, `ErrorResponse`.
"""

from __future__ import annotations

from typing import Any

from api.schemas import ErrorResponse

Responses = dict[int | str, dict[str, Any]]


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorResponse, "description": description}


# Any request: a body over the limit (even on a GET), input nested too deep to process.
ANY_REQUEST: Responses = {
    400: _error("malformed or too deeply nested input"),
    413: _error("request body over the limit"),
}
RATE_LIMITED: Responses = {429: _error("too many requests; see Retry-After")}
# Routes behind a key: wrong key, rate limits, parameters out of range.
READ: Responses = {
    **ANY_REQUEST,
    **RATE_LIMITED,
    401: _error("missing or invalid X-API-Key"),
    422: _error("invalid parameters"),
}
WRITE: Responses = {**READ, 403: _error("not an admin key, or writes are disabled")}
OPEN: Responses = {**ANY_REQUEST, **RATE_LIMITED}  # health probes: no key, still limited
