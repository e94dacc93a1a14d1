"""Write the evaluation report (``report.md``, ``report.json``) and the stdout summary."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from eval.batches import Batch, load_batches
from eval.metrics.aggregate import OVERALL
from eval.metrics.goldset import Question
from eval.result import EvalResult, QuestionRow

SUMMARY_METRICS = (
    "hit@1",
    "hit@3",
    "hit@5",
    "mrr",
    "ndcg@10",
    "accuracy",
    "key_facts",
    "all_facts",
    "citation_correct",
    "citation_verbatim",
    "abstention_precision",
    "abstention_recall",
    "confident_wrong",
    "hedged_wrong",
    "abstained_answerable",
    "context_chars",
    "quote_chars",
    "ragas_context_precision",
    "ragas_context_recall",
    "ragas_string_similarity",
    "ragas_rouge_l",
    "ragas_faithfulness",
    "ragas_answer_relevancy",
)
TYPE_METRICS = ("accuracy", "key_facts", "hit@3", "mrr", "citation_correct", "confident_wrong")
# Blind (first run) beside now: overall rows, then key facts and confident-wrong per type.
BLIND_OVERALL = (
    "key_facts",
    "all_facts",
    "hit@3",
    "citation_correct",
    "abstention_precision",
    "abstention_recall",
    "confident_wrong",
    "abstained_answerable",
)
BLIND_BY_TYPE = ("key_facts", "hit@3", "citation_correct", "confident_wrong")


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.0f}" if abs(value) >= 10 else f"{value:.3f}"


def _fmt_ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def _overall(result: EvalResult) -> dict[str, dict[str, float]]:
    return {name: report.overall() for name, report in result.systems.items()}


def summary_table(result: EvalResult) -> str:
    """A compact plain-text table: one line per metric, one column per system."""
    names = list(result.systems)
    overall = _overall(result)
    width = max(len(n) for n in names) + 2
    lines = [f"{'metric':<26}" + "".join(f"{n:>{width}}" for n in names)]
    for metric in SUMMARY_METRICS:
        values = [overall[n].get(metric) for n in names]
        if all(v is None for v in values):
            continue
        lines.append(f"{metric:<26}" + "".join(f"{_fmt(v):>{width}}" for v in values))
    seconds = [result.systems[n].seconds for n in names]
    lines.append(f"{'seconds':<26}" + "".join(f"{s:>{width}.1f}" for s in seconds))
    return "\n".join(lines)


def failing_ids_text(result: EvalResult) -> str:
    """Our failing question ids, grouped by question type."""
    failing = result.failing()
    if not failing:
        return f"{result.ours}: no failing questions"
    by_type: dict[str, list[str]] = {}
    for row in failing:
        by_type.setdefault(row.type, []).append(row.id)
    lines = [f"{result.ours}: {len(failing)} failing questions"]
    lines += [f"  {t} ({len(ids)}): {' '.join(ids)}" for t, ids in sorted(by_type.items())]
    return "\n".join(lines)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_report(
    result: EvalResult, questions: Mapping[str, Question], chart: str | None = None
) -> str:
    """The human report: summary, ratios, per-type table, notes, timings, failing questions."""
    names = list(result.systems)
    overall = _overall(result)
    out = [
        "# kehoach evaluation report",
        "",
        f"{result.questions} gold questions; systems: "
        + ", ".join(f"`{n}`" for n in names)
        + f" (ours: `{result.ours}`).",
        "",
        "## Summary (overall)",
        "",
        "| metric | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
    ]
    for metric in SUMMARY_METRICS:
        values = [overall[n].get(metric) for n in names]
        if any(v is not None for v in values):
            out.append(f"| {metric} | " + " | ".join(_fmt(v) for v in values) + " |")
    seconds = [f"{result.systems[n].seconds:.1f}" for n in names]
    out.append("| seconds | " + " | ".join(seconds) + " |")
    out += ["", "## Ours / baseline", "", "| baseline | " + " | ".join(_ratio_cols(result)) + " |"]
    out.append("|---|" + "---:|" * len(_ratio_cols(result)))
    for baseline, ratio in result.ratios.items():
        cells = [_fmt_ratio(ratio.get(m)) for m in _ratio_cols(result)]
        out.append(f"| {baseline} | " + " | ".join(cells) + " |")
    out += _type_table(result)
    out += _blind_section(result)
    if chart:
        out += ["", f"![accuracy per question type]({chart})"]
    out += ["", "## Notes", ""] + [f"- {note}" for note in result.notes]
    out += ["", "## Timings (seconds)", ""]
    out += [f"- {k}: {v:.1f}" for k, v in result.timings.items()]
    out += _failing_section(result, questions)
    return "\n".join(out) + "\n"


def _ratio_cols(result: EvalResult) -> list[str]:
    return sorted({m for values in result.ratios.values() for m in values})


def _type_table(result: EvalResult) -> list[str]:
    names = list(result.systems)
    ours = result.systems[result.ours].by_type
    head = " | ".join(TYPE_METRICS)
    lines = ["", "## Per question type", "", f"Each cell: {' · '.join(names)}.", ""]
    lines.append(f"| type | n | {head} | abstained ({result.ours}) |")
    lines.append("|---|---:|" + "---|" * len(TYPE_METRICS) + "---:|")
    for qtype in [t for t in ours if t != OVERALL] + [OVERALL]:
        cells = []
        for metric in TYPE_METRICS:
            values = [result.systems[n].by_type[qtype].means.get(metric) for n in names]
            cells.append(" · ".join(_fmt(v) for v in values))
        abstained = ours[qtype].means.get("abstained")
        row = f"| {qtype} | {ours[qtype].n} | " + " | ".join(cells)
        lines.append(f"{row} | {_fmt(abstained)} |")
    return lines


def trust_text(result: EvalResult) -> str:
    """Our confident-wrong rate and honest abstentions per question type, one line each."""
    by_type = result.systems[result.ours].by_type
    lines = [f"{result.ours} per type: confident-wrong · abstained on answerable · key facts"]
    for qtype in [t for t in sorted(by_type) if t != OVERALL] + [OVERALL]:
        means, counts = by_type[qtype].means, by_type[qtype].counts
        wrong, honest = means.get("confident_wrong"), means.get("abstained_answerable")
        n_wrong = round((wrong or 0.0) * counts.get("confident_wrong", 0))
        lines.append(
            f"  {qtype:<14} {_fmt(wrong)} ({n_wrong}/{counts.get('confident_wrong', 0)})"
            f" · {_fmt(honest)} · {_fmt(means.get('key_facts'))}"
        )
    return "\n".join(lines)


def blind_text(result: EvalResult) -> str:
    """One line per headline figure: the batch's blind first run beside this run."""
    now = result.ours_figures()["overall"]
    if result.blind is None:
        return (
            f"batch {result.batch}: no blind first run recorded yet "
            "(--record-baseline stores this run as that first run)"
        )
    blind = result.blind.get("overall", {})
    cells = [f"{m} {_fmt(blind.get(m))} → {_fmt(now.get(m))}" for m in BLIND_OVERALL]
    head = f"batch {result.batch}: first run (blind, {result.blind.get('recorded', '?')}) → now"
    return head + "\n  " + "\n  ".join(cells)


def blind_batches_text(result: EvalResult, batches: Sequence[Batch] | None = None) -> str:
    """On a gold-set run: this (tuned) run beside every registered batch's blind first run."""
    now = result.ours_figures()["overall"]
    shown = ("key_facts", "confident_wrong")
    lines = ["tuned (this run): " + ", ".join(f"{m} {_fmt(now.get(m))}" for m in shown)]
    for batch in load_batches() if batches is None else batches:
        blind = batch.load_baseline()
        if blind is None:
            lines.append(f"blind {batch.name}: no first run recorded")
            continue
        figures = ", ".join(f"{m} {_fmt(blind['overall'].get(m))}" for m in shown)
        lines.append(f"blind {batch.name} ({blind['questions']} questions, first run): {figures}")
    return "\n".join(lines)


def _blind_section(result: EvalResult) -> list[str]:
    if result.batch is None:
        text = blind_batches_text(result)
        return ["", "## Tuned and blind", "", "```text", text, "```"]
    lines = ["", f"## Blind and tuned: batch `{result.batch}`", ""]
    if result.blind is None:
        return [*lines, "No blind first run recorded yet for this batch."]
    blind, now = result.blind, result.ours_figures()
    lines += [
        f"First run before any change for the batch ({blind.get('recorded', '?')}, "
        f"{blind.get('commit', '?')}) beside this run (ours).",
        "",
        "| metric | blind (first run) | now |",
        "|---|---:|---:|",
    ]
    for metric in BLIND_OVERALL:
        then, current = blind.get("overall", {}).get(metric), now["overall"].get(metric)
        lines.append(f"| {metric} | {_fmt(then)} | {_fmt(current)} |")
    head = " | ".join(f"{m} blind → now" for m in BLIND_BY_TYPE)
    lines += ["", f"| type | n | {head} |", "|---|---:|" + "---|" * len(BLIND_BY_TYPE)]
    for qtype in sorted(set(blind.get("by_type", {})) | set(now["by_type"]) - {OVERALL}):
        then_row = blind.get("by_type", {}).get(qtype, {})
        now_row = now["by_type"].get(qtype, {})
        cells = [f"{_fmt(then_row.get(m))} → {_fmt(now_row.get(m))}" for m in BLIND_BY_TYPE]
        n = now_row.get("n", then_row.get("n", 0))
        lines.append(f"| {qtype} | {n} | " + " | ".join(cells) + " |")
    return lines


def _failing_section(result: EvalResult, questions: Mapping[str, Question]) -> list[str]:
    failing = result.failing()
    lines = ["", f"## Failing questions ({result.ours}: {len(failing)})", ""]
    for row in failing:
        lines += _failing_item(row, questions.get(row.id, {}))
    return lines


def _failing_item(row: QuestionRow, question: Question) -> list[str]:
    facts = question.get("key_facts", [])
    expected = "; ".join(" / ".join(f) for f in facts) if facts else "(abstain)"
    previous = question.get("previous") or []
    lines = [f"- **{row.id}** ({row.type}) — {_md_cell('; '.join(row.failures))}"]
    if previous:
        lines.append(f"  - previous: {_md_cell(' → '.join(previous))}")
    lines += [
        f"  - question: {_md_cell(row.question)}",
        f"  - expected: {_md_cell(expected)}",
        f"  - answer: {_md_cell(row.first_line) or '(empty)'}",
    ]
    return lines


def write_reports(
    result: EvalResult,
    questions: Sequence[Question],
    out_dir: Path,
    chart: Path | None = None,
) -> dict[str, Path]:
    """Write ``report.md`` and ``report.json`` into ``out_dir``; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    by_id = {q["id"]: q for q in questions}
    md_path, json_path = out_dir / "report.md", out_dir / "report.json"
    md_path.write_text(
        markdown_report(result, by_id, chart.name if chart else None), encoding="utf-8"
    )
    json_path.write_text(
        json.dumps(result.to_json(), ensure_ascii=False, indent=1, default=str), encoding="utf-8"
    )
    return {"report.md": md_path, "report.json": json_path}
