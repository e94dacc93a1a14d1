"""Checking a question before answering it (the CLI, the API and the bots all call this)."""

from __future__ import annotations

import unicodedata
from enum import StrEnum

from ingest.errors import InputError

EXAMPLE = "Sở nào chủ trì chỉ tiêu 6.6?"


class QuestionProblem(StrEnum):
    """Why a question was refused (each front end may word it for its own readers)."""

    NOT_TEXT = "not_text"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    CONTROL_CHARACTERS = "control_characters"
    NO_WORDS = "no_words"  # emoji, punctuation or symbols only


class QuestionError(InputError):
    """The question cannot be answered as given; `problem` says why."""

    def __init__(self, message: str, problem: QuestionProblem) -> None:
        super().__init__(message)
        self.problem = problem


def validate_question(question: object, max_chars: int) -> str:
    """The question, trimmed, or `QuestionError` saying what is wrong with it."""
    if not isinstance(question, str):
        raise QuestionError("câu hỏi phải là văn bản", QuestionProblem.NOT_TEXT)
    text = unicodedata.normalize("NFC", question).strip()
    if not text:
        raise QuestionError(
            f"câu hỏi trống; hãy nhập câu hỏi, ví dụ: {EXAMPLE}", QuestionProblem.EMPTY
        )
    if len(text) > max_chars:
        raise QuestionError(
            f"câu hỏi dài {len(text)} ký tự, vượt giới hạn {max_chars} ký tự; hãy hỏi ngắn hơn",
            QuestionProblem.TOO_LONG,
        )
    bad = [c for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in "\t\n"]
    if bad:
        raise QuestionError(
            f"câu hỏi có ký tự điều khiển ({bad[0]!r}); hãy xoá chúng rồi hỏi lại",
            QuestionProblem.CONTROL_CHARACTERS,
        )
    if not any(unicodedata.category(c)[0] in "LN" for c in text):
        # Nothing to search for: answering would cite whatever matches punctuation.
        raise QuestionError(
            "câu hỏi không có chữ hay số nào (chỉ có biểu tượng hoặc dấu câu); "
            f"hãy hỏi bằng lời, ví dụ: {EXAMPLE}",
            QuestionProblem.NO_WORDS,
        )
    return " ".join(text.split())
