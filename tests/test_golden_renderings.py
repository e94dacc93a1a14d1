"""Golden renderings: a dozen answers as an official sees them in the CLI, in Telegram and
on the chat page, compared with files reviewed by eye (tests/golden_renderings/).

The answers come from the bundled corpus with the deterministic embedder. After a wanted
change of wording, regenerate with `KEHOACH_UPDATE_RENDERINGS=1 python -m pytest -q
tests/test_golden_renderings.py`, then read the diff before committing it.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from rich.console import Console

from bot import messages
from bot.render import answer_blocks
from bot.telegram_format import answer_keyboard, html_messages
from kehoach.render import print_answer
from retrieval.answers import Answer
from retrieval.conversation import Conversation
from retrieval.display import MAX_ROWS, answer_view

GOLDEN = Path(__file__).parent / "golden_renderings"
UPDATE = os.environ.get("KEHOACH_UPDATE_RENDERINGS") == "1"

# (name, questions asked in one conversation; the last one's answer is rendered)
CASES: list[tuple[str, tuple[str, ...]]] = [
    ("who-6-6", ("Sở nào chủ trì chỉ tiêu 6.6?",)),
    ("who-no-diacritics", ("so nao chu tri chi tieu 6.6",)),
    ("who-monitor-list", ("VP UBND tỉnh theo dõi những chỉ tiêu nào?",)),
    ("list-by-unit-two-appendices", ("Công an tỉnh chủ trì những chỉ tiêu nào?",)),
    ("list-lead-and-other-role", ("Sở KHCN chủ trì những nhiệm vụ nào trong kế hoạch 19?",)),
    ("list-40-rows", ("Những nhiệm vụ nào phải hoàn thành trong năm 2025?",)),
    ("list-by-month", ("Những nhiệm vụ nào phải hoàn thành trong tháng 10/2025?",)),
    ("deadline-6-6", ("Chỉ tiêu 6.6 hạn khi nào?",)),
    (
        "compare",
        ("Tỷ lệ hồ sơ TTHC xử lý trực tuyến: Ninh Bình 2025 so với xã Xuân Trường 2026 thì sao?",),
    ),
    ("ambiguity", ("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến phải đạt bao nhiêu?",)),
    ("abstention", ("Kinh phí xây dựng sân bay là bao nhiêu?",)),
    ("follow-up-deadline", ("Sở nào chủ trì chỉ tiêu 6.6?", "còn thời hạn thì sao?")),
    ("meta-signer", ("Kế hoạch 466 do ai ký?",)),
]


@pytest.fixture(scope="module")
def assistant(corpus_runtime):
    return corpus_runtime.assistant()


def cli_text(answer: Answer) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=False)
    print_answer(console, answer)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def telegram_html(answer: Answer) -> str:
    parts = html_messages(answer_blocks(answer, more_hint=messages.MORE_ROWS_TELEGRAM))
    keyboard = answer_keyboard(answer, "TOKEN", list_token="TOKEN")
    keys = [[button.text for button in row] for row in keyboard.inline_keyboard] if keyboard else []
    shown = "\n\n──── tin nhắn tiếp ────\n\n".join(parts)
    return shown + "\n\n──── nút ────\n" + "\n".join(" | ".join(row) for row in keys) + "\n"


def web_view(answer: Answer) -> str:
    """What the chat page renders: the API's `view` (every row; the page shows the first
    `first_rows` and a "Xem tất cả" button)."""
    view = answer_view(answer, None).to_json()
    view.pop("hidden_rows")
    view["first_rows"] = MAX_ROWS
    return json.dumps(view, ensure_ascii=False, indent=1) + "\n"


RENDERERS = {"cli.txt": cli_text, "telegram.html": telegram_html, "web.json": web_view}


@pytest.mark.parametrize(("name", "questions"), CASES, ids=[name for name, _ in CASES])
def test_answers_render_as_reviewed(assistant, name: str, questions: tuple[str, ...]) -> None:
    conversation = Conversation()
    answer = None
    for question in questions:
        answer = assistant.ask(question, conversation=conversation)
    assert answer is not None
    for suffix, render in RENDERERS.items():
        path = GOLDEN / f"{name}.{suffix}"
        shown = render(answer)
        if UPDATE or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(shown, encoding="utf-8")
            continue
        assert shown == path.read_text(encoding="utf-8"), f"{path.name} changed"


def test_every_rendering_reads_as_promised(assistant) -> None:
    """What the renderings must show, whatever the wording: the 6.6 answer names every role
    and the deadline on its first line; a 40-row list shows 10 rows, the count and the way
    to the rest; quotes keep cells apart and carry no raw `|` or character offsets."""
    first = assistant.ask("Sở nào chủ trì chỉ tiêu 6.6?")
    headline = first.answer.splitlines()[0]
    for fact in ("Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh", "Tháng 11/2025", "[1]"):
        assert fact in headline
    assert "chủ trì" in headline.lower() and "theo dõi" in headline

    many = assistant.ask("Những nhiệm vụ nào phải hoàn thành trong năm 2025?")
    view = answer_view(many)
    assert view.total_rows > 30 and view.hidden_rows == view.total_rows - MAX_ROWS
    assert many.answer.startswith(f"Có {view.total_rows} ")
    assert all(" · " in line.text.split(":")[0] for line in view.lines if line.kind == "item")
    text = cli_text(many)
    # `kehoach ask` has no next page: only the flag is offered
    assert f"… còn {view.hidden_rows} dòng — thêm --all" in text and "xem tiếp" not in text
    html = telegram_html(many)
    assert f"Xem tiếp (còn {view.hidden_rows} dòng)" in html
    for card in view.cards:
        assert "|" not in card.quote and "ký tự" not in card.quote


def test_a_list_carries_its_rows_as_matrix_filters(assistant) -> None:
    """A list's "xem tất cả" on the web opens the matrix on the same rows: the unit (as
    shown), the role asked, the plan named and the period asked travel with the answer."""
    by_unit = assistant.ask("Sở KHCN chủ trì những nhiệm vụ nào trong kế hoạch 19?")
    assert by_unit.rows_filter is not None
    assert by_unit.rows_filter.to_json() == {
        "unit": ["Sở Khoa học và Công nghệ"],
        "role": "lead",
        "document": ["ninh-binh-19-KH-UBND-2025"],
        "due_after": None,
        "due_before": None,
    }
    by_period = assistant.ask("Những nhiệm vụ nào phải hoàn thành trong quý IV/2025?")
    assert by_period.rows_filter is not None
    assert by_period.rows_filter.to_json() == {
        "unit": [],
        "role": "any",
        "document": [],
        "due_after": "2025-10-01",
        "due_before": "2025-12-31",
    }
    assert answer_view(by_period).to_json()["matrix"] == by_period.rows_filter.to_json()
    who = assistant.ask("Sở nào chủ trì chỉ tiêu 6.6?")
    assert who.rows_filter is None and answer_view(who).to_json()["matrix"] is None


def test_a_heading_over_headings_stays_while_its_rows_are_shown(assistant) -> None:
    """ "Ngoài ra, … (vai trò khác) tại N dòng:" heads the plan/appendix headings of its
    rows: it stays when those rows are shown, and goes with them when they are cut."""
    answer = assistant.ask("Sở KHCN chủ trì những nhiệm vụ nào trong kế hoạch 19?")
    view = answer_view(answer)
    other = [line for line in view.lines if line.text.startswith("Ngoài ra")]
    assert other and other[0].kind == "group"
    after = view.lines[view.lines.index(other[0]) + 1]
    assert after.kind == "group"  # the plan's appendix heading, then its rows
    first_only = answer_view(answer, 3)
    assert not any(line.text.startswith("Ngoài ra") for line in first_only.lines)
