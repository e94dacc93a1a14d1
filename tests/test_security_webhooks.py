"""Webhook hardening: stale events, replays across restarts, rate limits, forwarded addresses."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from api.app import ZALO_REPLAY_FILE, create_app
from api.ratelimit import TokenBuckets
from api.server import proxy_options
from api.settings import load_api_settings
from bot.replay import ReplayStore
from bot.service import ChatService
from bot.settings import BotSettings
from bot.zalo_webhook import zalo_webhook_router
from ingest.embedding.hashing import HashingEmbedder
from ingest.errors import ConfigurationError
from ingest.settings import Settings
from retrieval.runtime import Runtime
from tests.fakes.zalo import FakeZalo, signed, text_event
from tests.test_api_support import EMBED_DIMENSION, api_settings, state_of

APP_ID = "3608465249409039"
SECRET = "oa-secret-key"
TOKEN = "zalo-access-token"
USER = "2468458835296117922"
NOW = 1_790_000_000.0  # a fixed wall clock (seconds)


@pytest.fixture
def fake() -> Iterator[FakeZalo]:
    with FakeZalo(TOKEN) as server:
        assert isinstance(server, FakeZalo)
        yield server


def zalo_settings(fake: FakeZalo, **extra: Any) -> BotSettings:
    return BotSettings(
        zalo_app_id=APP_ID,
        zalo_oa_secret_key=SECRET,  # type: ignore[arg-type]
        zalo_access_token=TOKEN,  # type: ignore[arg-type]
        zalo_api_base_url=fake.base_url,
        **extra,
    )


def zalo_client(
    corpus_runtime: Runtime, fake: FakeZalo, replay_path: Path | None = None, **extra: Any
) -> TestClient:
    app = FastAPI()
    app.include_router(
        zalo_webhook_router(
            ChatService.for_runtime(corpus_runtime),
            zalo_settings(fake, **extra),
            wall_clock=lambda: NOW,
            replay_path=replay_path,
        )
    )
    return TestClient(app)


def post_event(client: TestClient, stamp_s: float, msg_id: str, text: str = "/help") -> Any:
    event = text_event(USER, text, msg_id, APP_ID, timestamp=str(int(stamp_s * 1000)))
    body, headers = signed(event, APP_ID, SECRET)
    return client.post("/zalo/webhook", content=body, headers=headers)


# ---- event age -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset_s", "status"),
    [(0, 200), (-299, 200), (-301, 403), (+301, 403), (-(NOW - 1_577_836_800), 403)],
    ids=["now", "just-in-window", "too-old", "from-the-future", "from-2020"],
)
def test_signed_events_outside_the_window_are_refused(
    corpus_runtime: Runtime, fake: FakeZalo, offset_s: float, status: int
) -> None:
    client = zalo_client(corpus_runtime, fake)
    response = post_event(client, NOW + offset_s, f"age-{offset_s}")
    assert response.status_code == status
    if status == 403:
        assert "bị từ chối" in response.json()["error"]["message"]
        assert fake.calls == []
    else:
        assert len(fake.wait_for("message/cs")) == 1


def test_the_window_is_configurable(corpus_runtime: Runtime, fake: FakeZalo) -> None:
    client = zalo_client(corpus_runtime, fake, zalo_event_max_age_s=3600)
    assert post_event(client, NOW - 1800, "half-hour").status_code == 200


# ---- replays -------------------------------------------------------------------------------------


def test_a_replayed_event_is_answered_once_even_after_a_restart(
    corpus_runtime: Runtime, fake: FakeZalo, tmp_path: Path
) -> None:
    path = tmp_path / ZALO_REPLAY_FILE
    first = zalo_client(corpus_runtime, fake, replay_path=path)
    assert post_event(first, NOW, "once").json() == {"ok": True}
    fake.wait_for("message/cs")
    restarted = zalo_client(corpus_runtime, fake, replay_path=path)  # a new process, same home
    again = post_event(restarted, NOW, "once")
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert post_event(restarted, NOW, "another").json() == {"ok": True}
    assert len(fake.wait_for("message/cs", 2)) == 2  # "once" was not answered twice


def test_events_without_a_message_id_are_deduplicated_by_signature(
    corpus_runtime: Runtime, fake: FakeZalo
) -> None:
    client = zalo_client(corpus_runtime, fake)
    follow = {**text_event(USER, "", "", APP_ID, timestamp=str(int(NOW * 1000)))}
    follow["event_name"] = "follow"
    del follow["message"]
    body, headers = signed(follow, APP_ID, SECRET)
    assert client.post("/zalo/webhook", content=body, headers=headers).json() == {"ok": True}
    repeated = client.post("/zalo/webhook", content=body, headers=headers).json()
    assert repeated["duplicate"] is True


def test_the_replay_store_stays_bounded(tmp_path: Path) -> None:
    store = ReplayStore(tmp_path / "seen.sqlite3", retention_s=600, max_keys=50)
    assert store.first_time("a", 0.0) and not store.first_time("a", 1.0)
    for n in range(1000):
        store.first_time(f"k{n}", 10.0 + n)
    store.prune(1010.0)
    assert len(store) <= 50
    assert not store.first_time("k999", 1011.0)  # the newest are kept
    store.prune(5000.0)  # everything is past the retention
    assert len(store) == 0
    store.close()


def test_a_damaged_replay_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "seen.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    store = ReplayStore(path, retention_s=600)
    assert store.first_time("a", 0.0)
    assert (tmp_path / "seen.sqlite3.damaged").exists()
    store.close()


# ---- rate limits ---------------------------------------------------------------------------------


def test_webhooks_and_health_endpoints_are_rate_limited(tmp_path: Path, fake: FakeZalo) -> None:
    runtime = Runtime(Settings(home=tmp_path / "home"), embedder=HashingEmbedder(EMBED_DIMENSION))
    bots = zalo_settings(fake)
    app = create_app(runtime.settings, api_settings(), runtime=runtime, bot_settings=bots)
    try:
        with TestClient(app) as client:
            for path in ("/healthz", "/readyz", "/zalo/webhook", "/telegram/webhook"):
                state_of(app).ip_buckets = TokenBuckets(rate=0.001, burst=2)  # a fresh bucket
                send = client.get if path.endswith("z") else client.post
                statuses = [send(path).status_code for _ in range(3)]
                assert statuses[0] != 429 and statuses[-1] == 429, (path, statuses)
                assert send(path).headers["Retry-After"]
    finally:
        runtime.close()


# ---- X-Forwarded-For -----------------------------------------------------------------------------


def test_trusted_proxies_default_to_none_and_must_be_addresses() -> None:
    assert proxy_options(load_api_settings()) == {"proxy_headers": False}
    trusted = load_api_settings(trusted_proxies="10.0.0.5, 10.1.0.0/16")
    assert proxy_options(trusted) == {
        "proxy_headers": True,
        "forwarded_allow_ips": "10.0.0.5,10.1.0.0/16",
    }
    with pytest.raises(ConfigurationError, match="KEHOACH_TRUSTED_PROXIES"):
        load_api_settings(trusted_proxies="proxy.example")


def _seen_address(options: dict[str, Any]) -> str:
    """The client address an app behind real uvicorn sees when 127.0.0.1 forwards 1.2.3.4."""
    app = FastAPI()

    @app.get("/who")
    def who(request: Request) -> dict[str, str]:
        return {"host": request.client.host if request.client else ""}

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", **options)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.02)
        response = httpx.get(f"http://127.0.0.1:{port}/who", headers={"X-Forwarded-For": "1.2.3.4"})
        return str(json.loads(response.text)["host"])
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_x_forwarded_for_is_ignored_unless_the_proxy_is_trusted() -> None:
    assert _seen_address(proxy_options(load_api_settings())) == "127.0.0.1"
    trusted = load_api_settings(trusted_proxies="127.0.0.1")
    assert _seen_address(proxy_options(trusted)) == "1.2.3.4"
