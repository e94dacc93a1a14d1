"""`kehoach documents --json` and `GET /v1/documents` list every metadata field per document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kehoach.cli import app
from tests.test_api_support import corpus_home, running_client

FIELDS = {
    "id",
    "title",
    "kind",
    "number",
    "issued_date",
    "issuer",
    "place",
    "signer",
    "signer_title",
    "based_on",
    "replaces",
    "decision_number",
    "decision_date",
    "issues",
}


def test_cli_documents_json_lists_every_metadata_field(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    home: Path = corpus_home(tmp_path_factory)
    result = CliRunner().invoke(app, ["documents", "--json", "--home", str(home)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(set(row) >= FIELDS for row in rows)
    ninh_binh = next(row for row in rows if row["id"] == "ninh-binh-19-KH-UBND-2025")
    assert ninh_binh["issuer"] == "Ủy ban nhân dân tỉnh Ninh Bình"
    assert ninh_binh["kind"] == "Kế hoạch"


def test_api_documents_lists_every_metadata_field(tmp_path_factory: pytest.TempPathFactory) -> None:
    with running_client(corpus_home(tmp_path_factory)) as client:
        body = client.get("/v1/documents").json()
    assert body["documents"] and all(set(d) >= FIELDS for d in body["documents"])
    xuan_truong = next(
        d for d in body["documents"] if d["id"] == "xa-xuan-truong-chuyen-doi-so-2026"
    )
    assert xuan_truong["signer_title"] == "Phó Chủ tịch"
    assert xuan_truong["based_on"]
