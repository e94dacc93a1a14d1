"""Score one system output against its gold question with the pure metrics in ``eval.metrics``.

Scores are ``None`` where a metric does not apply: retrieval, key facts and citation
correctness on questions whose right behaviour is to abstain; verbatim-ness without
citations. An abstention on an answerable question scores 0 for key facts and citations:
the "closest clauses" it lists are not an answer. ``accuracy`` puts both behaviours on one
scale: key-fact accuracy on answerable questions, 1/0 for abstaining on the others.

Trust is measured apart from accuracy: ``confident_wrong`` is 1 when the system answered
(did not abstain) and the answer is wrong — it should have abstained, or a key fact is
missing — so a wrong answer stated without doubt counts, an honest abstention does not.
``abstained_answerable`` is 1 when the system abstained on a question the plans answer
(honest but unhelpful); it is ``None`` on questions whose right behaviour is to abstain.
``hedged_wrong`` is the part of ``confident_wrong`` whose answer said it was unsure (it starts
with "Có thể"): still a wrong fact stated, so still counted confident-wrong, but shown apart so
the middle band's effect is visible.
"""

from __future__ import annotations

from collections.abc import Mapping

from eval.metrics.aggregate import Score
from eval.metrics.citations import any_citation_correct, verbatim_rate
from eval.metrics.facts import all_facts_present, key_fact_accuracy, missing_facts
from eval.metrics.goldset import Question, gold_refs, should_abstain
from eval.metrics.retrieval import hit_at_k, ndcg_at_k, reciprocal_rank
from eval.systems import SystemOutput
from retrieval.confidence import HEDGE_PREFIX

HIT_KS = (1, 3, 5)
NDCG_K = 10

# Metrics that are rates in [0, 1] (the others are character counts).
RATE_METRICS = (
    *(f"hit@{k}" for k in HIT_KS),
    "mrr",
    f"ndcg@{NDCG_K}",
    "accuracy",
    "key_facts",
    "all_facts",
    "citation_correct",
    "citation_verbatim",
    "abstained",
    "confident_wrong",
    "hedged_wrong",
    "abstained_answerable",
)
LENGTH_METRICS = ("context_chars", "quote_chars")


def score_output(
    question: Question, output: SystemOutput, sources: Mapping[str, str]
) -> dict[str, Score]:
    """Every per-question metric of ``output`` (see the module docstring for ``None``)."""
    scores: dict[str, Score] = dict.fromkeys(RATE_METRICS)
    answerable = not should_abstain(question)
    gold = gold_refs(question)
    if answerable and gold:
        for k in HIT_KS:
            scores[f"hit@{k}"] = hit_at_k(output.retrieved, gold, k)
        scores["mrr"] = reciprocal_rank(output.retrieved, gold)
        scores[f"ndcg@{NDCG_K}"] = ndcg_at_k(output.retrieved, gold, NDCG_K)
        scores["citation_correct"] = not output.abstained and any_citation_correct(
            output.citations, gold, question.get("key_facts", [])
        )
    if answerable:
        facts = question.get("key_facts", [])
        scores["key_facts"] = 0.0 if output.abstained else key_fact_accuracy(output.answer, facts)
        scores["all_facts"] = not output.abstained and all_facts_present(output.answer, facts)
    scores["accuracy"] = scores["key_facts"] if answerable else output.abstained
    if output.citations:
        scores["citation_verbatim"] = verbatim_rate(output.citations, sources)
    scores["abstained"] = output.abstained
    scores["confident_wrong"] = is_confident_wrong(question, output.abstained, scores)
    scores["hedged_wrong"] = bool(scores["confident_wrong"]) and output.answer.startswith(
        HEDGE_PREFIX
    )
    scores["abstained_answerable"] = output.abstained if answerable else None
    scores["context_chars"] = output.context_chars
    scores["quote_chars"] = output.quote_chars
    return scores


def is_confident_wrong(question: Question, abstained: bool, scores: Mapping[str, Score]) -> bool:
    """Answered, and wrong: the question should have been declined, or not every key fact
    is in the answer. An abstention is never confident-wrong, whatever the question."""
    if abstained:
        return False
    return should_abstain(question) or not scores.get("all_facts")


def failure_reasons(
    question: Question, output: SystemOutput, scores: Mapping[str, Score]
) -> list[str]:
    """Why a question failed, empty when it passed: a wrong abstention, a missing fact, no
    correct or a non-verbatim citation. A retrieval miss alone (the answer and its citation
    are right but the gold clause is not among the top 5 candidates) is not a failure; it
    is added as a diagnosis to the other reasons."""
    if output.error:
        return [f"error: {output.error}"]
    if should_abstain(question):
        return [] if output.abstained else ["did not abstain"]
    if output.abstained:
        return ["abstained wrongly"]
    reasons: list[str] = []
    if not scores.get("all_facts"):
        missing = missing_facts(output.answer, question.get("key_facts", []))
        reasons.append("missing facts: " + "; ".join(fact[0] for fact in missing))
    if scores.get("citation_correct") is False:
        reasons.append("no correct citation")
    if scores.get("citation_verbatim") not in (None, 1.0):
        reasons.append("citation not verbatim")
    if reasons and scores.get("hit@5") == 0.0:
        reasons.insert(0, "gold clause not in top 5")
    return reasons
