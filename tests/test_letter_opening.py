"""A letter that cites no basis lines opens by saying what was issued ("Ngày 09 tháng 6 năm
2025, Chính phủ ban hành Nghị định số 119/2025/NĐ-CP …"): the new documents it carries out
are those, and what a cited, unloaded document amends is read from the letter's mention of
it (batch 12o: the first was answered with a closing courtesy line, the second declined as
not loaded). Real plan: tests/real_plans_12o (CV 9389/BNNMT-BĐKH)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

LETTER = (
    Path(__file__).parent
    / "real_plans_12o"
    / "bo-nnmt-9389-BNNMT-BDKH-2025-giao-viec-cap-tinh-khi-nha-kinh.txt"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("opening"), [LETTER]) as made:
        runtime: Runtime = made
        yield runtime.assistant()


def test_the_new_documents_a_letter_carries_out_are_those_its_opening_says_were_issued(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("Công văn 9389 triển khai những văn bản pháp luật mới nào?")
    assert not answer.abstained
    assert [c.quote for c in answer.citations] == [
        "Nghị định số 119/2025/NĐ-CP",
        "Thông tư số 08/2025/TT-BNNMT",
    ]
    assert "06/2022" not in answer.answer  # the decree the new one amends is not new


def test_what_a_cited_document_amends_is_quoted_from_its_mention(assistant: Assistant) -> None:
    answer = assistant.ask("Thông tư 08/2025/TT-BNNMT sửa đổi, bổ sung thông tư nào?")
    assert not answer.abstained
    assert "01/2022/TT-BTNMT" in answer.answer
    assert "chưa được nạp" in answer.answer
    [citation] = answer.citations
    assert citation.quote.startswith("Thông tư số 08/2025/TT-BNNMT sửa đổi, bổ")
    assert citation.quote.endswith("Thông\n        tư số 01/2022/TT-BTNMT")


def test_a_document_no_mention_says_amends_anything_is_still_declined(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("Nghị định 119/2025/NĐ-CP thay thế nghị định nào?")
    # the letter writes that it "sửa đổi, bổ sung" NĐ 06/2022, never that it replaces one
    assert answer.abstained
