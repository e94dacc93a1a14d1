"""`parse_plan` on text nobody wrote as a plan: it never raises, stays within its source,
and takes a bounded time per document (issue 15).

The text is built from the pieces plans are made of — numbering of every kind, headings,
table rows in tabs and pipes, Vietnamese words, blank lines — mixed with arbitrary Unicode,
so that the parser's structural paths are exercised, not only its fallback. Only documented
input errors (`InputError`) may escape: `PlanTooDeepError` for numbering nested deeper than
any plan (it used to end in a `RecursionError`).
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import InputError, PlanTooDeepError
from ingest.parser.plan import MAX_CLAUSE_DEPTH, parse_plan

MAX_LINES = 120
MAX_SECONDS = 10  # per example, on a loaded machine; a real plan of this size takes < 0.1 s

_MARKERS = st.sampled_from(
    [
        "",
        "I.",
        "II.",
        "IV.",
        "1.",
        "2.",
        "1.1.",
        "6.6.",
        "2.1.3",
        "a)",
        "b)",
        "đ)",
        "-",
        "+",
        "*",
        "•",
        "Điều 1.",
        "Điều 12.",
        "Chương I",
        "Mục 2.",
        "PHẦN I",
        "Phụ lục 1",
        "Phụ lục",
        "(1)",
        "1)",
        "A.",
        "B.",
        "Bước 1:",
        "Giai đoạn 2026-2030:",
    ]
)
_WORDS = st.sampled_from(
    [
        "KẾ HOẠCH",
        "Nhiệm vụ",
        "Chỉ tiêu",
        "Sở Thông tin và Truyền thông",
        "chủ trì",
        "phối hợp",
        "UBND tỉnh",
        "Năm 2025",
        "hoàn thành",
        "Tháng 10/2025",
        "đạt 100%",
        "Số: 19/KH-UBND",
        "Ninh Bình, ngày 1 tháng 2 năm 2025",
        "TM. ỦY BAN NHÂN DÂN",
        "Nơi nhận:",
        "CHỦ TỊCH",
        "Căn cứ",
        "Quyết định số 12/QĐ-TTg",
        "|",
        "\t",
        ":",
        ";",
        "STT",
        "Đơn vị chủ trì",
        "Thời gian",
        "-----",
        "",
        "  ",
    ]
)
_DEEP_NUMBER = st.builds(lambda depth: ".".join(["1"] * depth) + ".", st.integers(1, 120))
_LINE = st.one_of(
    st.builds(
        lambda marker, words: f"{marker} {' '.join(words)}".strip(),
        st.one_of(_MARKERS, _DEEP_NUMBER),
        st.lists(_WORDS, max_size=8),
    ),
    st.builds("\t".join, st.lists(_WORDS, min_size=2, max_size=6)),  # a tab table row
    st.builds(lambda cells: "| " + " | ".join(cells) + " |", st.lists(_WORDS, max_size=5)),
    st.text(max_size=80),  # anything at all
    st.just(""),
)
PLAN_LIKE_TEXT = st.builds(
    lambda lines, ending: ending.join(lines),
    st.lists(_LINE, max_size=MAX_LINES),
    st.sampled_from(["\n", "\r\n", "\n\n"]),
)


@settings(
    max_examples=150,
    deadline=timedelta(seconds=MAX_SECONDS),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(PLAN_LIKE_TEXT)
def test_parse_plan_never_raises_and_stays_within_its_source(source: str) -> None:
    started = time.perf_counter()
    try:
        plan = parse_plan(source, "fuzz")
    except InputError:
        return  # a documented refusal is allowed
    assert time.perf_counter() - started < MAX_SECONDS
    ids = [clause.id for clause in plan.clauses]
    assert len(ids) == len(set(ids))
    known = set(ids)
    for clause in plan.clauses:
        assert 0 <= clause.start <= clause.body_end <= clause.end <= len(source)
        assert clause.text == source[clause.start : clause.end]
        assert clause.parent_id is None or clause.parent_id in known
    assert plan.source_text == source


@settings(max_examples=100, deadline=timedelta(seconds=MAX_SECONDS))
@given(st.text(max_size=3000))
def test_parse_plan_survives_arbitrary_unicode(source: str) -> None:
    plan = parse_plan(source, "fuzz")
    for clause in plan.clauses:
        assert clause.text == source[clause.start : clause.end]


def test_numbering_nested_deeper_than_any_plan_is_a_documented_refusal() -> None:
    deep = "\n".join(".".join(["1"] * k) + ". Nội dung" for k in range(1, 1500))
    with pytest.raises(PlanTooDeepError, match="lồng nhau quá"):
        parse_plan(deep, "deep")
    shallow = "\n".join(".".join(["1"] * k) + ". Nội dung" for k in range(1, MAX_CLAUSE_DEPTH))
    assert len(parse_plan(shallow, "shallow").clauses) == MAX_CLAUSE_DEPTH - 1
