"""`POST /v1/ask`: answers with citations, follow-ups, and every way a request can be wrong."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.test_api_support import corpus_home, running_client

NINH_BINH = "ninh-binh-19-KH-UBND-2025"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with running_client(corpus_home(tmp_path_factory)) as client:
        yield client


def test_who_leads_target_6_6_names_the_units_with_a_citation(client: TestClient) -> None:
    response = client.post("/v1/ask", json={"question": "Sở nào chủ trì chỉ tiêu 6.6?"})

    assert response.status_code == 200
    body = response.json()
    assert body["abstained"] is False
    assert "Sở Khoa học và Công nghệ" in body["answer"]
    assert "Văn phòng UBND tỉnh" in body["answer"]
    assert body["conversation_id"]
    citation = body["citations"][0]
    assert citation["document_id"] == NINH_BINH
    assert citation["clause"] == "6.6"
    assert citation["quote"] in citation["text"]
    assert "Sở Khoa học và Công nghệ" in citation["text"]


def test_answer_json_has_the_cli_schema_plus_the_conversation(client: TestClient) -> None:
    body = client.post("/v1/ask", json={"question": "Kế hoạch 466 do ai ký?"}).json()

    assert set(body) == {
        "conversation_id",
        "answer",
        "abstained",
        "intent",
        "citations",
        "confidence",
        "view",
    }
    for citation in body["citations"]:
        assert set(citation) == {
            "n", "document_id", "document_title", "document_number", "clause", "path",
            "text", "start", "end", "quote",
        }  # fmt: skip


def test_a_follow_up_uses_the_previous_turn(client: TestClient) -> None:
    first = client.post("/v1/ask", json={"question": "Sở nào chủ trì chỉ tiêu 6.6?"}).json()

    follow = client.post(
        "/v1/ask",
        json={"question": "còn thời hạn thì sao?", "conversation_id": first["conversation_id"]},
    )

    assert follow.status_code == 200
    body = follow.json()
    assert body["conversation_id"] == first["conversation_id"]
    assert body["abstained"] is False
    assert "11/2025" in body["answer"]
    assert body["citations"][0]["clause"] == "6.6"


def test_without_the_conversation_the_follow_up_has_no_context(client: TestClient) -> None:
    body = client.post("/v1/ask", json={"question": "còn thời hạn thì sao?"}).json()

    assert "11/2025" not in body["answer"]


def test_a_question_scoped_to_a_document_cites_only_that_document(client: TestClient) -> None:
    response = client.post(
        "/v1/ask", json={"question": "Chỉ tiêu 2.1 là gì?", "document": NINH_BINH}
    )

    assert response.status_code == 200
    assert {c["document_id"] for c in response.json()["citations"]} == {NINH_BINH}


def test_unknown_document_is_404(client: TestClient) -> None:
    response = client.post("/v1/ask", json={"question": "Chỉ tiêu 2.1?", "document": "nope"})

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_document"


def test_unknown_conversation_is_404(client: TestClient) -> None:
    response = client.post(
        "/v1/ask", json={"question": "còn thời hạn?", "conversation_id": "never-started"}
    )

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_conversation"


@pytest.mark.parametrize("question", ["", "   \n ", "x" * 1001])
def test_empty_or_too_long_question_is_422(client: TestClient, question: str) -> None:
    response = client.post("/v1/ask", json={"question": question})

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_question"


def test_malformed_json_is_400_in_the_error_shape(client: TestClient) -> None:
    response = client.post(
        "/v1/ask", content=b'{"question": ', headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 400
    assert response.json() == {
        "error": {"code": "malformed_json", "message": "nội dung yêu cầu không phải JSON hợp lệ"}
    }


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"question": 7},
        {"question": "a?", "extra": 1},
        {"question": "a?", "conversation_id": "#"},
    ],
)
def test_invalid_body_is_422_naming_the_field(client: TestClient, body: object) -> None:
    response = client.post("/v1/ask", json=body)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert "body" in error["message"]


@pytest.mark.parametrize(
    "question",
    [
        "Công an tỉnh chủ trì những chỉ tiêu nào?",
        "VP UBND tinh theo doi nhung chi tieu nao?",
        "Những nhiệm vụ nào phải hoàn thành trong tháng 10/2025?",
    ],
)
def test_a_list_names_the_matrix_filters_that_show_its_rows(
    client: TestClient, question: str
) -> None:
    """`view.matrix` is the query of `/matrix` (and `GET /v1/targets`) listing the same rows
    as the answer's list: its "xem tất cả" link on the web."""
    body = client.post("/v1/ask", json={"question": question}).json()
    matrix = body["view"]["matrix"]
    params = {name: value for name, value in matrix.items() if value not in (None, [], "any")}
    listed = client.get("/v1/targets", params=params).json()
    count = int(body["view"]["headline"].split()[1])  # "Có 4 chỉ tiêu/nhiệm vụ …"
    assert listed["count"] == count
    shown = [line["text"].split(":")[0] for line in body["view"]["lines"] if line["kind"] == "item"]
    assert {row["label"] for row in listed["rows"]} <= set(shown)


def test_an_answer_that_is_no_list_names_no_matrix_filter(client: TestClient) -> None:
    body = client.post("/v1/ask", json={"question": "Sở nào chủ trì chỉ tiêu 6.6?"}).json()
    assert body["view"]["matrix"] is None
