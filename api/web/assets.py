"""The web assets, read once into memory with their ETags, and the widget script built from them.

`/embed.js` is not a file: it is the shared chat code and the widget's boot code in one
closure (nothing leaks into the host page's globals), with the chat and widget CSS as a
string the widget adopts into its shadow root.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources

ASSET_PACKAGE = "api.web"
ASSET_FOLDER = "assets"

MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
}

# Files the browser may fetch under /static/ (the HTML pages have their own routes).
STATIC_FILES = ("chat-core.js", "chat-page.js", "matrix.js", "chat.css", "page.css")
PAGES = ("chat.html", "matrix.html")
WIDGET_PARTS = ("chat-core.js", "embed-boot.js")
WIDGET_STYLES = ("chat.css", "widget.css")


@dataclass(frozen=True)
class Asset:
    """One response body with its media type and a strong ETag."""

    body: bytes
    media_type: str
    etag: str

    @classmethod
    def of(cls, body: bytes, media_type: str) -> Asset:
        return cls(body, media_type, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')


@dataclass(frozen=True)
class WebAssets:
    """Everything the web routes serve, by name."""

    static: dict[str, Asset]
    pages: dict[str, Asset]
    widget: Asset

    @property
    def page_weight(self) -> int:
        """Bytes of the page's own JS and CSS (what the issue caps at 100 KB)."""
        return sum(len(asset.body) for asset in self.static.values())


def _read(name: str) -> str:
    return resources.files(ASSET_PACKAGE).joinpath(ASSET_FOLDER, name).read_text("utf-8")


def _file_asset(name: str) -> Asset:
    return Asset.of(_read(name).encode("utf-8"), MEDIA_TYPES[name[name.rindex(".") :]])


def build_widget_script() -> str:
    """The text of /embed.js: CSS constant, chat code and boot code in one closure."""
    css = "\n".join(_read(name) for name in WIDGET_STYLES)
    # json.dumps gives a valid JS string literal; "</" is escaped so the text can never
    # close a <script> element if someone inlines it.
    css_literal = json.dumps(css, ensure_ascii=False).replace("</", "<\\/")
    parts = "\n".join(_read(name) for name in WIDGET_PARTS)
    return (
        "/* kehoach chat widget, served by kehoach at /embed.js */\n"
        "(function () {\n"
        '"use strict";\n'
        f"const KH_WIDGET_CSS = {css_literal};\n"
        f"{parts}\n"
        "})();\n"
    )


def load_web_assets() -> WebAssets:
    """Read every asset once (at app creation)."""
    static = {name: _file_asset(name) for name in STATIC_FILES}
    pages = {name: _file_asset(name) for name in PAGES}
    widget = Asset.of(build_widget_script().encode("utf-8"), MEDIA_TYPES[".js"])
    return WebAssets(static=static, pages=pages, widget=widget)
