"""`/docs` and `/redoc` with their scripts served by kehoach (offline intranets have no CDN).

FastAPI's own pages load Swagger UI and ReDoc from a CDN; here the same pages point at
the copies the `fastapi-offline` package ships (Swagger UI 5, ReDoc; MIT), mounted at
`/docs-static`.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_ASSETS = Path(fastapi_offline.__file__).parent / "static"
DOCS_STATIC_PATH = "/docs-static"


def install_offline_docs(app: FastAPI) -> None:
    """Serve `/docs` (Swagger UI) and `/redoc` from local files; the app must have been
    created with `docs_url=None, redoc_url=None`."""
    app.mount(DOCS_STATIC_PATH, StaticFiles(directory=DOCS_ASSETS), name="docs-static")
    title = app.title

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{title} — Swagger UI",
            swagger_js_url=f"{DOCS_STATIC_PATH}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_STATIC_PATH}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_STATIC_PATH}/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{title} — ReDoc",
            redoc_js_url=f"{DOCS_STATIC_PATH}/redoc.standalone.js",
            redoc_favicon_url=f"{DOCS_STATIC_PATH}/favicon.png",
            with_google_fonts=False,
        )
