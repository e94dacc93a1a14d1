"""Run the gold set through our assistant and the two baselines, score, report, chart.

``run_evaluation`` is what ``kehoach eval`` calls. All systems answer the same questions;
the dense baseline embeds with the runtime's embedder, i.e. our embedding model.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from eval.baselines.bm25_chunks import BM25ChunkBaseline
from eval.batches import Batch
from eval.chart import write_chart
from eval.kehoach_system import KehoachSystem
from eval.metrics.aggregate import Score
from eval.metrics.citations import load_sources
from eval.metrics.goldset import GOLD_PATH, Question, load_gold, should_abstain
from eval.ragas_llm import score_llm
from eval.ragas_metrics import score_non_llm
from eval.report import write_reports
from eval.result import EvalResult, QuestionRow
from eval.scoring import failure_reasons, score_output
from eval.summary import ratios, summarize_system
from eval.systems import System, SystemOutput, failed_output
from ingest.embedding.protocol import Embedder
from ingest.settings import Settings
from retrieval.runtime import BUNDLED_CORPUS, Runtime

logger = logging.getLogger(__name__)

DEFAULT_OUT_DIR = Path("eval-report")
CHART_NAME = "accuracy_by_type.png"
Status = Callable[[str], None]


def run_evaluation(
    settings: Settings,
    questions_path: Path | None = None,
    out_dir: Path = DEFAULT_OUT_DIR,
    home: Path | None = None,
    *,
    embedder: Embedder | None = None,
    status: Status | None = None,
    corpus: Sequence[Path] | None = None,
    batch: Batch | None = None,
) -> EvalResult:
    """Answer, score and report every gold question with every system; write ``out_dir``.

    ``home`` overrides ``settings.home`` (the index and built model are reused from there);
    ``embedder`` replaces the configured model (tests pass the hashing embedder);
    ``corpus`` lists the plan folders to evaluate on (default: the batch's, else the
    bundled ``corpus/``); ``batch``, a registered blind batch, puts its first-run figures
    in the report beside this run's.
    """
    say = status or (lambda message: None)
    started = time.perf_counter()
    notes: list[str] = []
    questions = load_gold(questions_path or (batch.questions if batch else GOLD_PATH))
    if corpus is None and batch is not None:
        corpus = batch.corpus
    if home is not None:
        settings = settings.model_copy(update={"home": home})
    timings: dict[str, float] = {}
    runtime = Runtime(settings, status=status, embedder=embedder)
    try:
        clock = time.perf_counter()
        runtime.embedder()  # load (or build) the model here, not inside the first answer
        ours = KehoachSystem(runtime, corpus)
        timings["setup: model and index"] = time.perf_counter() - clock
        sources = corpus_sources(corpus or [BUNDLED_CORPUS])
        notes.extend(_index_notes(ours.documents, sources))
        outputs: dict[str, list[SystemOutput]] = {}
        seconds: dict[str, float] = {}
        for build in _system_builders(ours, sources, runtime):
            clock = time.perf_counter()
            system = build()
            if system is not ours:
                timings[f"{system.name}: build"] = time.perf_counter() - clock
            say(f"evaluating {system.name} on {len(questions)} questions")
            clock = time.perf_counter()
            system.prepare(questions)
            outputs[system.name] = [_answer(system, q) for q in questions]
            seconds[system.name] = time.perf_counter() - clock
            timings[f"{system.name}: answers"] = seconds[system.name]
        clock = time.perf_counter()
        say("computing ragas metrics")
        extra, ragas_notes = _ragas_scores(
            questions, outputs, settings, runtime.embedder(), ours.name
        )
        notes += ragas_notes
        timings["ragas"] = time.perf_counter() - clock
    finally:
        runtime.close()
    rows = [
        _row(name, q, output, {**score_output(q, output, sources), **more})
        for name, items in outputs.items()
        for q, output, more in zip(questions, items, extra[name], strict=True)
    ]
    reports = {name: summarize_system(name, rows, seconds[name]) for name in outputs}
    result = EvalResult(len(questions), reports, rows, ratios(reports, ours.name), notes, timings)
    if batch is not None:
        result.batch, result.blind = batch.name, batch.load_baseline()
    timings["total"] = time.perf_counter() - started
    say(f"writing the report to {out_dir}")
    chart = write_chart(result, out_dir / CHART_NAME)
    result.files = {**write_reports(result, questions, out_dir, chart), CHART_NAME: chart}
    return result


def corpus_sources(folders: Sequence[Path]) -> dict[str, str]:
    """Every plan text of ``folders`` keyed by file stem (a later folder never hides an
    earlier one's plan: a stem found twice is an error, the evaluation would be ambiguous)."""
    sources: dict[str, str] = {}
    for folder in folders:
        if not folder.is_dir():
            raise FileNotFoundError(f"corpus folder not found: {folder}")
        for stem, text in load_sources(folder).items():
            if stem in sources:
                raise ValueError(f"plan {stem!r} found in two corpus folders")
            sources[stem] = text
    return sources


def _index_notes(indexed: frozenset[str], sources: dict[str, str]) -> list[str]:
    """A note when the home's index holds plans outside the evaluated corpus: they take part
    in the answers (a fresh ``--home`` evaluates the corpus alone)."""
    extra = sorted(indexed - set(sources))
    if not extra:
        return []
    return [f"the index also holds plans outside the evaluated corpus: {', '.join(extra)}"]


def _system_builders(
    ours: KehoachSystem, sources: dict[str, str], runtime: Runtime
) -> list[Callable[[], System]]:
    def dense() -> System:
        # llama-index is heavy: imported only when this baseline is built.
        from eval.baselines.llamaindex_dense import LlamaIndexDenseBaseline

        return LlamaIndexDenseBaseline(sources, runtime.embedder())

    return [lambda: ours, lambda: BM25ChunkBaseline(sources), dense]


def _answer(system: System, question: Question) -> SystemOutput:
    try:
        return system.answer(question)
    except Exception as error:  # one broken question must not sink the evaluation
        logger.exception("%s failed on %s", system.name, question["id"])
        return failed_output(error)


def _ragas_scores(
    questions: Sequence[Question],
    outputs: dict[str, list[SystemOutput]],
    settings: Settings,
    embedder: Embedder,
    ours: str,
) -> tuple[dict[str, list[dict[str, Score]]], list[str]]:
    """ragas scores per system and question (LLM-judged ones for ours only), and notes."""
    scores: dict[str, list[dict[str, Score]]] = {}
    notes: list[str] = []
    for name, items in outputs.items():
        pairs = list(zip(questions, items, strict=True))
        offline = score_non_llm(pairs)
        merged: list[dict[str, Score]] = [dict(s) for s in offline.scores]
        notes += [note for note in offline.notes if note not in notes]
        if name == ours:
            judged = score_llm(pairs, settings, embedder)
            for row, more in zip(merged, judged.scores, strict=True):
                row.update(more)
            notes += judged.notes
        scores[name] = merged
    return scores, notes


def _row(
    system: str, question: Question, output: SystemOutput, scores: dict[str, Score]
) -> QuestionRow:
    return QuestionRow(
        id=question["id"],
        type=question["type"],
        system=system,
        question=question["question"],
        answer=output.answer,
        abstained=output.abstained,
        should_abstain=should_abstain(question),
        scores=scores,
        failures=tuple(failure_reasons(question, output, scores)),
        tags=tuple(question.get("tags", [])),
        intent=output.intent,
        error=output.error,
        cited=tuple(
            f"{c.document_id} [{c.start}:{c.end}] {_clip(c.quote)}" for c in output.citations
        ),
        top_retrieved=tuple(f"{p.document_id}: {_clip(p.text)}" for p in output.retrieved[:3]),
    )


def _clip(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
