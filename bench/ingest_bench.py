"""Ingestion benchmark: cold ingest of the corpus (model already built), unchanged re-ingest.

    python bench/ingest_bench.py [--home DIR]

Prints JSON: seconds for the cold ingest and the unchanged re-ingest, clauses per second,
and the peak resident memory of this process. The model is built first (not timed); the
index and catalog are wiped before the cold run.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.embedding.factory import load_embedder
from ingest.settings import Settings
from retrieval.runtime import BUNDLED_CORPUS, Runtime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", type=Path, default=Path("/tmp/kehoach-bench-ingest"))
    args = parser.parse_args()
    settings = Settings(home=args.home)
    embedder = load_embedder(settings)  # builds the model on first use; not timed
    for leftover in (settings.index_dir, settings.catalog_path):
        if leftover.is_dir():
            shutil.rmtree(leftover)
        elif leftover.exists():
            leftover.unlink()

    runtime = Runtime(settings, embedder=embedder)
    started = time.perf_counter()
    cold = runtime.ingest_paths([BUNDLED_CORPUS])
    cold_seconds = time.perf_counter() - started
    started = time.perf_counter()
    again = runtime.ingest_paths([BUNDLED_CORPUS])
    unchanged_seconds = time.perf_counter() - started
    runtime.close()

    clauses = sum(o.clauses for o in cold)
    print(
        json.dumps(
            {
                "documents": len(cold),
                "clauses": clauses,
                "points": sum(o.points for o in cold),
                "cold_ingest_s": round(cold_seconds, 2),
                "unchanged_reingest_s": round(unchanged_seconds, 3),
                "unchanged_statuses": sorted({o.status for o in again}),
                "clauses_per_s": round(clauses / cold_seconds, 1),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "embed_model": embedder.name,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
