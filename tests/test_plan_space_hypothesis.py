"""The plan space explored by hypothesis beyond the fixed seeds: any seed and any kind of
issuing body, as plain text and as Markdown; a failure shrinks to the smallest seed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.plan_space import expected
from tests.plan_space.generate import generate
from tests.plan_space.read import read_back
from tests.plan_space.render_markdown import render_markdown
from tests.plan_space.render_text import render_plain, render_web
from tests.plan_space.vocabulary import ISSUER_KINDS

RENDERERS = {
    "plan.txt": render_plain,
    "web.txt": lambda spec: render_web(spec, spec.seed),
    "plan.md": render_markdown,
}


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI stays reproducible
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    seed=st.integers(min_value=0, max_value=2**31),
    issuer=st.sampled_from(sorted(ISSUER_KINDS)),
    name=st.sampled_from(sorted(RENDERERS)),
)
def test_any_plan_reads_back(seed: int, issuer: str, name: str) -> None:
    spec = generate(seed, issuer)
    plan = read_back(RENDERERS[name](spec), name)
    assert expected.read_metadata(plan) == expected.metadata(spec)
    assert expected.read_clauses(plan, spec) == expected.clauses(spec)
    assert expected.read_periods(plan, spec) == expected.periods(spec)
    assert expected.read_duties(plan, spec) == expected.duties(spec)
    assert expected.read_table_rows(plan) == expected.table_rows(spec)
