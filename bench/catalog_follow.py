"""What following the shared catalog costs per question, beside reading it again.

    python bench/catalog_follow.py [--plans 1000] [--rounds 20000] [--database URL]

Every question on the API, the chat webhooks and the polling bot first asks whether another
process committed a document (`Catalog.changed_on_disk`: two `stat` calls); only a change
reads the catalog again. Builds a catalog of N entries (a snapshot and a journal, as a
home that ingested N plans one by one) in a temporary folder and prints, in microseconds,
the median and 95th percentile of the check when nothing changed and of a reload.

With `--database` (a PostgreSQL URL; use a throwaway database or a schema of its own: the
tables are emptied) the catalog is the server path's (`DatabaseCatalog`): the check is one
read of the revision row, and the time from one replica's commit until another's check
sees it is printed too.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from ingest.catalog import Catalog, CatalogEntry, DocumentCatalog
from ingest.catalog_db import DatabaseCatalog


def _entry(n: int) -> CatalogEntry:
    return CatalogEntry(
        document={
            "id": f"ke-hoach-{n}",
            "title": f"Kế hoạch số {n} về chuyển đổi số năm 2026",
            "so_hieu": f"{n}/KH-UBND",
            "content_hash": f"{n:064x}",
            "place": f"xã Thử Nghiệm {n}",
        },
        clause_count=130,
        target_count=40,
        point_count=130,
        embed_model="hashing",
        parser_version=1,
        version=f"{n:016x}",
    )


def _times_us(call: object, rounds: int) -> tuple[float, float]:
    assert callable(call)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter_ns()
        call()
        samples.append((time.perf_counter_ns() - start) / 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=20000)
    parser.add_argument("--database", help="PostgreSQL URL: the server path's catalog")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "catalog.json"

        def open_one() -> DocumentCatalog:
            url = arguments.database
            return DatabaseCatalog(url, path) if url else Catalog(path)

        writer = open_one()
        writer.entries.clear()
        writer.save()
        for n in range(arguments.plans):  # one commit per plan
            writer.entries[f"ke-hoach-{n}"] = _entry(n)
            writer.commit(f"ke-hoach-{n}")
        reader = open_one()
        check = _times_us(reader.changed_on_disk, arguments.rounds)
        reader.may_have_changed()  # starts the listener (PostgreSQL)
        time.sleep(1.0)  # connected and listening
        reader.may_have_changed()
        asked = _times_us(reader.may_have_changed, arguments.rounds)
        reload = _times_us(reader.reload, max(5, arguments.rounds // 1000))
        seen: list[float] = []
        told: list[float] = []
        for n in range(20):  # commit at one, first check that sees it at the other
            for checked, times in ((reader.changed_on_disk, seen), (reader.may_have_changed, told)):
                writer.entries[f"ke-hoach-{n}"] = _entry(n + arguments.plans + len(times))
                start = time.perf_counter_ns()
                writer.commit(f"ke-hoach-{n}")
                while not checked():
                    pass
                times.append((time.perf_counter_ns() - start) / 1000)
                reader.reload()
        writer.close()
        reader.close()
    print(
        f"{arguments.plans} plans ({'PostgreSQL' if arguments.database else 'files'}): "
        f"exact check p50 {check[0]:.1f} µs p95 {check[1]:.1f} µs; "
        f"per-question check p50 {asked[0]:.2f} µs p95 {asked[1]:.2f} µs; "
        f"reload p50 {reload[0]:.0f} µs p95 {reload[1]:.0f} µs; "
        f"commit → seen elsewhere p50 {statistics.median(seen):.0f} µs max {max(seen):.0f} µs "
        f"(per-question check: p50 {statistics.median(told):.0f} µs max {max(told):.0f} µs)"
    )


if __name__ == "__main__":
    main()
