"""The screenshots kept in docs/screenshots/: what an official sees on the chat page and
the matrix, taken with headless Chromium (as the browser tests) over the bundled plans.

    python -m tests.screenshots            # or: make screenshots

Answers come from the deterministic embedder, as in the golden renderings. Each picture is
reduced to 256 colours (when Pillow is installed) so that it stays small in the repository.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest.embedding.hashing import HashingEmbedder
from ingest.settings import Settings
from retrieval.runtime import BUNDLED_CORPUS, Runtime
from tests.browser_support import (
    CHROMIUM_ARGS,
    REPO_ROOT,
    chromium_executable,
    free_port,
    live_server,
)
from tests.test_api_support import EMBED_DIMENSION, build_app

OUT = REPO_ROOT / "docs" / "screenshots"
TIMEOUT_MS = 30_000
DESKTOP: Any = {"width": 1100, "height": 900}  # playwright's ViewportSize
PHONE: Any = {"width": 360, "height": 740}
LIST_40 = "Những nhiệm vụ nào phải hoàn thành trong năm 2025?"


def ask(page: Any, question: str) -> Any:
    """Type the question, send it, and return the answer once it is shown."""
    box = page.get_by_label("Câu hỏi", exact=True)
    box.fill(question)
    box.press("Enter")
    answer = page.locator("article.kh-bot").last
    answer.wait_for()
    return answer


def chat_6_6(page: Any, app: str) -> None:
    """The 6.6 answer: every role and the deadline on its first line, the card opened."""
    page.goto(app + "/")
    answer = ask(page, "Sở nào chủ trì chỉ tiêu 6.6?")
    answer.locator("li.kh-cite summary").first.click()
    answer.scroll_into_view_if_needed()


def chat_list_40(page: Any, app: str) -> None:
    """A 43-row list: the count, the first rows by plan and appendix."""
    page.goto(app + "/")
    ask(page, LIST_40)


def chat_list_40_end(page: Any, app: str) -> None:
    """The same list scrolled to its end: the rows left out and the way to them."""
    chat_list_40(page, app)
    page.locator(".kh-more-row").last.scroll_into_view_if_needed()


def matrix_from_answer(page: Any, app: str) -> None:
    """The matrix opened from a long list's "Mở bảng phân công": same unit, role, plan."""
    page.goto(app + "/")
    answer = ask(page, "So KHCN chu tri nhung nhiem vu nao trong ke hoach 19?")
    answer.get_by_role("link", name="Mở bảng phân công").click()
    page.locator("#matrix-table[data-state=ready]").wait_for()


def matrix_dates(page: Any, app: str) -> None:
    """Deadline filters read dd/mm/yyyy in a browser set to en-US."""
    page.goto(app + "/matrix?due_after=2025-10-01&due_before=2025-10-31")
    page.locator("#matrix-table[data-state=ready]").wait_for()


# (file name, viewport, browser locale, what to do before the window is shot)
SHOTS: list[tuple[str, Any, str, Callable[[Any, str], None]]] = [
    ("chat-6-6.png", DESKTOP, "vi-VN", chat_6_6),
    ("chat-list-40-rows.png", DESKTOP, "vi-VN", chat_list_40),
    ("chat-list-40-rows-end.png", DESKTOP, "vi-VN", chat_list_40_end),
    ("phone-chat-list-40-rows.png", PHONE, "vi-VN", chat_list_40),
    ("phone-chat-list-40-rows-end.png", PHONE, "vi-VN", chat_list_40_end),
    ("matrix-from-a-list-answer.png", DESKTOP, "vi-VN", matrix_from_answer),
    ("matrix-dates-en-us.png", DESKTOP, "en-US", matrix_dates),
]


def take(out: Path) -> list[Path]:
    """Every screenshot of `SHOTS`, written under `out`."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="kehoach-screenshots-"))
    runtime = Runtime(Settings(home=home), embedder=HashingEmbedder(EMBED_DIMENSION))
    try:
        runtime.ingest_paths([BUNDLED_CORPUS])
    finally:
        runtime.close()
    app, runtime = build_app(home)
    port = free_port()
    written = []
    try:
        with live_server(app, port) as origin, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_executable(), args=CHROMIUM_ARGS
            )
            for name, viewport, locale, action in SHOTS:
                phone = viewport is PHONE
                context = browser.new_context(
                    viewport=viewport, locale=locale, is_mobile=phone, has_touch=phone
                )
                context.set_default_timeout(TIMEOUT_MS)
                page = context.new_page()
                action(page, origin)
                path = out / name
                page.screenshot(path=str(path))
                context.close()
                written.append(_small(path))
            browser.close()
    finally:
        runtime.close()
        shutil.rmtree(home, ignore_errors=True)
    return written


def _small(path: Path) -> Path:
    """The picture in 256 colours (text stays sharp; the file is a fraction of the size)."""
    try:
        from PIL import Image
    except ImportError:
        return path
    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    reduced.save(path, optimize=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNG files")
    for path in take(parser.parse_args().out):
        print(f"{path} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
