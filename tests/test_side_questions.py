"""`retrieval.side_questions`: one side of a comparison asked of its plan alone keeps the
question's words and asking words, without the references naming the other plans."""

from __future__ import annotations

from retrieval.documents import DocumentDirectory, DocumentInfo
from retrieval.side_questions import side_question


def _directory() -> DocumentDirectory:
    plans = {
        "kh-21": ("Kế hoạch", "21/KH-UBND", "Kế hoạch phát triển khu công nghiệp", "Lào Cai"),
        "cv-88": ("Công văn", "88/UBND-KT", "Công văn triển khai Chương trình 12", "Lào Cai"),
        "kh-40": ("Kế hoạch", "40/KH-UBND", "Kế hoạch chuyển đổi số", "Ninh Bình"),
    }
    infos = {
        doc_id: DocumentInfo.from_plain(
            {
                "id": doc_id,
                "title": title,
                "kind": kind,
                "number": number,
                "place": {"level": "tỉnh", "name": place},
                "issuer": f"Ủy ban nhân dân tỉnh {place}",
            }
        )
        for doc_id, (kind, number, title, place) in plans.items()
    }
    return DocumentDirectory(infos)


def test_the_other_plans_number_is_taken_out_and_the_asking_words_kept() -> None:
    asked = "Sở Công Thương được giao gì trong KH 21 và trong CV 88 của tỉnh Lào Cai?"
    side = side_question(asked, _directory(), "kh-21", ["cv-88"])
    assert side is not None
    assert "KH 21" in side and "88" not in side
    assert side.startswith("Sở Công Thương được giao gì") and side.endswith("Lào Cai?")


def test_a_place_only_the_other_plan_is_of_is_taken_out() -> None:
    asked = "So sánh mục tiêu của Lao Cai va Ninh Binh ve chuyen doi so"
    side = side_question(asked, _directory(), "kh-21", ["kh-40"])
    assert side is not None
    assert "Ninh" not in side and "Lao Cai" in side


def test_nothing_naming_the_other_plan_gives_no_side() -> None:
    asked = "Sở Công Thương được giao gì về khu công nghiệp?"
    assert side_question(asked, _directory(), "kh-21", ["cv-88"]) is None


def test_a_bare_figure_equal_to_the_other_plans_number_stays() -> None:
    asked = "Con số 88% trong KH 21 và trong Công văn số 88/UBND-KT dùng cho mục tiêu gì?"
    side = side_question(asked, _directory(), "kh-21", ["cv-88"])
    assert side is not None
    assert "88%" in side and "UBND-KT" not in side and "Công văn" not in side
