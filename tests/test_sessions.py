"""The session a resolution was adopted at, asked as a document fact."""

from __future__ import annotations

from retrieval.query import MetaField, understand
from retrieval.sessions import sessions
from retrieval.stored import StoredClause
from tests.stored_clauses import stored_clause


def _clause(text: str) -> StoredClause:
    return stored_clause(text, path="2 › 2.5")


def test_the_session_is_read_from_the_adoption_line() -> None:
    closing = _clause(
        "*Nghị quyết này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, "
        "Kỳ họp bất thường lần thứ 9, thông qua ngày 19 tháng 02 năm 2025.*"
    )
    task = _clause("Chuẩn bị nội dung trình Quốc hội tại kỳ họp thứ 10.")
    assert sessions([task, closing]) == ([closing], ["Kỳ họp bất thường lần thứ 9"])
    assert sessions([task]) == ([], [])


def test_a_session_asked_is_a_fact_beside_the_date() -> None:
    query = understand("Nghị quyết được thông qua ngày nào, tại kỳ họp nào?")
    assert query.meta_fields == (MetaField.DATE, MetaField.SESSION)


def test_a_party_resolution_names_its_plenum_above_the_title() -> None:
    head = _clause("HỘI NGHỊ LẦN THỨ 9 BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII\n\nNGHỊ QUYẾT\nVề …")
    task = _clause("Báo cáo tại Hội nghị lần thứ 10 Ban Chấp hành Trung ương.")
    assert sessions([head, task]) == (
        [head],
        ["HỘI NGHỊ LẦN THỨ 9 BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII"],
    )


def test_the_plenum_asked_is_a_fact_beside_the_date() -> None:
    query = understand("NQ 18-NQ/TW ban hành ngày nào, của hội nghị trung ương lần thứ mấy?")
    assert query.meta_fields == (MetaField.DATE, MetaField.SESSION)
