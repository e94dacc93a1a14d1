"""Answering benchmark: warm in-process latency, cold start of `kehoach ask`, peak memory.

    python bench/ask_bench.py [--home DIR] [--rounds N]

The home must already hold the built model and the ingested corpus (run `kehoach ask`
once, or this script does it before timing). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.settings import Settings
from retrieval.runtime import Runtime

QUESTIONS = (
    "Sở nào chủ trì chỉ tiêu 6.6?",
    "so nao chu tri chi tieu 6.6",
    "VP UBND tỉnh theo dõi những chỉ tiêu nào?",
    "Công an tỉnh chủ trì những chỉ tiêu nào?",
    "Thời hạn hoàn thành chỉ tiêu 3.1 kế hoạch 19?",
    "Kế hoạch 466 do ai ký?",
    "Tổ công nghệ số cộng đồng cần làm gì?",
    "Tỷ lệ hồ sơ TTHC xử lý trực tuyến của Xuân Trường đạt bao nhiêu?",
    "Những nhiệm vụ nào hạn tháng 10/2025?",
    "So sánh chỉ tiêu phủ sóng 5G của Ninh Bình và Xuân Trường",
    "chỉ tiêu 2.1",
    "Ngân sách chuyển đổi số năm 2025 là bao nhiêu tỷ đồng?",
)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _cold_starts(question: str, home: Path, runs: int = 3) -> list[float]:
    """Seconds from process start to answer printed, for `kehoach ask QUESTION`."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kehoach.cli", "ask", question, "--home", str(home)],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", type=Path, default=Path("/tmp/kehoach-bench-ask"))
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()

    runtime = Runtime(Settings(home=args.home))
    runtime.ensure_corpus()
    assistant = runtime.assistant()
    for question in QUESTIONS:  # warm-up: model, caches, first queries
        assistant.ask(question)
    latencies: list[float] = []
    for _ in range(args.rounds):
        for question in QUESTIONS:
            started = time.perf_counter()
            assistant.ask(question)
            latencies.append((time.perf_counter() - started) * 1000)
    runtime.close()

    # A clause look-up needs no model; a free-text question loads the embedding model.
    cold = {
        "lookup": _cold_starts(QUESTIONS[0], args.home),
        "search": _cold_starts(QUESTIONS[6], args.home),
    }
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(
        json.dumps(
            {
                "questions": len(latencies),
                "warm_p50_ms": round(statistics.median(latencies), 1),
                "warm_p95_ms": round(_percentile(latencies, 0.95), 1),
                "warm_max_ms": round(max(latencies), 1),
                "cold_start_lookup_s_median": round(statistics.median(cold["lookup"]), 2),
                "cold_start_search_s_median": round(statistics.median(cold["search"]), 2),
                "cold_start_s_all": {k: [round(c, 2) for c in v] for k, v in cold.items()},
                "peak_rss_mb_in_process": round(
                    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
                ),
                "peak_rss_mb_cold_cli": round(child_peak, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
