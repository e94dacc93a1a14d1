"""The webhooks' refusals, in the API's one error shape: `{"error": {"code", "message"}}`.

`code` is stable for programs; `message` is Vietnamese for the person reading the logs.
"""

from __future__ import annotations

from fastapi.responses import JSONResponse


def webhook_error(status: int, code: str, message: str) -> JSONResponse:
    """A refusal with a stable code and a Vietnamese message."""
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
