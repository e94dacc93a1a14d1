"""A programme scheduled by session ("a) Tại kỳ họp thứ Hai:", "b) Tại kỳ họp thứ Ba:"): the
session a question names, the items under it first, a session the programme does not have
declined, the session an item is set for, and a document of another year not loaded."""

from __future__ import annotations

from ingest.normalize_vi import folded
from retrieval.documents import DocumentDirectory, DocumentInfo
from retrieval.session_parts import (
    asked_session_first,
    asks_session,
    missing_session,
    said_session,
    session_heading,
    sessions_named,
)
from retrieval.stored import StoredClause
from retrieval.titled_year import other_year
from tests.stored_clauses import stored_clause

_TITLE = "Nghị quyết ban hành Chương trình giám sát năm 2031 của HĐND tỉnh X"


def _clause(clause_id: str, text: str, parent: str | None = None) -> StoredClause:
    return stored_clause(
        text, clause_id=clause_id, parent_id=parent, document_title=_TITLE, number=clause_id
    )


_PART = _clause("1", "1. Giám sát tại kỳ họp:\na) Tại kỳ họp thứ Hai:\n- Báo cáo …")
_SECOND = _clause("1a", "a) Tại kỳ họp thứ Hai:\n- Báo cáo công tác 6 tháng …", "1")
_THIRD = _clause("1b", "b) Tại kỳ họp thứ Ba:\n- Báo cáo công tác năm …", "1")
_ITEM_2 = _clause("1a1", "Báo cáo công tác 6 tháng đầu năm của Ủy ban nhân dân;", "1a")
_ITEM_3 = _clause("1b1", "Báo cáo công tác năm của Ủy ban nhân dân; lấy phiếu tín nhiệm.", "1b")
_DUTY = _clause("3", "Báo cáo các Ban với Thường trực theo quy định.")
_ALL = {c.clause_id: c for c in (_PART, _SECOND, _THIRD, _ITEM_2, _ITEM_3, _DUTY)}


def _enclosing(clause: StoredClause) -> list[StoredClause]:
    chain = []
    while clause.parent_id:
        clause = _ALL[clause.parent_id]
        chain.append(clause)
    return chain


def test_sessions_are_read_spelled_in_digits_or_roman() -> None:
    assert sessions_named(folded("Tại kỳ họp thứ Bảy và thứ Tám năm 2031")) == {7, 8}
    assert sessions_named(folded("tai ky hop thu Chin")) == {9}
    assert sessions_named(folded("Kỳ họp lần thứ 12")) == {12}
    assert sessions_named(folded("kỳ họp thứ IV")) == {4}
    assert sessions_named(folded("kỳ họp giữa năm 2032; giữa hai kỳ họp")) == set()


def test_the_items_under_the_session_asked_come_first() -> None:
    items = [_ITEM_3, _DUTY, _ITEM_2]
    ordered = asked_session_first(
        folded("Tại kỳ họp thứ Hai, HĐND xem xét báo cáo nào?"), items, lambda c: c, _enclosing
    )
    assert ordered == [_ITEM_2, _DUTY, _ITEM_3]
    assert asked_session_first(folded("Báo cáo nào?"), items, lambda c: c, _enclosing) == items


def test_a_session_the_programme_does_not_have_is_declined() -> None:
    found = [_ITEM_2, _ITEM_3, _DUTY]
    reason = missing_session(folded("Tai ky hop thu Nam, HDND giam sat gi?"), found, _enclosing)
    assert reason is not None and "kỳ họp thứ Năm" in reason and "kỳ họp thứ Hai" in reason
    assert missing_session(folded("Tại kỳ họp thứ Ba giám sát gì?"), found, _enclosing) is None
    # a plan not scheduled by session says nothing of a session it does not name
    assert missing_session(folded("Tại kỳ họp thứ Năm?"), [_DUTY], _enclosing) is None


def test_the_session_an_item_is_set_for_is_its_heading_or_its_own_words() -> None:
    assert asks_session(folded("Kỳ họp nào tổ chức lấy phiếu tín nhiệm?"))
    assert not asks_session(folded("Tại kỳ họp thứ Hai báo cáo gì?"))
    assert session_heading(_ITEM_3, _enclosing) == _THIRD
    assert session_heading(_DUTY, _enclosing) is None
    text = (
        "Chỉ đạo giám sát; báo cáo kết quả giám sát giữa hai kỳ họp trình Hội đồng nhân dân "
        "vào\nkỳ họp cuối năm 2032; báo cáo Hội đồng nhân dân tại kỳ họp gần nhất."
    )
    span = said_session(text, folded("Báo cáo kết quả giám sát giữa hai kỳ họp vào kỳ họp nào?"))
    assert span is not None
    assert text[span[0] : span[1]].endswith("vào\nkỳ họp cuối năm 2032")
    assert said_session("Giữa hai kỳ họp, Thường trực xem xét.", "ki hop nao") is None


def _directory(title: str) -> DocumentDirectory:
    info = DocumentInfo(
        *("d", title, None, None, None, None, None, None, None, None, None),
        replaces=(),
        based_on=(),
    )
    return DocumentDirectory({"d": info})


def test_a_programme_of_another_year_is_not_the_loaded_one() -> None:
    documents = _directory(_TITLE)
    cited = [_clause("x", "… trình Hội đồng nhân dân vào kỳ họp giữa năm 2032 …")]
    reason = other_year("Chuong trinh giam sat nam 2032 co nhung noi dung gi?", cited, documents)
    assert reason is not None and "Chương trình giám sát năm 2031" in reason
    assert other_year("Chương trình giám sát năm 2031 gồm gì?", cited, documents) is None
    # words that are not the title's: another topic, not another year of this document
    assert other_year("Kế hoạch phát triển năm 2032 gồm gì?", cited, documents) is None


def test_a_second_session_joined_by_va_is_no_numbered_thing() -> None:
    from retrieval.constraints import numbered_names

    assert numbered_names(folded("Chất vấn tại kỳ họp thứ Hai và thứ Ba theo điều nào?")) == []


def test_a_title_naming_another_session_does_not_name_the_document() -> None:
    def info(doc_id: str, title: str) -> DocumentInfo:
        return DocumentInfo(
            *(doc_id, title, None, None, None, None, None, None, None, None, None),
            replaces=(),
            based_on=(),
        )

    documents = DocumentDirectory(
        {
            "q": info("q", "Nghị quyết về chất vấn và trả lời chất vấn tại kỳ họp thứ Hai"),
            "p": info("p", _TITLE),
        }
    )
    assert documents.resolve(folded("chất vấn và trả lời chất vấn tại kỳ họp thứ Hai")) == ["q"]
    assert "q" not in documents.resolve(folded("chất vấn và trả lời chất vấn tại kỳ họp thứ Ba"))


def test_a_year_one_cited_plan_has_is_not_declined() -> None:
    documents = DocumentDirectory(
        {
            "a": DocumentInfo(
                *("a", _TITLE, None, None, None, None, None, None, None, None, None),
                replaces=(),
                based_on=(),
            ),
            "b": DocumentInfo(
                *("b", "Chương trình giám sát năm 2032 của HĐND huyện Y"),
                *(None, None, None, None, None, None, None, None, None),
                replaces=(),
                based_on=(),
            ),
        }
    )
    cited = [
        stored_clause("… giám sát …", clause_id="x", document_id="a"),
        stored_clause("… giám sát …", clause_id="y", document_id="b"),
    ]
    assert other_year("Chương trình giám sát năm 2032 gồm gì?", cited, documents) is None
