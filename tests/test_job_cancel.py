"""Cancelling background jobs: a queued job never runs, a running ingestion stops before it
commits anything, and the HTTP route says what happened."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.jobs import JobQueue, JobStatus
from ingest.cancel import raise_if_cancelled
from ingest.parser.budget import ParseBudget, checkpoint
from tests.conftest import ingested_runtime
from tests.test_api_support import admin, corpus_home, plan_text, running_client, wait_for_job


def _blocking_work(started: threading.Event, release: threading.Event) -> dict[str, object]:
    started.set()
    release.wait(10)
    return {"ran": True}


def test_a_queued_job_is_cancelled_before_it_runs() -> None:
    queue = JobQueue(max_pending=5)
    started, release = threading.Event(), threading.Event()
    first = queue.submit("ingest", "a", lambda: _blocking_work(started, release))
    ran: list[str] = []
    second = queue.submit("ingest", "b", lambda: ran.append("b") or None)
    assert started.wait(5)
    cancelled = queue.cancel(second.id)
    release.set()
    assert cancelled is not None and cancelled.status is JobStatus.CANCELLED
    done = queue.wait(first.id, timeout=5)
    assert done is not None and done.status is JobStatus.SUCCEEDED
    queue.shutdown()
    assert ran == []
    assert queue.get(second.id).status is JobStatus.CANCELLED  # type: ignore[union-attr]


def test_a_running_job_stops_at_its_next_check() -> None:
    queue = JobQueue(max_pending=5)
    started = threading.Event()

    def work() -> dict[str, object]:
        started.set()
        for _ in range(1000):
            raise_if_cancelled()
            threading.Event().wait(0.01)
        return {"finished": True}

    job = queue.submit("ingest", "a", work)
    assert started.wait(5)
    queue.cancel(job.id)
    done = queue.wait(job.id, timeout=10)
    queue.shutdown()
    assert done is not None and done.status is JobStatus.CANCELLED
    assert done.result is None


def test_parsing_loops_look_at_the_cancel_request() -> None:
    from ingest.cancel import cancellable
    from ingest.errors import WorkCancelledError

    event = threading.Event()
    event.set()
    with (
        cancellable(event),
        ParseBudget(seconds=0, megabytes=0).watching("x"),
        pytest.raises(WorkCancelledError),
    ):
        for _ in range(10_000):
            checkpoint()


def test_a_cancelled_ingestion_leaves_nothing(tmp_path: Path) -> None:
    from ingest.cancel import cancellable
    from ingest.errors import WorkCancelledError

    plan = tmp_path / "ke-hoach-huy.txt"
    plan.write_text(plan_text("Kế hoạch bị huỷ", 40, "huỷ"), encoding="utf-8")
    event = threading.Event()
    event.set()
    with ingested_runtime(tmp_path / "home", []) as runtime:
        with cancellable(event), pytest.raises(WorkCancelledError):
            runtime.ingestor.ingest_file(plan)
        assert "ke-hoach-huy" not in runtime.catalog.entries
        assert runtime.index.count() == 0


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with running_client(corpus_home(tmp_path_factory)) as client:
        yield client


def test_cancel_route(client: TestClient) -> None:
    assert client.delete("/v1/jobs/0000", headers=admin()).status_code == 404
    assert client.delete("/v1/jobs/0000").status_code == 401
    upload = client.post(
        "/v1/documents",
        params={"name": "ke-hoach-xong.txt"},
        content=plan_text("Kế hoạch xong", 3, "xong").encode(),
        headers={**admin(), "Content-Type": "text/plain"},
    ).json()
    assert wait_for_job(client, upload["id"])["status"] == "succeeded"
    finished = client.delete(f"/v1/jobs/{upload['id']}", headers=admin())
    assert finished.status_code == 409
    assert finished.json()["error"]["code"] == "job_finished"


def test_the_retry_route_on_one_process_says_to_upload_again(client: TestClient) -> None:
    """Without a shared database an upload's bytes live only while its job runs."""
    assert client.post("/v1/jobs/0000/retry", headers=admin()).status_code == 404
    assert client.post("/v1/jobs/0000/retry").status_code == 401
    upload = client.post(
        "/v1/documents",
        params={"name": "ke-hoach-hong.docx"},
        content=b"PK\x03\x04 not a real archive",
        headers={**admin(), "Content-Type": "application/octet-stream"},
    ).json()
    assert wait_for_job(client, upload["id"])["status"] == "failed"
    again = client.post(f"/v1/jobs/{upload['id']}/retry", headers=admin())
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "input_not_kept"
    assert "tải tệp lên lại" in again.json()["error"]["message"]


def test_embedding_has_a_wall_clock_ceiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One huge upload cannot hold the only ingest worker: embedding past its seconds stops
    with a clear message and nothing written."""
    from ingest.parser.budget import EMBED_SECONDS_ENV, ParseBudgetError

    monkeypatch.setenv(EMBED_SECONDS_ENV, "0.000001")
    plan = tmp_path / "ke-hoach-lon.txt"
    plan.write_text(plan_text("Kế hoạch lớn", 40, "lớn"), encoding="utf-8")
    with ingested_runtime(tmp_path / "home", []) as runtime:
        with pytest.raises(ParseBudgetError, match="KEHOACH_MAX_EMBED_SECONDS"):
            runtime.ingestor.ingest_file(plan)
        assert "ke-hoach-lon" not in runtime.catalog.entries
        assert runtime.index.count() == 0
