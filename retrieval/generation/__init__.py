"""Optional generative phrasing of extractive answers, verified before it is shown.

Off by default. With an OpenAI-compatible endpoint configured, a `Generator` rewrites the
answer from its cited clauses only; `verify_phrasing` checks every sentence's citations and
numbers, and `phrase_answer` keeps the extractive answer whenever that check fails.
The llama-index adapter (`openai_like.OpenAILikeGenerator`) is imported only when built.
"""

from retrieval.generation.errors import GenerationError
from retrieval.generation.factory import generator_from_settings
from retrieval.generation.phrasing import PhrasedAssistant, phrase_answer
from retrieval.generation.prompt import Prompt, build_prompt
from retrieval.generation.protocol import Generator
from retrieval.generation.verify import Sentence, split_sentences, verify_phrasing

__all__ = [
    "GenerationError",
    "Generator",
    "PhrasedAssistant",
    "Prompt",
    "Sentence",
    "build_prompt",
    "generator_from_settings",
    "phrase_answer",
    "split_sentences",
    "verify_phrasing",
]
