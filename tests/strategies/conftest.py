"""Each answer strategy called on its own, over the bundled plans (deterministic embedder):
`Assistant.context` reads and scopes a question the way `ask` does, then the strategy's
`answer(ctx)` either answers or passes (None)."""

from __future__ import annotations

import pytest

from retrieval.answers import Answer
from retrieval.assistant import Assistant
from retrieval.runtime import Runtime

NINH_BINH_19 = "ninh-binh-19-KH-UBND-2025"
THANH_PHO = "thanh-pho-phu-luc-01-chuyen-doi-so-2023"
TIEN_GIANG = "tien-giang-466-KH-UBND-2025"
XUAN_TRUONG = "xa-xuan-truong-chuyen-doi-so-2026"


@pytest.fixture(scope="module")
def assistant(corpus_runtime: Runtime) -> Assistant:
    return corpus_runtime.assistant()


def cited(answer: Answer) -> list[tuple[str, str | None]]:
    """(plan id, clause number) of each citation, in order."""
    return [(c.document_id, c.clause) for c in answer.citations]


def plans(answer: Answer) -> set[str]:
    return {c.document_id for c in answer.citations}
