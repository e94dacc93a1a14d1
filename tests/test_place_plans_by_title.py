"""Several plans of one commune, the question naming the commune only: the plan whose title
alone carries the question's words is the one asked; when no title or several carry them,
every plan of the place stays."""

from __future__ import annotations

from ingest.normalize_vi import folded
from retrieval.documents import DocumentDirectory, DocumentInfo

_PLACE = {"level": "xã", "name": "An Hòa"}
_TITLES = {
    "election": "Kế hoạch thực hiện công tác bầu cử đại biểu Quốc hội khóa XVI",
    "complaints": (
        "Kế hoạch Tiếp công dân, xử lý đơn thư khiếu nại, tố cáo, kiến nghị phục vụ "
        "bầu cử đại biểu Quốc hội khóa XVI"
    ),
    "oversight": "Kế hoạch Kiểm tra, giám sát công tác bầu cử đại biểu Quốc hội khóa XVI",
}


def _directory() -> DocumentDirectory:
    infos = {
        doc_id: DocumentInfo.from_plain({"id": doc_id, "title": title, "place": _PLACE})
        for doc_id, title in _TITLES.items()
    }
    return DocumentDirectory(infos)


def test_the_plan_whose_title_carries_the_words_is_asked() -> None:
    directory = _directory()
    asked = "Khiếu nại về danh sách cử tri ở xã An Hòa thì chuyển đến đâu giải quyết?"
    assert directory.resolve(folded(asked)) == ["complaints"]
    asked = "Đoàn giám sát bầu cử của MTTQ xã An Hòa gồm những ai?"
    assert directory.resolve(folded(asked)) == ["oversight"]


def test_words_every_title_shares_keep_every_plan() -> None:
    directory = _directory()
    asked = "Bầu cử đại biểu Quốc hội ở xã An Hòa do ai chủ trì?"
    assert sorted(directory.resolve(folded(asked))) == sorted(_TITLES)


def test_words_of_two_titles_keep_every_plan() -> None:
    directory = _directory()
    asked = "Khiếu nại về việc giám sát bầu cử ở xã An Hòa gửi đến đâu?"
    assert sorted(directory.resolve(folded(asked))) == sorted(_TITLES)


def test_plans_on_different_subjects_keep_every_plan() -> None:
    """A programme and the letters carrying it out share a kind and a year, not a subject:
    a word pair of the programme's title is the question's topic, not a plan picked."""
    place = {"level": "tỉnh", "name": "Hòa Bình"}
    titles = {
        "programme": "Chương trình hành động năm 2026 về bảo vệ môi trường",
        "letter": "Công văn triển khai Chương trình hành động năm 2026 của Tỉnh ủy",
    }
    directory = DocumentDirectory(
        {
            doc_id: DocumentInfo.from_plain({"id": doc_id, "title": title, "place": place})
            for doc_id, title in titles.items()
        }
    )
    asked = "Quan điểm về đầu tư cho môi trường của tỉnh Hòa Bình là gì?"
    assert sorted(directory.resolve(folded(asked))) == sorted(titles)
