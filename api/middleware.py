"""Per-request plumbing: a request id on every response, and a last-resort 500 (400 for a
`RecursionError`: input nested too deep is never a server error).

Unexpected exceptions are logged here with their traceback and the request id, and the
client gets the error shape with that id to quote — never the traceback. Handling it
here, inside Starlette's own error middleware, keeps the server from logging it twice.
"""

from __future__ import annotations

import logging
import re
import uuid

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response

logger = logging.getLogger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestContextMiddleware:
    """Tag each request with an id (a caller's well-formed one is kept) and catch the rest."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get(REQUEST_ID_HEADER, "")
        request_id = given if _SAFE_ID.fullmatch(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except RecursionError:
            # Input nested deeper than anything we parse is the caller's problem, not a 500:
            # every known path refuses it earlier; this is the last line of defence.
            logger.warning(
                "input too deeply nested in %s %s (request %s)",
                scope["method"],
                scope["path"],
                request_id,
                exc_info=True,
            )
            if started:
                raise
            response = error_response(
                400,
                "too_deeply_nested",
                "dữ liệu gửi lên lồng nhau quá sâu, không xử lý được; hãy gửi dữ liệu phẳng hơn",
                headers={REQUEST_ID_HEADER: request_id},
            )
            await response(scope, receive, send)
        except Exception:
            logger.exception(
                "unhandled error in %s %s (request %s)", scope["method"], scope["path"], request_id
            )
            if started:
                raise
            response = error_response(
                500,
                "internal_error",
                f"lỗi nội bộ của máy chủ; khi báo lỗi hãy gửi kèm mã yêu cầu {request_id}",
                headers={REQUEST_ID_HEADER: request_id},
            )
            await response(scope, receive, send)
