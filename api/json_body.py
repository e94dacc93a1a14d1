"""JSON request bodies nested too deep are refused with 400 `json_too_deep`, after auth.

FastAPI reads and parses a route's body before it runs the route's dependencies, and Python's
recursive JSON parser fails on deep nesting. `DepthLimitedRoute` measures the nesting first
(one linear pass, `ingest.json_depth`); a body over the limit is replaced by `null`
and the request marked, so that authentication still answers first (401/403/429) and the
error handler then turns the missing body into 400 `json_too_deep`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.types import Message

from ingest.json_depth import json_depth_exceeds

_MARK = "json_too_deep"


def is_json_request(request: Request) -> bool:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def body_was_too_deep(request: Request) -> bool:
    """Whether `DepthLimitedRoute` replaced this request's body."""
    return bool(getattr(request.state, _MARK, False))


class DepthLimitedRoute(APIRoute):
    """A route whose JSON body may nest at most `MAX_JSON_DEPTH` levels."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            if request.method in ("GET", "HEAD", "DELETE") or not is_json_request(request):
                return await handler(request)
            body = await request.body()
            # latin-1 keeps every ASCII bracket and quote where it is and never fails
            if not json_depth_exceeds(body.decode("latin-1")):
                return await handler(request)
            setattr(request.state, _MARK, True)

            async def receive_null() -> Message:
                return {"type": "http.request", "body": b"null", "more_body": False}

            return await handler(Request(request.scope, receive_null))

        return handle
