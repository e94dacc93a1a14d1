"""Trust metrics (confident-wrong, honest abstention), the maximum gate, blind batches and
their first-run baseline shown beside the current run — all without the real model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.batches import Batch, baseline_figures, find_batch, load_batches, record_baseline
from eval.metrics.aggregate import OVERALL
from eval.metrics.goldset import Question
from eval.report import blind_batches_text, blind_text, markdown_report, trust_text
from eval.result import EvalResult, QuestionRow
from eval.run import corpus_sources
from eval.scoring import RATE_METRICS, is_confident_wrong, score_output
from eval.summary import summarize_system
from eval.systems import CitedSpan, SystemOutput
from eval.thresholds import check_thresholds, load_maximum_thresholds

DOC = "plan-a"
SOURCE = "Chỉ tiêu 2.1. Phủ sóng 5G đạt tối thiểu trên 60% dân số. Sở Khoa học và Công nghệ."
QUOTE = "Phủ sóng 5G đạt tối thiểu trên 60% dân số"
SOURCES = {DOC: SOURCE}
ANSWERABLE: Question = {
    "id": "a-target-01",
    "question": "Phủ sóng 5G bao nhiêu?",
    "type": "target",
    "tags": [],
    "document": DOC,
    "key_facts": [["60%"]],
    "gold": [{"document": DOC, "clause": "2.1", "quote": QUOTE}],
}
UNANSWERABLE: Question = {
    "id": "a-una-01",
    "question": "Kế hoạch 92 do ai ký?",
    "type": "unanswerable",
    "tags": ["not_loaded"],
    "document": None,
    "key_facts": [],
    "gold": [],
}


def _answer(text: str, abstained: bool = False) -> SystemOutput:
    start = SOURCE.index(QUOTE)
    cited = () if abstained else (CitedSpan(DOC, QUOTE, QUOTE, start, start + len(QUOTE)),)
    return SystemOutput(answer=text, abstained=abstained, citations=cited)


# ---- the metric --------------------------------------------------------------------------


def test_right_answer_is_not_confident_wrong() -> None:
    scores = score_output(ANSWERABLE, _answer("Đạt trên 60% dân số."), SOURCES)
    assert scores["confident_wrong"] is False
    assert scores["abstained_answerable"] is False


def test_wrong_answer_stated_without_doubt_is_confident_wrong() -> None:
    scores = score_output(ANSWERABLE, _answer("Đạt trên 70% dân số."), SOURCES)
    assert scores["confident_wrong"] is True
    assert scores["abstained_answerable"] is False


def test_a_hedged_wrong_answer_is_still_confident_wrong_and_counted_apart() -> None:
    hedged = score_output(ANSWERABLE, _answer("Có thể: Đạt trên 70% dân số."), SOURCES)
    plain = score_output(ANSWERABLE, _answer("Đạt trên 70% dân số."), SOURCES)
    right = score_output(ANSWERABLE, _answer("Có thể: Đạt trên 60% dân số."), SOURCES)
    assert hedged["confident_wrong"] is True and hedged["hedged_wrong"] is True
    assert plain["confident_wrong"] is True and plain["hedged_wrong"] is False
    assert right["confident_wrong"] is False and right["hedged_wrong"] is False


def test_honest_abstention_on_an_answerable_question_is_counted_apart() -> None:
    scores = score_output(ANSWERABLE, _answer("Các kế hoạch không nêu.", abstained=True), SOURCES)
    assert scores["confident_wrong"] is False
    assert scores["abstained_answerable"] is True
    assert scores["key_facts"] == 0.0  # still not a right answer


def test_answering_a_question_to_decline_is_confident_wrong() -> None:
    answered = score_output(UNANSWERABLE, _answer("Người ký: Hà Lan Anh."), SOURCES)
    declined = score_output(UNANSWERABLE, _answer("Chưa nạp.", abstained=True), SOURCES)
    assert answered["confident_wrong"] is True and declined["confident_wrong"] is False
    assert answered["abstained_answerable"] is None  # not applicable: nothing to answer


def test_partly_right_answer_is_confident_wrong() -> None:
    two_facts = {**ANSWERABLE, "key_facts": [["60%"], ["Sở Y tế"]]}
    assert is_confident_wrong(two_facts, False, {"all_facts": False})
    assert not is_confident_wrong(two_facts, False, {"all_facts": True})
    assert not is_confident_wrong(two_facts, True, {"all_facts": False})


def test_trust_metrics_are_rates() -> None:
    assert {"confident_wrong", "abstained_answerable"} <= set(RATE_METRICS)


# ---- aggregation, gate, report ------------------------------------------------------------


def _row(question: Question, output: SystemOutput, system: str = "kehoach") -> QuestionRow:
    return QuestionRow(
        id=question["id"],
        type=question["type"],
        system=system,
        question=question["question"],
        answer=output.answer,
        abstained=output.abstained,
        should_abstain=question["type"] == "unanswerable",
        scores=score_output(question, output, SOURCES),
    )


def _result(outputs: list[tuple[Question, SystemOutput]]) -> EvalResult:
    rows = [_row(q, o) for q, o in outputs]
    report = summarize_system("kehoach", rows, 1.0)
    return EvalResult(len(rows), {"kehoach": report}, rows, {})


def _questions(n: int, template: Question) -> list[Question]:
    return [{**template, "id": f"{template['id']}-{i}"} for i in range(n)]


@pytest.fixture
def mixed() -> EvalResult:
    """4 target questions (2 right, 1 confidently wrong, 1 abstained) and 2 to decline
    (1 declined, 1 answered): confident-wrong 2/6 overall, 1/4 target, 1/2 unanswerable."""
    right, wrong, abstain = _answer("60%"), _answer("70%"), _answer("?", abstained=True)
    targets = _questions(4, ANSWERABLE)
    declines = _questions(2, UNANSWERABLE)
    return _result(
        list(zip(targets, [right, right, wrong, abstain], strict=True))
        + list(zip(declines, [abstain, wrong], strict=True))
    )


def test_confident_wrong_per_type_and_overall(mixed: EvalResult) -> None:
    by_type = mixed.systems["kehoach"].by_type
    assert by_type[OVERALL].means["confident_wrong"] == pytest.approx(2 / 6)
    assert by_type["target"].means["confident_wrong"] == pytest.approx(1 / 4)
    assert by_type["unanswerable"].means["confident_wrong"] == pytest.approx(1 / 2)
    assert by_type["target"].means["abstained_answerable"] == pytest.approx(1 / 4)
    assert by_type[OVERALL].counts["abstained_answerable"] == 4  # answerable ones only


def test_gate_fails_above_the_maximum(mixed: EvalResult) -> None:
    assert check_thresholds(mixed, {}, {}, {"confident_wrong": 0.5}) == []
    assert check_thresholds(mixed, {}, {}, {"confident_wrong": 0.2}) == [
        "confident_wrong: 0.333 > maximum 0.200"
    ]
    assert check_thresholds(mixed, {}, {}, {"nothing": 0.1}) == [
        "nothing: not measured (maximum 0.100)"
    ]


def test_shipped_maximum_is_a_small_rate() -> None:
    maximums = load_maximum_thresholds()
    assert 0.0 < maximums["confident_wrong"] <= 0.1


def test_report_shows_the_trust_figures(mixed: EvalResult) -> None:
    markdown = markdown_report(mixed, {})
    assert "| confident_wrong | 0.333 |" in markdown
    assert "| abstained_answerable | 0.250 |" in markdown
    assert "## Blind and tuned" not in markdown  # not a registered batch
    assert "## Tuned and blind" in markdown  # the gold run lists the batches' first runs
    lines = trust_text(mixed).splitlines()
    assert lines[1].split()[:3] == ["target", "0.250", "(1/4)"]
    assert lines[-1].split()[:3] == ["overall", "0.333", "(2/6)"]


# ---- blind batches -------------------------------------------------------------------------


def _registry(tmp_path: Path) -> Path:
    (tmp_path / "b.jsonl").write_text(json.dumps(ANSWERABLE) + "\n", encoding="utf-8")
    path = tmp_path / "batches.toml"
    path.write_text(
        '[[batch]]\nname = "b"\nquestions = "b.jsonl"\ncorpus = ["plans", "more"]\n'
        'baseline = "b.baseline.json"\nwritten = "by reading"\n',
        encoding="utf-8",
    )
    return path


def test_registry_resolves_paths(tmp_path: Path) -> None:
    (batch,) = load_batches(_registry(tmp_path), root=tmp_path / "repo")
    assert batch.questions == (tmp_path / "b.jsonl").resolve()
    assert batch.corpus == ((tmp_path / "repo/plans").resolve(), (tmp_path / "repo/more").resolve())
    assert find_batch(tmp_path / "b.jsonl", [batch]) is batch
    assert find_batch(tmp_path / "other.jsonl", [batch]) is None
    assert find_batch(None, [batch]) is None
    assert batch.load_baseline() is None
    assert load_batches(tmp_path / "missing.toml") == []


def test_baseline_is_recorded_once(tmp_path: Path, mixed: EvalResult) -> None:
    (batch,) = load_batches(_registry(tmp_path), root=tmp_path)
    path = record_baseline(batch, mixed, {"recorded": "2026-12-06", "commit": "c6cdc5f"})
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["batch"] == "b" and data["commit"] == "c6cdc5f" and data["questions"] == 6
    assert data["overall"]["confident_wrong"] == pytest.approx(2 / 6)
    assert data["by_type"]["target"]["n"] == 4
    assert sorted(data["failing"]) == sorted(r.id for r in mixed.failing())
    with pytest.raises(FileExistsError):
        record_baseline(batch, mixed, {})


def test_report_shows_blind_beside_now(mixed: EvalResult) -> None:
    blind = baseline_figures(mixed)
    blind["overall"]["key_facts"] = 0.25
    blind["by_type"]["target"]["confident_wrong"] = 0.75
    mixed.batch, mixed.blind = "b", {**blind, "recorded": "2026-12-06", "commit": "c6cdc5f"}
    markdown = markdown_report(mixed, {})
    assert "## Blind and tuned: batch `b`" in markdown
    assert "| key_facts | 0.250 | 0.500 |" in markdown
    assert "| target | 4 | 0.500 → 0.500 | " in markdown
    assert "0.750 → 0.250" in markdown  # target confident-wrong, blind then now
    line = blind_text(mixed)
    assert line.startswith("batch b: first run (blind, 2026-12-06) → now")
    assert "confident_wrong 0.333 → 0.333" in line


def test_report_says_when_no_blind_run_is_recorded(mixed: EvalResult) -> None:
    mixed.batch = "b"
    assert "No blind first run recorded yet" in markdown_report(mixed, {})
    assert "no blind first run recorded yet" in blind_text(mixed)


def test_shipped_blind_batch_asks_over_both_plan_folders() -> None:
    batch = find_batch(Path("eval/blind/batch-2026-12.jsonl").resolve())
    assert isinstance(batch, Batch)
    assert [p.name for p in batch.corpus] == ["corpus", "plans"]
    assert len(corpus_sources(batch.corpus)) == 8


def test_corpus_sources_rejects_missing_folders_and_twice_found_plans(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "p.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b" / "p.txt").write_text("y", encoding="utf-8")
    assert corpus_sources([tmp_path / "a"]) == {"p": "x"}
    with pytest.raises(ValueError, match="two corpus folders"):
        corpus_sources([tmp_path / "a", tmp_path / "b"])
    with pytest.raises(FileNotFoundError):
        corpus_sources([tmp_path / "none"])


def test_gold_run_lists_each_batch_first_run(tmp_path: Path, mixed: EvalResult) -> None:
    (batch,) = load_batches(_registry(tmp_path), root=tmp_path)
    assert "blind b: no first run recorded" in blind_batches_text(mixed, [batch])
    record_baseline(batch, mixed, {"recorded": "then"})
    lines = blind_batches_text(mixed, [batch]).splitlines()
    assert lines[0] == "tuned (this run): key_facts 0.500, confident_wrong 0.333"
    assert lines[1] == "blind b (6 questions, first run): key_facts 0.500, confident_wrong 0.333"
