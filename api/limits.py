"""Request body limits, enforced while the body streams in.

A declared `Content-Length` over the limit is refused before a byte is read; a body sent
without one (chunked) is counted as it arrives and refused the moment it passes the
limit, so an oversized upload is never held in memory whole.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import PayloadTooLarge, error_response


class BodyLimitMiddleware:
    """Limit request bodies: `route_limits` by (method, path), `default_limit` elsewhere."""

    def __init__(
        self,
        app: ASGIApp,
        default_limit: int,
        route_limits: Mapping[tuple[str, str], int] | None = None,
    ) -> None:
        self.app = app
        self._default_limit = default_limit
        self._route_limits = dict(route_limits or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"].rstrip("/") or "/"
        limit = self._route_limits.get((scope["method"], path), self._default_limit)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            response = error_response(413, "payload_too_large", _too_large(limit))
            await response(scope, receive, send)
            return
        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # an HTTPException: FastAPI lets it through from its body reading
                    raise PayloadTooLarge(_too_large(limit))
            return message

        await self.app(scope, receive_within_limit, send)


def _too_large(limit: int) -> str:
    return f"nội dung gửi lên vượt giới hạn {limit:,} byte".replace(",", ".")


def _content_length(scope: Scope) -> int | None:
    value = Headers(scope=scope).get("content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
