"""Hard constraints an answer must meet or name (issue 13): a legal-basis line never answers
a content question, a time asked for must be stated, a unit asked in a role must be in the
cited clause, a place named must be the cited plan's."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ingest import dates
from ingest.normalize_vi import folded
from retrieval import calibration, confidence
from retrieval.calibration import Decision, Evidence
from retrieval.candidates import answers_content, asks_about_basis, is_legal_basis
from retrieval.constraint_check import unmet_place
from retrieval.constraints import read_question
from retrieval.query import understand
from retrieval.stored import StoredClause
from tests.test_confidence import _clause


@pytest.mark.parametrize(
    ("body", "path", "basis"),
    [
        (
            "Quyết định số 411/QĐ-TTg ngày 31 tháng 3 năm 2022 của Thủ tướng",
            "I. CĂN CỨ › đoạn 7",
            True,
        ),
        ("Căn cứ Kế hoạch số 42/KH-UBND ngày 24/01/2025 của UBND tỉnh Hà Tĩnh;", "đoạn 1", True),
        ("Thực hiện Quyết định số 206/QĐ-TTg ngày 28/02/2024 của Thủ tướng", "đoạn 1", True),
        (
            "Trên cơ sở tổng hợp, kế thừa các mục tiêu của 03 tỉnh",
            "2. Các Nghị quyết, Kế hoạch của Tỉnh",
            True,
        ),
        ("Tỷ trọng kinh tế số trên GDP đạt tối thiểu 15%.", "II. MỤC TIÊU › 2.2", False),
        ("Quyết định ban hành Khung kiến trúc Chính quyền số tỉnh", "Phụ lục 2 › 6", False),
        (
            "Cải thiện mạnh mẽ Chỉ số chuyển đổi số (DTI) của tỉnh",
            "3. Căn cứ tình hình thực tiễn",
            False,
        ),
    ],
)
def test_a_legal_basis_line_is_recognised(body: str, path: str, basis: bool) -> None:
    clause = replace(_clause(body), path=path)
    assert is_legal_basis(clause) is basis


def test_a_basis_line_answers_only_a_question_about_the_basis() -> None:
    clause = replace(_clause("Quyết định số 411/QĐ-TTg … đến năm 2030"), path="I. CĂN CỨ")
    assert not answers_content(clause, understand("Tỷ trọng kinh tế số năm 2030?").folded)
    asked = understand("Kế hoạch 466 căn cứ những văn bản nào?").folded
    assert asks_about_basis(asked) and answers_content(clause, asked)


def test_a_time_asked_and_not_stated_abstains() -> None:
    reading = read_question(understand("Mô hình thí điểm được triển khai khi nào?"))
    dated = confidence.score(
        reading, [_clause("Từ 01/9/2022 đến 28/2/2023: triển khai")], 0.8, False, False
    )
    undated = confidence.score(
        reading, [_clause("Các đơn vị triển khai thực hiện thí điểm")], 0.8, False, False
    )
    assert dated == 0.8 and undated < dated
    # the time asked is the part the undated clause misses: such an answer is declined
    unmet = confidence.unmet_checks(
        reading, [_clause("Các đơn vị triển khai thực hiện thí điểm")], False, 0.8
    )
    evidence = Evidence(undated, False, unmet)
    assert "time" in unmet and calibration.fitted().decide(evidence) is Decision.ABSTAIN
    assert dates.states_time("hoan thanh trong quy iv/2025")
    assert dates.states_time("thuong xuyen")
    assert not dates.states_time("so hoa du lieu ho tich")


class _Info:
    def __init__(self, place: str | None) -> None:
        self.place_name = place


class _Directory:
    """The two calls `unmet_place` makes of a `DocumentDirectory`."""

    def __init__(self) -> None:
        self.documents = {"hl56": _Info("Hồng Lĩnh"), "tb88": _Info("Thái Bình")}

    def get(self, doc_id: str) -> _Info | None:
        return self.documents.get(doc_id)

    def named_places(self, question_folded: str) -> list[str]:
        text = f" {question_folded} "
        return [d for d, i in self.documents.items() if f" {folded(i.place_name)} " in text]


def _in(doc: str, text: str) -> StoredClause:
    return replace(_clause(text), document_id=doc)


def test_a_place_named_must_be_the_cited_plans() -> None:
    question = understand("Số hóa hồ sơ ở Hồng Lĩnh phải xong trước ngày nào?").folded
    other = [_in("tb88", "Số hoá hồ sơ, kết quả giải quyết TTHC tại Trung tâm")]
    own = [_in("hl56", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực")]
    assert unmet_place(question, other, _Directory()) == "Hồng Lĩnh"  # type: ignore[arg-type]
    assert unmet_place(question, own, _Directory()) is None  # type: ignore[arg-type]
    # a clause that itself names the place honours it
    about = [_in("tb88", "Hỗ trợ Hồng Lĩnh số hóa hồ sơ")]
    assert unmet_place(question, about, _Directory()) is None  # type: ignore[arg-type]


def test_a_duty_opening_with_can_cu_is_not_a_basis_line() -> None:
    duty = replace(
        _clause("Căn cứ các nội dung, chỉ tiêu của Kế hoạch này tiến hành phân công"),
        path="V › 2. Các đơn vị triển khai thí điểm › Căn cứ các nội dung, chỉ tiêu",
    )
    assert not is_legal_basis(duty)
    assert asks_about_basis(understand("Kế hoạch giai đoạn 2021 - 2025 có số hiệu gì?").folded)
