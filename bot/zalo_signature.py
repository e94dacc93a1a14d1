"""Verifying that a webhook event really comes from Zalo.

Zalo signs each OA webhook event in the header `X-ZEvent-Signature: mac=<hex>`, where the mac
is the plain SHA-256 (not an HMAC) of, in this order: the app id, the raw JSON body, the
event's own `timestamp` field, and the OA secret key (the key shown when the OA is linked to
the app, not the app secret key). Source: Zalo's webhook documentation
(developers.zalo.me, Official Account › Webhook), as summarised step by step in
https://hainh.me/zalo-api-php-webhook-callback-official-account.html and implemented the same
way by open-source Zalo OA integrations (e.g. the n8n Zalo OA webhook node).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

SIGNATURE_HEADER = "X-ZEvent-Signature"


def zalo_mac(app_id: str, body: bytes, timestamp: str, oa_secret_key: str) -> str:
    """sha256(app_id + body + timestamp + oa_secret_key) as lower-case hex."""
    signed = app_id.encode() + body + timestamp.encode() + oa_secret_key.encode()
    return hashlib.sha256(signed).hexdigest()


def verified_event(
    header: str | None, body: bytes, app_id: str, oa_secret_key: str
) -> dict[str, Any] | None:
    """The event when `header` is its valid signature, else None (never raises)."""
    if not header:
        return None
    supplied = header.strip()
    if supplied[:4].lower() == "mac=":
        supplied = supplied[4:].strip()
    try:
        event = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(event, dict) or event.get("timestamp") in (None, ""):
        return None
    expected = zalo_mac(app_id, body, str(event["timestamp"]), oa_secret_key)
    if not hmac.compare_digest(supplied.lower().encode(), expected.encode()):
        return None
    return event
