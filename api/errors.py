"""HTTP errors of the API and the handlers that turn every failure into one JSON shape.

    HTTPException (Starlette)          anything raised as an HTTP status
    └── ApiError                       ours: a status, a stable `code`, a message
        ├── Unauthorized        401    missing or wrong X-API-Key
        ├── Forbidden           403    the key may not do this
        ├── NotFound            404    unknown document, clause, job, conversation
        ├── Conflict            409    a job that has already finished cannot be cancelled
        ├── (409 document_id_taken)    the name's document id belongs to another file
        ├── PayloadTooLarge     413    body over the limit (raised while it streams)
        ├── UnsupportedMedia    415    upload of a format we cannot read
        ├── InvalidRequest      422    well-formed but unusable parameters
        ├── RateLimited         429    token bucket empty, or too many jobs waiting;
        │                              carries Retry-After
        └── Unavailable         503    not ready

Every error leaves as `{"error": {"code", "message"}}`. Our `KehoachError`s are mapped
to a status by kind; anything else is a 500 whose traceback is logged, never returned.
ApiError is an HTTPException so that FastAPI re-raises it untouched when it happens
while the body is read (it turns other exceptions there into a bare 400).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from api.json_body import body_was_too_deep
from ingest.errors import (
    BinarySourceError,
    ConfigurationError,
    DocumentIdTakenError,
    IndexLockedError,
    InputError,
    KehoachError,
    ModelBuildError,
    SourceTooLargeError,
    UnknownDocumentError,
)
from ingest.json_depth import too_deep_message
from ingest.validation_messages import problem_message
from retrieval.questions import QuestionError

logger = logging.getLogger(__name__)

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(HTTPException):
    """An HTTP error with a stable machine-readable code."""

    status_code_default = 400
    code_default = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(self.status_code_default, message, dict(headers or {}) or None)
        self.code = code or self.code_default


class Unauthorized(ApiError):
    status_code_default = 401
    code_default = "unauthorized"


class Forbidden(ApiError):
    status_code_default = 403
    code_default = "forbidden"


class NotFound(ApiError):
    status_code_default = 404
    code_default = "not_found"


class Conflict(ApiError):
    status_code_default = 409
    code_default = "conflict"


class PayloadTooLarge(ApiError):
    status_code_default = 413
    code_default = "payload_too_large"


class UnsupportedMedia(ApiError):
    status_code_default = 415
    code_default = "unsupported_media_type"


class InvalidRequest(ApiError):
    status_code_default = 422
    code_default = "invalid_request"


class RateLimited(ApiError):
    status_code_default = 429
    code_default = "rate_limited"

    def __init__(self, message: str, retry_after_s: int, code: str | None = None) -> None:
        super().__init__(message, code=code, headers={"Retry-After": str(retry_after_s)})
        self.retry_after_s = retry_after_s


class Unavailable(ApiError):
    status_code_default = 503
    code_default = "unavailable"


def error_body(code: str, message: str) -> dict[str, Any]:
    """The one error shape every response uses."""
    return {"error": {"code": code, "message": message}}


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


def kehoach_error_status(error: KehoachError) -> tuple[int, str]:
    """HTTP status and code for one of our own errors."""
    if isinstance(error, UnknownDocumentError):
        return 404, "unknown_document"
    if isinstance(error, DocumentIdTakenError):
        return 409, "document_id_taken"
    if isinstance(error, SourceTooLargeError):
        return 413, "payload_too_large"
    if isinstance(error, BinarySourceError):
        return 415, "unsupported_media_type"
    if isinstance(error, QuestionError):
        return 422, "invalid_question"
    if isinstance(error, InputError):
        return 422, "invalid_input"
    if isinstance(error, (IndexLockedError, ModelBuildError)):
        return 503, "unavailable"
    if isinstance(error, ConfigurationError):
        return 500, "configuration_error"
    return 500, "internal_error"


def public_message(error: KehoachError) -> str:
    """What a client may read: input errors are about its input, the rest stays inside."""
    if isinstance(error, InputError):
        return str(error)
    if isinstance(error, (IndexLockedError, ModelBuildError)):
        return "dịch vụ chưa sẵn sàng; hãy thử lại sau"
    return "lỗi nội bộ của máy chủ; sự cố đã được ghi lại"


def install_error_handlers(app: FastAPI) -> None:
    """Register handlers so that no error leaves in another shape."""
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(KehoachError, _kehoach_error)  # type: ignore[arg-type]


# What a person reads for an HTTP error raised outside our code (Starlette's "Not Found")
_MESSAGES = {
    400: "yêu cầu không hợp lệ",
    401: "cần khoá API hợp lệ (X-API-Key)",
    403: "khoá này không được làm việc này",
    404: "không có địa chỉ này; xem tài liệu API tại /docs",
    405: "địa chỉ này không nhận phương thức {method}",
    406: "không trả được dạng dữ liệu được yêu cầu",
    409: "xung đột với trạng thái hiện tại",
    413: "nội dung gửi lên quá lớn",
    415: "định dạng dữ liệu không được hỗ trợ",
    422: "tham số không dùng được",
    429: "quá nhiều yêu cầu; hãy thử lại sau",
    500: "lỗi nội bộ của máy chủ",
    503: "dịch vụ chưa sẵn sàng; hãy thử lại sau",
}


async def _http_error(request: Request, error: HTTPException) -> JSONResponse:
    code = getattr(error, "code", None) or _CODES.get(error.status_code, "error")
    if isinstance(error, ApiError) and isinstance(error.detail, str):
        message = error.detail
    else:  # Starlette's own English ("Not Found", "Method Not Allowed")
        message = _MESSAGES.get(error.status_code, "yêu cầu không thành công").format(
            method=request.method
        )
    return error_response(error.status_code, code, message, error.headers)


async def _validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    if body_was_too_deep(request):
        return error_response(400, "json_too_deep", too_deep_message())
    problems = list(error.errors())
    if any(problem.get("type") == "json_invalid" for problem in problems):
        return error_response(400, "malformed_json", "nội dung yêu cầu không phải JSON hợp lệ")
    return error_response(422, "invalid_request", describe_problems(problems))


async def _kehoach_error(request: Request, error: KehoachError) -> JSONResponse:
    status, code = kehoach_error_status(error)
    if status >= 500:
        logger.error("request %s failed: %s", request.url.path, error, exc_info=error)
    return error_response(status, code, public_message(error))


def describe_problems(problems: Sequence[Mapping[str, Any]], limit: int = 5) -> str:
    """The problems in one Vietnamese line: `body.question: thiếu trường này; query.x: …`.

    Each names the field and the rule broken (by pydantic's stable error type); the
    rejected input is left out.
    """
    parts = []
    for problem in problems[:limit]:
        where = ".".join(str(part) for part in problem.get("loc", ()))
        rule = problem_message(problem)
        parts.append(f"{where}: {rule}" if where else rule)
    if len(problems) > limit:
        parts.append(f"và {len(problems) - limit} lỗi khác")
    return "; ".join(parts) or "yêu cầu không hợp lệ"
