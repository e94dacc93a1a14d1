"""`/healthz` and `/readyz`: up as soon as the process is, ready once model and index are."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from ingest.embedding.hashing import HashingEmbedder
from ingest.settings import Settings
from retrieval.runtime import Runtime
from tests.test_api_support import api_settings, build_app, running_client


def test_ready_after_start_up(tmp_path: Path) -> None:
    with running_client(tmp_path / "home") as client:
        health = client.get("/healthz")
        ready = client.get("/readyz")

    assert health.json() == {"status": "ok"}
    assert ready.status_code == 200
    assert ready.json() == {
        "status": "ready",
        "checks": {"model": True, "startup": True, "index": True},
    }


def test_not_ready_before_start_up_ran(tmp_path: Path) -> None:
    app, runtime = build_app(tmp_path / "home")
    client = TestClient(app)  # no `with`: the lifespan (and its warm-up job) never runs
    try:
        assert client.get("/healthz").status_code == 200
        response = client.get("/readyz")
    finally:
        runtime.close()

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "not_ready"
    assert "model" in response.json()["error"]["message"]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again when this returns


# qdrant-client checks the server version in a thread and warns when it cannot.
@pytest.mark.filterwarnings("ignore:Failed to obtain server version:UserWarning")
def test_not_ready_when_the_qdrant_server_is_down(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", qdrant_url=f"http://127.0.0.1:{_closed_port()}")
    runtime = Runtime(settings, embedder=HashingEmbedder(64))
    app = create_app(settings, api_settings(), runtime=runtime)
    with TestClient(app) as client:
        state = app.state.kehoach
        state.jobs.wait(state.warm_up_job, timeout=60)
        health = client.get("/healthz")
        ready = client.get("/readyz")
    runtime.close()
    # Let qdrant-client's version check give up inside this test, under its filter above,
    # rather than warn during whichever test runs next.
    for thread in threading.enumerate():
        if "_check_compatibility" in thread.name:
            thread.join(30)

    assert health.status_code == 200
    assert ready.status_code == 503
    message = ready.json()["error"]["message"]
    assert "index" in message and "start-up failed" in message
    assert "127.0.0.1" not in message  # no connection details leave the server
