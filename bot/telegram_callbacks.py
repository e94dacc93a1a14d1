"""Button payloads and the recent answers they point to.

Telegram allows 64 bytes of callback data and clause ids are longer, so a button carries a
short random token for the answer plus a citation number; the answers live in a bounded
in-memory store. After a restart (or once evicted) a button answers that it has expired.
"""

from __future__ import annotations

import re
import secrets
from collections import OrderedDict
from dataclasses import dataclass
from typing import Literal

from retrieval.answers import Answer, Citation

Action = Literal["clause", "document", "more", "all", "narrow"]
_CODES: dict[Action, str] = {
    "clause": "c",
    "document": "d",
    "more": "m",
    "all": "a",
    "narrow": "n",
}
_ACTIONS: dict[str, Action] = {code: action for action, code in _CODES.items()}
_PATTERN = re.compile(r"([cdman]):([A-Za-z0-9_-]{1,16}):(\d{1,4})")


@dataclass(frozen=True)
class CallbackData:
    """What a button asks for: the clause or the plan of citation `n` of answer `token`,
    ("more") the rows from `n` on of the list `token`, ("all") every row of it as a file,
    or ("narrow") its question asked again within choice `n` of an answer that matched
    many plans."""

    action: Action
    token: str
    n: int

    def encode(self) -> str:
        return f"{_CODES[self.action]}:{self.token}:{self.n}"

    @classmethod
    def decode(cls, data: str | None) -> CallbackData | None:
        """The payload, or None when the data is not one of ours."""
        match = _PATTERN.fullmatch(data or "")
        if match is None:
            return None
        return cls(_ACTIONS[match.group(1)], match.group(2), int(match.group(3)))


class RecentAnswers:
    """The last `capacity` answers sent with buttons, by token."""

    def __init__(self, capacity: int = 2000) -> None:
        self._capacity = capacity
        self._answers: OrderedDict[str, Answer] = OrderedDict()

    def remember(self, answer: Answer) -> str:
        """Store an answer and return the token its buttons carry."""
        token = secrets.token_urlsafe(6)  # unguessable, so a button only works where it was sent
        self._answers[token] = answer
        while len(self._answers) > self._capacity:
            self._answers.popitem(last=False)
        return token

    def answer(self, token: str) -> Answer | None:
        """The answer `token`, or None once it is forgotten."""
        return self._answers.get(token)

    def citation(self, token: str, n: int) -> Citation | None:
        """Citation `n` of the answer `token`, or None once that answer is forgotten."""
        answer = self._answers.get(token)
        if answer is None:
            return None
        return next((c for c in answer.citations if c.n == n), None)
