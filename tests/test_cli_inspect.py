"""`kehoach inspect`: the structure report of one document, by id or by file path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest.parser.plan import parse_plan
from kehoach.cli import app
from retrieval.runtime import BUNDLED_CORPUS
from tests.test_formats_blocks import _unnumbered_file
from tests.test_formats_markdown import OUTLINE, RESOLUTION

runner = CliRunner()
NINH_BINH = "ninh-binh-19-KH-UBND-2025"


@pytest.fixture(autouse=True)
def _hashing_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_EMBED_MODEL", "hashing")
    monkeypatch.setenv("COLUMNS", "200")  # rich wraps at the terminal width


def _run(*args: str):
    return runner.invoke(app, list(args))


def test_inspect_a_markdown_file_reports_metadata_tree_rows_and_warnings(tmp_path: Path) -> None:
    path = tmp_path / "nghi-quyet-03.md"
    path.write_text(RESOLUTION, encoding="utf-8")
    result = _run("inspect", str(path), "--home", str(tmp_path / "home"))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Văn bản nghi-quyet-03" in out
    assert "Số hiệu: 03/NQ-CP" in out
    assert (
        "Cây điều khoản" in out and "Chỉ tiêu, nhiệm vụ và trách nhiệm (5 dòng)" in out
    )  # 3 table rows, 2 body duties
    assert "I [phần] MỤC TIÊU" in out
    assert "theo dõi, chỉ đạo: Bộ Tài chính" in out
    assert "nguồn: bảng" in out
    assert "Cảnh báo" in out


def test_inspect_json_lists_every_field(tmp_path: Path) -> None:
    path = tmp_path / "de-an.md"
    path.write_text(OUTLINE, encoding="utf-8")
    result = _run("inspect", str(path), "--json", "--home", str(tmp_path / "home"))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"document", "origin", "clauses", "targets", "warnings"}
    assert report["origin"] == "file"
    assert {"id", "title", "kind", "number", "issued_date", "issuer", "place", "signer"} <= set(
        report["document"]
    )
    clause = report["clauses"][0]
    assert set(clause) == {
        "id", "number", "kind", "heading", "period", "path", "depth", "parent_id",
        "start", "end", "first_words",
    }  # fmt: skip
    parts = [(c["number"], c["heading"]) for c in report["clauses"] if c["kind"] == "part"]
    assert parts[:3] == [
        ("I", "QUAN ĐIỂM"),
        ("II", "MỤC TIÊU THEO GIAI ĐOẠN"),
        ("III", "TỔ CHỨC THỰC HIỆN"),
    ]
    # depth first: every clause comes after its parent, one level deeper
    seen: dict[str, int] = {}
    for item in report["clauses"]:
        if item["parent_id"] is not None:
            assert seen[item["parent_id"]] == item["depth"] - 1
        seen[item["id"]] = item["depth"]
    rows = report["targets"]
    assert [row["number"] for row in rows] == ["1", "2"]
    assert rows[1]["roles"]["lead"] == ["Sở Xây dựng"]
    assert rows[1]["deadline"] == "2027-2030"
    assert {row["source"] for row in rows} == {"table"}


def test_inspect_an_ingested_document_by_id_reads_its_kept_source(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert (
        _run("ingest", str(BUNDLED_CORPUS / f"{NINH_BINH}.txt"), "--home", str(home)).exit_code == 0
    )
    result = _run("inspect", NINH_BINH, "--json", "--home", str(home))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    reference = parse_plan(
        (BUNDLED_CORPUS / f"{NINH_BINH}.txt").read_text(encoding="utf-8"), NINH_BINH
    )
    assert report["origin"] == "home"
    assert report["document"]["number"] == "19/KH-UBND"
    assert len(report["clauses"]) == len(reference.clauses)
    assert len(report["targets"]) == len(reference.targets)
    row = next(row for row in report["targets"] if row["number"] == "6.6")
    assert row["roles"]["lead"] and row["deadline"]
    assert report["warnings"] == list(reference.warnings)

    text = _run("inspect", NINH_BINH, "--home", str(home))
    assert text.exit_code == 0 and "bản nguồn đã nạp" in text.stdout


@pytest.mark.parametrize("suffix", [".docx", ".html", ".md"])
def test_inspect_by_id_shows_the_structure_as_ingested(suffix: str, tmp_path: Path) -> None:
    """Headings and tables of a Word, HTML or Markdown file are not in the kept text alone:
    the report by id parses it with the blocks kept at ingest, as the file path does."""
    path = tmp_path / f"ke-hoach-77{suffix}"
    path.write_bytes(_unnumbered_file(suffix))  # unnumbered heading styles, <h2>, `#`
    home = tmp_path / "home"
    assert _run("ingest", str(path), "--home", str(home)).exit_code == 0
    by_id = _run("inspect", "ke-hoach-77", "--json", "--home", str(home))
    by_path = _run("inspect", str(path), "--json", "--home", str(home))
    assert by_id.exit_code == 0 and by_path.exit_code == 0, by_id.output
    as_ingested, as_read = json.loads(by_id.stdout), json.loads(by_path.stdout)
    assert as_ingested["clauses"] == as_read["clauses"]
    assert as_ingested["targets"] == as_read["targets"]
    kinds = {clause["kind"] for clause in as_ingested["clauses"]}
    assert "part" in kinds


def test_inspect_unknown_document_says_what_to_do(tmp_path: Path) -> None:
    result = _run("inspect", "khong-co", "--home", str(tmp_path / "home"))
    assert result.exit_code == 1
    assert "không có văn bản mã 'khong-co'" in result.output


def test_inspect_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 old word file")
    result = _run("inspect", str(path), "--home", str(tmp_path / "home"))
    assert result.exit_code == 1
    assert "docx" in result.output
