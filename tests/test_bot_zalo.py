"""`POST /zalo/webhook` against a fake Zalo OA API on 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot import messages
from bot.service import ChatService
from bot.settings import BotSettings
from bot.zalo_signature import verified_event, zalo_mac
from bot.zalo_webhook import zalo_webhook_router
from retrieval import row_lists
from retrieval.answers import Answer
from retrieval.runtime import Runtime
from tests.fakes.zalo import FakeZalo, signed, text_event

APP_ID = "3608465249409039"
SECRET = "oa-secret-key"
TOKEN = "zalo-access-token"
USER = "2468458835296117922"

Post = Callable[..., Any]


@pytest.fixture
def fake() -> Iterator[FakeZalo]:
    with FakeZalo(TOKEN) as server:
        assert isinstance(server, FakeZalo)
        yield server


@pytest.fixture
def service(corpus_runtime: Runtime) -> ChatService:
    return ChatService.for_runtime(corpus_runtime)


def make_client(service: ChatService, **settings: Any) -> TestClient:
    app = FastAPI()
    app.include_router(zalo_webhook_router(service, BotSettings(**settings)))
    return TestClient(app)


@pytest.fixture
def client(service: ChatService, fake: FakeZalo) -> TestClient:
    return make_client(
        service,
        zalo_app_id=APP_ID,
        zalo_oa_secret_key=SECRET,
        zalo_access_token=TOKEN,
        zalo_api_base_url=fake.base_url,
    )


def send(client: TestClient, text: str, msg_id: str = "msg-1", user: str = USER) -> Any:
    body, headers = signed(text_event(user, text, msg_id, APP_ID), APP_ID, SECRET)
    return client.post("/zalo/webhook", content=body, headers=headers)


# ---- signatures -------------------------------------------------------------------------------


def test_the_signature_recipe_is_sha256_of_app_id_body_timestamp_secret() -> None:
    body = b'{"timestamp":"1700000000000","event_name":"user_send_text"}'
    expected = hashlib.sha256(
        APP_ID.encode() + body + b"1700000000000" + SECRET.encode()
    ).hexdigest()
    assert zalo_mac(APP_ID, body, "1700000000000", SECRET) == expected
    assert verified_event(f"mac={expected}", body, APP_ID, SECRET) is not None
    assert verified_event(expected, body, APP_ID, SECRET) is not None  # without "mac=" too
    assert verified_event(f"mac={expected}", body, APP_ID, "other secret") is None
    assert verified_event(f"mac={expected}", body, "other app", SECRET) is None
    assert verified_event(None, body, APP_ID, SECRET) is None
    assert verified_event(f"mac={expected}", b"not json", APP_ID, SECRET) is None


def test_a_signed_text_event_is_answered_through_the_oa_api(
    client: TestClient, fake: FakeZalo
) -> None:
    response = send(client, "Sở nào chủ trì chỉ tiêu 6.6?")
    assert response.status_code == 200
    calls = fake.wait_for("message/cs")
    if not any("Trích dẫn:" in c.params["message"]["text"] for c in calls):
        calls = fake.wait_for("message/cs", 2)  # a long answer goes out in two messages
    for call in calls:
        assert call.headers["access_token"] == TOKEN
        assert call.params["recipient"] == {"user_id": USER}
        assert len(call.params["message"]["text"]) <= 2000
    text = "\n".join(call.params["message"]["text"] for call in calls)
    assert "Văn phòng UBND tỉnh" in text and "Sở Khoa học và Công nghệ" in text
    assert "Trích dẫn:" in text and "19/KH-UBND" in text.split("Trích dẫn:")[1]
    assert "<b>" not in text and "&amp;" not in text  # plain text, no HTML


@pytest.mark.parametrize(
    "tamper",
    [
        lambda body, headers: (body, {**headers, "X-ZEvent-Signature": "mac=" + "0" * 64}),
        lambda body, headers: (body, {"Content-Type": "application/json"}),
        lambda body, headers: (body.replace(b"6.6", b"6.7"), headers),
        lambda body, headers: (body, {**headers, "X-ZEvent-Signature": "garbage"}),
    ],
    ids=["wrong-mac", "no-header", "tampered-body", "garbage-header"],
)
def test_a_bad_or_missing_signature_gets_401_and_nothing_is_sent(
    client: TestClient, fake: FakeZalo, tamper: Callable[..., Any]
) -> None:
    body, headers = signed(
        text_event(USER, "Sở nào chủ trì chỉ tiêu 6.6?", "m1", APP_ID), APP_ID, SECRET
    )
    body, headers = tamper(body, headers)
    response = client.post("/zalo/webhook", content=body, headers=headers)
    assert response.status_code == 401
    assert fake.calls == []


def test_without_zalo_settings_the_endpoint_answers_503_and_says_why(
    service: ChatService, fake: FakeZalo
) -> None:
    client = make_client(service, zalo_app_id=APP_ID, zalo_api_base_url=fake.base_url)
    response = send(client, "Sở nào chủ trì chỉ tiêu 6.6?")
    assert response.status_code == 503
    detail = response.json()["error"]["message"]
    assert "ZALO_OA_SECRET_KEY" in detail and "ZALO_ACCESS_TOKEN" in detail
    assert fake.calls == []


# ---- behaviour --------------------------------------------------------------------------------


def test_long_answers_are_split_under_2000_characters(
    client: TestClient, fake: FakeZalo, service: ChatService, monkeypatch: pytest.MonkeyPatch
) -> None:
    # detail lines, not list rows (a list shows its first rows only)
    lines = [f"Dòng {i}: {'nội dung chỉ tiêu ' * 8}[1]" for i in range(60)]
    answer = Answer("Câu trả lời dài [1].\n" + "\n".join(lines), False, "target")
    monkeypatch.setattr(service, "ask", lambda chat, question: answer)
    send(client, "câu hỏi dài")
    texts = fake.texts_to(USER)
    assert len(texts) >= 3
    assert all(len(t) <= 2000 for t in texts)
    joined = "\n".join(texts)
    assert all(line in joined for line in lines)


def test_follow_ups_and_commands_use_the_shared_service(client: TestClient, fake: FakeZalo) -> None:
    send(client, "Sở nào chủ trì chỉ tiêu 6.6?", "a")
    send(client, "còn thời hạn thì sao?", "b")
    send(client, "/tailieu", "c")
    send(client, "/chitieu 6.6 19/KH-UBND", "d")
    first, follow_up, documents, clause = fake.texts_to(USER)
    assert "Văn phòng UBND tỉnh" in first
    assert "Hạn hoàn thành: Tháng 11/2025" in follow_up
    assert "Mã: tien-giang-466-KH-UBND-2025" in documents
    assert "Tỉ lệ hồ sơ thủ tục hành chính xử lý trực tuyến" in clause


def test_a_repeated_event_is_answered_once_and_non_text_gets_a_hint(
    client: TestClient, fake: FakeZalo
) -> None:
    send(client, "Sở nào chủ trì chỉ tiêu 6.6?", "same")
    send(client, "Sở nào chủ trì chỉ tiêu 6.6?", "same")
    image = {**text_event(USER, "", "img", APP_ID), "event_name": "user_send_image"}
    body, headers = signed(image, APP_ID, SECRET)
    client.post("/zalo/webhook", content=body, headers=headers)
    follow = {**text_event(USER, "", "f", APP_ID), "event_name": "follow"}
    body, headers = signed(follow, APP_ID, SECRET)
    assert client.post("/zalo/webhook", content=body, headers=headers).status_code == 200
    answer, hint = fake.texts_to(USER)
    assert "Văn phòng UBND tỉnh" in answer
    assert hint == messages.TEXT_ONLY


def test_allow_list_and_rate_limit(service: ChatService, fake: FakeZalo) -> None:
    client = make_client(
        service,
        zalo_app_id=APP_ID,
        zalo_oa_secret_key=SECRET,
        zalo_access_token=TOKEN,
        zalo_api_base_url=fake.base_url,
        zalo_allowed_user_ids=f"{USER}, 111",
        bot_rate_limit=1,
    )
    send(client, "Sở nào chủ trì chỉ tiêu 6.6?", "1", user="999")
    assert fake.texts_to("999") == [messages.not_allowed("999")]
    send(client, "Sở nào chủ trì chỉ tiêu 6.6?", "2")
    send(client, "Sở nào chủ trì chỉ tiêu 6.6?", "3")
    answered, limited = fake.texts_to(USER)
    assert "Văn phòng UBND tỉnh" in answered
    assert limited.startswith("Anh/chị đang gửi câu hỏi hơi nhanh.")


def test_failures_become_polite_messages_and_api_errors_are_logged(
    client: TestClient,
    fake: FakeZalo,
    service: ChatService,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(chat: str, question: str) -> Answer:
        raise RuntimeError("the index went away")

    monkeypatch.setattr(service, "ask", broken)
    with caplog.at_level(logging.ERROR, logger="bot"):
        assert send(client, "Sở nào chủ trì chỉ tiêu 6.6?", "x").status_code == 200
        assert fake.texts_to(USER) == [messages.FAILURE]
        fake.error = (-216, "Access token is invalid")
        assert send(client, "Sở nào chủ trì chỉ tiêu 6.6?", "y").status_code == 200
    logged = [r.getMessage() for r in caplog.records]
    assert any("answering zalo user" in m for m in logged)
    assert any("Zalo OA API error -216" in m for m in logged)


def test_the_access_token_file_is_read_for_every_reply(
    service: ChatService, fake: FakeZalo, tmp_path: Path
) -> None:
    token_file = tmp_path / "zalo-token"
    token_file.write_text("stale\n", encoding="utf-8")
    client = make_client(
        service,
        zalo_app_id=APP_ID,
        zalo_oa_secret_key=SECRET,
        zalo_access_token_file=token_file,
        zalo_api_base_url=fake.base_url,
    )
    send(client, "/help", "1")
    token_file.write_text(TOKEN + "\n", encoding="utf-8")  # a refresher rotated it
    send(client, "/help", "2")
    tokens = [call.headers["access_token"] for call in fake.calls_of("message/cs")]
    assert tokens == ["stale", TOKEN]


def test_events_are_parsed_from_the_raw_body(client: TestClient, fake: FakeZalo) -> None:
    """The signature covers the exact bytes: a body with other spacing still verifies."""
    event = text_event(USER, "Kế hoạch 466 do ai ký?", "sp", APP_ID)
    body = json.dumps(event, ensure_ascii=False, indent=2).encode()
    mac = zalo_mac(APP_ID, body, event["timestamp"], SECRET)
    headers = {"X-ZEvent-Signature": f"mac={mac}"}
    response = client.post("/zalo/webhook", content=body, headers=headers)
    assert response.status_code == 200
    [text] = fake.texts_to(USER)
    assert "Nguyễn Thành Diệu" in text


def test_xem_tiep_typed_after_a_long_list_sends_its_next_rows(
    client: TestClient, fake: FakeZalo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(row_lists, "WHOLE_LIST", 3)  # the list comes a page at a time
    send(client, "Những nhiệm vụ nào phải hoàn thành trong năm 2025?", "a")
    send(client, "Xem tiếp", "b")
    first, second = ("\n".join(fake.texts_to(USER)[:1]), "\n".join(fake.texts_to(USER)[1:]))
    total = int(first.split()[1])  # "Có 36 chỉ tiêu/nhiệm vụ …"
    assert total > 20
    assert f"… còn {total - 10} dòng — xem tiếp (gõ “xem tiếp”" in first
    assert f"… còn {total - 20} dòng — xem tiếp" in second
    rows = [line for line in second.split("\n") if line.startswith("• ")]
    assert len(rows) == 10 and not set(rows) & set(first.split("\n"))


def test_xem_tat_ca_sends_the_rest_of_a_long_list_in_batches_saying_what_is_left(
    client: TestClient, fake: FakeZalo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Zalo's OA API uploads no text file: "xem tất cả" sends the rows not yet shown, a batch
    at a time, each batch saying how many rows are left; the batches and the first page put
    together are every row of the list, once each."""
    from bot import zalo_bot

    monkeypatch.setattr(row_lists, "WHOLE_LIST", 3)  # the list comes a page at a time
    monkeypatch.setattr(zalo_bot, "ZALO_ROWS", 15)

    def rows(text: str) -> list[str]:
        return [line for line in text.split("\n") if line.startswith("• ")]

    send(client, "Những nhiệm vụ nào phải hoàn thành trong năm 2025?", "a")
    first = "\n".join(fake.texts_to(USER))
    total = int(first.split()[1])  # "Có 43 chỉ tiêu/nhiệm vụ …"
    assert total > 25
    listed, shown = rows(first), len(fake.texts_to(USER))
    for turn in range(1, 10):
        send(client, "Xem tất cả", f"b{turn}")
        batch = "\n".join(fake.texts_to(USER)[shown:])
        shown = len(fake.texts_to(USER))
        listed += rows(batch)
        left = total - len(listed)
        assert len(rows(batch)) == min(15, total - 10 - 15 * (turn - 1))
        if not left:
            assert "… còn" not in batch
            break
        assert f"… còn {left} dòng — xem tiếp (gõ “xem tiếp” để nhận 10 dòng tiếp theo, " in batch
        assert "“xem tất cả” để nhận 15 dòng mỗi lần" in batch
    assert len(listed) == total == len(set(listed))
