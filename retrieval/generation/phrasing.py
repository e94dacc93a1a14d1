"""Optional phrasing: an LLM rewrites the extractive answer; it is kept only if it verifies."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from retrieval.answers import Answer
from retrieval.assistant import Assistant
from retrieval.conversation import Conversation
from retrieval.generation.errors import GenerationError
from retrieval.generation.protocol import Generator
from retrieval.generation.verify import verify_phrasing
from retrieval.plan_scope import PlanScope
from retrieval.row_lists import FIRST_PAGE, RowWindow

logger = logging.getLogger(__name__)


def phrase_answer(generator: Generator, question: str, answer: Answer) -> Answer:
    """`answer` with its text phrased by `generator` when the phrasing verifies, else unchanged.

    Citations, `abstained`, `intent` and `candidates` are kept as they are: only the text
    changes. Abstentions are never phrased.
    """
    if answer.abstained or not answer.citations:
        return answer
    try:
        text = generator.phrase(question, answer)
    except GenerationError as error:
        logger.warning("phrasing unavailable, keeping the extractive answer: %s", error)
        return answer
    problems = verify_phrasing(text, answer.citations)
    if problems:
        logger.info("phrasing rejected, keeping the extractive answer: %s", "; ".join(problems))
        return answer
    return replace(answer, answer=text.strip())


class PhrasedAssistant(Assistant):
    """An `Assistant` whose answers are phrased by `generator` when the phrasing verifies.

    A subclass rather than a wrapper so that every client typed against `Assistant` (CLI,
    API, bots, evaluation) takes it as is. Conversations record the extractive answer.
    """

    def __init__(self, *args: Any, generator: Generator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.generator = generator

    def ask(
        self,
        question: str,
        conversation: Conversation | None = None,
        document: str | None = None,
        scope: PlanScope | None = None,
        within: Sequence[PlanScope] = (),
        rows: RowWindow = FIRST_PAGE,
    ) -> Answer:
        answer = super().ask(question, conversation, document, scope, within, rows)
        if answer.partial:  # a page of a long list keeps its row lines for paging
            return answer
        return phrase_answer(self.generator, question, answer)
