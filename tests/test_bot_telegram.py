"""The real Telegram bot (python-telegram-bot) end to end against a fake Bot API on 127.0.0.1.

Updates are fed through the fake's `getUpdates`; the bot's replies are read back from the
calls the fake recorded. Answers come from the bundled corpus ingested with the hashing
embedder (the session's `corpus_runtime`).
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from html.parser import HTMLParser
from typing import Any

import pytest

from bot import messages
from bot.chunking import utf16_length
from bot.service import ChatService
from bot.settings import BotSettings
from bot.telegram_app import build_application, publish_commands
from retrieval import row_lists
from retrieval.answers import Answer, Citation
from retrieval.runtime import Runtime
from tests.fakes.server import Call
from tests.fakes.telegram import FakeTelegram, LoopbackOnlyRequest

TOKEN = "123456:TEST-token"
CHAT = 4242


@pytest.fixture
def service(corpus_runtime: Runtime) -> ChatService:
    """A fresh service (fresh conversations) over the shared ingested corpus."""
    return ChatService.for_runtime(corpus_runtime)


@asynccontextmanager
async def running_bot(
    service: ChatService, clock: Callable[[], float] | None = None, **settings: Any
) -> AsyncIterator[FakeTelegram]:
    """The bot polling a fake Bot API until the block ends."""
    with FakeTelegram(TOKEN) as fake:
        assert isinstance(fake, FakeTelegram)
        bot_settings = BotSettings(
            telegram_bot_token=TOKEN, telegram_api_base_url=fake.api_base_url, **settings
        )
        application = build_application(
            service,
            bot_settings,
            request_factory=LoopbackOnlyRequest,
            clock=clock or time.monotonic,
        )
        assert application.bot.base_url.startswith("http://127.0.0.1:")
        await application.initialize()
        await publish_commands(application)
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=2)
        try:
            yield fake
        finally:
            await application.updater.stop()
            await application.stop()
            await application.shutdown()


def run(scenario: Coroutine[Any, Any, None]) -> None:
    asyncio.run(scenario)


def texts(calls: list[Call], chat: int = CHAT) -> list[str]:
    return [c.params["text"] for c in calls if int(c.params["chat_id"]) == chat]


def buttons(call: Call) -> dict[str, str]:
    """Button label → callback data of a sent message."""
    markup = json.loads(call.params["reply_markup"])
    return {b["text"]: b["callback_data"] for row in markup["inline_keyboard"] for b in row}


def visible(text: str) -> str:
    """What the user reads: tags removed, entities decoded."""
    return html.unescape(TagChecker.strip(text))


class TagChecker(HTMLParser):
    """Checks that a message is well-formed Telegram HTML using only <b> and <i>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("b", "i"):
            self.problems.append(f"unexpected tag {tag}")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")

    def handle_entityref(self, name: str) -> None:
        if name not in ("lt", "gt", "amp", "quot"):
            self.problems.append(f"entity &{name};")

    @classmethod
    def check(cls, text: str) -> list[str]:
        checker = cls()
        checker.feed(text)
        checker.close()
        if "&" in text.replace("&amp;", "").replace("&lt;", "").replace("&gt;", ""):
            checker.problems.append("bare or cut entity")
        return checker.problems + [f"unclosed <{t}>" for t in checker.stack]

    @staticmethod
    def strip(text: str) -> str:
        for tag in ("<b>", "</b>", "<i>", "</i>"):
            text = text.replace(tag, "")
        return text


# ---- answering --------------------------------------------------------------------------------


def test_question_is_answered_with_units_citation_buttons_and_typing(service: ChatService) -> None:
    async def scenario() -> None:
        async with running_bot(service) as fake:
            fake.push_message(CHAT, "Sở nào chủ trì chỉ tiêu 6.6?")
            [sent] = await fake.until("sendMessage")
            text = sent.params["text"]
            assert sent.params["parse_mode"] == "HTML"
            assert "Văn phòng UBND tỉnh" in text
            assert "Sở Khoa học và Công nghệ" in text
            assert "[1]" in text and "Trích dẫn:" in text
            assert "19/KH-UBND" in text and "6.6" in text
            assert TagChecker.check(text) == []
            labels = buttons(sent)
            assert "Nguyên văn [1]" in labels and "Văn bản" in labels
            typing = fake.calls_of("sendChatAction")
            assert typing and typing[0].params == {"chat_id": str(CHAT), "action": "typing"}
            assert [c.method for c in fake.calls][:1] == ["getMe"]
            assert fake.calls_of("setMyCommands")

    run(scenario())


def test_verbatim_button_sends_the_whole_clause_and_plan_button_its_metadata(
    service: ChatService,
) -> None:
    async def scenario() -> None:
        async with running_bot(service) as fake:
            fake.push_message(CHAT, "Sở nào chủ trì chỉ tiêu 6.6?")
            [answer] = await fake.until("sendMessage")
            labels = buttons(answer)

            fake.push_callback(CHAT, labels["Nguyên văn [1]"])
            sent = await fake.until("sendMessage", 2)
            clause = sent[1].params["text"]
            assert "Nguyên văn [1]" in clause
            assert "Tỉ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt tối thiểu 80%" in clause
            assert "Phụ lục 1 › 6. Về Chính quyền số › 6.6" in clause
            assert TagChecker.check(clause) == []
            await fake.until("answerCallbackQuery")

            fake.push_callback(CHAT, labels["Văn bản"])
            sent = await fake.until("sendMessage", 3)
            plan = visible(sent[2].params["text"])
            assert "Kế hoạch Chuyển đổi số tỉnh Ninh Bình năm 2025" in plan
            assert "Người ký: Hà Lan Anh" in plan and "Ngày ban hành: 31/07/2025" in plan

            fake.push_callback(CHAT, "c:unknowntoken:1")
            answered = await fake.until("answerCallbackQuery", 3)
            assert answered[2].params["text"] == messages.BUTTON_EXPIRED
            assert answered[2].params["show_alert"] == "true"

    run(scenario())


def test_follow_up_uses_the_chat_conversation(service: ChatService) -> None:
    async def scenario() -> None:
        async with running_bot(service) as fake:
            fake.push_message(CHAT, "Sở nào chủ trì chỉ tiêu 6.6?")
            await fake.until("sendMessage")
            fake.push_message(CHAT, "còn thời hạn thì sao?")
            sent = await fake.until("sendMessage", 2)
            assert "Hạn hoàn thành: Tháng 11/2025" in visible(sent[1].params["text"])

    run(scenario())


def test_commands_start_help_documents_and_clause_lookup(service: ChatService) -> None:
    async def scenario() -> None:
        async with running_bot(service) as fake:
            for text in ("/start", "/help", "/tailieu", "/chitieu 6.6 19/KH-UBND", "/chitieu"):
                fake.push_message(CHAT, text)
            fake.push_message(CHAT, "/chitieu abc")
            sent = [visible(t) for t in texts(await fake.until("sendMessage", 6))]
            start, help_, documents, clause, usage, bad = sent
            assert start.startswith("Xin chào!") and "Sở nào chủ trì chỉ tiêu 6.6?" in start
            assert "/chitieu" in help_ and "/tailieu" in help_
            assert "Các kế hoạch đã nạp (5):" in documents
            assert "Mã: ninh-binh-19-KH-UBND-2025" in documents
            assert "Tỉ lệ hồ sơ thủ tục hành chính xử lý trực tuyến" in clause
            assert "Văn phòng UBND tỉnh" in clause
            assert usage == messages.CLAUSE_USAGE
            assert "“abc” không phải số hiệu chỉ tiêu" in bad

    run(scenario())


def test_a_photo_gets_a_text_only_reply(service: ChatService) -> None:
    async def scenario() -> None:
        async with running_bot(service) as fake:
            fake.push_photo(CHAT)
            [sent] = await fake.until("sendMessage")
            assert sent.params["text"] == messages.TEXT_ONLY

    run(scenario())


# ---- access, limits, splitting, failures ---------------------------------------------------------


def test_allow_list_lets_listed_chats_in_and_turns_others_away(
    service: ChatService, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    real_ask = service.ask

    def counting_ask(chat: str, question: str) -> Answer:
        asked.append(chat)
        return real_ask(chat, question)

    monkeypatch.setattr(service, "ask", counting_ask)

    async def scenario() -> None:
        async with running_bot(service, telegram_allowed_ids=frozenset({CHAT})) as fake:
            fake.push_message(99, "Sở nào chủ trì chỉ tiêu 6.6?")
            fake.push_callback(99, "c:whatever:1")
            fake.push_message(CHAT, "Sở nào chủ trì chỉ tiêu 6.6?")
            sent = await fake.until("sendMessage", 2)
            [refused] = texts(sent, 99)
            assert refused == html.escape(messages.not_allowed(99), quote=False)
            [alert] = await fake.until("answerCallbackQuery")
            assert alert.params["text"] == messages.not_allowed(99)
            assert "Văn phòng UBND tỉnh" in texts(sent)[0]
            assert asked == [f"telegram:{CHAT}"]

    run(scenario())


def test_rate_limit_answers_politely_past_the_limit(service: ChatService) -> None:
    async def scenario() -> None:
        frozen = lambda: 1000.0  # noqa: E731 — all three questions arrive at the same instant
        async with running_bot(service, clock=frozen, bot_rate_limit=2) as fake:
            for _ in range(3):
                fake.push_message(CHAT, "Sở nào chủ trì chỉ tiêu 6.6?")
            sent = texts(await fake.until("sendMessage", 3))
            assert sum("Văn phòng UBND tỉnh" in t for t in sent) == 2
            assert sent[2] == messages.rate_limited(60.0)
            assert "đợi khoảng 60 giây" in sent[2]
            assert len(fake.calls_of("sendChatAction")) == 2

    run(scenario())


def long_answer() -> Answer:
    """An answer well over 4,096 characters, full of characters HTML must escape."""
    citation = Citation(
        n=1,
        document_id="ninh-binh-19-KH-UBND-2025",
        document_title="Kế hoạch <thử> & kiểm tra",
        document_number="19/KH-UBND",
        clause="1.1",
        path="Phụ lục 1 › 1 & 2 › <1.1>",
        text="Nội dung A&B <i>không phải thẻ</i> " * 200,
        start=0,
        end=10,
        quote="A&B <không phải thẻ>",
    )
    # detail lines, not list rows: a list shows its first rows only ("Xem tiếp" for the rest)
    details = [f"Dòng {i}: R&D <giá trị> “{'x' * 60}” & hết [1]" for i in range(120)]
    return Answer(
        "Câu trả lời dài & có <ký tự> đặc biệt [1].\n" + "\n".join(details),
        False,
        "target",
        (citation,),
    )


def test_long_answers_are_split_under_the_limit_with_valid_html(
    service: ChatService, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = long_answer()
    monkeypatch.setattr(service, "ask", lambda chat, question: answer)

    async def scenario() -> None:
        async with running_bot(service) as fake:
            fake.push_message(CHAT, "một câu hỏi có câu trả lời rất dài")
            await fake.until("sendMessage")
            await asyncio.to_thread(_settle, fake)
            parts = fake.calls_of("sendMessage")
            assert len(parts) >= 3
            for part in parts:
                assert utf16_length(part.params["text"]) <= 4096
                assert TagChecker.check(part.params["text"]) == []
            assert all("reply_markup" not in p.params for p in parts[:-1])
            assert "Nguyên văn [1]" in buttons(parts[-1])
            read = "\n".join(visible(p.params["text"]) for p in parts)
            for line in answer.answer.split("\n"):
                assert line in read

            fake.push_callback(CHAT, buttons(parts[-1])["Nguyên văn [1]"])
            clause_parts = await fake.until("sendMessage", len(parts) + 2)
            for part in clause_parts[len(parts) :]:
                assert utf16_length(part.params["text"]) <= 4096
                assert TagChecker.check(part.params["text"]) == []

    run(scenario())


def forty_rows() -> Answer:
    """A list answer of 40 rows under two appendix groups, one citation per row."""
    citations = []
    lines = ["Có 40 chỉ tiêu/nhiệm vụ có thời hạn hoàn thành năm 2025:"]
    for n in range(1, 41):
        appendix = 1 if n <= 25 else 2
        if n in (1, 26):
            lines.append(f"Kế hoạch 19/KH-UBND — Phụ lục {appendix} ({25 if n == 1 else 15} dòng):")
        text = f"Chỉ tiêu số {n} đạt 100% |\nSở Khoa học và Công nghệ |\nNăm 2025"
        citations.append(
            Citation(
                n=n,
                document_id="ninh-binh-19-KH-UBND-2025",
                document_title="Kế hoạch 19/KH-UBND",
                document_number="19/KH-UBND",
                clause=str(n),
                path=f"Phụ lục {appendix} › {n}",
                text=text,
                start=0,
                end=len(text),
                quote=text,
            )
        )
        lines.append(
            f"- PL{appendix} · {n}: Chỉ tiêu số {n} đạt 100% — chủ trì; hạn: Năm 2025 [{n}]"
        )
    return Answer("\n".join(lines), False, "list_by_period", tuple(citations))


def test_a_long_list_shows_its_first_rows_and_pages_on(
    service: ChatService, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = forty_rows()
    with service._access() as assistant:  # the assistant answers the list, asked again too
        monkeypatch.setattr(assistant, "ask", lambda question, **asked: answer)

    async def scenario() -> None:
        async with running_bot(service) as fake:
            fake.push_message(CHAT, "những nhiệm vụ nào hết hạn năm 2025?")
            await fake.until("sendMessage")
            await asyncio.to_thread(_settle, fake)
            parts = fake.calls_of("sendMessage")
            assert len(parts) == 1  # readable on a phone: one message
            shown = visible(parts[0].params["text"])
            assert shown.startswith("Có 40 chỉ tiêu/nhiệm vụ")
            assert "• PL1 · 10: Chỉ tiêu số 10" in shown and "PL1 · 11:" not in shown
            assert "… còn 30 dòng — xem tiếp" in shown
            assert "[11]" not in shown  # the cards are those of the rows shown
            keys = buttons(parts[0])
            assert "Xem tiếp (còn 30 dòng)" in keys and "Nguyên văn [11]" not in keys

            fake.push_callback(CHAT, keys["Xem tiếp (còn 30 dòng)"])
            await asyncio.to_thread(
                fake.wait_until,
                lambda calls: sum("reply_markup" in c.params for c in calls) >= 2,
            )
            pages = fake.calls_of("sendMessage")
            read = "\n".join(visible(p.params["text"]) for p in pages[1:])
            # the next page: rows 11–20, then a button for the 20 left
            assert "• PL1 · 11: Chỉ tiêu số 11" in read and "Chỉ tiêu số 20" in read
            assert "Chỉ tiêu số 10" not in read and "Chỉ tiêu số 21" not in read
            assert "… còn 20 dòng — xem tiếp" in read
            assert "Xem tiếp (còn 20 dòng)" in buttons(pages[-1])

    run(scenario())


def _settle(fake: FakeTelegram) -> None:
    """Wait until the message carrying the buttons (the last part) has arrived."""
    fake.wait_until(
        lambda calls: any(c.method == "sendMessage" and "reply_markup" in c.params for c in calls)
    )


def test_a_failing_answer_gets_a_polite_message_and_the_bot_keeps_running(
    service: ChatService, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real_ask = service.ask
    calls = {"n": 0}

    def flaky_ask(chat: str, question: str) -> Answer:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("the index went away")
        return real_ask(chat, question)

    monkeypatch.setattr(service, "ask", flaky_ask)

    async def scenario() -> None:
        async with running_bot(service) as fake:
            fake.push_message(CHAT, "Sở nào chủ trì chỉ tiêu 6.6?")
            fake.push_message(CHAT, "Sở nào chủ trì chỉ tiêu 6.6?")
            first, second = texts(await fake.until("sendMessage", 2))
            assert first == messages.FAILURE
            assert "Văn phòng UBND tỉnh" in second

    with caplog.at_level(logging.ERROR, logger="bot.telegram_handlers"):
        run(scenario())
    failures = [r for r in caplog.records if r.name == "bot.telegram_handlers"]
    assert failures and "the index went away" in failures[0].getMessage()


def test_xem_tiep_typed_or_pressed_pages_a_long_list_from_the_server(
    service: ChatService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(row_lists, "WHOLE_LIST", 3)  # the list comes a page at a time

    async def scenario() -> None:
        async with running_bot(service) as fake:
            fake.push_message(CHAT, "Những nhiệm vụ nào phải hoàn thành trong năm 2025?")
            await fake.until("sendMessage")
            await asyncio.to_thread(_settle, fake)
            first = fake.calls_of("sendMessage")[-1]
            total = int(visible(first.params["text"]).split()[1])  # "Có 36 chỉ tiêu …"
            assert f"Xem tiếp (còn {total - 10} dòng)" in buttons(first)
            fake.push_message(CHAT, "xem tiep")  # typed, without diacritics
            await asyncio.to_thread(
                fake.wait_until,
                lambda calls: sum("reply_markup" in c.params for c in calls) >= 2,
            )
            second = fake.calls_of("sendMessage")[-1]
            read = visible(second.params["text"])
            assert f"… còn {total - 20} dòng — xem tiếp" in read
            assert read.count("• ") == 10 and "Xem tiếp" in " ".join(buttons(second))
            # the button under it goes on from there, as "xem tiếp" typed again would
            fake.push_callback(CHAT, buttons(second)[f"Xem tiếp (còn {total - 20} dòng)"])
            await asyncio.to_thread(
                fake.wait_until,
                lambda calls: sum("reply_markup" in c.params for c in calls) >= 3,
            )
            third = visible(fake.calls_of("sendMessage")[-1].params["text"])
            assert f"… còn {total - 30} dòng" in third or total <= 30
            rows = [line for line in (read + "\n" + third).split("\n") if line.startswith("• ")]
            assert len(set(rows)) == len(rows)

    run(scenario())


def test_every_row_of_a_long_list_comes_as_a_file(
    service: ChatService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Xem tất cả" (the button, or typed): the list asked again for every row, sent as
    one text file rendered as the messages are, its count as the caption."""
    answer = forty_rows()
    with service._access() as assistant:
        monkeypatch.setattr(assistant, "ask", lambda question, **asked: answer)

    async def scenario() -> None:
        async with running_bot(service) as fake:
            fake.push_message(CHAT, "những nhiệm vụ nào hết hạn năm 2025?")
            await fake.until("sendMessage")
            await asyncio.to_thread(_settle, fake)
            keys = buttons(fake.calls_of("sendMessage")[0])
            assert "Xem tất cả (40 dòng, tệp)" in keys
            fake.push_callback(CHAT, keys["Xem tất cả (40 dòng, tệp)"])
            await asyncio.to_thread(
                fake.wait_until, lambda calls: any(c.method == "sendDocument" for c in calls)
            )
            sent = fake.calls_of("sendDocument")[0].params
            assert sent["document_name"] == "danh-sach.txt"
            assert sent["caption"].startswith("Có 40 chỉ tiêu/nhiệm vụ")
            rows = [line for line in sent["document"].split("\n") if line.startswith("• ")]
            assert len(rows) == 40 and rows[-1].startswith("• PL2 · 40: Chỉ tiêu số 40")

            fake.push_message(CHAT, "Xem tất cả")  # typed: the chat's latest list
            await asyncio.to_thread(
                fake.wait_until, lambda calls: sum(c.method == "sendDocument" for c in calls) >= 2
            )
            again = fake.calls_of("sendDocument")[1].params["document"]
            assert again == sent["document"]

    run(scenario())
