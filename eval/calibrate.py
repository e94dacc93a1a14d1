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

``python -m eval.calibrate measure ROWS… [--table FILE] [--held-out]`` shows per file what
the table's decisions do: the right answers kept and the wrong ones still stated
(confident-wrong), before (every collected answer stated) and after. ``--held-out`` fits a
table on the other files for each file (same thresholds as ``--table``'s), so the figure is
measured on questions the fit never saw.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

from eval.kehoach_system import KehoachSystem
from eval.metrics.goldset import load_gold, should_abstain
from eval.run import corpus_sources
from eval.scoring import score_output
from retrieval import calibration
from retrieval.answers import Answer
from retrieval.calibration import (
    GROUPS,
    TABLE_PATH,
    UNDECIDED,
    Calibration,
    Decision,
    Evidence,
    isotonic,
)
from retrieval.query import Query
from retrieval.strategies.context import Library


def collect(home: Path, questions: Path, corpus: Sequence[Path], out: Path) -> int:
    """Ask every question; write the rows; return how many."""
    from ingest.settings import Settings
    from retrieval.assistant import Assistant
    from retrieval.runtime import Runtime

    calibration.use(UNDECIDED)  # the answers as they would be, before the table decides
    settings = Settings().model_copy(update={"home": home})
    runtime = Runtime(settings)
    rows = []
    asked: list[Query] = []
    checked = Assistant._with_confidence

    def spied(self: Assistant, query: Query, answer: Answer) -> Answer:
        asked.append(query)
        return checked(self, query, answer)

    Assistant._with_confidence = spied  # type: ignore[method-assign]
    try:
        runtime.embedder()
        system = KehoachSystem(runtime, list(corpus) or None)
        sources = corpus_sources(list(corpus) or [Path("corpus")])
        for question in load_gold(questions):
            asked.clear()
            output = system.answer(question)
            answer = system.last_answer
            assert answer is not None
            scores = score_output(question, output, sources)
            evidence = answer.evidence
            library = system._assistant._library
            detail = _detail(library, asked[-1], answer) if asked else None
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
                    "detail": detail,
                }
            )
    finally:
        Assistant._with_confidence = checked  # type: ignore[method-assign]
        runtime.close()
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")
    return len(rows)


def _detail(library: Library, query: Query, answer: Answer) -> dict[str, object]:
    """What the confidence could be read from, kept for studying new features: the question's
    reading, the cited clauses (path, text) and the coverage of the cited and ranked ones."""
    reading = library.read(query)
    topic = library.topic_words(query, [])
    ids = list(dict.fromkeys(c.clause_id for c in answer.citations if c.clause_id))
    cited = library.search.by_ids(ids) if ids else []
    ranked = library.search.by_ids([i for i in answer.candidates[:6] if i not in ids])
    return {
        "folded": query.folded,
        "intent": answer.intent,
        "query_intent": query.intent.value,
        "keywords": list(query.keywords),
        "units": list(reading.units),
        "roles": [str(r) for r in reading.roles],
        "year": reading.period.year if reading.period else None,
        "years": list(reading.years),
        "figure": reading.figure,
        "topic": list(reading.topic),
        "unknown": list(reading.unknown),
        "path": [[s.level, s.label] for s in reading.path],
        "documents": [[d.number, d.symbol, d.kind, d.year] for d in reading.documents],
        "clause_refs": [str(r.number) for r in query.clause_refs],
        "cited": [
            {
                "doc": c.document_id,
                "number": c.number,
                "kind": c.kind,
                "path": c.path,
                "text": c.text[:800],
                "coverage": library.coverage.of(query, topic, c),
                "row": c.target is not None,
            }
            for c in cited
        ],
        "ranked": [
            {
                "doc": c.document_id,
                "number": c.number,
                "coverage": library.coverage.of(query, topic, c),
            }
            for c in ranked
        ],
        "citations": len(answer.citations),
    }


def fit(row_files: Sequence[Path], answer: float, abstain: float) -> Calibration:
    """The isotonic steps of every group over the rows that carry evidence."""
    points: dict[str, list[tuple[float, bool]]] = {group: [] for group in GROUPS}
    for path in row_files:
        for row in _rows(path):
            evidence = _evidence(row)
            if evidence is not None:
                points[evidence.group].append((evidence.raw, bool(row["right"])))
    steps = {group: isotonic(found) for group, found in points.items() if found}
    return Calibration(steps, answer, abstain)


@dataclass(frozen=True)
class Outcome:
    """What a table's decisions make of one file's collected answers."""

    questions: int
    right: int  # right as collected, every answer stated
    wrong: int  # stated and wrong as collected (confident-wrong before any decision)
    kept: int  # right and still stated (plainly or hedged)
    stated_wrong: int  # wrong and still stated: confident-wrong after the decisions
    hedged: int
    hedged_wrong: int

    def line(self, name: str) -> str:
        n = max(1, self.questions)
        return (
            f"{name:28} n={self.questions:4}  confident-wrong {self.wrong / n:.3f} → "
            f"{self.stated_wrong / n:.3f} ({self.wrong} → {self.stated_wrong})  right kept "
            f"{self.kept}/{self.right}  hedged {self.hedged} ({self.hedged_wrong} wrong)"
        )


def outcome(rows: Sequence[dict[str, Any]], table: Calibration) -> Outcome:
    """The decisions of `table` on collected rows (answers collected with no decision)."""
    right = wrong = kept = stated_wrong = hedged = hedged_wrong = 0
    for row in rows:
        evidence = _evidence(row)
        if row["abstained"]:
            continue
        is_right = bool(row["right"])
        right += is_right
        wrong += not is_right
        decision = Decision.ANSWER if evidence is None else table.decide(evidence)
        if decision is Decision.ABSTAIN:
            continue
        kept += is_right
        stated_wrong += not is_right
        if decision is Decision.HEDGE:
            hedged += 1
            hedged_wrong += not is_right
    return Outcome(len(rows), right, wrong, kept, stated_wrong, hedged, hedged_wrong)


def measure(row_files: Sequence[Path], table: Calibration, held_out: bool) -> list[str]:
    """One line per file and one for all: the table's decisions (with `held_out`, a table
    fitted on the other files, with `table`'s thresholds)."""
    lines = []
    totals = [0] * 7
    for path in row_files:
        used = table
        if held_out:
            others = [other for other in row_files if other != path]
            used = fit(others, table.answer, table.abstain)
        found = outcome(_rows(path), used)
        totals = [a + b for a, b in zip(totals, astuple(found), strict=True)]
        lines.append(found.line(path.stem))
    lines.append(Outcome(*totals).line("all"))
    return lines


def _rows(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return rows


def _evidence(row: dict[str, Any]) -> Evidence | None:
    found = row.get("evidence")
    if not found:
        return None
    return Evidence(found["raw"], found["structured"], tuple(found["unmet"]))


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
    measuring = sub.add_parser("measure", help="what a table's decisions do on evidence rows")
    measuring.add_argument("rows", type=Path, nargs="+")
    measuring.add_argument("--table", type=Path, default=TABLE_PATH)
    measuring.add_argument("--held-out", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "collect":
        count = collect(args.home, args.questions, args.corpus, args.out)
        print(f"{count} rows → {args.out}")
        return 0
    if args.command == "measure":
        table = Calibration.from_plain(json.loads(args.table.read_text(encoding="utf-8")))
        print("\n".join(measure(args.rows, table, args.held_out)))
        return 0
    table = fit(args.rows, args.answer, args.abstain)
    args.table.write_text(json.dumps(table.to_plain(), indent=1) + "\n", encoding="utf-8")
    for group, steps in table.steps.items():
        print(group, " ".join(f"≥{s.low:.2f}:{s.p:.2f}" for s in steps))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
