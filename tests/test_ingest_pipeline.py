"""Ingestion: no duplicates on re-ingest, clean replacement, clear errors that change nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.catalog import Catalog
from ingest.errors import (
    BinarySourceError,
    EmptySourceError,
    EncodingError,
    InputError,
    SourceNotFoundError,
    SourceTooLargeError,
    UnknownDocumentError,
)
from ingest.index.protocol import PayloadFilter
from retrieval.runtime import BUNDLED_CORPUS
from tests.conftest import make_runtime

PLAN = BUNDLED_CORPUS / "ninh-binh-19-KH-UBND-2025.txt"


def _catalog_files(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(home.glob("catalog.*"))}


def _snapshot(runtime) -> tuple[int, list[tuple[str, str]]]:
    points = runtime.index.scroll(None)
    return len(points), sorted((p.id, p.payload["version"]) for p in points)


def test_reingesting_unchanged_corpus_changes_nothing(tmp_path: Path) -> None:
    runtime = make_runtime(tmp_path)
    first = runtime.ingest_paths([BUNDLED_CORPUS])
    assert {o.status for o in first} == {"added"}
    catalog_before = _catalog_files(tmp_path)
    before = _snapshot(runtime)
    second = runtime.ingest_paths([BUNDLED_CORPUS])
    assert {o.status for o in second} == {"unchanged"}
    assert _snapshot(runtime) == before
    assert _catalog_files(tmp_path) == catalog_before
    runtime.close()


def test_changed_document_replaces_its_points_without_leftovers(tmp_path: Path) -> None:
    runtime = make_runtime(tmp_path)
    plan = tmp_path / "plan.txt"
    shutil.copy(PLAN, plan)
    runtime.ingest_paths([plan])
    count_before = runtime.index.count(PayloadFilter(equals={"document_id": "plan"}))
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("Tháng 11/2025 |\nSở KHCN chủ trì", "Tháng 12/2025 |\nSở KHCN chủ trì"),
        "utf-8",
    )
    outcome = runtime.ingest_paths([plan])[0]
    assert outcome.status == "updated"
    points = runtime.index.scroll(PayloadFilter(equals={"document_id": "plan"}))
    assert len(points) == count_before
    assert len({p.payload["version"] for p in points}) == 1
    row = next(
        p for p in points if p.payload["number"] == "6.6" and p.payload["kind"] == "table_row"
    )
    assert row.payload["target"]["deadline"]["raw"] == "Tháng 12/2025"
    runtime.close()


def test_remove_deletes_points_and_catalog_entry(tmp_path: Path) -> None:
    runtime = make_runtime(tmp_path)
    runtime.ingest_paths([PLAN])
    runtime.ingestor.remove("ninh-binh-19-KH-UBND-2025")
    assert runtime.index.count(None) == 0
    assert Catalog(tmp_path / "catalog.json").entries == {}
    with pytest.raises(UnknownDocumentError):
        runtime.ingestor.remove("ninh-binh-19-KH-UBND-2025")
    runtime.close()


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", EmptySourceError),
        (b"   \n\t\n", EmptySourceError),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinarySourceError),
        (b"\x00" * 64 + b"PK\x03\x04", BinarySourceError),  # UTF-16 text is read now
        ("Tháng năm hoàn thành".encode("cp1258"), EncodingError),
    ],
)
def test_bad_files_are_refused_and_the_index_is_unchanged(
    tmp_path: Path, content: bytes, error
) -> None:
    runtime = make_runtime(tmp_path / "home")
    runtime.ingest_paths([PLAN])
    before = _snapshot(runtime)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(error) as info:
        runtime.ingest_paths([bad])
    assert "bad.txt" in str(info.value)
    assert _snapshot(runtime) == before
    runtime.close()


def test_missing_too_large_and_unsupported_files(tmp_path: Path) -> None:
    runtime = make_runtime(tmp_path / "home")
    with pytest.raises(SourceNotFoundError):
        runtime.ingest_paths([tmp_path / "nope.txt"])
    big = tmp_path / "big.txt"
    big.write_text("1. Mục\n" + "x" * 200, encoding="utf-8")
    runtime.settings.max_source_bytes = 100
    with pytest.raises(SourceTooLargeError, match="vượt giới hạn 100 byte"):
        runtime.ingestor.ingest_file(big)
    doc = tmp_path / "plan.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match=r"không đọc được định dạng \.doc; .*lưu lại dạng \.docx"):
        runtime.ingest_paths([doc])
    runtime.close()


def test_named_encoding_is_honoured(tmp_path: Path) -> None:
    runtime = make_runtime(tmp_path / "home")
    plan = tmp_path / "latin1.txt"
    plan.write_bytes("I. MUC TIEU\n1. Tháng 10 hoàn thành.\n".encode("latin-1"))
    outcome = runtime.ingestor.ingest_file(plan, encoding="latin-1")
    assert outcome.status == "added"
    texts = [p.payload["text"] for p in runtime.index.scroll(None)]
    assert any("Tháng 10 hoàn thành" in t for t in texts)
    runtime.close()


def test_unstructured_text_is_ingested_as_paragraphs_with_a_warning(tmp_path: Path) -> None:
    runtime = make_runtime(tmp_path / "home")
    plan = tmp_path / "note.txt"
    plan.write_text("Một ghi chú không đánh số.\n\nĐoạn thứ hai.\n", encoding="utf-8")
    outcome = runtime.ingestor.ingest_file(plan)
    assert outcome.points >= 1
    assert any("không nhận ra cấu trúc" in w for w in outcome.warnings)
    runtime.close()


def test_a_parser_change_reindexes_unchanged_files(tmp_path: Path, monkeypatch) -> None:
    import ingest.pipeline

    runtime = make_runtime(tmp_path)
    runtime.ingest_paths([PLAN])
    monkeypatch.setattr(ingest.pipeline, "PARSER_VERSION", ingest.pipeline.PARSER_VERSION + 1)
    assert runtime.ingest_paths([PLAN])[0].status == "updated"
    assert runtime.ingest_paths([PLAN])[0].status == "unchanged"
    runtime.close()
