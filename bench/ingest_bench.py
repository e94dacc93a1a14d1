"""Ingestion benchmark: cold ingest of the corpus (model already built), unchanged re-ingest.

    python bench/ingest_bench.py [--home DIR] [--backend auto|torch|onnx] [--no-cache]
                                 [--communes N]

Prints JSON: seconds for the cold ingest and the unchanged re-ingest, clauses per second
(wall, and per CPU second of this process's threads, steadier on a shared machine),
the passage-vector cache's hits and misses, and the peak resident memory of this process.
The model (and its ONNX export) is built first and loaded (not timed); the home is wiped
before the cold run. `--communes N` adds N commune plans per bundled plan that copy it
(header, number and year changed in some lines), the way commune plans copy their
province's passages.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.embedding.cache import CachedEmbedder
from ingest.embedding.factory import load_embedder
from ingest.settings import Settings
from retrieval.runtime import BUNDLED_CORPUS, Runtime

_COMMUNES = ("Tân Thành", "Văn Phú", "Trung Sơn", "Công Hòa", "Chi Lăng", "An Bình")


def commune_copy(text: str, number: int) -> str:
    """A commune's plan copied from a province's: its own header, number and title, a later
    year in every seventh line, every other passage as the province wrote it."""
    commune = _COMMUNES[number % len(_COMMUNES)]
    lines = text.splitlines()
    for i, line in enumerate(lines[:20]):  # the header: issuer, number, place, title
        line = re.sub(r"\b(?:TỈNH|Tỉnh|tỉnh)\b", "xã", line)
        line = re.sub(r"\b\d+/KH-UBND\b", f"{100 + number}/KH-UBND", line)
        lines[i] = line.replace("Ninh Bình", commune).replace("Tiền Giang", commune)
    for i in range(20, len(lines), 7):
        lines[i] = lines[i].replace("2025", "2026")
    return "\n".join(lines) + "\n"


def corpus_with_communes(communes: int, folder: Path) -> Path:
    """The bundled plans plus `communes` copies of each, in `folder`."""
    for plan in sorted(BUNDLED_CORPUS.glob("*.txt")):
        text = plan.read_text(encoding="utf-8")
        shutil.copy(plan, folder / plan.name)
        for n in range(communes):
            copy = folder / f"xa-{n}-{plan.name}"
            copy.write_text(commune_copy(text, n), encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", type=Path, default=Path("/tmp/kehoach-bench-ingest"))
    parser.add_argument("--backend", choices=("auto", "torch", "onnx"), default="auto")
    parser.add_argument("--no-cache", action="store_true", help="embed every passage")
    parser.add_argument("--communes", type=int, default=0, help="commune copies per plan")
    args = parser.parse_args()
    if args.home.exists():
        shutil.rmtree(args.home)
    settings = Settings(home=args.home, embed_backend=args.backend, embed_cache=not args.no_cache)
    embedder = load_embedder(settings)  # builds the model on first use; not timed
    embedder.embed_passages(["khởi động"])  # loads the passage engine; not timed
    corpus = BUNDLED_CORPUS
    scratch = Path(tempfile.mkdtemp(prefix="kehoach-bench-corpus-"))
    if args.communes:
        corpus = corpus_with_communes(args.communes, scratch)

    runtime = Runtime(settings, embedder=embedder)
    started, started_cpu = time.perf_counter(), time.process_time()
    cold = runtime.ingest_paths([corpus])
    cold_seconds = time.perf_counter() - started
    cold_cpu = time.process_time() - started_cpu  # every thread's: steadier under load
    started = time.perf_counter()
    again = runtime.ingest_paths([corpus])
    unchanged_seconds = time.perf_counter() - started
    passages = runtime.passage_embedder()
    hits, misses = (
        (passages.hits, passages.misses) if isinstance(passages, CachedEmbedder) else (0, 0)
    )
    runtime.close()
    shutil.rmtree(scratch, ignore_errors=True)

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
                "cold_ingest_cpu_s": round(cold_cpu, 2),
                "clauses_per_cpu_s": round(clauses / cold_cpu, 1),
                "cache_hits": hits,
                "cache_misses": misses,
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "embed_model": embedder.name,
                "passage_engine": getattr(embedder, "passage_name", embedder.name),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
