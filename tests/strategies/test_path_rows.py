"""A path and the words of a row ("chỉ tiêu hồ sơ sức khỏe điện tử trên 80% (mục IV phụ lục
01)"): the row of that heading the words name answers, not the heading; a plan named only
by words of its title that lacks the path does not decline it; "… gồm những chỉ tiêu nào"
still lists the heading's items; the groups an appendix sorts its rows into are listed from
its structure. Over the bundled plans (the city's Phụ lục 01 is a real appendix)."""

from __future__ import annotations

import pytest

from retrieval.assistant import Assistant
from retrieval.runtime import Runtime

THANH_PHO = "thanh-pho-phu-luc-01-chuyen-doi-so-2023"


@pytest.fixture(scope="module")
def assistant(corpus_runtime: Runtime) -> Assistant:
    return corpus_runtime.assistant()


def test_the_row_the_words_name_under_the_heading_of_the_path(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Chỉ tiêu hồ sơ sức khỏe điện tử trên 80% (mục IV phụ lục 01) ai trực tiếp chỉ đạo?"
    )
    assert not answer.abstained
    assert answer.citations[0].document_id == THANH_PHO
    assert "sức khỏe điện tử" in answer.citations[0].text
    assert "Trưởng phòng Y tế" in answer.answer.splitlines()[0]


def test_a_heading_asked_for_its_items_is_not_narrowed_to_one_row(assistant: Assistant) -> None:
    answer = assistant.ask("Mục IV của phụ lục 01 thành phố gồm những chỉ tiêu nào?")
    assert not answer.abstained
    assert "sức khỏe điện tử" in answer.answer and "chữ ký số" in answer.answer


def test_the_groups_an_appendix_sorts_its_rows_into(assistant: Assistant) -> None:
    answer = assistant.ask("Phụ lục 01 thành phố phân các chỉ tiêu thành mấy nhóm?")
    assert not answer.abstained
    lines = answer.answer.splitlines()
    assert "5 nhóm" in lines[0]
    assert [line.split(" [")[0] for line in lines[1:]] == [
        "- I. Dữ liệu số",
        "- II. Chính quyền số",
        "- III. Kinh tế số",
        "- IV. Xã hội số",
        "- V. An toàn, an ninh mạng",
    ]
    assert {c.document_id for c in answer.citations} == {THANH_PHO}
