"""A document asked by its issuing body in a place no loaded plan comes from is declined."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ingest.normalize_vi import folded
from retrieval.query import understand
from retrieval.stored import StoredClause
from retrieval.unloaded_issuer import unloaded_issuer
from tests.test_confidence import _clause


@dataclass(frozen=True)
class _Info:
    place_name: str | None


class _Directory:
    """The two calls `unloaded_issuer` makes of a `DocumentDirectory`."""

    def __init__(self) -> None:
        self.documents = {"kl75": _Info(None), "ctr104": _Info("Lào Cai")}

    def get(self, doc_id: str) -> _Info | None:
        return self.documents.get(doc_id)

    def named_places(self, question_folded: str) -> list[str]:
        text = f" {question_folded} "
        return [
            d
            for d, i in self.documents.items()
            if i.place_name and f" {folded(i.place_name)} " in text
        ]


def _in(doc: str, text: str) -> StoredClause:
    return replace(_clause(text), document_id=doc)


KL75 = [_in("kl75", "Số 75-KL/TW Hà Nội, ngày 28 tháng 7 năm 2026")]


def _asked(question: str, cited: list[StoredClause] = KL75) -> str | None:
    folded_question = understand(question).folded
    return unloaded_issuer(folded_question, cited, _Directory())  # type: ignore[arg-type]


def test_a_body_of_a_place_with_no_loaded_plan_is_named_in_the_decline() -> None:
    question = "Tinh uy Yen Bai ban hanh chuong trinh hanh dong thuc hien Ket luan 75 ngay nao?"
    assert _asked(question) == "tỉnh Yên Bái"
    assert _asked("UBND tỉnh Yên Bái giao nhiệm vụ gì theo Kết luận 75?") == "tỉnh Yên Bái"


def test_a_loaded_place_or_a_text_naming_it_is_no_decline() -> None:
    assert _asked("Tỉnh ủy Lào Cai ban hành chương trình hành động ngày nào?") is None
    about = [_in("kl75", "Tỉnh ủy Yên Bái chủ trì tổng kết")]
    assert _asked("Tỉnh ủy Yên Bái chủ trì việc gì?", about) is None
    assert _asked("Kết luận 75 ban hành ngày nào?") is None
