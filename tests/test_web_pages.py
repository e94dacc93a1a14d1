"""The web routes over HTTP (no browser): headers, assets, size, no CDN, no secrets."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.web.assets import PAGES, STATIC_FILES, build_widget_script, load_web_assets
from api.web.routes import PAGE_CSP
from tests.test_api_support import ADMIN_KEY, READ_KEY, api_settings, corpus_home, running_client

PAGE_BUDGET_BYTES = 100 * 1024  # the cap on the page's own JS + CSS


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = api_settings(read_keys=[READ_KEY])
    with running_client(corpus_home(tmp_path_factory), settings) as test_client:
        yield test_client


@pytest.mark.parametrize("path", ["/", "/matrix", "/embed.js", "/static/chat-core.js"])
def test_web_responses_carry_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == PAGE_CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_the_policy_allows_only_our_own_origin() -> None:
    directives = dict(part.strip().split(" ", 1) for part in PAGE_CSP.split(";"))
    assert directives["default-src"] == "'none'"
    for name in ("script-src", "style-src", "connect-src"):
        assert directives[name] == "'self'", name  # no inline code, no CDN, no eval
    assert "unsafe" not in PAGE_CSP


def test_pages_are_html_in_vietnamese_with_external_scripts_only(client: TestClient) -> None:
    for path in ("/", "/matrix"):
        response = client.get(path)
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        html = response.text
        assert '<html lang="vi">' in html
        assert 'name="viewport"' in html
        assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []  # no inline script
        assert re.findall(r"\son[a-z]+=", html) == []  # no inline handlers


def test_every_asset_is_served_by_kehoach_itself(client: TestClient) -> None:
    bodies = [client.get(path).text for path in ("/", "/matrix", "/embed.js")]
    bodies += [client.get(f"/static/{name}").text for name in STATIC_FILES]
    for body in bodies:
        assert re.findall(r"https?://", body) == []  # no CDN, no outside font or script


def test_the_pages_own_js_and_css_stay_under_100_kb(client: TestClient) -> None:
    weight = sum(len(client.get(f"/static/{name}").content) for name in STATIC_FILES)
    assert weight == load_web_assets().page_weight
    assert weight < PAGE_BUDGET_BYTES
    assert len(client.get("/embed.js").content) < PAGE_BUDGET_BYTES


def test_no_key_is_written_into_any_page(client: TestClient) -> None:
    served = [client.get(path).text for path in ("/", "/matrix", "/embed.js")]
    served += [client.get(f"/static/{name}").text for name in STATIC_FILES]
    for body in served:
        assert ADMIN_KEY not in body and READ_KEY not in body


def test_pages_load_without_a_key_while_the_api_needs_one(client: TestClient) -> None:
    assert client.get("/").status_code == 200  # the page asks the user for a read key
    assert client.get("/v1/documents").status_code == 401


def test_unchanged_assets_are_revalidated_by_etag(client: TestClient) -> None:
    first = client.get("/static/chat.css")
    again = client.get("/static/chat.css", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert first.headers["cache-control"] == "no-cache"


def test_head_answers_like_get_without_a_body(client: TestClient) -> None:
    response = client.head("/")
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(client.get("/").content)


@pytest.mark.parametrize(
    "path", ["/static/nothing.js", "/static/..%2Fapp.py", "/static/chat.html", "/static/"]
)
def test_only_the_listed_static_files_are_served(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    if response.headers["content-type"] == "application/json":
        assert set(response.json()) == {"error"}


def test_web_routes_stay_out_of_the_openapi_document(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert not {"/", "/matrix", "/embed.js"} & set(paths)
    assert "/v1/ask" in paths


def test_the_widget_script_is_one_closure_with_its_styles() -> None:
    script = build_widget_script()
    assert script.splitlines()[1] == "(function () {"
    assert script.rstrip().endswith("})();")
    assert "const KH_WIDGET_CSS = " in script
    assert "</style" not in script and "</script" not in script
    assert ".kh-launcher" in script and ".kh-cite" in script


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to parse the scripts")
def test_every_script_parses(tmp_path: Path) -> None:
    scripts = {"embed.js": build_widget_script()}
    assets = load_web_assets()
    scripts |= {
        name: assets.static[name].body.decode() for name in STATIC_FILES if name.endswith(".js")
    }
    for name, text in scripts.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        checked = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
        assert checked.returncode == 0, (name, checked.stderr)


def test_the_asset_lists_name_existing_files() -> None:
    assets = load_web_assets()
    assert set(assets.static) == set(STATIC_FILES)
    assert set(assets.pages) == set(PAGES)


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_load_their_scripts_from_kehoach(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert re.findall(r"https?://", html) == []  # FastAPI's default pages use a CDN
    for asset in re.findall(r'(?:src|href)="(/docs-static/[^"]+)"', html):
        assert client.get(asset).status_code == 200, asset
    assert "/docs-static/" in html
