"""LLM-judged ragas metrics (faithfulness, answer relevancy), only with a configured endpoint.

They run when ``settings.llm_base_url`` and ``settings.llm_model`` name an OpenAI-compatible
server, and only on OUR answers: a baseline's "answer" is its retrieved chunk, which is
faithful to itself by construction. Answer relevancy embeds with our embedding model.
Without an endpoint they are skipped with a note. ragas is imported lazily.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eval.metrics.goldset import Question, should_abstain
from eval.ragas_env import prepare_ragas
from eval.ragas_metrics import RagasScores
from eval.systems import SystemOutput
from ingest.embedding.protocol import Embedder
from ingest.settings import Settings

LLM_METRICS = ("ragas_faithfulness", "ragas_answer_relevancy")
MAX_FAILURES = 5  # a judge that keeps failing is down or incompatible: stop asking it
SKIPPED_NOTE = (
    "ragas faithfulness and answer relevancy skipped: they need an LLM judge; set "
    "KEHOACH_LLM_BASE_URL and KEHOACH_LLM_MODEL (OpenAI-compatible) to compute them"
)


def llm_configured(settings: Settings) -> bool:
    """Whether an OpenAI-compatible judge is configured."""
    return bool(settings.llm_base_url and settings.llm_model)


def score_llm(
    items: Sequence[tuple[Question, SystemOutput]], settings: Settings, embedder: Embedder
) -> RagasScores:
    """Faithfulness (answer vs cited clauses) and answer relevancy for each answered item."""
    if not llm_configured(settings):
        return RagasScores([dict.fromkeys(LLM_METRICS) for _ in items], [SKIPPED_NOTE])
    prepare_ragas()
    from openai import AsyncOpenAI
    from ragas.llms import llm_factory
    from ragas.metrics.collections import AnswerRelevancy, Faithfulness

    client = AsyncOpenAI(
        base_url=settings.llm_base_url, api_key=settings.llm_api_key or "none", max_retries=1
    )
    llm = llm_factory(str(settings.llm_model), client=client)
    faithfulness = Faithfulness(llm=llm)
    relevancy = AnswerRelevancy(llm=llm, embeddings=_embeddings(embedder))
    scores: list[dict[str, float | None]] = []
    failures: list[str] = []
    for question, output in items:
        row: dict[str, float | None] = dict.fromkeys(LLM_METRICS)
        contexts = [c.clause_text for c in output.citations]
        answered = not should_abstain(question) and not output.abstained and output.answer
        if answered and contexts and len(failures) < MAX_FAILURES:
            try:
                row["ragas_faithfulness"] = faithfulness.score(
                    user_input=question["question"],
                    response=output.answer,
                    retrieved_contexts=contexts,
                ).value
                row["ragas_answer_relevancy"] = relevancy.score(
                    user_input=question["question"], response=output.answer
                ).value
            except Exception as error:  # a judge failure must not sink the whole evaluation
                failures.append(f"{question['id']}: {type(error).__name__}: {error}")
        scores.append(row)
    notes = [f"LLM judge {settings.llm_model} at {settings.llm_base_url}"]
    if failures:
        stopped = " (stopped asking)" if len(failures) >= MAX_FAILURES else ""
        notes.append(
            f"LLM-judged metrics failed on {len(failures)} questions{stopped}, e.g. {failures[0]}"
        )
    return RagasScores(scores, notes)


def _embeddings(embedder: Embedder) -> Any:
    """Our embedder as a ragas embedding (queries: the questions being compared)."""
    from ragas.embeddings.base import BaseRagasEmbedding

    class _EmbedderForRagas(BaseRagasEmbedding):
        def embed_text(self, text: str, **kwargs: Any) -> list[float]:
            return embedder.embed_queries([text])[0]

        async def aembed_text(self, text: str, **kwargs: Any) -> list[float]:
            return self.embed_text(text)

    return _EmbedderForRagas()
