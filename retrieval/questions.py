"""Checking a question before answering it."""

from __future__ import annotations

import unicodedata

from ingest.errors import InputError


class QuestionError(InputError):
    """The question cannot be answered as given (empty, too long, control characters)."""


def validate_question(question: object, max_chars: int) -> str:
    """The question, trimmed, or `QuestionError` saying what is wrong with it."""
    if not isinstance(question, str):
        raise QuestionError("question must be text")
    text = unicodedata.normalize("NFC", question).strip()
    if not text:
        raise QuestionError("question is empty")
    if len(text) > max_chars:
        raise QuestionError(f"question is {len(text)} characters long; the limit is {max_chars}")
    bad = [c for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in "\t\n"]
    if bad:
        raise QuestionError(f"question contains control characters ({bad[0]!r}); remove them")
    return " ".join(text.split())
