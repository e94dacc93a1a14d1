"""Helpers for the API tests (no tests here): an ingested corpus home, apps and clients.

The bundled corpus is ingested once per test session with the hashing embedder into a
pristine home; every test module works on its own copy (a folder copy takes well under
a second, an ingest about ten), so modules that upload or delete do not disturb others.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from api.state import ApiState
from ingest.embedding.hashing import HashingEmbedder
from ingest.settings import Settings
from retrieval.runtime import BUNDLED_CORPUS, Runtime

ADMIN_KEY = "admin-key-for-tests-0123456789"
READ_KEY = "read-key-for-tests-0123456789ab"
EMBED_DIMENSION = 64
WAIT_S = 60  # upper bound for a background job in a test; they take well under a second


def corpus_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of a home with the bundled corpus ingested (ingested once a session)."""
    pristine = tmp_path_factory.getbasetemp() / "api-corpus-pristine"
    if not (pristine / "catalog.json").exists():
        runtime = Runtime(Settings(home=pristine), embedder=HashingEmbedder(EMBED_DIMENSION))
        try:
            runtime.ingest_paths([BUNDLED_CORPUS])
        finally:
            runtime.close()
    copy = tmp_path_factory.mktemp("api-home") / "home"
    shutil.copytree(pristine, copy)
    return copy


def api_settings(**overrides: Any) -> ApiSettings:
    """Settings for tests: an admin key, generous limits, no corpus ingest at start-up."""
    values: dict[str, Any] = {
        "admin_keys": [ADMIN_KEY],
        "api_rate_per_ip": 0,
        "api_rate_per_key": 0,
        "api_ingest_bundled_corpus": False,
    }
    values.update(overrides)
    return ApiSettings(**values)


def build_app(home: Path, settings: ApiSettings | None = None) -> tuple[FastAPI, Runtime]:
    runtime = Runtime(Settings(home=home), embedder=HashingEmbedder(EMBED_DIMENSION))
    return create_app(runtime.settings, settings or api_settings(), runtime=runtime), runtime


def state_of(app: FastAPI) -> ApiState:
    state: ApiState = app.state.kehoach
    return state


@contextmanager
def running_client(home: Path, settings: ApiSettings | None = None) -> Iterator[TestClient]:
    """A client of an app over `home` whose start-up job has finished."""
    app, runtime = build_app(home, settings)
    try:
        with TestClient(app) as client:
            state = state_of(app)
            assert state.warm_up_job is not None
            job = state.jobs.wait(state.warm_up_job, timeout=WAIT_S)
            assert job is not None and job.finished, "start-up did not finish"
            yield client
    finally:
        runtime.close()


def wait_for_job(client: TestClient, job_id: str) -> dict[str, Any]:
    """The finished job as the API reports it."""
    state = state_of(client.app)  # type: ignore[arg-type]
    job = state.jobs.wait(job_id, timeout=WAIT_S)
    assert job is not None and job.finished, f"job {job_id} did not finish"
    response = client.get(f"/v1/jobs/{job_id}", headers=admin())
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def admin() -> dict[str, str]:
    return {"X-API-Key": ADMIN_KEY}


def plan_text(title: str, items: int, marker: str) -> str:
    """A small well-formed plan with `items` numbered tasks that all carry `marker`."""
    lines = [
        "ỦY BAN NHÂN DÂN",
        "TỈNH THỬ NGHIỆM",
        "Số: 7/KH-UBND",
        "KẾ HOẠCH",
        title,
        "I. MỤC TIÊU",
        "Bảo đảm triển khai đồng bộ các nhiệm vụ.",
        "II. NHIỆM VỤ",
    ]
    lines += [f"{n}. Nhiệm vụ số {n} về {marker}: Sở Thử nghiệm chủ trì." for n in range(1, items)]
    lines.append(f"{items}. Tổ chức thực hiện kế hoạch {marker}.")
    return "\n".join(lines) + "\n"
