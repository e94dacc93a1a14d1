"""Conversations kept between `POST /v1/ask` calls: bounded, expiring, owned by a caller.

Ids are random (not guessable) and a conversation answers only to the caller that
started it (its key, or its address when reads need no key). One turn at a time per
conversation: follow-ups depend on the turn before them. With a PostgreSQL database
(`KEHOACH_DATABASE_URL`) they are kept there, shared by every API replica.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from ingest.state_db import StateDatabase
from retrieval.conversation import Conversation, conversation_from_json, conversation_json


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

    def save(self, conversation_id: str, slot: ConversationSlot) -> None:
        """Nothing to do: the slot is the stored conversation itself."""


class SharedConversationStore:
    """Conversations in the replicas' shared database: a follow-up may land on any replica.

    Same contract as `ConversationStore`; the turn is saved back by `save` after it is
    answered. Turns of one conversation are serialised within a replica only (two replicas
    answering the same conversation at the same instant: the later save wins).
    """

    def __init__(
        self,
        database: StateDatabase,
        ttl_s: float,
        capacity: int,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._db = database
        self._ttl_s = ttl_s
        self._capacity = capacity
        self._clock = clock  # wall-clock seconds: replicas compare each other's times
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._starts = 0

    def start(self, owner: str) -> tuple[str, ConversationSlot]:
        conversation_id = secrets.token_urlsafe(16)
        slot = ConversationSlot(
            Conversation(), owner, self._clock(), self._turn_lock(conversation_id)
        )
        self._db.execute(
            "INSERT INTO kehoach_conversations (id, owner, state, last_used) "
            "VALUES (%s, %s, %s, %s)",
            (conversation_id, owner, _dumps(slot.conversation), slot.last_used),
        )
        self._starts += 1
        if self._starts % _PRUNE_EVERY == 1:
            self._prune()
        return conversation_id, slot

    def get(self, conversation_id: str, owner: str) -> ConversationSlot | None:
        now = self._clock()
        rows = self._db.query(
            "UPDATE kehoach_conversations SET last_used = %s "
            "WHERE id = %s AND last_used > %s RETURNING owner, state",
            (now, conversation_id, now - self._ttl_s),
        )
        if not rows or not secrets.compare_digest(str(rows[0][0]), owner):
            return None
        return ConversationSlot(
            _loads(str(rows[0][1])), owner, now, self._turn_lock(conversation_id)
        )

    def save(self, conversation_id: str, slot: ConversationSlot) -> None:
        """Store the conversation as this turn left it."""
        self._db.execute(
            "UPDATE kehoach_conversations SET state = %s, last_used = %s WHERE id = %s",
            (_dumps(slot.conversation), self._clock(), conversation_id),
        )

    def __len__(self) -> int:
        rows = self._db.query(
            "SELECT COUNT(*) FROM kehoach_conversations WHERE last_used > %s",
            (self._clock() - self._ttl_s,),
        )
        return int(rows[0][0])

    def _turn_lock(self, conversation_id: str) -> threading.Lock:
        with self._locks_guard:
            lock = self._locks.get(conversation_id)
            if lock is None:
                if len(self._locks) > 4 * self._capacity:
                    self._locks.clear()  # only serialises turns; a new lock is as good
                lock = self._locks[conversation_id] = threading.Lock()
            return lock

    def _prune(self) -> None:
        """Forget expired conversations, then the least recently used beyond capacity."""
        self._db.execute(
            "DELETE FROM kehoach_conversations WHERE last_used <= %s",
            (self._clock() - self._ttl_s,),
        )
        self._db.execute(
            "DELETE FROM kehoach_conversations WHERE id IN (SELECT id FROM "
            "kehoach_conversations ORDER BY last_used DESC OFFSET %s)",
            (self._capacity,),
        )


_PRUNE_EVERY = 64  # conversations started between two prunings


def _dumps(conversation: Conversation) -> str:
    return conversation_json(conversation)


def _loads(text: str) -> Conversation:
    return conversation_from_json(text)
