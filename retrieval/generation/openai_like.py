"""The `Generator` over an OpenAI-compatible chat endpoint, through llama-index's connector.

llama-index is imported only when this adapter is built, so the extractive default never
loads it. Everything is passed explicitly (base URL, model, key, timeout): llama-index's
global `Settings.llm` and the `OPENAI_*` environment defaults are never consulted, so a key
meant for OpenAI cannot leak to another endpoint.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from retrieval.answers import Answer
from retrieval.generation.errors import GenerationError
from retrieval.generation.prompt import build_prompt

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MAX_TOKENS = 1024
# Servers that need no key still require the header; a placeholder also keeps the client
# from falling back to OPENAI_API_KEY.
_NO_KEY = "not-needed"
# Reasoning models served behind OpenAI-compatible APIs may return their scratchpad inline.
_REASONING = re.compile(r"<think>.*?</think>", re.DOTALL)


class OpenAILikeGenerator:
    """Phrases answers with a chat model behind an OpenAI-compatible `/chat/completions`."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        # The extractive answer is always there: a failed call costs nothing, a retry
        # costs the user's wait.
        max_retries: int = 0,
    ) -> None:
        from llama_index.llms.openai_like import OpenAILike

        self.model = model
        self._llm: Any = OpenAILike(
            api_base=base_url,
            model=model,
            api_key=api_key or _NO_KEY,
            is_chat_model=True,
            is_function_calling_model=False,
            timeout=timeout,
            max_retries=max_retries,
            max_tokens=max_tokens,
            temperature=0.0,  # phrasing, not invention
        )

    def phrase(self, question: str, answer: Answer) -> str:
        from llama_index.core.llms import ChatMessage, MessageRole

        prompt = build_prompt(question, answer)
        messages = [
            ChatMessage(role=MessageRole.SYSTEM, content=prompt.system),
            ChatMessage(role=MessageRole.USER, content=prompt.user),
        ]
        try:
            response = self._llm.chat(messages)
        except Exception as error:  # the client raises many kinds (HTTP, timeout, parsing)
            raise GenerationError(
                f"the LLM endpoint failed ({type(error).__name__}: {error}); check "
                "KEHOACH_LLM_BASE_URL, KEHOACH_LLM_MODEL and KEHOACH_LLM_API_KEY"
            ) from error
        text = _REASONING.sub("", response.message.content or "").strip()
        if not text:
            raise GenerationError(f"the model {self.model} returned an empty reply")
        return text
