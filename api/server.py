"""`serve`: run the API with uvicorn (what `kehoach serve` calls)."""

from __future__ import annotations

import logging
from typing import Any

from api.settings import ApiSettings
from ingest.home_claim import claim_home
from ingest.settings import Settings

logger = logging.getLogger(__name__)


def serve(
    settings: Settings,
    api_settings: ApiSettings,
    host: str = "127.0.0.1",
    port: int = 8000,
    log_level: str = "info",
) -> None:
    """Serve until interrupted, in one process.

    One process per embedded home (`claim_home` refuses a second one before it binds a
    port); scale out with a Qdrant server, PostgreSQL and several instances behind a proxy.
    """
    claim = claim_home(settings)  # before the slow imports: a refusal comes at once
    try:
        import uvicorn

        from api.app import create_app

        app = create_app(settings, api_settings)
        logger.info("serving the kehoach API on http://%s:%d (docs at /docs)", host, port)
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level=log_level,
            server_header=False,
            **proxy_options(api_settings),
        )
    finally:
        if claim is not None:
            claim.release()


def proxy_options(api_settings: ApiSettings) -> dict[str, Any]:
    """uvicorn's proxy settings: X-Forwarded-For only from `KEHOACH_TRUSTED_PROXIES`."""
    if not api_settings.trusted_proxies:
        return {"proxy_headers": False}
    return {
        "proxy_headers": True,
        "forwarded_allow_ips": ",".join(api_settings.trusted_proxies),
    }
