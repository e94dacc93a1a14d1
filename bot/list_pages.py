"""The long lists a chat can still page ("Xem tiếp" button, "xem tiếp" typed).

A list's next page is its question asked again in the context it was first asked in
(the conversation before it, the chat's scope) for a later window of rows; so what a
page needs is small and plain — `ListedPage` — and is kept under a short random token a
Telegram button carries (64 bytes of callback data hold no question). The chat's latest
list is what "xem tiếp" typed (Zalo, Telegram) goes on with.

Kept in this process (`LocalListPages`), or, when API replicas share a PostgreSQL
database, there (`SharedListPages`), so that a button pressed or a "xem tiếp" typed is
answered by whichever replica the webhook lands on, and after a restart.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Protocol

from ingest.state_db import StateDatabase
from retrieval.conversation import Conversation, conversation_from_json, conversation_json
from retrieval.plan_scope import PlanScope

TTL_S = 7 * 24 * 3600.0  # a list's button keeps working for a week


@dataclass(frozen=True)
class ListedPage:
    """What asking for more rows of a list needs: its question, the chat's conversation
    before it and scope, the first row not yet shown and how many there are."""

    chat: str
    question: str
    context: Conversation
    scope: PlanScope | None
    next_row: int
    total: int

    def to_json(self) -> str:
        return json.dumps(
            {
                "chat": self.chat,
                "question": self.question,
                "context": conversation_json(self.context),
                "scope": asdict(self.scope) if self.scope is not None else None,
                "next_row": self.next_row,
                "total": self.total,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> ListedPage:
        data = json.loads(text)
        scope = data.get("scope")
        return cls(
            str(data["chat"]),
            str(data["question"]),
            conversation_from_json(data["context"]),
            PlanScope(**scope) if scope else None,
            int(data["next_row"]),
            int(data["total"]),
        )


class ListPages(Protocol):
    def remember(self, listed: ListedPage) -> str:
        """Keep a list as its chat's latest; the token its buttons carry."""
        ...

    def get(self, token: str) -> ListedPage | None:
        """The list `token`, or None once it expired or was never ours."""
        ...

    def advance(self, token: str, next_row: int) -> None:
        """The rows before `next_row` were shown (by a button or "xem tiếp")."""
        ...

    def latest(self, chat: str) -> tuple[str, ListedPage] | None:
        """The chat's latest list with rows left to show, with its token."""
        ...

    def forget(self, chat: str) -> None:
        """The chat moved on (an answer with no rows left): "xem tiếp" pages nothing."""
        ...


class LocalListPages:
    """Lists in this process: the last `capacity` of them."""

    def __init__(self, capacity: int = 5000) -> None:
        self._capacity = capacity
        self._lists: OrderedDict[str, ListedPage] = OrderedDict()
        self._latest: dict[str, str] = {}
        self._lock = threading.Lock()

    def remember(self, listed: ListedPage) -> str:
        token = secrets.token_urlsafe(6)
        with self._lock:
            self._lists[token] = listed
            self._latest[listed.chat] = token
            while len(self._lists) > self._capacity:
                old, gone = self._lists.popitem(last=False)
                if self._latest.get(gone.chat) == old:
                    del self._latest[gone.chat]
        return token

    def get(self, token: str) -> ListedPage | None:
        with self._lock:
            return self._lists.get(token)

    def advance(self, token: str, next_row: int) -> None:
        with self._lock:
            listed = self._lists.get(token)
            if listed is not None:
                self._lists[token] = replace(listed, next_row=next_row)

    def latest(self, chat: str) -> tuple[str, ListedPage] | None:
        with self._lock:
            token = self._latest.get(chat)
            listed = self._lists.get(token) if token else None
        if token is None or listed is None or listed.next_row >= listed.total:
            return None
        return token, listed

    def forget(self, chat: str) -> None:
        with self._lock:
            self._latest.pop(chat, None)


class SharedListPages:
    """Lists in the replicas' shared database (`kehoach_list_pages`), expiring after
    `ttl_s`; the chat's latest is the one it remembered last and did not forget."""

    def __init__(
        self,
        database: StateDatabase,
        ttl_s: float = TTL_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._db = database
        self._ttl_s = ttl_s
        self._clock = clock
        self._writes = 0

    def remember(self, listed: ListedPage) -> str:
        token = secrets.token_urlsafe(6)
        with self._db.transaction() as cursor:
            cursor.execute(
                "UPDATE kehoach_list_pages SET latest = FALSE WHERE chat = %s AND latest",
                (listed.chat,),
            )
            cursor.execute(
                "INSERT INTO kehoach_list_pages (token, chat, state, latest, last_used) "
                "VALUES (%s, %s, %s, TRUE, %s)",
                (token, listed.chat, listed.to_json(), self._clock()),
            )
        self._writes += 1
        if self._writes % 64 == 1:
            self._db.execute(
                "DELETE FROM kehoach_list_pages WHERE last_used <= %s",
                (self._clock() - self._ttl_s,),
            )
        return token

    def get(self, token: str) -> ListedPage | None:
        rows = self._db.query(
            "SELECT state FROM kehoach_list_pages WHERE token = %s AND last_used > %s",
            (token, self._clock() - self._ttl_s),
        )
        return ListedPage.from_json(str(rows[0][0])) if rows else None

    def advance(self, token: str, next_row: int) -> None:
        listed = self.get(token)
        if listed is not None:
            self._db.execute(
                "UPDATE kehoach_list_pages SET state = %s, last_used = %s WHERE token = %s",
                (replace(listed, next_row=next_row).to_json(), self._clock(), token),
            )

    def latest(self, chat: str) -> tuple[str, ListedPage] | None:
        rows = self._db.query(
            "SELECT token, state FROM kehoach_list_pages "
            "WHERE chat = %s AND latest AND last_used > %s",
            (chat, self._clock() - self._ttl_s),
        )
        if not rows:
            return None
        listed = ListedPage.from_json(str(rows[0][1]))
        return (str(rows[0][0]), listed) if listed.next_row < listed.total else None

    def forget(self, chat: str) -> None:
        self._db.execute(
            "UPDATE kehoach_list_pages SET latest = FALSE WHERE chat = %s AND latest", (chat,)
        )
