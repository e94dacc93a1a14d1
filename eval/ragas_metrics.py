"""ragas metrics that need no LLM, computed on ragas' own ``SingleTurnSample`` schema.

Per answerable question and system: ``user_input`` = the question, ``retrieved_contexts`` =
the top 5 retrieved texts, ``response`` = the answer, ``reference`` = the key facts (first
variant of each, joined by "; "), ``reference_contexts`` = the gold quotes.

- ``ragas_context_precision`` / ``ragas_context_recall``: ``NonLLMContextPrecisionWithReference``
  and ``NonLLMContextRecall`` (a retrieved text "matches" a gold quote when their normalised
  Levenshtein similarity is ≥ 0.5, so they favour retrieved texts about as long as the quote:
  short clauses over 800-character chunks);
- ``ragas_string_similarity``: ``NonLLMStringSimilarity`` (Levenshtein) of response and reference;
- ``ragas_rouge_l``: ``RougeScore`` (ROUGE-L F1) on diacritic-folded text, because the
  rouge-score tokenizer keeps only ``[a-z0-9]`` and would shred Vietnamese syllables.

``ExactMatch`` and ``StringPresence`` are left out: no system is expected to echo the
reference verbatim, and per-fact presence with variants is our key-fact accuracy.
ragas is imported lazily; ``eval.ragas_env`` switches its telemetry off first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eval.metrics.goldset import Question, should_abstain
from eval.metrics.text import fold
from eval.ragas_env import prepare_ragas
from eval.systems import SystemOutput

CONTEXT_K = 5
CONTEXT_NOTE = (
    "ragas context precision/recall (non-LLM) match a retrieved text to a gold quote by "
    "Levenshtein similarity >= 0.5 of the whole texts: a chunk over about twice the quote's "
    "length can never match, so chunk baselines score ~0 by construction; compare hit@k/MRR"
)
NON_LLM_METRICS = (
    "ragas_context_precision",
    "ragas_context_recall",
    "ragas_string_similarity",
    "ragas_rouge_l",
)


@dataclass
class RagasScores:
    """Per-item scores (None where not computed) and notes on what was skipped or failed."""

    scores: list[dict[str, float | None]]
    notes: list[str] = field(default_factory=list)


def sample_fields(question: Question, output: SystemOutput) -> dict[str, Any] | None:
    """The ``SingleTurnSample`` fields for one answer; None for questions that should abstain."""
    quotes = [g["quote"] for g in question.get("gold", [])]
    if should_abstain(question) or not quotes:
        return None
    facts = question.get("key_facts", [])
    return {
        "user_input": question["question"],
        "retrieved_contexts": [p.text for p in output.retrieved[:CONTEXT_K]] or [""],
        "response": output.answer,
        "reference": "; ".join(fact[0] for fact in facts) or "\n".join(quotes),
        "reference_contexts": quotes,
    }


def score_non_llm(items: Sequence[tuple[Question, SystemOutput]]) -> RagasScores:
    """The offline ragas metrics for every ``(question, output)``."""
    prepare_ragas()
    from ragas.dataset_schema import SingleTurnSample
    from ragas.metrics._context_precision import NonLLMContextPrecisionWithReference
    from ragas.metrics._context_recall import NonLLMContextRecall
    from ragas.metrics._rouge_score import RougeScore
    from ragas.metrics._string import NonLLMStringSimilarity

    precision, recall = NonLLMContextPrecisionWithReference(), NonLLMContextRecall()
    similarity, rouge = NonLLMStringSimilarity(), RougeScore(rouge_type="rougeL", mode="fmeasure")
    scores: list[dict[str, float | None]] = []
    for question, output in items:
        fields = sample_fields(question, output)
        if fields is None:
            scores.append(dict.fromkeys(NON_LLM_METRICS))
            continue
        sample = SingleTurnSample(**fields)
        folded = SingleTurnSample(
            response=fold(fields["response"]), reference=fold(fields["reference"])
        )
        scores.append(
            {
                "ragas_context_precision": _unit(precision.single_turn_score(sample)),
                "ragas_context_recall": _unit(recall.single_turn_score(sample)),
                "ragas_string_similarity": _unit(similarity.single_turn_score(sample)),
                "ragas_rouge_l": _unit(rouge.single_turn_score(folded)),
            }
        )
    return RagasScores(scores, [CONTEXT_NOTE])


def _unit(value: float) -> float | None:
    """A finite score clipped to [0, 1] (ragas' average precision divides by sum + 1e-10)."""
    number = float(value)
    if number != number:  # NaN: nothing to score
        return None
    return min(1.0, max(0.0, number))
