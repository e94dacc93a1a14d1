"""HTTP API over the answering service: `create_app(settings, api_settings)` and `serve`."""

from api.app import create_app
from api.server import serve
from api.settings import ApiSettings, load_api_settings

__all__ = ["ApiSettings", "create_app", "load_api_settings", "serve"]
