"""The generator the settings ask for: none by default, OpenAI-compatible when configured."""

from __future__ import annotations

from ingest.settings import Settings
from retrieval.generation.protocol import Generator


def generator_from_settings(settings: Settings) -> Generator | None:
    """An `OpenAILikeGenerator` when `llm_base_url` and `llm_model` are set, else None."""
    if not (settings.llm_base_url and settings.llm_model):
        return None
    from retrieval.generation.openai_like import OpenAILikeGenerator

    return OpenAILikeGenerator(settings.llm_base_url, settings.llm_model, settings.llm_api_key)
