"""`POST /zalo/webhook`: Zalo OA events in, answers out through the OA message API.

Every event must carry a valid `X-ZEvent-Signature`, checked on the raw bytes before the body
is parsed; anything else gets 401 and no reply. A signed body nested too deep gets 400; a
signed event whose own timestamp is further from now than `ZALO_EVENT_MAX_AGE_S` gets 403.
An event received before (same message id, else same signature) gets 200 and no second
answer; those keys are kept in the home, so a restart does not forget them.
Zalo expects 200 within about two seconds and re-sends events it thinks failed, so the
endpoint answers at once and replies from a background task.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from fastapi import APIRouter, BackgroundTasks, Request
from fastapi.responses import JSONResponse

from bot.replay import ReplayStore, SharedReplayStore
from bot.service import ChatService
from bot.settings import BotSettings
from bot.webhook_errors import webhook_error
from bot.zalo_bot import ZaloResponder
from bot.zalo_client import ZaloClient, access_token_source
from bot.zalo_signature import SIGNATURE_HEADER, SignedBody, parse_signed, verified_body
from ingest.json_depth import JsonTooDeepError
from ingest.state_db import StateDatabase

logger = logging.getLogger(__name__)

WEBHOOK_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "signed, but the JSON nests too deep"},
    401: {"description": "missing or invalid X-ZEvent-Signature"},
    413: {"description": "request body over the limit"},
    403: {"description": "signed, but the event's timestamp is outside the allowed window"},
    429: {"description": "too many requests from this address"},
    503: {"description": "Zalo is not configured (the variables to set are named)"},
}


def zalo_webhook_router(
    service: ChatService,
    bot_settings: BotSettings,
    *,
    clock: Callable[[], float] = time.monotonic,
    wall_clock: Callable[[], float] = time.time,
    replay_path: Path | None = None,
    shared_replay: StateDatabase | None = None,
) -> APIRouter:
    """A router with `POST /zalo/webhook`; it answers 503 until the Zalo settings are set.

    `replay_path` is the SQLite file that remembers events across restarts (in memory
    without one); `shared_replay`, the replicas' shared database, replaces it.
    """
    router = APIRouter(tags=["zalo"])
    missing = bot_settings.zalo_missing()
    max_age_s = bot_settings.zalo_event_max_age_s
    responder = None
    replay = None
    if not missing:
        responder = ZaloResponder(
            service,
            bot_settings,
            ZaloClient(bot_settings.zalo_api_base_url, access_token_source(bot_settings)),
            clock,
        )
        replay = (
            SharedReplayStore(shared_replay, retention_s=2 * max_age_s)
            if shared_replay is not None
            else ReplayStore(replay_path, retention_s=2 * max_age_s)
        )

    @router.post("/zalo/webhook", responses=WEBHOOK_RESPONSES)
    async def zalo_webhook(request: Request, background: BackgroundTasks) -> JSONResponse:
        """Receive one signed Zalo OA event; text messages are answered in the background."""
        if responder is None or replay is None:
            return webhook_error(
                503, "not_configured", f"Zalo chưa được cấu hình: hãy đặt {', '.join(missing)}"
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
                return webhook_error(400, "json_too_deep", str(error))
        if signed is None or event is None:
            logger.warning("zalo webhook: rejected an event with a missing or bad signature")
            return webhook_error(401, "unauthorized", f"thiếu hoặc sai chữ ký {SIGNATURE_HEADER}")
        now = wall_clock()
        age_s = now - int(signed.timestamp) / 1000  # Zalo stamps events in milliseconds
        if abs(age_s) > max_age_s:
            logger.warning("zalo webhook: refused an event stamped %.0f s from now", age_s)
            return webhook_error(
                403,
                "stale_event",
                f"thời điểm của sự kiện lệch {abs(age_s):.0f} giây so với hiện tại "
                f"(cho phép tối đa {max_age_s:.0f} giây); sự kiện bị từ chối",
            )
        if not replay.first_time(_replay_key(event, signed), now):
            logger.info("zalo webhook: event %s was already received", _replay_key(event, signed))
            return JSONResponse({"ok": True, "duplicate": True})
        background.add_task(responder.handle, event)
        return JSONResponse({"ok": True})

    return router


def _replay_key(event: Mapping[str, Any], signed: SignedBody) -> str:
    """The message id when the event has one (Zalo's re-sends keep it), else the signature."""
    message = event.get("message")
    msg_id = message.get("msg_id") if isinstance(message, Mapping) else None
    return f"msg:{msg_id}" if msg_id else f"mac:{signed.mac}"
