"""`/v1/documents` and `/v1/jobs`: listing, clause trees and look-ups, upload and removal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.test_api_support import admin, corpus_home, plan_text, running_client, wait_for_job

NINH_BINH = "ninh-binh-19-KH-UBND-2025"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with running_client(corpus_home(tmp_path_factory)) as client:
        yield client


def _upload(client: TestClient, name: str, data: bytes, media: str = "text/plain") -> Any:
    return client.post(
        "/v1/documents",
        params={"name": name},
        content=data,
        headers={**admin(), "Content-Type": media},
    )


# ---- reading ------------------------------------------------------------------------------


def test_lists_the_bundled_plans_without_server_paths(client: TestClient) -> None:
    body = client.get("/v1/documents").json()

    assert body["count"] == 5
    ids = [d["id"] for d in body["documents"]]
    assert NINH_BINH in ids and ids == sorted(ids)
    ninh_binh = next(d for d in body["documents"] if d["id"] == NINH_BINH)
    assert ninh_binh["number"] == "19/KH-UBND"
    assert ninh_binh["place"] == {"level": "tỉnh", "name": "Ninh Bình"}
    assert "source_path" not in ninh_binh


def test_document_detail_has_metadata_and_a_nested_clause_tree(client: TestClient) -> None:
    body = client.get(f"/v1/documents/{NINH_BINH}").json()

    assert body["signer"] == "Hà Lan Anh"
    assert body["replaces"]

    def walk(nodes: list[dict]) -> Iterator[dict]:
        for node in nodes:
            yield node
            yield from walk(node["children"])

    nodes = list(walk(body["clause_tree"]))
    assert len(nodes) == body["points"]  # every stored clause appears once
    row = next(n for n in nodes if n["number"] == "6.6" and n["has_target"])
    assert row["path"].endswith("6.6")
    appendix = next(n for n in body["clause_tree"] if n["number"] == "Phụ lục 1")
    assert appendix["children"], "the appendix holds its table groups"
    starts = [n["start"] for n in body["clause_tree"]]
    assert starts == sorted(starts)


def test_clause_lookup_returns_the_exact_source_text_and_target(client: TestClient) -> None:
    body = client.get(f"/v1/documents/{NINH_BINH}/clauses/6.6").json()

    clause = next(c for c in body["clauses"] if c["kind"] == "table_row")
    assert clause["target"]["lead_units"][0] == "Sở Khoa học và Công nghệ"
    assert clause["target"]["monitoring_units"] == ["Văn phòng UBND tỉnh"]
    assert clause["target"]["deadline"]["due"] == "2025-11-30"
    assert len(clause["text"]) == clause["end"] - clause["start"]


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/v1/documents/nope", "unknown_document"),
        ("/v1/documents/nope/clauses/1", "unknown_document"),
        (f"/v1/documents/{NINH_BINH}/clauses/99.99", "unknown_clause"),
    ],
)
def test_unknown_document_or_clause_is_404(client: TestClient, path: str, code: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == code


# ---- writing ------------------------------------------------------------------------------


def test_upload_ingests_in_the_background_then_delete_removes(client: TestClient) -> None:
    text = plan_text("Kế hoạch thử tải lên", 4, "tải lên")

    response = _upload(client, "ke-hoach-tai-len.txt", text.encode())

    assert response.status_code == 202
    job = response.json()
    assert response.headers["Location"] == f"/v1/jobs/{job['id']}"
    assert job["kind"] == "ingest" and job["document_id"] == "ke-hoach-tai-len"
    done = wait_for_job(client, job["id"])
    assert done["status"] == "succeeded", done
    assert done["result"]["status"] == "added"
    assert client.get("/v1/documents").json()["count"] == 6
    clause = client.get("/v1/documents/ke-hoach-tai-len/clauses/2").json()["clauses"][0]
    assert "Nhiệm vụ số 2 về tải lên" in clause["text"]

    again = wait_for_job(
        client, _upload(client, "ke-hoach-tai-len.txt", text.encode()).json()["id"]
    )
    assert again["result"]["status"] == "unchanged"

    removal = client.delete("/v1/documents/ke-hoach-tai-len", headers=admin())
    assert removal.status_code == 202
    assert wait_for_job(client, removal.json()["id"])["status"] == "succeeded"
    assert client.get("/v1/documents/ke-hoach-tai-len").status_code == 404
    assert client.get("/v1/documents").json()["count"] == 5


def test_markdown_upload_is_accepted(client: TestClient) -> None:
    text = plan_text("Kế hoạch markdown", 3, "markdown")

    response = _upload(client, "ke-hoach-md.md", text.encode(), media="text/markdown")

    assert wait_for_job(client, response.json()["id"])["status"] == "succeeded"
    removal = client.delete("/v1/documents/ke-hoach-md", headers=admin())
    assert wait_for_job(client, removal.json()["id"])["status"] == "succeeded"


def test_delete_unknown_document_is_404(client: TestClient) -> None:
    response = client.delete("/v1/documents/nope", headers=admin())

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_document"


@pytest.mark.parametrize(
    ("name", "data", "media", "status", "code"),
    [
        ("a.txt", "Kê hoach chuyên đôi".encode("cp1258"), "text/plain", 422, "invalid_input"),
        ("a.txt", b"   \n", "text/plain", 422, "invalid_input"),
        ("a.txt", b"\x00\x01\x02PK", "text/plain", 415, "unsupported_media_type"),
        ("a.pdf", b"%PDF-1.7", "text/plain", 415, "unsupported_media_type"),
        ("a.txt", b"text", "application/json", 415, "unsupported_media_type"),
        ("..", b"text", "text/plain", 422, "invalid_name"),
    ],
)
def test_unusable_uploads_fail_at_once(
    client: TestClient, name: str, data: bytes, media: str, status: int, code: str
) -> None:
    response = _upload(client, name, data, media)

    assert response.status_code == status, response.json()
    assert response.json()["error"]["code"] == code


def test_a_path_in_the_name_keeps_only_the_file_name(client: TestClient) -> None:
    text = plan_text("Kế hoạch đường dẫn", 3, "đường dẫn")

    job = _upload(client, "../../etc/ke-hoach-duong-dan.txt", text.encode()).json()

    assert job["document_id"] == "ke-hoach-duong-dan"
    assert wait_for_job(client, job["id"])["status"] == "succeeded"
    removal = client.delete("/v1/documents/ke-hoach-duong-dan", headers=admin())
    assert wait_for_job(client, removal.json()["id"])["status"] == "succeeded"


def test_unknown_job_is_404(client: TestClient) -> None:
    response = client.get("/v1/jobs/0000", headers=admin())

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_job"
