"""The layouts under test, how many seeds each gets, and each (layout, seed) read once."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from ingest.domain import ParsedPlan
from tests.plan_space.generate import generate
from tests.plan_space.read import read_back
from tests.plan_space.render_markdown import render_markdown
from tests.plan_space.render_office import render_docx, render_html, render_pdf_file
from tests.plan_space.render_text import render_plain, render_web
from tests.plan_space.spec import PlanSpec
from tests.plan_space.vocabulary import ISSUER_KINDS

# layout → (renderer, file name the reader sees, seeds): PDF is the slowest to write and read
LAYOUTS: dict[str, tuple[Callable[[PlanSpec], bytes | str], str, int]] = {
    "plain": (render_plain, "plan.txt", 30),
    "web": (lambda spec: render_web(spec, spec.seed), "plan.txt", 30),
    "markdown": (render_markdown, "plan.md", 30),
    "docx": (render_docx, "plan.docx", 20),
    "html": (render_html, "plan.html", 20),
    "pdf": (render_pdf_file, "plan.pdf", 10),
}
ISSUERS = tuple(ISSUER_KINDS)


def spec_for(seed: int) -> PlanSpec:
    """Seed k draws issuer kind k mod 10, so every kind of body appears in every layout."""
    return generate(seed, ISSUERS[seed % len(ISSUERS)])


@cache
def parsed(layout: str, seed: int) -> tuple[PlanSpec, ParsedPlan]:
    render, name, _ = LAYOUTS[layout]
    spec = spec_for(seed)
    return spec, read_back(render(spec), name)


def cases() -> list[tuple[str, int]]:
    return [(layout, seed) for layout, (_, _, count) in LAYOUTS.items() for seed in range(count)]
