"""How a retrieval-only baseline answers: the top chunk is the answer and its citation."""

from __future__ import annotations

from collections.abc import Sequence

from eval.baselines.chunks import Chunk
from eval.metrics.goldset import Question
from eval.systems import CitedSpan, Passage, SystemOutput

CONTEXT_CHUNKS = 3  # the context a reader (or an LLM) would be handed


def baseline_query(question: Question) -> str:
    """The search text: a follow-up's earlier turns, then the question (baselines keep no state)."""
    return " ".join([*(question.get("previous") or ()), question["question"]])


def retrieval_only_output(ranked: Sequence[Chunk]) -> SystemOutput:
    """Answer = top chunk text, citation = top chunk, never abstains."""
    citations: tuple[CitedSpan, ...] = ()
    if ranked:
        top = ranked[0]
        # A chunk whose offsets were lost gets an empty span, i.e. it is not verbatim.
        start, end = top.start, top.end
        if start is None or end is None:
            start = end = 0
        citations = (CitedSpan(top.document_id, top.text, top.text, start, end),)
    return SystemOutput(
        answer=ranked[0].text if ranked else "",
        abstained=False,
        retrieved=tuple(Passage(c.document_id, c.text) for c in ranked),
        citations=citations,
        context_chars=sum(len(c.text) for c in ranked[:CONTEXT_CHUNKS]),
    )
