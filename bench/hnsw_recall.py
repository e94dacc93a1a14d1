"""Dense recall of an HNSW index against exact search, on a copy of a home's Edge shard.

    python bench/hnsw_recall.py --home DIR [--m 16] [--ef-construct 100] [--ef 64 128]
        [--queries 200]

Copies the home's shard to a temporary folder, reopens the copy with an HNSW config and
runs Edge's optimizers (which build the graph on segments above the indexing threshold),
then asks the same dense queries of the copy with the graph (`hnsw_ef` as given) and
exactly (`SearchParams(exact=True)`), unfiltered, and prints recall@10 (the share of the
exact top 10 the graph finds), the optimize time (what HNSW adds to an ingest run), the
copy's size on disk and per-query CPU time of both searches. Queries: the dense vectors of
stored points, chosen at random with a fixed seed (a question close to a clause, as real
questions are). Recall counts ties: a hit scoring at least the exact 10th score is one of
the top 10 (a bulk-filled home holds every bundled clause many times with one vector).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import cast
from uuid import UUID

import qdrant_edge as qe

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.index.protocol import DENSE_VECTOR, SPARSE_VECTOR
from ingest.settings import Settings


def _sample_vectors(shard: qe.EdgeShard, count: int, seed: int) -> list[tuple[str, list[float]]]:
    """`count` stored points' dense vectors, chosen at random (fixed seed)."""
    ids: list[str] = []
    offset = None
    while True:
        records, offset = shard.scroll(
            qe.ScrollRequest(offset=offset, limit=4096, with_payload=False, with_vector=False)
        )
        ids.extend(str(r.id) for r in records)
        if offset is None or not records:
            break
    chosen = random.Random(seed).sample(ids, min(count, len(ids)))
    records = shard.retrieve(list[int | UUID | str](chosen), False, [DENSE_VECTOR])
    return [(str(r.id), list(cast(dict, r.vector)[DENSE_VECTOR])) for r in records]


def _top(shard: qe.EdgeShard, vector: list[float], params: qe.SearchParams) -> list[float]:
    """The scores of the 10 best hits."""
    hits = shard.query(
        qe.QueryRequest(
            limit=10,
            query=qe.Query.Nearest(vector, using=DENSE_VECTOR),
            params=params,
            with_payload=False,
            with_vector=False,
        )
    )
    return [float(h.score) for h in hits]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--m", type=int, default=16)
    parser.add_argument("--ef-construct", type=int, default=100)
    parser.add_argument("--ef", type=int, nargs="+", default=[64, 128])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    settings = Settings(home=args.home)
    source = settings.index_dir / settings.collection
    work = Path(tempfile.mkdtemp(prefix="kehoach-hnsw-"))
    copy = work / source.name
    try:
        shutil.copytree(source, copy)
        stored = json.loads((copy / "edge_config.json").read_text(encoding="utf-8"))
        dimension = int(stored["vectors"][DENSE_VECTOR]["size"])
        config = qe.EdgeConfig(
            vectors={
                DENSE_VECTOR: qe.EdgeVectorParams(size=dimension, distance=qe.Distance.Cosine)
            },
            sparse_vectors={SPARSE_VECTOR: qe.EdgeSparseVectorParams(modifier=qe.Modifier.Idf)},
            hnsw_config=qe.HnswIndexConfig(
                m=args.m, ef_construct=args.ef_construct, full_scan_threshold=10_000
            ),
        )
        shard = qe.EdgeShard.load(str(copy), config)
        started, started_cpu = time.perf_counter(), time.process_time()
        shard.optimize()
        shard.flush()
        optimize_s = time.perf_counter() - started
        optimize_cpu_s = time.process_time() - started_cpu
        info = shard.info()
        queries = _sample_vectors(shard, args.queries, args.seed)
        exact = qe.SearchParams(exact=True)
        exact_cpu: list[float] = []
        truth: dict[str, float] = {}
        for point_id, vector in queries:
            before = time.process_time()
            found = _top(shard, vector, exact)
            exact_cpu.append((time.process_time() - before) * 1000)
            truth[point_id] = found[-1] - 1e-6 * abs(found[-1]) if found else 0.0
        result: dict[str, object] = {
            "points": info.points_count,
            "segments": info.segments_count,
            "m": args.m,
            "ef_construct": args.ef_construct,
            "optimize_s": round(optimize_s, 1),
            "optimize_cpu_s": round(optimize_cpu_s, 1),
            "disk_mb": round(sum(p.stat().st_size for p in copy.rglob("*") if p.is_file()) / 1e6),
            "exact_cpu_ms_p50": round(statistics.median(exact_cpu), 2),
        }
        for ef in args.ef:
            params = qe.SearchParams(hnsw_ef=ef)
            shares, cpu = [], []
            for point_id, vector in queries:
                before = time.process_time()
                found = _top(shard, vector, params)
                cpu.append((time.process_time() - before) * 1000)
                shares.append(min(10, sum(score >= truth[point_id] for score in found)) / 10)
            result[f"recall@10_ef{ef}"] = round(statistics.mean(shares), 4)
            result[f"hnsw_cpu_ms_p50_ef{ef}"] = round(statistics.median(cpu), 2)
        shard.close()
        print(json.dumps(result))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
