"""A plan named by its kind and a title word ("đề án tài nguyên …") is not answered from
another kind of document of the same place."""

from __future__ import annotations

from ingest.normalize_vi import folded
from retrieval.documents import DocumentInfo
from retrieval.named_kind import kind_words, other_kind


def _info(doc_id: str, kind: str, title: str) -> DocumentInfo:
    return DocumentInfo(
        id=doc_id, title=title, number=None, issued_date=None, issuer=None, signer=None,
        signer_title=None, field=None, kind=kind, place_level="tỉnh", place_name="Lào Cai",
        replaces=(), based_on=(),
    )  # fmt: skip


_DOCS = {
    "de-an": _info("de-an", "Đề án", "Đề án Tăng cường quản lý tài nguyên đất, nước"),
    "ctr": _info("ctr", "Chương trình", "Chương trình hành động về bảo vệ môi trường"),
    "cv": _info("cv", "Công văn", "Công văn V/v triển khai Chương trình hành động số 104"),
    "qd": _info("qd", "Quyết định", "Quyết định phê duyệt Đề án thị trường các-bon"),
}


def test_the_kind_and_first_title_word_are_read() -> None:
    question = folded("Đề án tài nguyên của Tỉnh ủy Lào Cai đặt chỉ tiêu che phủ rừng bao nhiêu?")
    assert kind_words(question) == [("de an", "tai")]
    assert kind_words(folded("Quyết định 232 phê duyệt gì?")) == []
    assert kind_words(folded("Ai quyết định thành lập Ban Chỉ đạo?")) == []
    assert kind_words(folded("Theo đề án này, ai chủ trì?")) == []


def test_another_kind_of_plan_is_not_the_plan_named() -> None:
    question = folded("Đề án tài nguyên của Tỉnh ủy Lào Cai đặt chỉ tiêu che phủ rừng bao nhiêu?")
    named = other_kind(question, list(_DOCS), ["ctr"], _DOCS)
    assert named is not None and named.id == "de-an"
    assert other_kind(question, list(_DOCS), ["cv"], _DOCS) is not None
    # the named plan itself, or a decision whose title holds the kind word, is that kind
    assert other_kind(question, list(_DOCS), ["de-an"], _DOCS) is None
    assert other_kind(question, list(_DOCS), ["qd"], _DOCS) is None
    # no candidate of that kind with that title word: nothing named
    assert other_kind(folded("đề án khoáng sản?"), list(_DOCS), ["ctr"], _DOCS) is None
    assert other_kind(question, ["ctr", "cv"], ["ctr"], _DOCS) is None
