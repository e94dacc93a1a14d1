"""Load benchmark of `POST /v1/ask` against a real server with the real model.

Starts the API (what `kehoach serve` runs) on 127.0.0.1 on a free port in a subprocess,
waits until `/readyz` says ready (the first use of a home builds the model and ingests
the bundled plans: that happens here, before any timing), warms up, then sends N
requests at concurrency C with a rotating set of realistic questions and prints

    {"n": …, "concurrency": …, "p50_ms": …, "p95_ms": …, "rps": …, "errors": …}

plus `server_cpu_ms`, the server's CPU time per request (Linux, when this script started
the server): on a shared machine it says what the server costs, whatever else runs.

Usage: python bench/load_bench.py --home /tmp/kehoach-bench-home -n 1000 -c 8
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]

QUESTIONS = (
    "Sở nào chủ trì chỉ tiêu 6.6?",
    "so nao chu tri chi tieu 6.6",
    "Kế hoạch 466 do ai ký?",
    "VP UBND tỉnh theo dõi những chỉ tiêu nào?",
    "Đơn vị phối hợp thực hiện chỉ tiêu 2.1 là ai?",
    "Thời hạn hoàn thành chỉ tiêu 6.6 là khi nào?",
    "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến phải đạt bao nhiêu phần trăm?",
    "Kế hoạch 19/KH-UBND ban hành ngày nào?",
    "Sở KHCN chủ trì những nhiệm vụ nào?",
    "Những chỉ tiêu nào phải hoàn thành trong quý IV/2025?",
    "Mục tiêu phủ sóng 5G của tỉnh Ninh Bình là bao nhiêu?",
    "Xã Xuân Trường có kế hoạch chuyển đổi số năm 2026 không?",
    "Kế hoạch thí điểm chính quyền số cấp sở năm 2022 giao nhiệm vụ gì cho Sở Nội vụ?",
    "Ai chịu trách nhiệm tổng hợp, báo cáo kết quả thực hiện kế hoạch?",
    "So sánh mục tiêu chuyển đổi số của Ninh Bình và Tiền Giang",
    "Chỉ tiêu về thanh toán không dùng tiền mặt là gì?",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(home: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """The API in a child process, as `kehoach serve --home HOME --port PORT` runs it."""
    env = {
        **os.environ,
        "KEHOACH_HOME": str(home),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        # the benchmark measures answering, not the limiter: one address sends everything
        "KEHOACH_API_RATE_PER_IP": "0",
        "KEHOACH_API_RATE_PER_KEY": "0",
    }
    code = (
        "from ingest.settings import Settings\n"
        "from api.server import serve\n"
        "from api.settings import ApiSettings\n"
        f"serve(Settings(), ApiSettings(), host='127.0.0.1', port={port}, log_level='warning')\n"
    )
    with log.open("wb") as stream:
        return subprocess.Popen([sys.executable, "-c", code], cwd=REPO, env=env, stderr=stream)


def wait_ready(base_url: str, server: subprocess.Popen[bytes], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    with httpx.Client(base_url=base_url, timeout=5) as client:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise SystemExit(f"the server exited with code {server.returncode}")
            try:
                if client.get("/readyz").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.5)
    raise SystemExit(f"the server was not ready within {timeout_s:.0f} s")


async def run_load(
    base_url: str, total: int, concurrency: int, questions: Sequence[str], distinct: bool = False
) -> tuple[list[float], int, float]:
    """Send `total` asks from `concurrency` workers; latencies (s), errors, wall time (s)."""
    latencies: list[float] = []
    errors = 0
    next_index = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal errors, next_index
            while next_index < total:
                index = next_index
                next_index += 1
                question = questions[index % len(questions)]
                if distinct:  # a text never asked before: no cached query vector helps
                    question = f"{question} (lượt {index})"
                body = {"question": question}
                started = time.perf_counter()
                try:
                    response = await client.post("/v1/ask", json=body)
                    ok = response.status_code == 200 and "answer" in response.json()
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - started)
                errors += not ok

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return latencies, errors, wall


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process and its threads so far (Linux only)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", type=Path, default=Path("/tmp/kehoach-bench-home"))
    parser.add_argument("-n", "--requests", type=int, default=1000)
    parser.add_argument("-c", "--concurrency", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=50, help="untimed requests first")
    parser.add_argument("--ready-timeout", type=float, default=1800)
    parser.add_argument("--url", help="bench a running server instead of starting one")
    parser.add_argument(
        "--distinct",
        action="store_true",
        help="make every question text new (a turn number is appended): the cold path",
    )
    args = parser.parse_args(argv)

    server = None
    if args.url:
        base_url = args.url.rstrip("/")
    else:
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        log = args.home.with_name(args.home.name + "-server.log")
        args.home.mkdir(parents=True, exist_ok=True)
        server = start_server(args.home, port, log)
        print(f"server on {base_url}, log in {log}", file=sys.stderr)
    try:
        if server is not None:
            wait_ready(base_url, server, args.ready_timeout)
        asyncio.run(run_load(base_url, args.warmup, args.concurrency, QUESTIONS))
        cpu_before = cpu_seconds(server.pid) if server is not None else None
        latencies, errors, wall = asyncio.run(
            run_load(base_url, args.requests, args.concurrency, QUESTIONS, args.distinct)
        )
        cpu_after = cpu_seconds(server.pid) if server is not None else None
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    report = {
        "n": len(latencies),
        "concurrency": args.concurrency,
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "rps": round(len(latencies) / wall, 1),
        "errors": errors,
    }
    if cpu_before is not None and cpu_after is not None:
        report["server_cpu_ms"] = round((cpu_after - cpu_before) / len(latencies) * 1000, 1)
    print(json.dumps(report))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
