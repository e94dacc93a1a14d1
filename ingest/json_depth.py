"""JSON from outside (request bodies, webhook events, batch lines) with a nesting limit.

Python's `json` parser recurses once per `[` or `{`: a body of 100,000 `[` raises
`RecursionError`, which no caller expects. `loads_limited` first measures the nesting in
one linear pass that skips string contents, and refuses anything deeper than the limit
with `JsonTooDeepError` before the recursive parser sees it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ingest.errors import InputError

MAX_JSON_DEPTH = 32  # our bodies nest 3 levels; Telegram updates about 6

# A complete string literal (its contents may hold brackets), or one bracket.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


class JsonTooDeepError(InputError, ValueError):
    """The JSON nests arrays or objects deeper than the limit."""


def json_depth_exceeds(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether `text` nests `[`/`{` more than `limit` deep (strings are skipped; linear)."""
    if text.count("[") + text.count("{") <= limit:
        return False  # cannot nest deeper than the brackets it has
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return True
        elif token in "]}":
            depth = max(0, depth - 1)
    return False


def too_deep_message(limit: int = MAX_JSON_DEPTH) -> str:
    """What a person reads when JSON nests too deep."""
    return (
        f"dữ liệu JSON lồng nhau quá sâu (quá {limit} cấp mảng/đối tượng); "
        "hãy gửi dữ liệu phẳng hơn"
    )


def loads_limited(data: str | bytes, limit: int = MAX_JSON_DEPTH) -> Any:
    """`json.loads`, refusing nesting deeper than `limit` with `JsonTooDeepError`.

    Malformed JSON still raises `json.JSONDecodeError`; bytes that are not UTF-8 raise
    `UnicodeDecodeError` (both are `ValueError`s).
    """
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    if json_depth_exceeds(text, limit):
        raise JsonTooDeepError(too_deep_message(limit))
    return json.loads(text)
