"""`POST /telegram/webhook`: the same bot fed by Telegram's webhook, mounted in a FastAPI app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.service import ChatService
from bot.settings import BotSettings
from bot.telegram_webhook import SECRET_HEADER, telegram_webhook_router
from retrieval.runtime import Runtime
from tests.fakes.telegram import FakeTelegram, LoopbackOnlyRequest

TOKEN = "123456:TEST-token"
SECRET = "webhook-secret_42"
CHAT = 5151


def update(text: str, update_id: int = 1) -> dict[str, object]:
    message: dict[str, object] = {
        "message_id": update_id,
        "date": 1_700_000_000,
        "chat": {"id": CHAT, "type": "private"},
        "from": {"id": CHAT, "is_bot": False, "first_name": "Cán bộ"},
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": message}


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram(TOKEN) as server:
        assert isinstance(server, FakeTelegram)
        yield server


@pytest.fixture
def client(corpus_runtime: Runtime, fake: FakeTelegram) -> Iterator[TestClient]:
    settings = BotSettings(
        telegram_bot_token=TOKEN,
        telegram_api_base_url=fake.api_base_url,
        telegram_webhook_secret=SECRET,
        telegram_webhook_url="https://kehoach.example.gov.vn/telegram/webhook",
    )
    app = FastAPI()
    app.include_router(
        telegram_webhook_router(
            ChatService.for_runtime(corpus_runtime), settings, request_factory=LoopbackOnlyRequest
        )
    )
    with TestClient(app) as test_client:
        yield test_client


def test_lifespan_registers_the_webhook_with_its_secret(
    client: TestClient, fake: FakeTelegram
) -> None:
    [registered] = fake.wait_for("setWebhook")
    assert registered.params["url"] == "https://kehoach.example.gov.vn/telegram/webhook"
    assert registered.params["secret_token"] == SECRET


def test_an_update_with_the_secret_is_answered(client: TestClient, fake: FakeTelegram) -> None:
    response = client.post(
        "/telegram/webhook",
        json=update("Sở nào chủ trì chỉ tiêu 6.6?"),
        headers={SECRET_HEADER: SECRET},
    )
    assert response.status_code == 200
    [sent] = fake.wait_for("sendMessage")
    assert int(sent.params["chat_id"]) == CHAT
    assert "Văn phòng UBND tỉnh" in sent.params["text"]
    assert "Sở Khoa học và Công nghệ" in sent.params["text"]


@pytest.mark.parametrize("headers", [{}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: ""}])
def test_a_missing_or_wrong_secret_is_refused(
    client: TestClient, fake: FakeTelegram, headers: dict[str, str]
) -> None:
    response = client.post("/telegram/webhook", json=update("/start"), headers=headers)
    assert response.status_code == 401
    # A message that is answered would show up; send one that is, and only it must arrive.
    client.post("/telegram/webhook", json=update("/help", 2), headers={SECRET_HEADER: SECRET})
    [sent] = fake.wait_for("sendMessage")
    assert "Cách dùng" in sent.params["text"]


def test_a_body_that_is_not_an_update_is_refused(client: TestClient) -> None:
    response = client.post(
        "/telegram/webhook", json={"hello": "world"}, headers={SECRET_HEADER: SECRET}
    )
    assert response.status_code == 400


def test_without_token_or_secret_the_endpoint_says_what_to_set(corpus_runtime: Runtime) -> None:
    app = FastAPI()
    app.include_router(
        telegram_webhook_router(
            ChatService.for_runtime(corpus_runtime), BotSettings(telegram_bot_token=TOKEN)
        )
    )
    with TestClient(app) as test_client:
        response = test_client.post("/telegram/webhook", json=update("hi"))
    assert response.status_code == 503
    assert "TELEGRAM_WEBHOOK_SECRET" in response.json()["error"]["message"]


def test_an_unreachable_telegram_does_not_stop_the_api_and_is_retried(
    corpus_runtime: Runtime, fake: FakeTelegram
) -> None:
    fake.failing = {"getMe"}
    settings = BotSettings(
        telegram_bot_token=TOKEN,
        telegram_api_base_url=fake.api_base_url,
        telegram_webhook_secret=SECRET,
    )
    app = FastAPI()
    app.include_router(
        telegram_webhook_router(
            ChatService.for_runtime(corpus_runtime), settings, request_factory=LoopbackOnlyRequest
        )
    )
    with TestClient(app) as test_client:
        headers = {SECRET_HEADER: SECRET}
        response = test_client.post("/telegram/webhook", json=update("/help"), headers=headers)
        assert response.status_code == 503
        fake.failing = set()
        response = test_client.post("/telegram/webhook", json=update("/help", 2), headers=headers)
        assert response.status_code == 200
        [sent] = fake.wait_for("sendMessage")
        assert "Cách dùng" in sent.params["text"]
