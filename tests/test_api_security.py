"""Keys, rate limits, body limits, CORS and the error shape — over an empty home (fast)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr, ValidationError

from api.conversations import ConversationStore
from api.ratelimit import TokenBuckets
from api.security import KeyRing, Role
from api.settings import ApiSettings, load_api_settings
from ingest.errors import ConfigurationError
from retrieval.assistant import Assistant
from tests.test_api_support import ADMIN_KEY, READ_KEY, admin, api_settings, running_client

OTHER_READ_KEY = "another-read-key-0123456789abcd"
WRONG_KEY = "wrong-key-0123456789-0123456789"
PORTAL = "https://congthongtin.example.gov.vn"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def _client(home: Path, **overrides: Any) -> Any:
    return running_client(home, api_settings(**overrides))


@pytest.fixture
def client(home: Path) -> Iterator[TestClient]:
    with _client(home) as client:
        yield client


# ---- keys -------------------------------------------------------------------------------------


def test_reads_are_open_without_read_keys(client: TestClient) -> None:
    assert client.get("/v1/documents").json() == {"count": 0, "documents": []}


def test_upload_without_a_key_is_401(client: TestClient) -> None:
    response = client.post("/v1/documents", params={"name": "a.txt"}, content=b"x")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_a_wrong_key_is_401_even_for_open_reads(client: TestClient) -> None:
    for path in ("/v1/documents", "/v1/jobs/x"):
        response = client.get(path, headers={"X-API-Key": WRONG_KEY})
        assert response.status_code == 401
        assert response.json()["error"]["message"] == "X-API-Key không hợp lệ"


def test_a_read_key_may_not_write(home: Path) -> None:
    with _client(home, read_keys=[READ_KEY]) as client:
        response = client.delete("/v1/documents/x", headers={"X-API-Key": READ_KEY})

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_with_read_keys_configured_reads_need_a_key(home: Path) -> None:
    with _client(home, read_keys=[READ_KEY]) as client:
        assert client.get("/v1/documents").status_code == 401
        assert client.post("/v1/ask", json={"question": "a?"}).status_code == 401
        assert client.get("/v1/documents", headers={"X-API-Key": READ_KEY}).status_code == 200
        assert client.get("/v1/documents", headers=admin()).status_code == 200
        assert client.get("/healthz").status_code == 200  # probes need no key


def test_without_admin_keys_writes_are_disabled(home: Path) -> None:
    with _client(home, admin_keys=[]) as client:
        response = client.post("/v1/documents", params={"name": "a.txt"}, content=b"x")

    assert response.status_code == 403
    assert "KEHOACH_ADMIN_KEYS" in response.json()["error"]["message"]


def test_keys_never_reach_the_logs(home: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with _client(home, read_keys=[READ_KEY]) as client:
        client.get("/v1/documents", headers={"X-API-Key": WRONG_KEY})
        client.get("/v1/documents", headers={"X-API-Key": READ_KEY})
        client.get("/v1/jobs/x", headers=admin())

    assert "rejected an unknown API key" in caplog.text
    for key in (WRONG_KEY, READ_KEY, ADMIN_KEY):
        assert key not in caplog.text
    assert ADMIN_KEY not in repr(api_settings()) and ADMIN_KEY not in str(api_settings())


def test_keyring_identifies_roles_by_digest_only() -> None:
    ring = KeyRing([SecretStr(ADMIN_KEY)], [SecretStr(READ_KEY)])

    admin_principal = ring.identify(ADMIN_KEY)
    assert admin_principal is not None and admin_principal.role is Role.ADMIN
    read_principal = ring.identify(READ_KEY)
    assert read_principal is not None and read_principal.role is Role.READ
    assert ring.identify(None) is not None and ring.identify(None).role is Role.ANONYMOUS  # type: ignore[union-attr]
    assert ring.identify(WRONG_KEY) is None
    assert ring.identify(ADMIN_KEY[:-1]) is None
    assert admin_principal.key_id and admin_principal.key_id not in ADMIN_KEY
    assert admin_principal.key_id != read_principal.key_id


# ---- settings ---------------------------------------------------------------------------------


def test_settings_read_comma_separated_lists_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KEHOACH_ADMIN_KEYS", f"{ADMIN_KEY}, {ADMIN_KEY}x")
    monkeypatch.setenv("KEHOACH_API_CORS_ORIGINS", f"{PORTAL},http://localhost:3000")
    monkeypatch.setenv("KEHOACH_API_RATE_PER_IP", "5")

    settings = ApiSettings()

    assert [k.get_secret_value() for k in settings.admin_keys] == [ADMIN_KEY, ADMIN_KEY + "x"]
    assert settings.api_cors_origins == [PORTAL, "http://localhost:3000"]
    assert settings.api_rate_per_ip == 5


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"admin_keys": ["short"]}, "ngắn hơn 16 ký tự"),
        ({"admin_keys": [ADMIN_KEY], "read_keys": [ADMIN_KEY]}, "vừa là khoá quản trị vừa là"),
        ({"api_rate_per_ip": -1}, "greater than or equal to 0"),
    ],
)
def test_bad_settings_fail_at_start_up(values: dict, problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        ApiSettings(**values)


def test_bad_settings_are_reported_without_the_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_ADMIN_KEYS", "tiny-secret")

    with pytest.raises(ConfigurationError) as caught:
        load_api_settings()

    assert "KEHOACH_ADMIN_KEYS: khoá thứ 1 ngắn hơn 16 ký tự" in str(caught.value)
    assert "tiny-secret" not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


# ---- rate limits ------------------------------------------------------------------------------


def test_an_address_over_its_rate_gets_429_with_retry_after(home: Path) -> None:
    with _client(home, api_rate_per_ip=0.01, api_burst_per_ip=2) as client:
        statuses = [client.get("/v1/documents").status_code for _ in range(3)]
        limited = client.get("/v1/documents")
        probe = client.get("/healthz")

    assert statuses == [200, 200, 429]
    assert limited.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(limited.headers["Retry-After"]) <= 100
    assert probe.status_code == 200  # health probes have a bucket of their own


def test_each_key_has_its_own_bucket(home: Path) -> None:
    with _client(
        home, read_keys=[READ_KEY, OTHER_READ_KEY], api_rate_per_key=0.01, api_burst_per_key=1
    ) as client:
        first = client.get("/v1/documents", headers={"X-API-Key": READ_KEY})
        second = client.get("/v1/documents", headers={"X-API-Key": READ_KEY})
        other = client.get("/v1/documents", headers={"X-API-Key": OTHER_READ_KEY})

    assert (first.status_code, second.status_code, other.status_code) == (200, 429, 200)
    assert "khoá API" in second.json()["error"]["message"]
    assert "Retry-After" in second.headers


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_token_bucket_refills_at_its_rate() -> None:
    clock = FakeClock()
    buckets = TokenBuckets(rate=0.5, burst=2, clock=clock)

    assert [buckets.take("k") for _ in range(3)] == [0, 0, 2]
    clock.now += 2
    assert buckets.take("k") == 0
    assert buckets.take("other") == 0
    assert TokenBuckets(rate=0, burst=1).take("k") == 0  # rate 0: no limit


def test_token_buckets_are_bounded() -> None:
    buckets = TokenBuckets(rate=1, burst=1, clock=FakeClock(), max_buckets=2)

    for key in ("a", "b", "c"):
        buckets.take(key)

    assert buckets.take("a") == 0  # "a" was forgotten and came back full
    assert buckets.take("c") == 1


# ---- body limits ------------------------------------------------------------------------------


def test_a_declared_oversized_upload_is_413_before_auth(home: Path) -> None:
    with _client(home, api_max_upload_bytes=2048) as client:
        response = client.post("/v1/documents", params={"name": "a.txt"}, content=b"x" * 4096)

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_a_streamed_oversized_upload_is_cut_off_at_the_limit(home: Path) -> None:
    sent: list[int] = []

    def chunks() -> Iterator[bytes]:
        for _ in range(100):  # 100 KiB, no Content-Length: counted as it arrives
            sent.append(1)
            yield b"x" * 1024

    with _client(home, api_max_upload_bytes=8 * 1024) as client:
        response = client.post(
            "/v1/documents",
            params={"name": "a.txt"},
            content=chunks(),
            headers={**admin(), "Content-Type": "text/plain"},
        )

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_an_oversized_json_body_is_413(client: TestClient) -> None:
    response = client.post("/v1/ask", json={"question": "x" * 70_000})

    assert response.status_code == 413


# ---- errors, CORS, request ids ----------------------------------------------------------------


def test_unknown_route_and_method_use_the_error_shape(client: TestClient) -> None:
    missing = client.get("/v2/nothing")
    wrong_method = client.put("/v1/ask")

    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    assert missing.json()["error"]["message"].startswith("không có địa chỉ này")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error"]["code"] == "method_not_allowed"


def test_an_unexpected_error_is_500_without_internals(
    home: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret detail at /srv/kehoach/internal.py")

    monkeypatch.setattr(Assistant, "ask", explode)
    with _client(home) as client:
        response = client.post("/v1/ask", json={"question": "Chỉ tiêu 6.6?"})

    assert response.status_code == 500
    error = response.json()["error"]
    assert error["code"] == "internal_error"
    assert "secret" not in response.text and "Traceback" not in response.text
    assert response.headers["X-Request-ID"] in error["message"]
    assert "secret detail" in caplog.text  # the traceback stays in the server's log


def test_request_ids_are_echoed_when_well_formed(client: TestClient) -> None:
    given = client.get("/healthz", headers={"X-Request-ID": "portal-42"})
    forged = client.get("/healthz", headers={"X-Request-ID": "bad id\nwith newline"})

    assert given.headers["X-Request-ID"] == "portal-42"
    assert forged.headers["X-Request-ID"] != "bad id\nwith newline"
    assert len(forged.headers["X-Request-ID"]) == 32


def test_cors_allows_configured_origins_only(home: Path) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "X-API-Key, Content-Type",
    }
    with _client(home, api_cors_origins=[PORTAL]) as client:
        allowed = client.options("/v1/ask", headers={"Origin": PORTAL, **preflight})
        refused = client.options("/v1/ask", headers={"Origin": "https://evil.example", **preflight})
        error = client.get("/v1/documents/nope", headers={"Origin": PORTAL})

    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == PORTAL
    assert "x-api-key" in allowed.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-origin" not in refused.headers
    assert error.status_code == 404
    assert error.headers["access-control-allow-origin"] == PORTAL


def test_no_cors_headers_without_configured_origins(client: TestClient) -> None:
    response = client.get("/healthz", headers={"Origin": PORTAL})

    assert "access-control-allow-origin" not in response.headers


# ---- conversations ----------------------------------------------------------------------------


def test_conversations_expire_and_belong_to_their_owner() -> None:
    clock = FakeClock()
    store = ConversationStore(ttl_s=60, capacity=2, clock=clock)
    first, _ = store.start("key-a")

    assert store.get(first, "key-b") is None
    clock.now += 59
    assert store.get(first, "key-a") is not None  # a turn keeps it alive
    clock.now += 59
    assert store.get(first, "key-a") is not None
    clock.now += 61
    assert store.get(first, "key-a") is None
    assert len(store) == 0


def test_conversation_store_is_bounded() -> None:
    store = ConversationStore(ttl_s=60, capacity=2, clock=FakeClock())
    ids = [store.start("o")[0] for _ in range(3)]

    assert store.get(ids[0], "o") is None
    assert store.get(ids[2], "o") is not None
    assert len(store) == 2


def test_buckets_kept_in_a_database_are_asked_off_the_event_loop() -> None:
    """A shared bucket's take waits for PostgreSQL: it runs in a worker thread, while an
    in-memory bucket is taken on the loop itself."""
    import asyncio
    import threading

    from api.deps import take_token

    class _Recording:
        def __init__(self, does_io: bool) -> None:
            self.does_io = does_io
            self.thread: threading.Thread | None = None

        def take(self, key: str) -> int:
            self.thread = threading.current_thread()
            return 0

    shared, local = _Recording(does_io=True), _Recording(does_io=False)
    assert asyncio.run(take_token(shared, "k")) == 0  # type: ignore[arg-type]
    assert asyncio.run(take_token(local, "k")) == 0  # type: ignore[arg-type]
    assert shared.thread is not threading.main_thread()
    assert local.thread is threading.main_thread()
