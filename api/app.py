"""`create_app`: the FastAPI application over one `Runtime`, built from settings.

Nothing is created at import time: every call builds its own state (engine, job queue,
conversations, buckets, keys) and keeps it on `app.state.kehoach`. A runtime can be
passed in (tests inject one with a deterministic embedder); otherwise one is built from
`settings` and closed on shutdown.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager, asynccontextmanager, contextmanager
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.conversations import ConversationStore, SharedConversationStore
from api.deps import API_KEY_HEADER, address_limit
from api.docs import install_offline_docs
from api.engine import Engine
from api.errors import install_error_handlers
from api.jobs import JobQueue
from api.limits import BodyLimitMiddleware
from api.middleware import REQUEST_ID_HEADER, RequestContextMiddleware
from api.ratelimit import SharedTokenBuckets, TokenBuckets
from api.routers import ask, documents, health, jobs, targets
from api.security import KeyRing
from api.settings import ApiSettings
from api.shared_jobs import SharedJobQueue
from api.state import ApiState
from api.web.assets import load_web_assets
from api.web.routes import web_router
from bot.list_pages import SharedListPages
from bot.service import ChatService
from bot.settings import BotSettings, load_bot_settings
from bot.telegram_webhook import telegram_webhook_router
from bot.zalo_webhook import zalo_webhook_router
from ingest.settings import Settings
from ingest.state_db import StateDatabase
from retrieval.assistant import Assistant
from retrieval.runtime import Runtime

logger = logging.getLogger(__name__)

API_VERSION = "1.0.0"
ZALO_REPLAY_FILE = "zalo-events.sqlite3"  # in the home: Zalo events already received


def create_app(
    settings: Settings,
    api_settings: ApiSettings,
    runtime: Runtime | None = None,
    bot_settings: BotSettings | None = None,
) -> FastAPI:
    """The HTTP API (`/v1/ask`, `/v1/documents`, `/v1/targets`, `/v1/jobs`, health, `/docs`)
    and the web side: the chat page `/`, the matrix `/matrix` and the widget `/embed.js`."""
    shared = _shared_database(settings)
    state = ApiState(
        settings=settings,
        api_settings=api_settings,
        engine=Engine(runtime or Runtime(settings)),
        keys=KeyRing(api_settings.admin_keys, api_settings.read_keys),
        owns_runtime=runtime is None,
        shared=shared,
        **_replica_state(api_settings, shared, index_shared=settings.qdrant_url is not None),
    )

    documents.install_job_handlers(state)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Model loading (and building, on first use) and the bundled corpus run as the
        # first job: /healthz answers at once, /readyz once they are done.
        engine = state.engine
        warm_up = state.jobs.submit(
            "warm_up",
            None,
            lambda: engine.warm_up(api_settings.api_ingest_bundled_corpus),
        )
        state.warm_up_job = warm_up.id
        try:
            yield
        finally:
            state.jobs.shutdown()
            if state.owns_runtime:
                engine.runtime.close()
            if shared is not None:
                shared.close()

    app = FastAPI(
        title="kehoach API",
        version=API_VERSION,
        summary="Hỏi đáp có trích dẫn trên các kế hoạch của cơ quan nhà nước.",
        description=(
            f"Questions answered with verified citations, documents, clauses and the "
            f"responsibility matrix. Send keys in `{API_KEY_HEADER}`; errors are "
            '`{"error": {"code", "message"}}`.'
        ),
        lifespan=lifespan,
        docs_url=None,  # served from local files below: no CDN
        redoc_url=None,
        # FastAPI's native OpenTelemetry is off: we add no telemetry by default.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.kehoach = state
    install_error_handlers(app)
    for module in (ask, documents, targets, jobs, health):
        app.include_router(module.router)
    app.include_router(web_router(load_web_assets()))
    install_offline_docs(app)
    # Chat webhooks check their own secret/signature (no API key); each answers 503 with
    # the variables to set until its TELEGRAM_* / ZALO_* settings are complete.
    # the lists a chat can still page ("Xem tiếp"): with the replicas' shared database
    # there, so a button or a "xem tiếp" is answered by whichever replica it lands on
    pages = SharedListPages(shared) if shared is not None else None
    chats = ChatService(_assistant_access(state.engine), settings.max_question_chars, pages=pages)
    bots = bot_settings if bot_settings is not None else load_bot_settings()
    # They are rate-limited by address (429 before any signature work), in their own bucket.
    webhook_limits = [Depends(address_limit("webhook"))]
    app.include_router(telegram_webhook_router(chats, bots), dependencies=webhook_limits)
    app.include_router(
        zalo_webhook_router(
            chats, bots, replay_path=settings.home / ZALO_REPLAY_FILE, shared_replay=shared
        ),
        dependencies=webhook_limits,
    )
    # Added innermost first: CORS ends up outermost, so that errors carry its headers too.
    app.add_middleware(
        BodyLimitMiddleware,
        default_limit=api_settings.api_max_request_bytes,
        route_limits={("POST", "/v1/documents"): api_settings.api_max_upload_bytes},
    )
    app.add_middleware(RequestContextMiddleware)
    if api_settings.api_cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=api_settings.api_cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=[API_KEY_HEADER, "Content-Type", REQUEST_ID_HEADER],
            expose_headers=["Retry-After", "Location", REQUEST_ID_HEADER],
            max_age=600,
        )
    return app


def _shared_database(settings: Settings) -> StateDatabase | None:
    """The replicas' shared state database (`KEHOACH_STATE_DATABASE_URL`, else
    `KEHOACH_DATABASE_URL` when it is PostgreSQL), if any."""
    url = settings.shared_state_url
    return StateDatabase(url) if url else None


def _replica_state(
    api_settings: ApiSettings, shared: StateDatabase | None, *, index_shared: bool
) -> dict[str, Any]:
    """Jobs, conversations and rate-limit buckets: in this process, or shared by replicas
    (jobs run on any replica when the replicas share the index: a Qdrant server)."""
    key_rate = (api_settings.api_rate_per_key, api_settings.api_burst_per_key)
    ip_rate = (api_settings.api_rate_per_ip, api_settings.api_burst_per_ip)
    ttl, capacity = api_settings.api_conversation_ttl_s, api_settings.api_max_conversations
    if shared is None:
        return {
            "jobs": JobQueue(api_settings.api_max_pending_jobs),
            "conversations": ConversationStore(ttl, capacity),
            "key_buckets": TokenBuckets(*key_rate),
            "ip_buckets": TokenBuckets(*ip_rate),
        }
    return {
        "jobs": SharedJobQueue(
            shared, api_settings.api_max_pending_jobs, run_anywhere=index_shared
        ),
        "conversations": SharedConversationStore(shared, ttl, capacity),
        "key_buckets": SharedTokenBuckets(shared, "key", *key_rate),
        "ip_buckets": SharedTokenBuckets(shared, "address", *ip_rate),
    }


def _assistant_access(engine: Engine) -> Callable[[], AbstractContextManager[Assistant]]:
    """The bots read through the engine's read lock, like the routers."""

    @contextmanager
    def access() -> Iterator[Assistant]:
        with engine.reading() as view:
            yield view.assistant

    return access
