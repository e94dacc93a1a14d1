"""`POST /zalo/webhook`: Zalo OA events in, answers out through the OA message API.

Every event must carry a valid `X-ZEvent-Signature`, checked on the raw bytes before the body
is parsed; anything else gets 401 and no reply. A signed body nested too deep gets 400.
Zalo expects 200 within about two seconds and re-sends events it thinks failed, so the
endpoint answers at once and replies from a background task.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from fastapi import APIRouter, BackgroundTasks, Request
from fastapi.responses import JSONResponse

from bot.service import ChatService
from bot.settings import BotSettings
from bot.zalo_bot import ZaloResponder
from bot.zalo_client import ZaloClient, access_token_source
from bot.zalo_signature import SIGNATURE_HEADER, parse_signed, verified_body
from ingest.json_depth import JsonTooDeepError

logger = logging.getLogger(__name__)


def zalo_webhook_router(
    service: ChatService,
    bot_settings: BotSettings,
    *,
    clock: Callable[[], float] = time.monotonic,
) -> APIRouter:
    """A router with `POST /zalo/webhook`; it answers 503 until the Zalo settings are set."""
    router = APIRouter(tags=["zalo"])
    missing = bot_settings.zalo_missing()
    responder = (
        None
        if missing
        else ZaloResponder(
            service,
            bot_settings,
            ZaloClient(bot_settings.zalo_api_base_url, access_token_source(bot_settings)),
            clock,
        )
    )

    @router.post("/zalo/webhook")
    async def zalo_webhook(request: Request, background: BackgroundTasks) -> JSONResponse:
        """Receive one signed Zalo OA event; text messages are answered in the background."""
        if responder is None:
            return JSONResponse(
                {"detail": f"Zalo chưa được cấu hình: hãy đặt {', '.join(missing)}"},
                status_code=503,
            )
        assert bot_settings.zalo_app_id and bot_settings.zalo_oa_secret_key
        signed = verified_body(
            request.headers.get(SIGNATURE_HEADER),
            await request.body(),
            bot_settings.zalo_app_id,
            bot_settings.zalo_oa_secret_key.get_secret_value(),
        )
        event = None
        if signed is not None:
            try:
                event = parse_signed(signed)
            except JsonTooDeepError as error:
                return JSONResponse({"detail": str(error)}, status_code=400)
        if event is None:
            logger.warning("zalo webhook: rejected an event with a missing or bad signature")
            return JSONResponse(
                {"detail": f"thiếu hoặc sai chữ ký {SIGNATURE_HEADER}"}, status_code=401
            )
        background.add_task(responder.handle, event)
        return JSONResponse({"ok": True})

    return router
