"""Verifying that a webhook event really comes from Zalo, before its body is parsed.

Zalo signs each OA webhook event in the header `X-ZEvent-Signature: mac=<hex>`, where the mac
is the plain SHA-256 (not an HMAC) of, in this order: the app id, the raw JSON body, the
event's own `timestamp` field, and the OA secret key (the key shown when the OA is linked to
the app, not the app secret key). Source: Zalo's webhook documentation
(developers.zalo.me, Official Account › Webhook), as summarised step by step in
https://hainh.me/zalo-api-php-webhook-callback-official-account.html and implemented the same
way by open-source Zalo OA integrations (e.g. the n8n Zalo OA webhook node).

The timestamp sits inside the body, yet nothing from an unverified sender may reach the JSON
parser: the candidate timestamps are found in the raw bytes, the mac is checked against each,
and only a verified body is parsed (with a nesting limit), its parsed `timestamp` then
required to be the one that was signed.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import re
from dataclasses import dataclass
from typing import Any

from ingest.json_depth import JsonTooDeepError, loads_limited

SIGNATURE_HEADER = "X-ZEvent-Signature"

# `"timestamp": …` in the raw body, quoted or not. At most a few are tried, so a body
# stuffed with them costs at most that many hashes.
_TIMESTAMP = re.compile(rb'"timestamp"\s*:\s*(?:"([0-9]{1,20})"|([0-9]{1,20})\b)')
_MAX_CANDIDATES = 8


@dataclass(frozen=True)
class SignedBody:
    """A body whose signature checked out, and the timestamp and mac it was signed with."""

    body: bytes
    timestamp: str
    mac: str


def zalo_mac(app_id: str, body: bytes, timestamp: str, oa_secret_key: str) -> str:
    """sha256(app_id + body + timestamp + oa_secret_key) as lower-case hex."""
    signed = app_id.encode() + body + timestamp.encode() + oa_secret_key.encode()
    return hashlib.sha256(signed).hexdigest()


def verified_body(
    header: str | None, body: bytes, app_id: str, oa_secret_key: str
) -> SignedBody | None:
    """The body when `header` is its valid signature, else None; the body is not parsed."""
    if not header:
        return None
    supplied = header.strip()
    if supplied[:4].lower() == "mac=":
        supplied = supplied[4:].strip()
    given = supplied.lower().encode("ascii", "replace")
    for match in itertools.islice(_TIMESTAMP.finditer(body), _MAX_CANDIDATES):
        timestamp = (match.group(1) or match.group(2)).decode("ascii")
        expected = zalo_mac(app_id, body, timestamp, oa_secret_key)
        if hmac.compare_digest(given, expected.encode()):
            return SignedBody(body, timestamp, expected)
    return None


def parse_signed(signed: SignedBody) -> dict[str, Any] | None:
    """The event of a verified body; None when it is not a JSON object signed with its own
    top-level `timestamp`. Nesting deeper than the limit raises `JsonTooDeepError`."""
    try:
        event = loads_limited(signed.body)
    except JsonTooDeepError:
        raise
    except ValueError:  # malformed JSON, or not UTF-8
        return None
    if not isinstance(event, dict) or str(event.get("timestamp")) != signed.timestamp:
        return None
    return event


def verified_event(
    header: str | None, body: bytes, app_id: str, oa_secret_key: str
) -> dict[str, Any] | None:
    """The event when `header` is its valid signature, else None (never raises)."""
    signed = verified_body(header, body, app_id, oa_secret_key)
    if signed is None:
        return None
    try:
        return parse_signed(signed)
    except ValueError:
        return None
