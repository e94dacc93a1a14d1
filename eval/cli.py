"""``kehoach eval``: run the evaluation, print a summary, apply the threshold gate.

``eval_command`` is wired into the kehoach CLI; ``python -m eval.cli`` runs it directly.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from eval.batches import find_batch, record_baseline
from eval.report import blind_text, failing_ids_text, summary_table
from eval.run import DEFAULT_OUT_DIR, run_evaluation
from eval.thresholds import check_thresholds
from ingest.settings import Settings


def _status(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def eval_command(
    questions: Path | None,
    out: Path,
    home: Path | None,
    corpus: list[Path] | None = None,
    record: bool = False,
) -> int:
    """Evaluate, write the report into ``out``; 0 when every threshold holds, else 1.

    A questions file registered in ``eval/blind/batches.toml`` is asked over that batch's
    plan folders (``corpus`` overrides them) and reported beside its blind first run;
    ``record`` stores this run as that first run (once per batch)."""
    started = time.perf_counter()
    batch = find_batch(questions)
    if record and batch is None:
        print(
            "--record-baseline needs a questions file listed in eval/blind/batches.toml",
            file=sys.stderr,
        )
        return 2
    result = run_evaluation(
        Settings(), questions, out, home, status=_status, corpus=corpus, batch=batch
    )
    if record and batch is not None:
        provenance = {"recorded": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
        print(f"blind baseline recorded: {record_baseline(batch, result, provenance)}")
        result.blind = batch.load_baseline()
    print(summary_table(result))
    print()
    for baseline, values in result.ratios.items():
        shown = ", ".join(f"{m} {v:.2f}x" for m, v in values.items() if v is not None)
        print(f"{result.ours} / {baseline}: {shown}")
    print(failing_ids_text(result))
    if result.batch:
        print(blind_text(result))
    print(f"report: {', '.join(str(p) for p in result.files.values())}")
    print(f"took {time.perf_counter() - started:.0f} s")
    violations = check_thresholds(result)
    for violation in violations:
        print(f"threshold violated: {violation}", file=sys.stderr)
    return 1 if violations else 0


def main(argv: list[str] | None = None) -> int:
    """``python -m eval.cli [--questions FILE] [--out DIR] [--home DIR] [--corpus DIR …]
    [--record-baseline]``."""
    parser = argparse.ArgumentParser(prog="python -m eval.cli", description=eval_command.__doc__)
    parser.add_argument("--questions", type=Path, default=None, help="gold JSONL (default: ours)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, help="report folder")
    parser.add_argument("--home", type=Path, default=None, help="kehoach home (index, model)")
    parser.add_argument(
        "--corpus", type=Path, nargs="+", default=None, help="plan folders (default: corpus/)"
    )
    parser.add_argument(
        "--record-baseline",
        action="store_true",
        help="store this run as the batch's blind first run (once, before any change for it)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    return eval_command(args.questions, args.out, args.home, args.corpus, args.record_baseline)


if __name__ == "__main__":
    sys.exit(main())
