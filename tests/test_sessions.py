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
