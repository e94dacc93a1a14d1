"""A per-chat sliding-window rate limit, with an injectable clock for tests."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from bot.settings import BotSettings


class RateLimiter:
    """At most `limit` events per `window` seconds for each key."""

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("a rate limit needs limit >= 1 and window > 0")
        self._limit = limit
        self._window = window
        self._clock = clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()  # the Zalo webhook may call from several threads

    def check(self, key: str) -> float | None:
        """Record an event and return None, or return the seconds to wait when over the limit."""
        now = self._clock()
        with self._lock:
            self._forget_idle(now)
            events = self._events.setdefault(key, deque())
            while events and events[0] <= now - self._window:
                events.popleft()
            if len(events) >= self._limit:
                return max(events[0] + self._window - now, 0.0)
            events.append(now)
            return None

    def _forget_idle(self, now: float) -> None:
        """Drop keys whose last event left the window, so memory follows the active chats."""
        if len(self._events) < 1024:
            return
        idle = [key for key, events in self._events.items() if events[-1] <= now - self._window]
        for key in idle:
            del self._events[key]


def chat_rate_limiter(
    settings: BotSettings, clock: Callable[[], float] = time.monotonic
) -> RateLimiter:
    """The per-chat limit of `BOT_RATE_LIMIT` questions per `BOT_RATE_WINDOW_SECONDS`."""
    return RateLimiter(settings.bot_rate_limit, settings.bot_rate_window_seconds, clock)
