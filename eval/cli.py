"""``kehoach eval``: run the evaluation, print a summary, apply the threshold gate.

``eval_command`` is wired into the kehoach CLI; ``python -m eval.cli`` runs it directly.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from eval.report import failing_ids_text, summary_table
from eval.run import DEFAULT_OUT_DIR, run_evaluation
from eval.thresholds import check_thresholds
from ingest.settings import Settings


def _status(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def eval_command(questions: Path | None, out: Path, home: Path | None) -> int:
    """Evaluate, write the report into ``out``; 0 when every threshold holds, else 1."""
    started = time.perf_counter()
    result = run_evaluation(Settings(), questions, out, home, status=_status)
    print(summary_table(result))
    print()
    for baseline, values in result.ratios.items():
        shown = ", ".join(f"{m} {v:.2f}x" for m, v in values.items() if v is not None)
        print(f"{result.ours} / {baseline}: {shown}")
    print(failing_ids_text(result))
    print(f"report: {', '.join(str(p) for p in result.files.values())}")
    print(f"took {time.perf_counter() - started:.0f} s")
    violations = check_thresholds(result)
    for violation in violations:
        print(f"threshold violated: {violation}", file=sys.stderr)
    return 1 if violations else 0


def main(argv: list[str] | None = None) -> int:
    """``python -m eval.cli [--questions FILE] [--out DIR] [--home DIR]``."""
    parser = argparse.ArgumentParser(prog="python -m eval.cli", description=eval_command.__doc__)
    parser.add_argument("--questions", type=Path, default=None, help="gold JSONL (default: ours)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, help="report folder")
    parser.add_argument("--home", type=Path, default=None, help="kehoach home (index, model)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    return eval_command(args.questions, args.out, args.home)


if __name__ == "__main__":
    sys.exit(main())
