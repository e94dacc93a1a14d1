"""Whether the loaded text is the original or a machine transcription is read from the
note a transcribed copy opens with, quoted (batch 12m: "Bản NQ 34-NQ/TU đang có là bản gốc
hay bản trích chữ tự động?" was declined); a text opening with no note is not called the
original. Real plans: tests/real_plans_12m (NQ 34 Lào Cai, an OCR copy; KH 134 Lào Cai)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.normalize_vi import folded
from retrieval.assistant import Assistant
from retrieval.copy_note import asks_copy_kind, transcription_note
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

PLANS = Path(__file__).parent / "real_plans_12m"
RESOLUTION = PLANS / "lao-cai-tinh-uy-34-NQ-TU-2025-phat-trien-khu-cum-cong-nghiep-ocr.txt"
PLAN = PLANS / "lao-cai-134-KH-UBND-2026-phat-trien-khu-cum-cong-nghiep.txt"


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Bản NQ 34 đang có là bản gốc hay bản trích chữ tự động?", True),
        ("KH 134 có phải bản OCR không?", True),
        ("Văn bản này là bản quét à?", True),
        ("Sở Tư pháp đối chiếu bản gốc hồ sơ khi nào?", False),
        ("Kế hoạch giao ai trích lục hồ sơ?", False),
    ],
)
def test_the_questions_asking_what_copy_it_is(question: str, asks: bool) -> None:
    assert asks_copy_kind(folded(question)) is asks


def test_the_note_is_a_bracketed_opening_line_naming_how_the_text_was_taken() -> None:
    note = "[Bản trích chữ tự động bằng pdftotext từ QD-2390.pdf — 3 trang. Đối chiếu bản gốc.]"
    assert transcription_note(f"{note}\n\n ỦY BAN NHÂN DÂN") == note
    assert transcription_note("ỦY BAN NHÂN DÂN\n[Dự thảo]\nSố: 12/KH-UBND") is None


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("copy"), [RESOLUTION, PLAN]) as made:
        runtime: Runtime = made
        yield runtime.assistant()


def test_a_transcribed_copy_says_so_with_its_note(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Bản NQ 34-NQ/TU đang có là bản gốc hay bản trích chữ tự động? Cần lưu ý gì khi trích số?"
    )
    assert not answer.abstained
    [citation] = answer.citations
    assert citation.quote.startswith("[OCR] [Bản trích chữ tự động bằng tesseract")
    assert "đối chiếu bản gốc" in answer.answer


def test_a_text_with_no_note_is_not_called_the_original(assistant: Assistant) -> None:
    answer = assistant.ask("Kế hoạch 134/KH-UBND đang có là bản gốc hay bản trích chữ?")
    assert answer.abstained
    assert "không ghi nó là bản gốc hay bản trích chữ" in answer.answer
