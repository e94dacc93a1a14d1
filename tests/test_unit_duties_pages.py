"""A unit's duties ("Sở Tư pháp có nhiệm vụ gì?") page like every long list.

The answer lists the clauses headed by the unit's name, then the table rows naming it;
past `row_lists.WHOLE_LIST` items it holds one window of them with the exact count, and
every surface pages it by the server: the assistant's windows put together are the whole
list, the API's `first_row` / `all_rows`, the chat service's "xem tiếp" (typed, and the
Telegram button's page) — each page "còn N dòng — xem tiếp" with N exact.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.render import Line, answer_blocks
from bot.service import ChatService
from bot.telegram_callbacks import CallbackData
from bot.telegram_format import answer_keyboard
from retrieval.answers import Answer
from retrieval.display import answer_view, more_rows_note
from retrieval.row_lists import EVERY_ROW, WHOLE_LIST, RowWindow
from tests.conftest import ingested_runtime, make_runtime
from tests.test_api_support import running_client

ROWS = 64  # table rows naming the unit: with its headed clause's 3 items, past WHOLE_LIST
QUESTION = "Sở Tư pháp có nhiệm vụ gì?"
_REF = re.compile(r"\s*\[\d+\]")


def _plan() -> str:
    lines = [
        "ỦY BAN NHÂN DÂN",
        "TỈNH THỬ NGHIỆM",
        "Số: 12/KH-UBND",
        "KẾ HOẠCH",
        "Triển khai công tác pháp chế năm 2027",
        "I. MỤC TIÊU",
        "Bảo đảm triển khai đồng bộ công tác pháp chế.",
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Sở Tư pháp",
        "- Chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch.",
        "- Tổng hợp khó khăn, vướng mắc báo cáo Ủy ban nhân dân tỉnh.",
        "- Hướng dẫn các cơ quan, đơn vị rà soát văn bản quy phạm pháp luật.",
        "2. Sở Tài chính",
        "- Tham mưu bố trí kinh phí thực hiện Kế hoạch.",
        "",
        "PHỤ LỤC 1",
        "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {n} | Rà soát văn bản pháp luật lĩnh vực số {n} | Sở Tư pháp | Sở Nội vụ | "
        f"Quý {n % 4 + 1}/2027 |"
        for n in range(1, ROWS + 1)
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Answer]]:
    """A closed home holding the plan, and the whole list as the assistant gives it."""
    folder = tmp_path_factory.mktemp("unit-duties-pages")
    plans = folder / "plans"
    plans.mkdir()
    (plans / "ke-hoach-phap-che.txt").write_text(_plan(), encoding="utf-8")
    with ingested_runtime(folder / "home", [plans]) as runtime:
        whole = runtime.assistant().ask(QUESTION, rows=EVERY_ROW)
        runtime.ensure_corpus()  # the bundled plans too: the API's start-up would add them
    yield folder / "home", whole


def items(answer: Answer) -> list[str]:
    """The listed items without their citation numbers (each page numbers its own)."""
    return [_REF.sub("", line) for line in answer.answer.split("\n") if line[:2] == "- "]


def test_the_whole_list_is_the_headed_items_then_every_row(home: tuple[Path, Answer]) -> None:
    _, whole = home
    assert whole.intent == "guidance" and not whole.partial
    listed = items(whole)
    assert len(listed) == 3 + ROWS > WHOLE_LIST
    assert listed[0].startswith("- Chủ trì theo dõi, đôn đốc")
    assert all(f"lĩnh vực số {n}" in listed[2 + n] for n in range(1, ROWS + 1))


def test_the_assistant_answers_one_window_at_a_time_with_the_exact_count(
    home: tuple[Path, Answer],
) -> None:
    path, whole = home
    runtime = make_runtime(path)
    try:
        assistant = runtime.assistant()
        first = assistant.ask(QUESTION)
        assert first.partial and first.rows_total == 3 + ROWS and first.page_of == QUESTION
        assert first.answer.startswith(whole.answer.split("\n")[0])  # the headed clause first
        put_together: list[str] = []
        size = 7
        for start in range(0, 3 + ROWS, size):
            page = assistant.ask(QUESTION, rows=RowWindow(start, size))
            assert page.rows_total == 3 + ROWS
            assert page.holds_rows(start, size)
            view = answer_view(page, size, start)
            assert view.hidden_rows == max(0, 3 + ROWS - start - size)
            shown = [line.text for line in view.lines if line.kind == "item"]
            put_together += [_REF.sub("", "- " + text) for text in shown]
            # every citation the page refers to is one it carries
            assert {c.n for c in view.cards} <= {c.n for c in page.citations}
            assert len(page.answer) < len(whole.answer) / 2  # one window, not the list
        assert put_together == items(whole)
        for asked in ("Sở Tư pháp có những nhiệm vụ gì?", "so tu phap co nhung nhiem vu gi"):
            listed = assistant.ask(asked)  # the unit's rows in every role: paged alike
            assert listed.partial and listed.rows_total == 3 + ROWS
        rest = assistant.ask(QUESTION, rows=RowWindow(10, None))  # "xem tất cả" after a page
        assert rest.rows_total == 3 + ROWS and items(rest)[-ROWS + 7 :] == items(whole)[10:]
    finally:
        runtime.close()


def test_the_api_pages_a_units_duties(home: tuple[Path, Answer]) -> None:
    path, whole = home
    with running_client(path) as client:
        first = client.post("/v1/ask", json={"question": QUESTION}).json()
        assert first["view"]["total_rows"] == 3 + ROWS and first["view"]["rows_from"] == 0
        assert _api_items(first) == items(whole)[:10]
        page = client.post("/v1/ask", json={"question": QUESTION, "first_row": 20}).json()
        assert page["view"]["total_rows"] == 3 + ROWS and page["view"]["rows_from"] == 20
        assert _api_items(page) == items(whole)[20:30]
        every = client.post(
            "/v1/ask", json={"question": QUESTION, "first_row": 10, "all_rows": True}
        ).json()
        assert every["view"]["total_rows"] == 3 + ROWS
        assert _api_items(every) == items(whole)[10:]


def _api_items(body: dict[str, Any]) -> list[str]:
    lines = body["view"]["lines"]
    return [_REF.sub("", "- " + line["text"]) for line in lines if line["kind"] == "item"]


def test_the_bots_page_a_units_duties(home: tuple[Path, Answer]) -> None:
    path, whole = home
    runtime = make_runtime(path)
    try:
        service = ChatService.for_runtime(runtime)
        first = service.ask("telegram:7", QUESTION)
        assert more_rows_note(answer_view(first)) == f"… còn {3 + ROWS - 10} dòng — xem tiếp"
        # the Telegram button asks for the next page by the list's question
        keyboard = answer_keyboard(first, "tok", list_token=service.list_token("telegram:7"))
        assert keyboard is not None
        more = [
            CallbackData.decode(button.callback_data)  # type: ignore[arg-type]
            for row in keyboard.inline_keyboard
            for button in row
            if button.text.startswith("Xem tiếp")
        ]
        assert more and more[0] is not None and more[0].n == 10
        button = service.page("telegram:7", first.page_of, 10)
        assert button.rows_total == 3 + ROWS and button.holds_rows(10, 10)
        # "xem tiếp" typed (Zalo, Telegram) goes on after the page the button showed
        shown = [_REF.sub("", "- " + line.text[2:]) for line in _item_lines(first, 0)]
        shown += [_REF.sub("", "- " + line.text[2:]) for line in _item_lines(button, 10)]
        while (found := service.next_page("telegram:7")) is not None:
            answer, first_row = found
            assert answer.rows_total == 3 + ROWS and first_row == len(shown)
            shown += [_REF.sub("", "- " + line.text[2:]) for line in _item_lines(answer, first_row)]
        assert shown == items(whole)
        assert not service.wants_next_page("telegram:7", "xem tiếp")  # nothing left
    finally:
        runtime.close()


def _item_lines(answer: Answer, first_row: int) -> list[Line]:
    """The list rows a bot message shows for this page ("• …" lines)."""
    return [
        line
        for block in answer_blocks(answer, first_row=first_row)
        for line in block
        if line.text.startswith("• ")
    ]
