"""A DOCX and a PDF rendition of 19/KH-UBND, ingested into a fresh home, answer the key
question exactly as the text version does."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_runtime
from tests.formats_fixtures import corpus_blocks, render_docx, render_pdf, vietnamese_font

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
NAME = "ninh-binh-19-KH-UBND-2025"
QUESTION = "Sở nào chủ trì chỉ tiêu 6.6?"

pytestmark = pytest.mark.slow


def _answer(tmp_path: Path, path: Path):
    runtime = make_runtime(tmp_path / f"home-{path.suffix[1:]}")
    try:
        outcome = runtime.ingest_paths([path])[0]
        assert outcome.targets == 56 + 4  # the appendix rows and 4 duties the body assigns
        return runtime.assistant().ask(QUESTION)
    finally:
        runtime.close()


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_rendition_answers_like_the_text(tmp_path: Path, suffix: str) -> None:
    if suffix == ".pdf" and vietnamese_font() is None:
        pytest.skip("no Vietnamese-capable TTF font (install fonts-dejavu-core)")
    source = (CORPUS / f"{NAME}.txt").read_text("utf-8")
    blocks = corpus_blocks(source)
    rendition = tmp_path / "renditions" / f"{NAME}{suffix}"
    rendition.parent.mkdir()
    rendition.write_bytes(render_docx(blocks) if suffix == ".docx" else render_pdf(blocks))
    text = _answer(tmp_path, CORPUS / f"{NAME}.txt")
    other = _answer(tmp_path, rendition)
    direct = other.answer.splitlines()[0]
    assert "Văn phòng UBND tỉnh" in direct and "Sở Khoa học và Công nghệ" in direct
    # the same facts, from the same row: every line after the document label matches
    assert [line.split(":", 1)[-1] for line in other.answer.splitlines()] == [
        line.split(":", 1)[-1] for line in text.answer.splitlines()
    ]
    assert (other.citations[0].clause, other.citations[0].path) == (
        text.citations[0].clause,
        text.citations[0].path,
    )
