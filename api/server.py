"""`serve`: run the API with uvicorn (what `kehoach serve` calls)."""

from __future__ import annotations

import logging
from typing import Any

from api.settings import ApiSettings
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

    One process because the embedded index, the conversations and the rate-limit buckets
    live in it; scale out with a Qdrant server and several instances behind a proxy.
    """
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


def proxy_options(api_settings: ApiSettings) -> dict[str, Any]:
    """uvicorn's proxy settings: X-Forwarded-For only from `KEHOACH_TRUSTED_PROXIES`."""
    if not api_settings.trusted_proxies:
        return {"proxy_headers": False}
    return {
        "proxy_headers": True,
        "forwarded_allow_ips": ",".join(api_settings.trusted_proxies),
    }
