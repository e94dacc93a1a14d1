"""Fit the calibrated confidence (`retrieval/calibration.json`) on the evaluation's answers.

``python -m eval.calibrate collect --home DIR --questions FILE [--corpus DIR …] --out ROWS``
asks every question of a set as ``kehoach eval`` does (follow-ups in one conversation) and
writes one row per answer: its evidence (raw coverage score, structured or not, the asked
parts unmet), whether it abstained, and whether it was right (answered, and every key fact
stated; a question to decline answered is wrong). Run it on the gold set and on each blind
batch, each over its own plans and home.

``python -m eval.calibrate fit ROWS… [--answer P] [--abstain P]`` fits the isotonic step
function per group (`retrieval.calibration.GROUPS`) on the answered rows of every file and
writes the table with the two thresholds.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from eval.kehoach_system import KehoachSystem
from eval.metrics.goldset import load_gold, should_abstain
from eval.run import corpus_sources
from eval.scoring import score_output
from retrieval import calibration
from retrieval.calibration import GROUPS, TABLE_PATH, UNDECIDED, Calibration, Evidence, isotonic


def collect(home: Path, questions: Path, corpus: Sequence[Path], out: Path) -> int:
    """Ask every question; write the rows; return how many."""
    from ingest.settings import Settings
    from retrieval.runtime import Runtime

    calibration.use(UNDECIDED)  # the answers as they would be, before the table decides
    settings = Settings().model_copy(update={"home": home})
    runtime = Runtime(settings)
    rows = []
    try:
        runtime.embedder()
        system = KehoachSystem(runtime, list(corpus) or None)
        sources = corpus_sources(list(corpus) or [Path("corpus")])
        for question in load_gold(questions):
            output = system.answer(question)
            answer = system.last_answer
            assert answer is not None
            scores = score_output(question, output, sources)
            evidence = answer.evidence
            rows.append(
                {
                    "id": question["id"],
                    "type": question["type"],
                    "question": question["question"],
                    "answer": answer.answer[:300],
                    "confidence": answer.confidence,
                    "all_facts": bool(scores["all_facts"]),
                    "confident_wrong": bool(scores["confident_wrong"]),
                    "abstained": answer.abstained,
                    "right": not answer.abstained
                    and not should_abstain(question)
                    and bool(scores["all_facts"]),
                    "should_abstain": should_abstain(question),
                    "evidence": None
                    if evidence is None
                    else {
                        "raw": evidence.raw,
                        "structured": evidence.structured,
                        "unmet": list(evidence.unmet),
                    },
                }
            )
    finally:
        runtime.close()
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")
    return len(rows)


def fit(row_files: Sequence[Path], answer: float, abstain: float) -> Calibration:
    """The isotonic steps of every group over the rows that carry evidence."""
    points: dict[str, list[tuple[float, bool]]] = {group: [] for group in GROUPS}
    for path in row_files:
        for row in json.loads(path.read_text(encoding="utf-8")):
            found = row.get("evidence")
            if not found:
                continue
            evidence = Evidence(found["raw"], found["structured"], tuple(found["unmet"]))
            points[evidence.group].append((evidence.raw, bool(row["right"])))
    steps = {group: isotonic(found) for group, found in points.items() if found}
    return Calibration(steps, answer, abstain)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.calibrate")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("collect", help="ask a question set and write its evidence rows")
    ask.add_argument("--home", type=Path, required=True)
    ask.add_argument("--questions", type=Path, required=True)
    ask.add_argument("--corpus", type=Path, nargs="*", default=[])
    ask.add_argument("--out", type=Path, required=True)
    fitting = sub.add_parser("fit", help="fit the table on evidence rows")
    fitting.add_argument("rows", type=Path, nargs="+")
    fitting.add_argument("--answer", type=float, default=0.75)
    fitting.add_argument("--abstain", type=float, default=0.35)
    fitting.add_argument("--table", type=Path, default=TABLE_PATH)
    args = parser.parse_args(argv)
    if args.command == "collect":
        count = collect(args.home, args.questions, args.corpus, args.out)
        print(f"{count} rows → {args.out}")
        return 0
    table = fit(args.rows, args.answer, args.abstain)
    args.table.write_text(json.dumps(table.to_plain(), indent=1) + "\n", encoding="utf-8")
    for group, steps in table.steps.items():
        print(group, " ".join(f"≥{s.low:.2f}:{s.p:.2f}" for s in steps))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
