"""Several plans of one province named by place: the kind the question names without a
number ("theo đề án Tỉnh ủy …") picks the plan of that kind; a kind named beside another
plan's number keeps the one plan of that kind too (a compare of the two)."""

from __future__ import annotations

from ingest.normalize_vi import folded
from retrieval.documents import DocumentDirectory, DocumentInfo

_PLACE = {"level": "tỉnh", "name": "Lào Cai"}
_PARTY = "Tỉnh ủy Lào Cai"


def _directory() -> DocumentDirectory:
    plans = {
        "de-an": ("Đề án", None, "Đề án Tăng cường quản lý tài nguyên và bảo vệ môi trường"),
        "ctr-12": ("Chương trình", "12-CTr/TU", "Chương trình hành động về bảo vệ môi trường"),
        "cv-88": ("Công văn", "88/UBND-KT", "Công văn triển khai Chương trình hành động 12"),
    }
    issuers = {"de-an": _PARTY, "ctr-12": _PARTY, "cv-88": "Ủy ban nhân dân tỉnh Lào Cai"}
    infos = {
        doc_id: DocumentInfo.from_plain(
            {
                "id": doc_id,
                "title": title,
                "kind": kind,
                "number": number,
                "place": _PLACE,
                "issuer": issuers[doc_id],
            }
        )
        for doc_id, (kind, number, title) in plans.items()
    }
    return DocumentDirectory(infos)


def test_the_kind_named_picks_the_plan_of_that_kind() -> None:
    asked = "Theo đề án Tỉnh ủy Lào Cai tỷ lệ chất thải chôn lấp năm 2030 phải dưới bao nhiêu?"
    assert _directory().resolve(folded(asked)) == ["de-an"]


def test_a_kind_named_with_a_number_names_that_document_only() -> None:
    asked = "Theo CTr 12 tỉnh Lào Cai, tỷ lệ chất thải chôn lấp năm 2030 là bao nhiêu?"
    assert _directory().resolve(folded(asked)) == ["ctr-12"]


def test_a_kind_named_beside_another_plans_number_keeps_both() -> None:
    asked = "Đề án tài nguyên và CTr 12 của Tỉnh ủy Lào Cai đặt tỷ lệ chôn lấp bao nhiêu?"
    assert sorted(_directory().resolve(folded(asked))) == ["ctr-12", "de-an"]


def test_no_kind_named_keeps_every_plan_of_the_place() -> None:
    asked = "Tỉnh Lào Cai đặt tỷ lệ chất thải chôn lấp bao nhiêu?"
    assert sorted(_directory().resolve(folded(asked))) == ["ctr-12", "cv-88", "de-an"]


def test_a_short_form_that_is_another_abbreviation_names_no_kind() -> None:
    """ "CTR" is chất thải rắn as often as chương trình: only the kind in words counts."""
    asked = "Ty le CTR sinh hoat duoc thu gom o Lao Cai giai doan 2021-2025 dat bao nhieu?"
    assert sorted(_directory().resolve(folded(asked))) == ["ctr-12", "cv-88", "de-an"]


def test_a_programme_named_by_its_full_kind_and_number_is_that_programme() -> None:
    """ "Chương trình hành động 12": the kind's full name stands between kind and number."""
    asked = "Chương trình hành động 12 đặt mục tiêu gì cho cụm công nghiệp?"
    assert _directory().named_by_number(folded(asked)) == ["ctr-12"]
