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
