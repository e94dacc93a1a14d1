"""Web benchmark: what the chat page weighs, and how fast it shows a first answer.

Starts the API (what `kehoach serve` runs, real model) on a free port, waits for
`/readyz`, then opens the chat page in headless Chromium `--runs` times, each in a fresh
browser context (empty cache), and times two things from the test driver:

- page ready: `goto("/")` until the question box has focus (scripts ran);
- first answer: Enter pressed until the answer with its citation cards is on screen.

Prints one JSON object: bytes (raw and gzip) of the page's own JS + CSS, of `/embed.js`
and of the HTML, and the median / min / max of both timings in milliseconds.

Usage: python bench/web_bench.py --home /tmp/kehoach-bench-home --runs 10
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.web.assets import STATIC_FILES
from bench.load_bench import free_port, start_server, wait_ready
from tests.browser_support import CHROMIUM_ARGS, CHROMIUM_CANDIDATES

QUESTIONS = (
    "Sở nào chủ trì chỉ tiêu 6.6?",
    "VP UBND tỉnh theo dõi những chỉ tiêu nào?",
    "Tổ công nghệ số cộng đồng cần làm gì?",
    "Kế hoạch 466 do ai ký?",
)


def weights(base_url: str) -> dict[str, int]:
    """Raw and gzip bytes of what the browser downloads."""
    with httpx.Client(base_url=base_url, timeout=10) as client:
        page = [client.get(f"/static/{name}").content for name in STATIC_FILES]
        widget = client.get("/embed.js").content
        html = client.get("/").content
    joined = b"".join(page)
    return {
        "page_js_css_bytes": len(joined),
        "page_js_css_gzip_bytes": len(gzip.compress(joined)),
        "embed_js_bytes": len(widget),
        "embed_js_gzip_bytes": len(gzip.compress(widget)),
        "chat_html_bytes": len(html),
    }


def summary(values_s: list[float]) -> dict[str, float]:
    values = [value * 1000 for value in values_s]
    return {
        "median_ms": round(statistics.median(values), 1),
        "min_ms": round(min(values), 1),
        "max_ms": round(max(values), 1),
    }


def browser_timings(base_url: str, runs: int) -> dict[str, object]:
    from playwright.sync_api import expect, sync_playwright

    executable = next((path for path in CHROMIUM_CANDIDATES if Path(path).exists()), None)
    if executable is None:
        raise SystemExit("no Chromium: apt-get install chromium")
    ready: list[float] = []
    answered: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for run in range(runs + 1):  # run 0 warms the server's caches and Chromium
            context = browser.new_context()
            page = context.new_page()
            started = time.perf_counter()
            page.goto(base_url + "/")
            box = page.get_by_role("textbox", name="Câu hỏi")
            expect(box).to_be_focused()  # (wait_for_function would need eval, which CSP forbids)
            loaded = time.perf_counter()
            box.fill(QUESTIONS[run % len(QUESTIONS)])
            asked = time.perf_counter()
            box.press("Enter")
            expect(page.locator("article.kh-bot")).to_have_count(1, timeout=30_000)
            shown = time.perf_counter()
            context.close()
            if run:
                ready.append(loaded - started)
                answered.append(shown - asked)
        browser.close()
    return {"runs": runs, "page_ready": summary(ready), "first_answer": summary(answered)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=Path("/tmp/kehoach-bench-home"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--ready-timeout", type=float, default=900)
    args = parser.parse_args()
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    args.home.mkdir(parents=True, exist_ok=True)
    server = start_server(args.home, port, args.home / "web-bench-server.log")
    try:
        wait_ready(base_url, server, args.ready_timeout)
        result = {**weights(base_url), **browser_timings(base_url, args.runs)}
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
