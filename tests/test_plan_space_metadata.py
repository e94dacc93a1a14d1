"""Property test: the metadata read back from every layout is the metadata generated.

Each case is a plan drawn from a seed (every kind of issuing body, state and Party, in
turn) and rendered as a web copy, plain text, Markdown, DOCX, HTML or PDF, then read by the
real reader and parser (tests/plan_space)."""

from __future__ import annotations

import pytest

from tests.plan_space import expected
from tests.plan_space.cases import cases, parsed

FIELDS = ("number", "issued_date", "issuer", "kind", "title", "title symbols", "signer", "place")


@pytest.mark.parametrize(("layout", "seed"), cases())
def test_metadata_read_back(layout: str, seed: int) -> None:
    spec, plan = parsed(layout, seed)
    wanted, got = expected.metadata(spec), expected.read_metadata(plan)
    wrong = {key: (wanted[key], got[key]) for key in wanted if wanted[key] != got[key]}
    assert not wrong, f"{spec.issuer.lines} {spec.number.written!r}: (generated, read) {wrong}"
