"""Routes of the web side: `/` (chat), `/matrix`, `/embed.js` and `/static/{name}`.

Every response carries a Content-Security-Policy that allows scripts, styles and API
calls from kehoach's own origin only (no inline script, no CDN), plus `nosniff` and no
referrer. Assets are revalidated by ETag, so an upgrade is seen at once.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from api.errors import NotFound
from api.web.assets import Asset, WebAssets

PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": PAGE_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def _serve(asset: Asset, request: Request) -> Response:
    headers = {**SECURITY_HEADERS, "ETag": asset.etag}
    if asset.etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(asset.body, media_type=asset.media_type, headers=headers)


def web_router(assets: WebAssets) -> APIRouter:
    """The router over assets read once at app creation (not in the OpenAPI document)."""
    router = APIRouter(include_in_schema=False)

    @router.api_route("/", methods=["GET", "HEAD"])
    def chat_page(request: Request) -> Response:
        return _serve(assets.pages["chat.html"], request)

    @router.api_route("/matrix", methods=["GET", "HEAD"])
    def matrix_page(request: Request) -> Response:
        return _serve(assets.pages["matrix.html"], request)

    @router.api_route("/embed.js", methods=["GET", "HEAD"])
    def widget_script(request: Request) -> Response:
        return _serve(assets.widget, request)

    @router.api_route("/static/{name}", methods=["GET", "HEAD"])
    def static_file(name: str, request: Request) -> Response:
        asset = assets.static.get(name)  # a fixed set of names: no path is ever opened
        if asset is None:
            raise NotFound(f"không có tệp tĩnh {name!r}")
        return _serve(asset, request)

    return router
