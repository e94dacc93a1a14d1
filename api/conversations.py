"""Conversations kept between `POST /v1/ask` calls: bounded, expiring, owned by a caller.

Ids are random (not guessable) and a conversation answers only to the caller that
started it (its key, or its address when reads need no key). One turn at a time per
conversation: follow-ups depend on the turn before them.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from retrieval.conversation import Conversation


@dataclass
class ConversationSlot:
    """One stored conversation and the lock its turns take."""

    conversation: Conversation
    owner: str
    last_used: float
    turn_lock: threading.Lock = field(default_factory=threading.Lock)


class ConversationStore:
    """At most `capacity` conversations, each forgotten `ttl_s` seconds after its last turn."""

    def __init__(
        self, ttl_s: float, capacity: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl_s = ttl_s
        self._capacity = capacity
        self._clock = clock
        self._slots: OrderedDict[str, ConversationSlot] = OrderedDict()
        self._lock = threading.Lock()

    def start(self, owner: str) -> tuple[str, ConversationSlot]:
        """A new conversation and its id; the least recently used one goes when full."""
        conversation_id = secrets.token_urlsafe(16)
        slot = ConversationSlot(Conversation(), owner, self._clock())
        with self._lock:
            self._expire()
            self._slots[conversation_id] = slot
            while len(self._slots) > self._capacity:
                self._slots.popitem(last=False)
        return conversation_id, slot

    def get(self, conversation_id: str, owner: str) -> ConversationSlot | None:
        """The caller's live conversation with this id, or None (unknown, expired, not theirs)."""
        with self._lock:
            self._expire()
            slot = self._slots.get(conversation_id)
            if slot is None or not secrets.compare_digest(slot.owner, owner):
                return None
            slot.last_used = self._clock()
            self._slots.move_to_end(conversation_id)
            return slot

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._slots)

    def _expire(self) -> None:
        deadline = self._clock() - self._ttl_s
        # least recently used first: stop at the first one still alive
        while self._slots:
            oldest = next(iter(self._slots.values()))
            if oldest.last_used > deadline:
                break
            self._slots.popitem(last=False)
