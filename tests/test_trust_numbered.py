"""A step, round or session numbered as the plans never number it is declined, naming the
numbers they have (batch 12f: "Bước 7" of QĐ 3210, whose steps run 1 to 6, was answered
with the deadlines of steps 3 and 1). Real plan: tests/real_plans3 (QĐ 3210 TP.HCM)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.constraints import numbered_names
from retrieval.ordinal_words import number_value
from retrieval.runtime import Runtime
from retrieval.strategies.numbered_absent import _all_numbered
from tests.conftest import ingested_runtime

HCM = (
    Path(__file__).parent
    / "real_plans3"
    / "tp-hcm-3210-QD-UBND-2014-ke-hoach-nha-o-nguoi-co-cong.txt"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("numbered"), [HCM]) as made:
        runtime: Runtime = made
        yield runtime.assistant()


def test_numbers_in_figures_roman_and_words() -> None:
    assert [number_value(w) for w in ("7", "xii", "sau", "muoi mot", "hai muoi")] == [
        7,
        12,
        6,
        11,
        20,
    ]
    found = _all_numbered("hoi nghi lan thu sau ban chap hanh; buoc 3: tong hop; dot 2")
    assert [(f.noun, f.number) for f in found] == [
        ("hoi nghi lan thu", 6),
        ("buoc", 3),
        ("dot", 2),
    ]
    # "đợt năm 2025" is a year, not a fifth round; "đột phá" is no round at all
    assert _all_numbered("dot nam 2025 va dot pha") == []


def test_a_step_the_plan_does_not_have_is_declined(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Bước 7 trong trình tự lập, phê duyệt danh sách hỗ trợ nhà ở của QĐ 3210 là gì, "
        "hạn khi nào?"
    )
    assert answer.abstained
    assert "không có Bước 7" in answer.answer and "1, 2, 3, 4, 5, 6" in answer.answer


def test_a_step_the_plan_has_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask("Bước 6 trong trình tự lập danh sách hỗ trợ nhà ở của QĐ 3210 là gì?")
    assert not answer.abstained
    assert "Bước 6" in answer.answer or "31 tháng 10 năm 2014" in answer.answer


@pytest.mark.parametrize(
    ("folded", "names"),
    [
        ("ty le sinh con thu 3 tro len", ["thu 3|thu ba"]),
        ("ai la truong ban bau cu so 1 cua xa", ["so 1|so nhat"]),
        ("con thu ba", ["thu ba|thu 3"]),
        # "sở năm 2022", "chỉ số năm 2025" fold to "so nam": a year, not "số 5"
        ("ke hoach thi diem cap so nam 2022 bao nhieu phan tram", []),
        ("chi so chuyen doi so nam 2025 tang bao nhieu bac", []),
    ],
)
def test_a_thing_named_by_a_number_not_a_year_after_a_folded_so(
    folded: str, names: list[str]
) -> None:
    assert numbered_names(folded) == names


def test_an_occurrence_ending_a_sentence_or_listed_after_another_is_read() -> None:
    """ "… tổ chức hội nghị hiệp thương lần thứ 1." ends its sentence on the number, and
    "hội nghị hiệp thương lần thứ 2, thứ 3" lists two: a plan saying so has 1, 2 and 3 (12j
    declined "lần thứ 1" as absent, "chỉ nêu số 2"); "1.2" stays a clause number."""
    found = _all_numbered("to chuc hoi nghi hiep thuong lan thu 1. tuyen truyen")
    assert [(f.noun, f.number) for f in found] == [("hiep thuong lan thu", 1)]
    found = _all_numbered("hoi nghi hiep thuong lan thu 2, thu 3; tieu chuan dai bieu")
    assert [f.number for f in found] == [2, 3]
    assert _all_numbered("buoc 1.2 lap danh sach") == []
