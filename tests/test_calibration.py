"""The calibrated confidence: an isotonic table fitted on the evaluation's answers maps the
raw coverage score to the chance an answer is right, and chooses between answering,
answering with "Có thể" and abstaining."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.calibrate import fit, measure, outcome
from retrieval import calibration
from retrieval.calibration import Calibration, Decision, Evidence, Step, isotonic


@pytest.fixture(scope="module")
def assistant(corpus_runtime):
    return corpus_runtime.assistant()


def test_isotonic_is_non_decreasing_and_pools_violators() -> None:
    points = [(0.1, False)] * 6 + [(0.3, True)] * 3 + [(0.4, False)] * 3 + [(0.9, True)] * 8
    steps = isotonic(points, min_count=3)
    ps = [s.p for s in steps]
    assert ps == sorted(ps)
    assert steps[0].low == 0.0
    # the 0.3 (right) and 0.4 (wrong) answers are pooled: half right, shrunk toward 0.5
    assert any(abs(s.p - 0.5) < 1e-9 for s in steps)
    assert steps[-1].p > 0.8


def test_probability_reads_the_step_of_the_raw_score() -> None:
    table = Calibration(
        {"covered": (Step(0.0, 0.2), Step(0.5, 0.6), Step(0.8, 0.9))}, answer=0.75, abstain=0.3
    )
    assert table.probability(Evidence(0.1, False)) == 0.2
    assert table.probability(Evidence(0.5, False)) == 0.6
    assert table.probability(Evidence(0.95, False)) == 0.9
    # a group without steps falls back to the raw score
    assert table.probability(Evidence(0.42, True)) == 0.42
    assert Evidence(0.9, False, ("figure",)).group == "unmet"
    assert Evidence(0.9, True, ("figure",)).group == "structured"
    # only signs of doubt (a rival clause, a thin topic, a year not restated): their own group
    assert Evidence(0.9, False, ("rival", "topic")).group == "soft"
    assert Evidence(0.9, False, ("period", "time")).group == "unmet"


_BANDS = Calibration(
    {
        "covered": (Step(0.0, 0.3), Step(0.5, 0.6), Step(0.8, 0.95)),
        "soft": (Step(0.0, 0.3), Step(0.5, 0.6), Step(0.8, 0.95)),
        "unmet": (Step(0.0, 0.3), Step(0.5, 0.6), Step(0.8, 0.95)),
    },
    answer=0.8,
    abstain=0.5,
)


@pytest.mark.parametrize(
    ("raw", "unmet", "expected"),
    [
        (0.9, (), Decision.ANSWER),  # likely right: stated plainly
        (0.6, (), Decision.HEDGE),  # the middle band: stated with "Có thể"
        (0.2, (), Decision.ABSTAIN),  # seldom right: declined with the closest clauses
        (0.6, ("rival",), Decision.HEDGE),  # a sign of doubt only: a hedge may stand
        (0.6, ("figure",), Decision.ABSTAIN),  # an asked part missing: a hedge would still
        (0.6, ("figure", "topic"), Decision.ABSTAIN),  # state a wrong fact, so declined
        (0.9, ("time",), Decision.ANSWER),  # unless answers like it are right anyway
    ],
)
def test_the_decision_follows_the_calibrated_chance(
    raw: float, unmet: tuple[str, ...], expected: Decision
) -> None:
    assert _BANDS.decide(Evidence(raw, False, unmet)) is expected


def _row(raw: float, right: bool, abstained: bool = False) -> dict[str, object]:
    evidence = {"raw": raw, "structured": False, "unmet": []}
    return {"right": right, "abstained": abstained, "evidence": evidence}


def test_outcome_counts_what_the_decisions_keep_and_still_state_wrongly() -> None:
    rows = [_row(0.9, True), _row(0.9, False), _row(0.6, True), _row(0.6, False)]
    rows += [_row(0.2, True), _row(0.2, False), _row(0.9, False, abstained=True)]
    found = outcome(rows, _BANDS)
    assert (found.questions, found.right, found.wrong) == (7, 3, 3)
    # the low answers are declined: one right answer lost, one wrong one no longer stated
    assert (found.kept, found.stated_wrong) == (2, 2)
    assert (found.hedged, found.hedged_wrong) == (2, 1)


def test_held_out_measure_fits_on_the_other_files(tmp_path: Path) -> None:
    paths = []
    for name in ("a", "b", "c"):
        path = tmp_path / f"{name}.json"
        rows = [_row(i / 20, i % 3 != 0) for i in range(20)]
        path.write_text(json.dumps(rows), encoding="utf-8")
        paths.append(path)
    lines = measure(paths, _BANDS, held_out=True)
    assert [line.split()[0] for line in lines] == ["a", "b", "c", "all"]
    assert "n=  60" in lines[-1]


def test_the_shipped_table_is_monotone_with_ordered_thresholds() -> None:
    table = calibration.fitted()
    assert 0.0 <= table.abstain < table.answer <= 1.0
    for steps in table.steps.values():
        assert [s.low for s in steps] == sorted(s.low for s in steps)
        assert [s.p for s in steps] == sorted(s.p for s in steps)
        assert all(0.0 < s.p < 1.0 for s in steps)


def test_fit_reads_rows_and_round_trips(tmp_path: Path) -> None:
    rows = [
        {"right": i % 4 != 0, "evidence": {"raw": i / 20, "structured": False, "unmet": []}}
        for i in range(20)
    ] + [{"right": False, "evidence": None}]
    path = tmp_path / "rows.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    table = fit([path], answer=0.8, abstain=0.3)
    assert set(table.steps) == {"covered"}
    again = Calibration.from_plain(json.loads(json.dumps(table.to_plain())))
    assert again == table


def test_answers_carry_the_calibrated_score_and_hedge_below_the_threshold(assistant) -> None:
    table = calibration.fitted()
    for question in (
        "Sở nào chủ trì chỉ tiêu 6.6?",
        "Tỷ lệ hồ sơ TTHC xử lý trực tuyến của Ninh Bình đạt bao nhiêu?",
        "Kinh phí thực hiện kế hoạch chuyển đổi số của Tiền Giang là bao nhiêu tỷ đồng?",
    ):
        answer = assistant.ask(question)
        assert 0.0 <= answer.confidence <= 1.0
        if answer.abstained:
            continue
        assert answer.evidence is not None
        assert answer.confidence == table.probability(answer.evidence)
        assert answer.confidence >= table.abstain
        assert answer.answer.startswith("Có thể") == (answer.confidence < table.answer)
