"""`extract_text`: choosing the format, refusing what it cannot read, and citations that
quote the extracted text exactly once it is ingested."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from ingest.errors import EmptySourceError, InputError
from ingest.formats import FORMAT_SUFFIXES, UnsupportedFormatError, extract_text
from tests.conftest import make_runtime
from tests.formats_fixtures import corpus_blocks, render_docx
from tests.golden_plans import CORPUS


def test_supported_suffixes() -> None:
    assert set(FORMAT_SUFFIXES) == {".docx", ".pdf", ".html", ".htm"}


@pytest.mark.parametrize(
    ("suffix", "hint"),
    [
        (".doc", "lưu lại dạng .docx"),
        (".xlsx", "bảng tính"),
        (".xyz", "đọc được: .txt, .md, .docx"),
    ],
)
def test_unsupported_formats_say_what_to_do(suffix: str, hint: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=hint) as raised:
        extract_text(b"data", suffix, f"plan{suffix}")
    assert isinstance(raised.value, InputError)
    assert str(raised.value).startswith(f"plan{suffix}: ")


def test_empty_files_and_documents_without_text_are_refused(tmp_path: Path) -> None:
    with pytest.raises(EmptySourceError, match="tệp rỗng"):
        extract_text(b"", ".pdf", "plan.pdf")
    path = tmp_path / "blank.docx"
    Document().save(str(path))
    with pytest.raises(EmptySourceError, match=r"blank\.docx: tệp docx không có chữ nào"):
        extract_text(path, ".DOCX")


@pytest.mark.slow
def test_ingested_docx_answers_with_citations_that_quote_the_extracted_text(tmp_path: Path) -> None:
    source = corpus_blocks((CORPUS / "ninh-binh-19-KH-UBND-2025.txt").read_text("utf-8"))
    path = tmp_path / "ke-hoach-19.docx"
    path.write_bytes(render_docx(source))
    extracted = extract_text(path, path.suffix)
    runtime = make_runtime(tmp_path / "home")
    try:
        outcome = runtime.ingestor.ingest_text(extracted.text, "ke-hoach-19", str(path))
        assert (outcome.status, outcome.targets) == ("added", 56 + 4)  # + 4 body duties
        runtime.invalidate()
        answer = runtime.assistant().ask("Sở nào chủ trì chỉ tiêu 6.6?")
    finally:
        runtime.close()
    assert not answer.abstained
    assert "Sở Khoa học và Công nghệ" in answer.answer
    assert answer.citations
    for citation in answer.citations:
        assert extracted.text[citation.start : citation.end] == citation.text
        assert citation.quote in citation.text
