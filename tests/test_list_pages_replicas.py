"""A long list's "Xem tiếp" in the chats works on any replica and after a restart.

What paging a list needs (its question, the chat's conversation before it, its scope, the
next row) is kept under the token a Telegram button carries (`bot.list_pages`): in the
process, or in the replicas' PostgreSQL database. Two chat services stand for two API
replicas (or a bot before and after a restart) sharing that store: the button pressed,
or "xem tiếp" typed, on the other one sends the next rows of the same list — checked on the
service, through the Zalo webhook and through the Telegram bot on its fake Bot API.
"""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr

from bot.list_pages import ListPages, LocalListPages, SharedListPages
from bot.render import answer_blocks
from bot.service import ChatService
from bot.settings import BotSettings
from bot.telegram_callbacks import CallbackData
from bot.zalo_webhook import zalo_webhook_router
from ingest.state_db import StateDatabase
from retrieval import row_lists
from retrieval.answers import Answer
from retrieval.row_lists import EVERY_ROW
from retrieval.runtime import Runtime
from tests.conftest import postgres_schema_url, postgres_url
from tests.fakes.zalo import FakeZalo, signed, text_event
from tests.test_bot_telegram import CHAT, buttons, run, running_bot, visible

LIST = "Những nhiệm vụ nào phải hoàn thành trong năm 2025?"
_REF = re.compile(r"\s*\[\d+\]")


@pytest.fixture(autouse=True)
def paged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(row_lists, "WHOLE_LIST", 3)  # the list comes a page at a time


@pytest.fixture
def stores(fact_backend: str) -> Iterator[tuple[ListPages, ListPages]]:
    """Two replicas' views of one store: one object in this process, or two connections
    to one PostgreSQL schema."""
    if fact_backend == "sqlite":  # no database: the process's own store, shared in it
        local = LocalListPages()
        yield local, local
        return
    url = postgres_url()
    assert url is not None
    schema = f"lp_{uuid.uuid4().hex[:12]}"
    databases = [StateDatabase(postgres_schema_url(url, schema)) for _ in range(2)]
    yield SharedListPages(databases[0]), SharedListPages(databases[1])
    for database in databases:
        database.close()
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def _services(
    runtime: Runtime, stores: tuple[ListPages, ListPages]
) -> tuple[ChatService, ChatService]:
    first, second = (ChatService.for_runtime(runtime) for _ in range(2))
    first._pages, second._pages = stores
    return first, second


def _rows(answer: Answer, first_row: int) -> list[str]:
    """The rows a chat message shows for this page, without citation numbers."""
    return [
        _REF.sub("", line.text)
        for block in answer_blocks(answer, first_row=first_row)
        for line in block
        if line.text.startswith("• ")
    ]


def _whole(runtime: Runtime) -> list[str]:
    answer = runtime.assistant().ask(LIST, rows=EVERY_ROW)
    return [
        _REF.sub("", line.text)
        for block in answer_blocks(answer, all_rows=True)
        for line in block
        if line.text.startswith("• ")
    ]


def test_another_replica_pages_the_list_by_its_button_and_by_xem_tiep(
    corpus_runtime: Runtime, stores: tuple[ListPages, ListPages]
) -> None:
    a, b = _services(corpus_runtime, stores)
    whole = _whole(corpus_runtime)
    assert len(whole) > 30
    chat = "telegram:501"
    first = a.ask(chat, LIST)
    assert first.partial and first.rows_total == len(whole)
    token = a.list_token(chat)
    assert token is not None and b.list_token(chat) == token

    button = b.more(chat, token, 10)  # the "Xem tiếp" button, pressed on B
    assert button is not None and _rows(button, 10) == whole[10:20]
    assert b.more("telegram:999", token, 10) is None  # another chat's list: not ours

    assert a.wants_next_page(chat, "xem tiep")  # typed on A: goes on after B's page
    found = a.next_page(chat)
    assert found is not None and found[1] == 20 and _rows(found[0], 20) == whole[20:30]

    b.ask(chat, "Sở nào chủ trì chỉ tiêu 6.6?")  # the chat moved on: nothing to page
    assert not a.wants_next_page(chat, "xem tiếp") and a.next_page(chat) is None
    assert a.more(chat, token, 30) is not None  # the old message's button still works


# ---- the surfaces -------------------------------------------------------------------------

APP_ID, SECRET, TOKEN = "3608465249409039", "oa-secret-key", "zalo-access-token"
USER = "2468458835296117922"


def _zalo(service: ChatService, fake: FakeZalo) -> TestClient:
    app = FastAPI()
    settings = BotSettings(
        zalo_app_id=APP_ID,
        zalo_oa_secret_key=SecretStr(SECRET),
        zalo_access_token=SecretStr(TOKEN),
        zalo_api_base_url=fake.base_url,
    )
    app.include_router(zalo_webhook_router(service, settings))
    return TestClient(app)


def _send(client: TestClient, text: str, msg_id: str) -> Any:
    body, headers = signed(text_event(USER, text, msg_id, APP_ID), APP_ID, SECRET)
    return client.post("/zalo/webhook", content=body, headers=headers)


def test_xem_tiep_typed_to_another_zalo_replica_sends_the_next_rows(
    corpus_runtime: Runtime, stores: tuple[ListPages, ListPages]
) -> None:
    a, b = _services(corpus_runtime, stores)
    with FakeZalo(TOKEN) as fake:
        assert isinstance(fake, FakeZalo)
        _send(_zalo(a, fake), LIST, "list")
        _send(_zalo(b, fake), "Xem tiếp", "more")  # the webhook lands on replica B
        texts = fake.texts_to(USER)
    first, second = "\n".join(texts[:1]), "\n".join(texts[1:])
    total = int(first.split()[1])  # "Có 43 chỉ tiêu/nhiệm vụ …"
    assert f"… còn {total - 10} dòng — xem tiếp" in first
    assert f"… còn {total - 20} dòng — xem tiếp" in second
    rows = [line for line in second.split("\n") if line.startswith("• ")]
    assert len(rows) == 10 and not set(rows) & set(first.split("\n"))


def test_the_telegram_button_pressed_after_a_restart_sends_the_next_rows(
    corpus_runtime: Runtime, stores: tuple[ListPages, ListPages]
) -> None:
    """Bot A sends the list with its button; bot B (a replica, or A restarted: an empty
    memory of answers) gets the press and sends rows 11–20 with a button for the rest."""
    a, b = _services(corpus_runtime, stores)
    pressed: dict[str, str] = {}

    async def scenario() -> None:
        async with running_bot(a) as fake:
            fake.push_message(CHAT, LIST)
            await asyncio.to_thread(
                fake.wait_until, lambda calls: any("reply_markup" in c.params for c in calls)
            )
            keys = buttons(fake.calls_of("sendMessage")[-1])
            pressed.update({k: v for k, v in keys.items() if k.startswith("Xem tiếp")})
        assert len(pressed) == 1
        data = CallbackData.decode(next(iter(pressed.values())))
        assert data is not None and data.action == "more" and data.n == 10
        async with running_bot(b) as fake:
            fake.push_callback(CHAT, next(iter(pressed.values())))
            await asyncio.to_thread(
                fake.wait_until, lambda calls: any("reply_markup" in c.params for c in calls)
            )
            pages = fake.calls_of("sendMessage")
            read = "\n".join(visible(p.params["text"]) for p in pages)
            assert "Nút này đã hết hạn" not in read
            rows = [line for line in read.split("\n") if line.startswith("• ")]
            assert len(rows) == 10
            assert re.search(r"… còn \d+ dòng — xem tiếp", read)
            assert any(k.startswith("Xem tiếp") for k in buttons(pages[-1]))

    run(scenario())
