"""Uploads while queries run: a reader never sees a document half-written or two versions mixed.

The first test is the precise one: it stops an ingestion halfway through its index write
and lets a reader try to read right then; the reader must wait and then see the whole
new version. The second runs readers in threads through the HTTP API while a document is
added, updated and removed, and checks every response for consistency.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.engine import Engine
from ingest.index.protocol import IndexPoint
from retrieval.runtime import Runtime
from tests.test_api_support import (
    admin,
    build_app,
    corpus_home,
    plan_text,
    state_of,
    wait_for_job,
)

DOC = "ke-hoach-dong-thoi"
V1, V2 = "phiên bản một", "phiên bản hai"
V1_TEXT = plan_text("Kế hoạch đồng thời", 30, V1).encode()
V2_TEXT = plan_text("Kế hoạch đồng thời", 20, V2).encode()
PROBE_WAIT_S = 0.5  # how long the paused write gives a reader to (wrongly) get through


@dataclass
class Seen:
    """What one read saw of the document."""

    in_catalog: bool
    catalog_points: int
    points: int
    markers: frozenset[str]


def read_document(engine: Engine) -> Seen:
    with engine.reading() as view:
        entry = view.catalog.get(DOC)
        clauses = view.search.document_clauses(DOC)
    markers = frozenset(m for m in (V1, V2) for c in clauses if m in c.text)
    return Seen(entry is not None, entry.point_count if entry else 0, len(clauses), markers)


def assert_whole(seen: Seen) -> None:
    assert len(seen.markers) <= 1, f"two versions mixed: {seen}"
    if seen.in_catalog:
        assert seen.points == seen.catalog_points, f"partial document: {seen}"
    else:
        assert seen.points == 0, f"points of a document not (or no longer) ingested: {seen}"


@pytest.fixture(scope="module")
def app_and_runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, Runtime]]:
    app, runtime = build_app(corpus_home(tmp_path_factory))
    try:
        yield app, runtime
    finally:
        runtime.close()


@pytest.fixture(scope="module")
def client(app_and_runtime: tuple[FastAPI, Runtime]) -> Iterator[TestClient]:
    app, _ = app_and_runtime
    with TestClient(app) as client:
        state = state_of(app)
        state.jobs.wait(state.warm_up_job or "", timeout=60)
        yield client


def _upload(client: TestClient, data: bytes) -> dict[str, Any]:
    response = client.post(
        "/v1/documents",
        params={"name": f"{DOC}.txt"},
        content=data,
        headers={**admin(), "Content-Type": "text/plain"},
    )
    assert response.status_code == 202, response.json()
    return wait_for_job(client, response.json()["id"])


def test_a_reader_waits_for_a_write_in_progress_then_sees_it_whole(
    client: TestClient, app_and_runtime: tuple[FastAPI, Runtime], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, runtime = app_and_runtime
    engine = state_of(app).engine
    index = runtime.index
    write_all = index.upsert
    probes: list[tuple[bool, list[Seen]]] = []

    def upsert_with_a_reader_in_the_middle(points: Sequence[IndexPoint]) -> None:
        half = len(points) // 2
        write_all(points[:half])
        seen: list[Seen] = []
        reader = threading.Thread(target=lambda: seen.append(read_document(engine)))
        reader.start()
        reader.join(PROBE_WAIT_S)
        probes.append((not reader.is_alive(), seen))  # (got through mid-write?, what it saw)
        write_all(points[half:])
        threads.append(reader)

    threads: list[threading.Thread] = []
    monkeypatch.setattr(index, "upsert", upsert_with_a_reader_in_the_middle)

    first = _upload(client, V1_TEXT)
    second = _upload(client, V2_TEXT)
    for reader in threads:
        reader.join(10)

    assert first["result"]["status"] == "added" and second["result"]["status"] == "updated"
    assert second["result"]["points"] < first["result"]["points"]
    assert [got_through for got_through, _ in probes] == [False, False]
    (_, after_add), (_, after_update) = probes
    assert after_add == [
        Seen(True, first["result"]["points"], first["result"]["points"], frozenset({V1}))
    ]
    assert after_update == [
        Seen(True, second["result"]["points"], second["result"]["points"], frozenset({V2}))
    ]


def test_http_readers_see_whole_documents_while_it_is_added_updated_removed(
    client: TestClient, app_and_runtime: tuple[FastAPI, Runtime]
) -> None:
    app, _ = app_and_runtime
    engine = state_of(app).engine
    done = threading.Event()
    problems: list[str] = []
    reads = [0]

    def check_detail() -> None:
        response = client.get(f"/v1/documents/{DOC}")
        if response.status_code == 404:
            return
        body = response.json()
        nodes = _count_nodes(body["clause_tree"])
        if nodes != body["points"]:
            problems.append(f"tree has {nodes} clauses, catalog says {body['points']}")

    def check_answer() -> None:
        response = client.post(
            "/v1/ask", json={"question": f"Nhiệm vụ số 25 về {V1} là gì?", "document": DOC}
        )
        if response.status_code == 404:
            return  # not ingested (yet, or any more): nothing to see
        texts = [c["text"] for c in response.json()["citations"]]
        markers = {m for m in (V1, V2) for text in texts if m in text}
        if len(markers) > 1:
            problems.append(f"one answer cites two versions: {texts}")

    def reader(check: Any) -> None:
        while not done.is_set():
            try:
                check()
                assert_whole(read_document(engine))
            except AssertionError as error:
                problems.append(str(error))
            reads[0] += 1

    threads = [threading.Thread(target=reader, args=(check,)) for check in
               (check_detail, check_answer, check_detail, check_answer)]  # fmt: skip
    for thread in threads:
        thread.start()
    try:
        for data in (V1_TEXT, V2_TEXT, V1_TEXT):
            assert _upload(client, data)["status"] == "succeeded"
        removal = client.delete(f"/v1/documents/{DOC}", headers=admin())
        assert wait_for_job(client, removal.json()["id"])["status"] == "succeeded"
    finally:
        done.set()
        for thread in threads:
            thread.join(30)

    assert problems == []
    assert reads[0] >= len(threads)  # the readers did run alongside the writes
    assert_whole(read_document(engine))
    assert client.get(f"/v1/documents/{DOC}").status_code == 404


def _count_nodes(nodes: list[dict[str, Any]]) -> int:
    return sum(1 + _count_nodes(node["children"]) for node in nodes)
