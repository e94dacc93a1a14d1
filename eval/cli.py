"""``kehoach eval``: run the evaluation, print a summary, apply the threshold gate.

``eval_command`` is wired into the kehoach CLI; ``python -m eval.cli`` runs it directly.
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import time
from pathlib import Path

from eval.batches import find_batch, record_baseline
from eval.report import (
    blind_batches_text,
    blind_text,
    failing_ids_text,
    summary_table,
    trust_text,
)
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
    ``record`` stores this run as that first run (once per batch). The threshold gate
    applies to the gold set only."""
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
        provenance = {
            "recorded": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "commit": _git_head(),
        }
        print(f"blind baseline recorded: {record_baseline(batch, result, provenance)}")
        result.blind = batch.load_baseline()
    print(summary_table(result))
    print()
    for baseline, values in result.ratios.items():
        shown = ", ".join(f"{m} {v:.2f}x" for m, v in values.items() if v is not None)
        print(f"{result.ours} / {baseline}: {shown}")
    print(trust_text(result))
    print(failing_ids_text(result))
    print(blind_text(result) if result.batch else blind_batches_text(result))
    print(f"report: {', '.join(str(p) for p in result.files.values())}")
    print(f"took {time.perf_counter() - started:.0f} s")
    if batch is not None:
        # eval/thresholds.toml is measured on the gold set: a blind batch is reported (blind
        # beside now), not gated, so that its first run can show how far off it is.
        print(f"gate: not applied to blind batch {batch.name} (thresholds are for the gold set)")
        return 0
    violations = check_thresholds(result)
    for violation in violations:
        print(f"threshold violated: {violation}", file=sys.stderr)
    return 1 if violations else 0


def _git_head() -> str:
    """The checked-out commit (with ``+changes`` when the tree is dirty), for provenance."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return (head or "unknown") + ("+changes" if dirty else "")


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
