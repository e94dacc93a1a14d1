"""Hostile input on every entry point: nothing gets a 5xx, a traceback, or a silent change.

The families kept here (issue 15): JSON nested deep enough to break a recursive parser on
every JSON body (API, both webhooks, batch lines), checked after authentication.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from bot.settings import BotSettings
from bot.telegram_webhook import SECRET_HEADER
from bot.zalo_signature import zalo_mac
from ingest.embedding.hashing import HashingEmbedder
from ingest.json_depth import MAX_JSON_DEPTH, JsonTooDeepError, json_depth_exceeds, loads_limited
from ingest.settings import Settings
from kehoach.cli import app as cli_app
from retrieval.runtime import Runtime
from tests.fakes.telegram import FakeTelegram
from tests.fakes.zalo import FakeZalo, signed, text_event
from tests.test_api_support import (
    EMBED_DIMENSION,
    READ_KEY,
    WAIT_S,
    admin,
    api_settings,
    corpus_home,
    state_of,
)

ZALO_APP = "3608465249409039"
ZALO_SECRET = "oa-secret-key"
ZALO_TOKEN = "zalo-access-token"
TELEGRAM_TOKEN = "123456:TEST-token"
TELEGRAM_SECRET = "webhook-secret_42"

DEEP = "[" * 50_000  # under the 64 KB body limit, far over any recursion limit


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[FakeTelegram, FakeZalo]]:
    with FakeTelegram(TELEGRAM_TOKEN) as telegram, FakeZalo(ZALO_TOKEN) as zalo:
        assert isinstance(telegram, FakeTelegram) and isinstance(zalo, FakeZalo)
        yield telegram, zalo


def _app_client(home: Path, servers: tuple[FakeTelegram, FakeZalo], **overrides: Any) -> Any:
    telegram, zalo = servers
    bots = BotSettings(
        telegram_bot_token=TELEGRAM_TOKEN,
        telegram_api_base_url=telegram.api_base_url,
        telegram_webhook_secret=TELEGRAM_SECRET,
        zalo_app_id=ZALO_APP,
        zalo_oa_secret_key=ZALO_SECRET,
        zalo_access_token=ZALO_TOKEN,
        zalo_api_base_url=zalo.base_url,
    )
    runtime = Runtime(Settings(home=home), embedder=HashingEmbedder(EMBED_DIMENSION))
    app = create_app(
        runtime.settings, api_settings(**overrides), runtime=runtime, bot_settings=bots
    )
    return app, runtime


@pytest.fixture(scope="module")
def client(
    tmp_path_factory: pytest.TempPathFactory, servers: tuple[FakeTelegram, FakeZalo]
) -> Iterator[TestClient]:
    app, runtime = _app_client(corpus_home(tmp_path_factory), servers, read_keys=[READ_KEY])
    try:
        with TestClient(app, raise_server_exceptions=False) as test_client:
            state = state_of(app)
            assert state.warm_up_job is not None
            assert state.jobs.wait(state.warm_up_job, timeout=WAIT_S) is not None
            yield test_client
    finally:
        runtime.close()


def _no_traceback(response: Any) -> None:
    assert response.status_code < 500, response.text
    assert "Traceback" not in response.text and "RecursionError" not in response.text


# ---- deep JSON ---------------------------------------------------------------------------------


def test_the_depth_check_is_linear_and_skips_strings() -> None:
    assert json_depth_exceeds("[" * (MAX_JSON_DEPTH + 1))
    assert not json_depth_exceeds("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)
    assert not json_depth_exceeds(json.dumps({"q": "[" * 10_000}))  # brackets in a string
    assert not json_depth_exceeds(json.dumps({"q": '\\"[' * 10_000}))  # escaped quotes
    assert json_depth_exceeds('{"a": "x\\"", "b": ' + "[" * 40)
    with pytest.raises(JsonTooDeepError, match="lồng nhau quá sâu"):
        loads_limited("[" * 100_000)
    assert loads_limited('{"a": [[1]]}') == {"a": [[1]]}
    with pytest.raises(ValueError):
        loads_limited("{not json")


def test_deep_json_on_the_zalo_webhook_with_any_signature_is_401(client: TestClient) -> None:
    body = ('{"timestamp": "1700000000000", "x": ' + DEEP).encode()
    for headers in ({"X-ZEvent-Signature": "mac=" + "0" * 64}, {}):
        response = client.post("/zalo/webhook", content=body, headers=headers)
        _no_traceback(response)
        assert response.status_code == 401


def test_deep_json_correctly_signed_on_the_zalo_webhook_is_400(client: TestClient) -> None:
    event = text_event("42", "xin chào", "deep", ZALO_APP)
    body = json.dumps(event)[:-1].encode() + b', "x": ' + DEEP.encode() + b"}"
    mac = zalo_mac(ZALO_APP, body, event["timestamp"], ZALO_SECRET)
    response = client.post("/zalo/webhook", content=body, headers={"X-ZEvent-Signature": mac})
    _no_traceback(response)
    assert response.status_code == 400
    assert "lồng nhau quá sâu" in response.json()["detail"]


def test_a_zalo_signature_over_a_nested_timestamp_does_not_pass(client: TestClient) -> None:
    """The signed timestamp must be the event's own, not one hidden deeper in the body."""
    event = {**text_event("42", "xin chào", "nested", ZALO_APP), "timestamp": 5}
    event["message"]["timestamp"] = "1700000000000"
    body, _ = signed(event, ZALO_APP, ZALO_SECRET)
    mac = zalo_mac(ZALO_APP, body, "1700000000000", ZALO_SECRET)
    response = client.post("/zalo/webhook", content=body, headers={"X-ZEvent-Signature": mac})
    assert response.status_code == 401


def test_deep_json_on_the_telegram_webhook(client: TestClient) -> None:
    wrong = client.post("/telegram/webhook", content=DEEP, headers={SECRET_HEADER: "nope"})
    assert wrong.status_code == 401
    right = client.post(
        "/telegram/webhook",
        content=DEEP,
        headers={SECRET_HEADER: TELEGRAM_SECRET, "Content-Type": "application/json"},
    )
    _no_traceback(right)
    assert right.status_code == 400
    assert "lồng nhau quá sâu" in right.json()["detail"]


def test_deep_json_on_the_api_is_400_after_authentication(client: TestClient) -> None:
    body = '{"question": "chỉ tiêu 6.6", "x": ' + DEEP + "}"
    json_headers = {"Content-Type": "application/json"}
    anonymous = client.post("/v1/ask", content=body, headers=json_headers)
    assert anonymous.status_code == 401  # reads need a key here: the key is checked first
    response = client.post("/v1/ask", content=body, headers={**json_headers, **admin()})
    _no_traceback(response)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "json_too_deep"
    assert "lồng nhau quá sâu" in error["message"]
    # a shallow body still answers on the same route
    fine = client.post("/v1/ask", json={"question": "chỉ tiêu 6.6"}, headers=admin())
    assert fine.status_code == 200


def test_every_route_with_a_json_body_limits_its_depth(client: TestClient) -> None:
    from fastapi.routing import APIRoute

    from api.json_body import DepthLimitedRoute

    for route in client.app.routes:  # type: ignore[attr-defined]
        if isinstance(route, APIRoute) and route.body_field is not None:
            assert isinstance(route, DepthLimitedRoute), route.path


def test_a_deep_batch_line_is_one_error_and_the_next_lines_are_answered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch.setenv("KEHOACH_EMBED_MODEL", "hashing")
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        '{"id": "a", "question": "Sở nào chủ trì chỉ tiêu 6.6?"}\n'
        + "[" * 100_000
        + "\n"
        + '{"id": "c", "question": "Kế hoạch 466 do ai ký?"}\n',
        encoding="utf-8",
    )
    home = corpus_home(tmp_path_factory)
    result = CliRunner().invoke(cli_app, ["ask", "--batch", str(batch), "--home", str(home)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [line.get("id") for line in lines] == ["a", None, "c"]
    assert "lồng nhau quá sâu" in lines[1]["error"]
    assert "Nguyễn Thành Diệu" in lines[2]["answer"]


def test_a_recursion_error_anywhere_is_a_400_not_a_500() -> None:
    from fastapi import FastAPI

    from api.middleware import RequestContextMiddleware

    app = FastAPI()

    @app.get("/deep")
    def deep() -> None:
        raise RecursionError("maximum recursion depth exceeded")

    app.add_middleware(RequestContextMiddleware)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        response = test_client.get("/deep")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "too_deeply_nested"
    assert "Traceback" not in response.text


# ---- questions with nothing to search for -------------------------------------------------------


@pytest.mark.parametrize("question", ["🎉🎉🎉", "-----", "?!…", "\u0301\u0300"])
def test_a_question_without_letters_or_digits_is_refused_by_the_api(
    client: TestClient, question: str
) -> None:
    response = client.post("/v1/ask", json={"question": question}, headers=admin())
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_question"
    assert "không có chữ hay số" in error["message"]


def test_a_question_without_letters_or_digits_is_refused_by_the_bots(
    corpus_runtime: Runtime,
) -> None:
    from bot.errors import ChatInputError
    from bot.service import ChatService

    service = ChatService.for_runtime(corpus_runtime)
    with pytest.raises(ChatInputError, match="chưa có chữ hay số"):
        service.ask("telegram:1", "🎉🎉")
    assert service.ask("telegram:1", "chỉ tiêu 6.6 🎉").answer  # an emoji beside words is fine
