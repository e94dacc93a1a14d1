"""Growth of parse time on adversarial shapes: the time at 4× the size over the time at 1×.

    python bench/parse_scaling.py [--size 100K] [--shapes a,b] [--runs 3]

A linear parser takes about 4× as long on 4× the input, a quadratic one about 16×. Each time is
the fastest of `--runs` runs in this process (less noise from other jobs on the machine), with
the per-document budget lifted. The last column flags a ratio over 9× (the bound the old timed
test used): worth a look with `bench/parse_bench.py`, which measures each size in a fresh
process.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.parse_bench import SHAPES, _size, make_input

SCALING_SHAPES = (
    "repeated-lines",
    "repeated-blocks",
    "bullet-siblings",
    "item-siblings",
    "table-rows",
)
RATIO_FLAG = 9.0


def parse_seconds(shape: str, size: int, runs: int) -> float:
    """The fastest of `runs` parses of one shape at about `size` bytes (decoding not timed)."""
    from ingest.parser.plan import parse_plan
    from ingest.reader import source_text

    data, name = make_input(shape, size)
    text, _ = source_text(data, name, None)
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        parse_plan(text, "bench")
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="100K")
    parser.add_argument("--shapes", default=",".join(SCALING_SHAPES))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ["KEHOACH_MAX_PARSE_SECONDS"] = "0"
    os.environ["KEHOACH_MAX_PARSE_MB"] = "0"
    size = _size(args.size)
    print(f"{'shape':22} {'1× s':>8} {'4× s':>8} {'ratio':>6}")
    for shape in args.shapes.split(","):
        if shape not in SHAPES:
            print(f"{shape:22} unknown shape (known: {', '.join(SHAPES)})")
            continue
        small = parse_seconds(shape, size, args.runs)
        large = parse_seconds(shape, 4 * size, args.runs)
        ratio = large / max(small, 1e-3)
        flag = "  > 9×" if ratio > RATIO_FLAG else ""
        print(f"{shape:22} {small:8.3f} {large:8.3f} {ratio:6.1f}{flag}", flush=True)


if __name__ == "__main__":
    main()
