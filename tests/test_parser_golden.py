"""Every corpus plan parses to its reviewed golden structure, and offsets pin exact text."""

from __future__ import annotations

import json

import pytest

from tests.golden_plans import corpus_files, golden_path, parse_corpus_file, summary

FILES = corpus_files()


def test_every_corpus_plan_has_a_golden_file() -> None:
    assert len(FILES) == 5
    for path in FILES:
        assert golden_path(path).exists(), f"missing golden file for {path.name}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_parse_matches_golden(path) -> None:
    expected = json.loads(golden_path(path).read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(summary(parse_corpus_file(path)), ensure_ascii=False))
    assert actual["document"] == expected["document"]
    assert actual["warnings"] == expected["warnings"]
    assert [c["id"] for c in actual["clauses"]] == [c["id"] for c in expected["clauses"]]
    for got, want in zip(actual["clauses"], expected["clauses"], strict=True):
        assert got == want, got["id"]
    assert actual["targets"] == expected["targets"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_clause_text_is_exact_source_slice(path) -> None:
    plan = parse_corpus_file(path)
    source = path.read_text(encoding="utf-8")
    ids = [c.id for c in plan.clauses]
    assert len(ids) == len(set(ids)), "clause ids must be unique"
    for clause in plan.clauses:
        assert clause.text == source[clause.start : clause.end]
        assert clause.start <= clause.body_end <= clause.end
    for target in plan.targets:
        for cell in target.cells:
            assert (
                " ".join(source[cell.start : cell.end].split())
                .replace("<b>", "")
                .replace("</b>", "")
                == cell.text
            )
