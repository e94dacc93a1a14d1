"""Hostile input on every entry point: nothing gets a 5xx, a traceback, or a silent change.

The families kept here (issue 15): JSON nested deep enough to break a recursive parser on
every JSON body (API, both webhooks, batch lines), checked after authentication; questions
with nothing to search for; UTF-16/32 text and encodings that cannot decode text; control
characters anywhere in a file; two files that map to one document id; uploads in every
format the CLI reads. Webhook hardening is in test_security_webhooks.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from bot.settings import BotSettings
from bot.telegram_webhook import SECRET_HEADER
from bot.zalo_signature import zalo_mac
from ingest.embedding.hashing import HashingEmbedder
from ingest.errors import BinarySourceError, EncodingError
from ingest.json_depth import MAX_JSON_DEPTH, JsonTooDeepError, json_depth_exceeds, loads_limited
from ingest.reader import decode_text, source_text
from ingest.settings import Settings
from kehoach.cli import app as cli_app
from retrieval.runtime import Runtime
from tests.fakes.telegram import FakeTelegram
from tests.fakes.zalo import FakeZalo, signed, text_event
from tests.test_api_support import (
    EMBED_DIMENSION,
    READ_KEY,
    WAIT_S,
    admin,
    api_settings,
    corpus_home,
    plan_text,
    state_of,
    wait_for_job,
)

ZALO_APP = "3608465249409039"
ZALO_SECRET = "oa-secret-key"
ZALO_TOKEN = "zalo-access-token"
TELEGRAM_TOKEN = "123456:TEST-token"
TELEGRAM_SECRET = "webhook-secret_42"

DEEP = "[" * 50_000  # under the 64 KB body limit, far over any recursion limit


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[FakeTelegram, FakeZalo]]:
    with FakeTelegram(TELEGRAM_TOKEN) as telegram, FakeZalo(ZALO_TOKEN) as zalo:
        assert isinstance(telegram, FakeTelegram) and isinstance(zalo, FakeZalo)
        yield telegram, zalo


def _app_client(home: Path, servers: tuple[FakeTelegram, FakeZalo], **overrides: Any) -> Any:
    telegram, zalo = servers
    bots = BotSettings(
        telegram_bot_token=TELEGRAM_TOKEN,
        telegram_api_base_url=telegram.api_base_url,
        telegram_webhook_secret=TELEGRAM_SECRET,
        zalo_app_id=ZALO_APP,
        zalo_oa_secret_key=ZALO_SECRET,
        zalo_access_token=ZALO_TOKEN,
        zalo_api_base_url=zalo.base_url,
    )
    runtime = Runtime(Settings(home=home), embedder=HashingEmbedder(EMBED_DIMENSION))
    app = create_app(
        runtime.settings, api_settings(**overrides), runtime=runtime, bot_settings=bots
    )
    return app, runtime


@pytest.fixture(scope="module")
def client(
    tmp_path_factory: pytest.TempPathFactory, servers: tuple[FakeTelegram, FakeZalo]
) -> Iterator[TestClient]:
    app, runtime = _app_client(corpus_home(tmp_path_factory), servers, read_keys=[READ_KEY])
    try:
        with TestClient(app, raise_server_exceptions=False) as test_client:
            state = state_of(app)
            assert state.warm_up_job is not None
            assert state.jobs.wait(state.warm_up_job, timeout=WAIT_S) is not None
            yield test_client
    finally:
        runtime.close()


def _no_traceback(response: Any) -> None:
    assert response.status_code < 500, response.text
    assert "Traceback" not in response.text and "RecursionError" not in response.text


# ---- deep JSON ---------------------------------------------------------------------------------


def test_the_depth_check_is_linear_and_skips_strings() -> None:
    assert json_depth_exceeds("[" * (MAX_JSON_DEPTH + 1))
    assert not json_depth_exceeds("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)
    assert not json_depth_exceeds(json.dumps({"q": "[" * 10_000}))  # brackets in a string
    assert not json_depth_exceeds(json.dumps({"q": '\\"[' * 10_000}))  # escaped quotes
    assert json_depth_exceeds('{"a": "x\\"", "b": ' + "[" * 40)
    with pytest.raises(JsonTooDeepError, match="lồng nhau quá sâu"):
        loads_limited("[" * 100_000)
    assert loads_limited('{"a": [[1]]}') == {"a": [[1]]}
    with pytest.raises(ValueError):
        loads_limited("{not json")


def test_deep_json_on_the_zalo_webhook_with_any_signature_is_401(client: TestClient) -> None:
    body = ('{"timestamp": "1700000000000", "x": ' + DEEP).encode()
    for headers in ({"X-ZEvent-Signature": "mac=" + "0" * 64}, {}):
        response = client.post("/zalo/webhook", content=body, headers=headers)
        _no_traceback(response)
        assert response.status_code == 401


def test_deep_json_correctly_signed_on_the_zalo_webhook_is_400(client: TestClient) -> None:
    event = text_event("42", "xin chào", "deep", ZALO_APP)
    body = json.dumps(event)[:-1].encode() + b', "x": ' + DEEP.encode() + b"}"
    mac = zalo_mac(ZALO_APP, body, event["timestamp"], ZALO_SECRET)
    response = client.post("/zalo/webhook", content=body, headers={"X-ZEvent-Signature": mac})
    _no_traceback(response)
    assert response.status_code == 400
    assert "lồng nhau quá sâu" in response.json()["error"]["message"]


def test_a_zalo_signature_over_a_nested_timestamp_does_not_pass(client: TestClient) -> None:
    """The signed timestamp must be the event's own, not one hidden deeper in the body."""
    event = {**text_event("42", "xin chào", "nested", ZALO_APP), "timestamp": 5}
    event["message"]["timestamp"] = "1700000000000"
    body, _ = signed(event, ZALO_APP, ZALO_SECRET)
    mac = zalo_mac(ZALO_APP, body, "1700000000000", ZALO_SECRET)
    response = client.post("/zalo/webhook", content=body, headers={"X-ZEvent-Signature": mac})
    assert response.status_code == 401


def test_deep_json_on_the_telegram_webhook(client: TestClient) -> None:
    wrong = client.post("/telegram/webhook", content=DEEP, headers={SECRET_HEADER: "nope"})
    assert wrong.status_code == 401
    right = client.post(
        "/telegram/webhook",
        content=DEEP,
        headers={SECRET_HEADER: TELEGRAM_SECRET, "Content-Type": "application/json"},
    )
    _no_traceback(right)
    assert right.status_code == 400
    assert "lồng nhau quá sâu" in right.json()["error"]["message"]


def test_deep_json_on_the_api_is_400_after_authentication(client: TestClient) -> None:
    body = '{"question": "chỉ tiêu 6.6", "x": ' + DEEP + "}"
    json_headers = {"Content-Type": "application/json"}
    anonymous = client.post("/v1/ask", content=body, headers=json_headers)
    assert anonymous.status_code == 401  # reads need a key here: the key is checked first
    response = client.post("/v1/ask", content=body, headers={**json_headers, **admin()})
    _no_traceback(response)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "json_too_deep"
    assert "lồng nhau quá sâu" in error["message"]
    # a shallow body still answers on the same route
    fine = client.post("/v1/ask", json={"question": "chỉ tiêu 6.6"}, headers=admin())
    assert fine.status_code == 200


def test_every_route_with_a_json_body_limits_its_depth(client: TestClient) -> None:
    from fastapi.routing import APIRoute

    from api.json_body import DepthLimitedRoute

    for route in client.app.routes:  # type: ignore[attr-defined]
        if isinstance(route, APIRoute) and route.body_field is not None:
            assert isinstance(route, DepthLimitedRoute), route.path


def test_a_deep_batch_line_is_one_error_and_the_next_lines_are_answered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch.setenv("KEHOACH_EMBED_MODEL", "hashing")
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        '{"id": "a", "question": "Sở nào chủ trì chỉ tiêu 6.6?"}\n'
        + "[" * 100_000
        + "\n"
        + '{"id": "c", "question": "Kế hoạch 466 do ai ký?"}\n',
        encoding="utf-8",
    )
    home = corpus_home(tmp_path_factory)
    result = CliRunner().invoke(cli_app, ["ask", "--batch", str(batch), "--home", str(home)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [line.get("id") for line in lines] == ["a", None, "c"]
    assert "lồng nhau quá sâu" in lines[1]["error"]
    assert "Nguyễn Thành Diệu" in lines[2]["answer"]


def test_a_recursion_error_anywhere_is_a_400_not_a_500() -> None:
    from fastapi import FastAPI

    from api.middleware import RequestContextMiddleware

    app = FastAPI()

    @app.get("/deep")
    def deep() -> None:
        raise RecursionError("maximum recursion depth exceeded")

    app.add_middleware(RequestContextMiddleware)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        response = test_client.get("/deep")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "too_deeply_nested"
    assert "Traceback" not in response.text


# ---- questions with nothing to search for -------------------------------------------------------


@pytest.mark.parametrize("question", ["🎉🎉🎉", "-----", "?!…", "\u0301\u0300"])
def test_a_question_without_letters_or_digits_is_refused_by_the_api(
    client: TestClient, question: str
) -> None:
    response = client.post("/v1/ask", json={"question": question}, headers=admin())
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_question"
    assert "không có chữ hay số" in error["message"]


def test_a_question_without_letters_or_digits_is_refused_by_the_bots(
    corpus_runtime: Runtime,
) -> None:
    from bot.errors import ChatInputError
    from bot.service import ChatService

    service = ChatService.for_runtime(corpus_runtime)
    with pytest.raises(ChatInputError, match="chưa có chữ hay số"):
        service.ask("telegram:1", "🎉🎉")
    assert service.ask("telegram:1", "chỉ tiêu 6.6 🎉").answer  # an emoji beside words is fine


# ---- encodings ---------------------------------------------------------------------------------

PLAN = plan_text("Kế hoạch chuyển đổi số mã hoá", 4, "mã hoá")


@pytest.mark.parametrize(
    "codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf-8-sig"]
)
@pytest.mark.parametrize("declared", [None, "family", "exact"])
def test_utf16_and_utf32_with_or_without_bom_are_read(codec: str, declared: str | None) -> None:
    data = PLAN.encode(codec)  # the bare "utf-16"/"utf-32" codecs write a BOM
    encoding = {None: None, "family": codec[:6].rstrip("-"), "exact": codec}[declared]
    assert decode_text(data, "ke-hoach.txt", encoding) == PLAN


@pytest.mark.parametrize("encoding", ["undefined", "base64", "rot13", "khong-co", "zlib"])
def test_an_encoding_that_cannot_decode_text_is_a_clear_error(encoding: str) -> None:
    with pytest.raises(EncodingError, match="không biết bảng mã"):
        decode_text(PLAN.encode(), "ke-hoach.txt", encoding)
    with pytest.raises(EncodingError, match="không biết bảng mã"):
        source_text(b"<html><body><p>x</p></body></html>", "a.html", encoding)


def test_a_page_that_declares_the_undefined_charset_is_read_as_utf8() -> None:
    page = '<html><head><meta charset="undefined"></head><body><p>Kế hoạch</p></body></html>'
    assert source_text(page.encode(), "a.html")[0].strip() == "Kế hoạch"


def test_the_cli_reads_utf16_and_refuses_an_undefined_encoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEHOACH_EMBED_MODEL", "hashing")
    plan = tmp_path / "ke-hoach-utf16.txt"
    plan.write_bytes(PLAN.encode("utf-16-le"))  # no BOM
    home = str(tmp_path / "home")
    runner = CliRunner()
    undefined = runner.invoke(
        cli_app, ["ingest", str(plan), "--home", home, "--encoding", "undefined"]
    )
    assert undefined.exit_code == 1 and undefined.exception is not None
    assert isinstance(undefined.exception, SystemExit)
    # the console wraps the message at its width (a long temporary path moves the break)
    assert "không biết bảng mã" in " ".join(undefined.output.split())
    declared = runner.invoke(cli_app, ["ingest", str(plan), "--home", home, "--encoding", "utf-16"])
    assert declared.exit_code == 0, declared.output
    shown = runner.invoke(cli_app, ["documents", "--json", "--home", home])
    assert [row["id"] for row in json.loads(shown.stdout)] == ["ke-hoach-utf16"]


def test_the_api_reads_utf16_and_refuses_an_undefined_encoding(client: TestClient) -> None:
    def upload(data: bytes, **params: str) -> Any:
        return client.post(
            "/v1/documents",
            params={"name": "ke-hoach-utf16-api.txt", **params},
            content=data,
            headers={**admin(), "Content-Type": "text/plain"},
        )

    undefined = upload(PLAN.encode(), encoding="undefined")
    _no_traceback(undefined)
    assert undefined.status_code == 422
    assert "không biết bảng mã" in undefined.json()["error"]["message"]
    accepted = upload(PLAN.encode("utf-16-be"))  # detected from the NUL pattern
    assert accepted.status_code == 202, accepted.text
    assert wait_for_job(client, accepted.json()["id"])["status"] == "succeeded"
    client.delete("/v1/documents/ke-hoach-utf16-api", headers=admin())


# ---- control characters ------------------------------------------------------------------------


def test_stray_control_characters_are_removed_wherever_they_are() -> None:
    body = PLAN * 200  # well past the first 8 KB
    data = (body[:10] + "\x00" + body[10:] + "\x00\x07" + body[:500] + "\x1b").encode()
    text = decode_text(data, "ke-hoach.txt")
    assert not any(c in text for c in "\x00\x07\x1b")
    assert text == body + body[:500]
    assert decode_text(b"dong 1\x0bdong 2\n" + PLAN.encode(), "a.txt").startswith("dong 1\ndong 2")


def test_text_that_is_mostly_control_characters_is_binary() -> None:
    with pytest.raises(BinarySourceError, match="ký tự điều khiển"):
        decode_text(PLAN.encode() + b"\x00\x01" * 2000, "ke-hoach.txt")


def test_nul_bytes_after_8_kb_never_reach_a_citation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEHOACH_EMBED_MODEL", "hashing")
    padding = "".join(f"Đoạn mở đầu số {n} của kế hoạch.\n" for n in range(400))
    plan = tmp_path / "ke-hoach-nul.txt"
    plan.write_bytes((padding + PLAN.replace("Sở Thử nghiệm", "Sở\x00 Thử\x00 nghiệm")).encode())
    home = str(tmp_path / "home")
    runner = CliRunner()
    assert runner.invoke(cli_app, ["ingest", str(plan), "--home", home]).exit_code == 0
    result = runner.invoke(
        cli_app,
        ["ask", "Sở Thử nghiệm chủ trì nhiệm vụ nào?", "--home", home, "--json"],
    )
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["citations"]
    assert all("\x00" not in citation["text"] for citation in answer["citations"])


# ---- document ids ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [("Ke hoach.txt", "Kế hoạch.txt"), ("計画.txt", "🎉🎉.txt"), ("plan.txt", "plan.md")],
)
def test_two_files_with_one_id_in_one_run_are_both_named_and_nothing_is_ingested(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str, second: str
) -> None:
    monkeypatch.setenv("KEHOACH_EMBED_MODEL", "hashing")
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in (first, second):
        (folder / name).write_text(plan_text(name, 3, name), encoding="utf-8")
    home = str(tmp_path / "home")
    runner = CliRunner()
    result = runner.invoke(cli_app, ["ingest", str(folder), "--home", home])
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert first in message and second in message and "cùng cho mã" in message
    assert json.loads(runner.invoke(cli_app, ["documents", "--json", "--home", home]).stdout) == []


def test_a_different_file_for_an_existing_id_is_refused_across_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEHOACH_EMBED_MODEL", "hashing")
    home = str(tmp_path / "home")
    first = tmp_path / "Kế hoạch.txt"
    first.write_text(plan_text("Kế hoạch thứ nhất", 3, "thứ nhất"), encoding="utf-8")
    moved = tmp_path / "moved"
    moved.mkdir()
    same_name = moved / "Kế hoạch.txt"
    same_name.write_text(plan_text("Kế hoạch thứ nhất, bản sửa", 4, "bản sửa"), encoding="utf-8")
    other = tmp_path / "Ke hoach.txt"
    other.write_text(plan_text("Kế hoạch thứ hai", 3, "thứ hai"), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli_app, ["ingest", str(first), "--home", home]).exit_code == 0
    refused = runner.invoke(cli_app, ["ingest", str(other), "--home", home])
    assert refused.exit_code == 1
    message = " ".join(refused.output.split())
    assert "Ke hoach.txt" in message and "Kế hoạch.txt" in message and "kehoach remove" in message
    # the same name from another folder updates the document
    updated = runner.invoke(cli_app, ["ingest", str(same_name), "--home", home])
    assert updated.exit_code == 0, updated.output
    [row] = json.loads(runner.invoke(cli_app, ["documents", "--json", "--home", home]).stdout)
    assert row["id"] == "Ke-hoach" and row["clauses"] >= 4


def test_the_api_refuses_an_upload_whose_id_belongs_to_another_file(client: TestClient) -> None:
    def upload(name: str) -> Any:
        return client.post(
            "/v1/documents",
            params={"name": name},
            content=plan_text(name, 3, "trùng mã").encode(),
            headers={**admin(), "Content-Type": "text/plain"},
        )

    first = upload("Kế hoạch trùng.txt")
    assert wait_for_job(client, first.json()["id"])["status"] == "succeeded"
    clash = upload("Ke hoach trung.txt")
    assert clash.status_code == 409
    error = clash.json()["error"]
    assert error["code"] == "document_id_taken"
    assert "Kế hoạch trùng.txt" in error["message"]
    again = upload("Kế hoạch trùng.txt")  # the same name updates it
    assert wait_for_job(client, again.json()["id"])["status"] == "succeeded"
    client.delete("/v1/documents/Ke-hoach-trung", headers=admin())


# ---- uploads in every format the CLI reads ------------------------------------------------------


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".html"])
def test_the_api_accepts_docx_pdf_and_html_like_the_cli(client: TestClient, suffix: str) -> None:
    from tests.formats_fixtures import render_docx, render_html, render_pdf, vietnamese_font

    if suffix == ".pdf" and vietnamese_font() is None:
        pytest.skip("no Vietnamese font to render the PDF")
    blocks = plan_text("Kế hoạch tải lên định dạng", 3, "định dạng").splitlines()
    render = {".docx": render_docx, ".pdf": render_pdf, ".html": render_html}[suffix]
    name = f"ke-hoach-dinh-dang{suffix}"
    media = {
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".pdf": "application/pdf",
        ".html": "text/html",
    }[suffix]
    response = client.post(
        "/v1/documents",
        params={"name": name},
        content=render(blocks),
        headers={**admin(), "Content-Type": media},
    )
    assert response.status_code == 202, response.text
    job = wait_for_job(client, response.json()["id"])
    assert job["status"] == "succeeded", job
    assert job["result"]["clauses"] >= 3
    shown = client.get("/v1/documents/ke-hoach-dinh-dang", headers=admin()).json()
    assert "định dạng" in json.dumps(shown, ensure_ascii=False)
    client.delete("/v1/documents/ke-hoach-dinh-dang", headers=admin())


@pytest.mark.parametrize(
    ("name", "data", "media", "status"),
    [
        ("a.docx", b"not a zip at all", "application/octet-stream", 415),
        ("a.pdf", b"<html>", "application/pdf", 415),
        ("a.docx", b"PK\x03\x04", "text/plain", 415),  # a docx sent as text
        ("a.doc", b"\xd0\xcf\x11\xe0", "application/octet-stream", 415),
        ("a.docx", b"PK\x03\x04broken", "application/octet-stream", 202),  # refused by the job
    ],
)
def test_format_uploads_get_the_same_checks(
    client: TestClient, name: str, data: bytes, media: str, status: int
) -> None:
    response = client.post(
        "/v1/documents",
        params={"name": name},
        content=data,
        headers={**admin(), "Content-Type": media},
    )
    _no_traceback(response)
    assert response.status_code == status, response.text
    if status == 202:
        job = wait_for_job(client, response.json()["id"])
        assert job["status"] == "failed"
        assert job["error"]["code"] == "invalid_input"


def test_a_plan_numbered_thousands_of_levels_deep_is_refused_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEHOACH_EMBED_MODEL", "hashing")
    plan = tmp_path / "sau.txt"
    plan.write_text(
        "\n".join(".".join(["1"] * k) + ". Nội dung" for k in range(1, 1500)), encoding="utf-8"
    )
    result = CliRunner().invoke(cli_app, ["ingest", str(plan), "--home", str(tmp_path / "h")])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "lồng nhau quá" in result.output


def test_an_upload_name_with_control_characters_is_refused(client: TestClient) -> None:
    response = client.post(
        "/v1/documents",
        params={"name": "ke\x00hoach\x1b.txt"},
        content=PLAN.encode(),
        headers={**admin(), "Content-Type": "text/plain"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_name"
