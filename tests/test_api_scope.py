"""`POST /v1/ask` with a scope: the request's, and the one an API key is held to."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.settings import ApiSettings
from tests.test_api_support import api_settings, corpus_home, running_client

READ_KEY = "read-key-for-tien-giang-only-0123"
QUESTION = "Sở nào chủ trì chỉ tiêu 6.6?"  # in the Ninh Bình plan 19/KH-UBND only


def _fingerprint(key: str) -> str:
    return hashlib.sha256(hashlib.sha256(key.encode()).digest()).hexdigest()[:12]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = api_settings(
        read_keys=[READ_KEY], key_scopes={_fingerprint(READ_KEY): "tỉnh Tiền Giang"}
    )
    with running_client(corpus_home(tmp_path_factory), settings) as client:
        yield client


def test_a_request_scope_narrows_the_plans(client: TestClient) -> None:
    from tests.test_api_support import ADMIN_KEY

    headers = {"X-API-Key": ADMIN_KEY}
    free = client.post("/v1/ask", json={"question": QUESTION}, headers=headers).json()
    assert not free["abstained"] and free["citations"][0]["clause"] == "6.6"

    scoped = client.post(
        "/v1/ask", json={"question": QUESTION, "scope": "tinh tien giang"}, headers=headers
    ).json()
    assert scoped["abstained"]
    assert all("Ninh Bình" not in c["document_title"] for c in scoped["citations"])


def test_a_key_is_held_to_its_scope(client: TestClient) -> None:
    body = client.post("/v1/ask", json={"question": QUESTION}, headers={"X-API-Key": READ_KEY})
    assert body.status_code == 200
    assert body.json()["abstained"]
    named = client.post(
        "/v1/ask",
        json={"question": "Sở nào chủ trì chỉ tiêu 6.6 kế hoạch 19/KH-UBND?"},
        headers={"X-API-Key": READ_KEY},
    ).json()
    assert named["abstained"] and "tỉnh Tiền Giang" in named["answer"]


def test_a_scope_that_cannot_be_read_is_a_422_in_vietnamese(client: TestClient) -> None:
    from tests.test_api_support import ADMIN_KEY

    response = client.post(
        "/v1/ask",
        json={"question": QUESTION, "scope": "cap thon"},
        headers={"X-API-Key": ADMIN_KEY},
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "bad_scope" and "cấp xã" in error["message"]


def test_key_scopes_are_checked_at_start_up() -> None:
    with pytest.raises(ValueError):
        ApiSettings(key_scopes={"not-a-fingerprint": "cấp xã"})
    with pytest.raises(ValueError):
        ApiSettings(key_scopes={"0123456789ab": "cap thon"})
