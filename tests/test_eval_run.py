"""The evaluation runner end to end on a small gold subset, with the hashing embedder."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from eval.baselines.bm25 import BM25Index, tokenize
from eval.baselines.chunks import Chunk, fixed_size_chunks
from eval.baselines.retrieval_only import baseline_query, retrieval_only_output
from eval.metrics.aggregate import OVERALL
from eval.metrics.citations import load_sources
from eval.metrics.goldset import load_gold
from eval.result import EvalResult
from eval.run import CHART_NAME, run_evaluation
from eval.scoring import RATE_METRICS, failure_reasons, score_output
from eval.systems import SystemOutput
from eval.thresholds import check_thresholds, load_maximum_thresholds, load_thresholds
from ingest.embedding.hashing import HashingEmbedder
from ingest.settings import Settings
from retrieval.runtime import BUNDLED_CORPUS

SYSTEMS = ("kehoach", "bm25-chunks", "llamaindex-dense")
# Two of the families that need special handling each, one of every other type.
SUBSET_TYPES = {"follow-up": 2, "unanswerable": 2, "ambiguous": 2, "who": 2, "target": 2}


def _subset() -> list[dict]:
    picked: list[dict] = []
    taken: dict[str, int] = {}
    for question in load_gold():
        kind = question["type"]
        if taken.get(kind, 0) < SUBSET_TYPES.get(kind, 1):
            picked.append(question)
            taken[kind] = taken.get(kind, 0) + 1
    return picked


@pytest.fixture(scope="module")
def subset_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gold") / "subset.jsonl"
    lines = [json.dumps(q, ensure_ascii=False) for q in _subset()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def evaluation(
    tmp_path_factory: pytest.TempPathFactory, subset_path: Path
) -> tuple[EvalResult, Path]:
    out = tmp_path_factory.mktemp("report")
    result = run_evaluation(
        Settings(),
        subset_path,
        out,
        home=tmp_path_factory.mktemp("home"),
        embedder=HashingEmbedder(64),
    )
    return result, out


def test_subset_covers_the_special_families() -> None:
    counts = {t: sum(q["type"] == t for q in _subset()) for t in SUBSET_TYPES}
    assert counts == SUBSET_TYPES
    assert len(_subset()) == 15


@pytest.mark.slow
def test_report_files_exist_and_parse(evaluation: tuple[EvalResult, Path]) -> None:
    result, out = evaluation
    assert set(result.files) == {"report.md", "report.json", CHART_NAME}
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["questions"] == 15
    assert len(data["rows"]) == 15 * len(SYSTEMS)
    markdown = (out / "report.md").read_text(encoding="utf-8")
    for heading in ("## Summary (overall)", "## Per question type", "## Failing questions"):
        assert heading in markdown
    assert (out / CHART_NAME).read_bytes().startswith(b"\x89PNG")


@pytest.mark.slow
def test_all_systems_answer_the_same_questions(evaluation: tuple[EvalResult, Path]) -> None:
    result, _ = evaluation
    assert tuple(result.systems) == SYSTEMS
    assert set(result.ratios) == set(SYSTEMS[1:])
    ids = {name: [r.id for r in result.rows if r.system == name] for name in SYSTEMS}
    assert ids["kehoach"] == ids["bm25-chunks"] == ids["llamaindex-dense"]
    assert all(r.error is None for r in result.rows)


@pytest.mark.slow
def test_rates_are_between_zero_and_one(evaluation: tuple[EvalResult, Path]) -> None:
    result, _ = evaluation
    for report in result.systems.values():
        for summary in report.by_type.values():
            for metric, value in summary.means.items():
                if metric in RATE_METRICS or metric.startswith("ragas_"):
                    assert 0.0 <= value <= 1.0, (report.name, metric, value)
        assert all(0.0 <= v <= 1.0 for v in report.abstention.values())


@pytest.mark.slow
def test_per_type_rows_for_every_type_present(evaluation: tuple[EvalResult, Path]) -> None:
    result, _ = evaluation
    types = {q["type"] for q in _subset()}
    for report in result.systems.values():
        assert set(report.by_type) == types | {OVERALL}
    markdown = result.files["report.md"].read_text(encoding="utf-8")
    assert all(f"| {t} |" in markdown for t in types)


@pytest.mark.slow
def test_baselines_never_abstain_and_ours_does_on_unanswerable(
    evaluation: tuple[EvalResult, Path],
) -> None:
    result, _ = evaluation
    for name in SYSTEMS[1:]:
        assert result.systems[name].abstention["recall"] == 0.0
    assert result.systems["kehoach"].by_type["unanswerable"].means["abstained"] > 0.0


@pytest.mark.slow
def test_ragas_metrics_present_and_tracking_off(evaluation: tuple[EvalResult, Path]) -> None:
    result, _ = evaluation
    assert os.environ["RAGAS_DO_NOT_TRACK"] == "true"
    overall = result.systems["kehoach"].overall()
    assert {"ragas_context_precision", "ragas_context_recall", "ragas_rouge_l"} <= set(overall)
    assert any("LLM judge" in note or "skipped" in note for note in result.notes)


@pytest.mark.slow
def test_threshold_gate(evaluation: tuple[EvalResult, Path]) -> None:
    result, _ = evaluation
    assert check_thresholds(result, {"hit@3": 0.0, "citation_verbatim": 1.0}, {}, {}) == []
    violations = check_thresholds(result, {"hit@3": 1.01, "mrr": 0.0}, {}, {})
    assert len(violations) == 1 and violations[0].startswith("hit@3:")
    assert check_thresholds(result, {"no_such_metric": 0.5}, {}, {}) == [
        "no_such_metric: not measured (threshold 0.500)"
    ]
    # a regression confined to one question type fails the gate on its own
    per_type = check_thresholds(result, {}, {"who": 1.01, "target": 0.0}, {})
    assert len(per_type) == 1 and per_type[0].startswith("key_facts[who]:")


@pytest.mark.slow
def test_shipped_thresholds_name_measured_metrics(evaluation: tuple[EvalResult, Path]) -> None:
    result, _ = evaluation
    thresholds = load_thresholds()
    assert thresholds["citation_verbatim"] == 1.0
    measured = set(result.systems["kehoach"].overall())
    assert set(thresholds) <= measured
    assert set(load_maximum_thresholds()) <= measured


@pytest.mark.slow
def test_eval_command_exit_code(
    evaluation: tuple[EvalResult, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import eval.cli

    result, _ = evaluation
    monkeypatch.setattr(eval.cli, "run_evaluation", lambda *args, **kwargs: result)
    monkeypatch.setattr(eval.cli, "check_thresholds", lambda r: [])
    assert eval.cli.eval_command(None, tmp_path, tmp_path) == 0
    monkeypatch.setattr(eval.cli, "check_thresholds", lambda r: ["hit@3: 0.1 < threshold 0.9"])
    assert eval.cli.eval_command(None, tmp_path, tmp_path) == 1
    # a blind batch is reported beside its first run, not gated by the gold-set thresholds
    blind = Path("eval/blind/batch-2026-12.jsonl")
    assert eval.cli.eval_command(blind, tmp_path, tmp_path) == 0
    assert eval.cli.eval_command(None, tmp_path, tmp_path, record=True) == 2


# ---- the pieces --------------------------------------------------------------------------


def test_every_quote_sized_span_lies_inside_one_chunk() -> None:
    text = "".join(chr(0x61 + i % 26) for i in range(2500))
    chunks = fixed_size_chunks("d", text, size=800, overlap=200)
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
    assert all(c.text == text[c.start : c.end] for c in chunks if c.start is not None)
    for start in range(0, len(text) - 200):
        assert any(c.start <= start and start + 200 <= c.end for c in chunks)  # type: ignore[operator]


def test_bm25_tokenizes_folded_and_ranks_the_matching_chunk_first() -> None:
    assert tokenize("Sở KH&CN chủ trì") == ["so", "kh", "cn", "chu", "tri"]
    docs = [tokenize(t) for t in ("phủ sóng 5G", "băng thông rộng cố định", "hóa đơn điện tử")]
    assert BM25Index(docs).top_k(tokenize("bang thong rong"), 2)[0] == 1


def test_retrieval_only_answer_is_the_top_chunk() -> None:
    ranked = [Chunk("d", "first chunk", 0, 11), Chunk("d", "second", None, None)]
    output = retrieval_only_output(ranked)
    assert output.answer == "first chunk" and not output.abstained
    assert output.citations[0].clause_text == "first chunk"
    assert output.context_chars == len("first chunk") + len("second")
    lost = retrieval_only_output(ranked[1:])
    assert (lost.citations[0].start, lost.citations[0].end) == (0, 0)
    assert baseline_query({"question": "b?", "previous": ["a?"]}) == "a? b?"


def test_scoring_of_abstentions() -> None:
    sources = load_sources(BUNDLED_CORPUS)
    gold = {q["id"]: q for q in load_gold()}
    answerable, unanswerable = (
        gold["nb19-who-001"],
        next(q for q in gold.values() if q["type"] == "unanswerable"),
    )
    abstained = SystemOutput(answer="Các kế hoạch không nêu.", abstained=True)
    scores = score_output(unanswerable, abstained, sources)
    assert scores["accuracy"] is True and scores["hit@3"] is None
    assert failure_reasons(unanswerable, abstained, scores) == []
    scores = score_output(answerable, abstained, sources)
    assert scores["key_facts"] == 0.0 and scores["citation_correct"] is False
    assert failure_reasons(answerable, abstained, scores) == ["abstained wrongly"]


def test_dense_baseline_embeds_prefetched_queries_once() -> None:
    from eval.baselines.llamaindex_dense import EmbedderAdapter

    calls: list[list[str]] = []

    class CountingEmbedder(HashingEmbedder):
        def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
            calls.append(list(texts))
            return super().embed_queries(texts)

    adapter = EmbedderAdapter(CountingEmbedder(16))
    adapter.prefetch_queries(["a", "b", "a"])
    assert adapter.get_query_embedding("a") == HashingEmbedder(16).embed_queries(["a"])[0]
    assert calls == [["a", "b"]]


@pytest.mark.slow
def test_blind_batch_runs_over_its_plan_folders(tmp_path: Path) -> None:
    from eval.batches import Batch, find_batch, record_baseline

    shipped = find_batch(Path("eval/blind/batch-2026-12.jsonl").resolve())
    assert shipped is not None
    picked = [q for q in load_gold(shipped.questions) if q["id"].startswith("b26-qt125-")][:2]
    questions = tmp_path / "mini.jsonl"
    questions.write_text("".join(json.dumps(q) + "\n" for q in picked), encoding="utf-8")
    batch = Batch("mini", questions, shipped.corpus, tmp_path / "mini.baseline.json")
    home, embedder = tmp_path / "home", HashingEmbedder(64)
    first = run_evaluation(Settings(), None, tmp_path / "r1", home, embedder=embedder, batch=batch)
    assert first.questions == 2 and first.batch == "mini" and first.blind is None
    assert not [n for n in first.notes if "outside the evaluated corpus" in n]
    record_baseline(batch, first, {"recorded": "test"})
    again = run_evaluation(Settings(), None, tmp_path / "r2", home, embedder=embedder, batch=batch)
    assert again.blind is not None and again.blind["questions"] == 2
    assert "## Blind and tuned: batch `mini`" in (tmp_path / "r2" / "report.md").read_text()
    data = json.loads((tmp_path / "r2" / "report.json").read_text(encoding="utf-8"))
    assert data["batch"] == "mini" and data["blind_baseline"]["recorded"] == "test"
    # the same home evaluated on the bundled corpus alone: the extra plans are pointed out
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(load_gold()[0]) + "\n", encoding="utf-8")
    mixed = run_evaluation(Settings(), gold, tmp_path / "r3", home, embedder=embedder)
    (note,) = [n for n in mixed.notes if "outside the evaluated corpus" in n]
    assert "quang-tri-125-KH-UBND-2025" in note
