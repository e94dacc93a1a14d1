"""A meeting asked by its ordinal is not answered from clauses on another meeting of that
kind: "Hội nghị lần thứ 12 … họp ngày nào?" of the resolution of the 11th plenum, "kết quả
chất vấn tại Kỳ họp thứ Sáu" of the resolution adopted at session Năm."""

from __future__ import annotations

from types import SimpleNamespace

from ingest.normalize_vi import folded
from retrieval.other_meeting import meetings, other_meeting
from retrieval.stored import StoredClause
from tests.stored_clauses import stored_clause

_NO_DOCUMENTS = SimpleNamespace(get=lambda doc_id: None)


def _clause(text: str, title: str = "Nghị quyết") -> StoredClause:
    return stored_clause(text, document_title=title, path="Điều 1")


def _other(question: str, *texts: str) -> object:
    return other_meeting(question, [_clause(t) for t in texts], _NO_DOCUMENTS)  # type: ignore[arg-type]


def test_ordinals_in_words_numerals_and_joined() -> None:
    assert meetings(folded("Kỳ họp thứ Bảy và thứ Tám")) == {"ki hop": {7, 8}}
    assert meetings(folded("Hội nghị lần thứ 11 Ban Chấp hành")) == {"hoi nghi": {11}}
    assert meetings(folded("kỳ họp bất thường lần thứ 9")) == {"ki hop": {9}}


def test_another_plenum_is_no_answer() -> None:
    found = _other(
        "Hoi nghi lan thu 12 Ban Chap hanh Trung uong khoa XIII hop ngay nao?",
        "Hội nghị lần thứ 11 Ban Chấp hành Trung ương Đảng khóa XIII họp từ ngày 10/4 đến "
        "ngày 12/4/2025 tại Thủ đô Hà Nội.",
    )
    assert found is not None
    assert found.asked == "Hoi nghi lan thu 12"  # type: ignore[attr-defined]
    assert found.said == (11,)  # type: ignore[attr-defined]


def test_another_session_written_in_words_is_no_answer() -> None:
    found = _other(
        "Kết quả chất vấn tại Kỳ họp thứ Sáu HĐND tỉnh ra sao?",
        "Nghị quyết này đã được Hội đồng nhân dân tỉnh khóa XVII, Kỳ họp thứ Năm thông qua.",
    )
    assert found is not None and found.asked == "Kỳ họp thứ Sáu"  # type: ignore[attr-defined]


def test_the_session_asked_among_those_named_is_met() -> None:
    assert (
        _other(
            "Kỳ họp thứ Tám giám sát những báo cáo nào?",
            "Giám sát các báo cáo trình tại kỳ họp thứ Bảy và thứ Tám năm 2018.",
        )
        is None
    )


def test_clauses_naming_no_meeting_are_not_judged() -> None:
    assert _other("Kỳ họp thứ Sáu dự kiến tổ chức khi nào?", "Tổ chức vào tháng 12/2017.") is None
