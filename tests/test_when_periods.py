"""A "which years" question of a duty written in a plan's text: the years it names answer
it; a "by when" question of the same duty still says the plan gives no deadline."""

from __future__ import annotations

from ingest.domain import Target, TargetCell
from retrieval.compose import answer_clauses
from retrieval.documents import DocumentDirectory, DocumentInfo
from retrieval.query import understand
from retrieval.stored import StoredClause
from tests.stored_clauses import stored_clause

# the shape of a Chỉ thị's duty under a unit heading (UBND tỉnh, CT 012/CT-UBND 2025)
DUTY = (
    "b) Tiếp tục rà soát, thực hiện đơn giản hóa TTHC theo Nghị quyết số 66/NQ-CP ngày "
    "26/3/2025 của Chính phủ về Chương trình cắt giảm, đơn giản hóa TTHC liên quan đến hoạt "
    "động sản xuất, kinh doanh năm 2025 và 2026, đảm bảo cắt giảm tối thiểu 30% thời gian "
    "thực hiện TTHC và đơn giản hóa thành phần hồ sơ kèm theo."
)
CITING_ONLY = (
    "c) Triển khai Nghị quyết số 66/NQ-CP ngày 26/3/2025 của Chính phủ, bảo đảm đúng quy định."
)


def _duty(text: str) -> StoredClause:
    unit = TargetCell("lead", "Đơn vị", "Sở Tư pháp", 0, 3)
    target = Target("c", "d", "b", text, cells=(unit,), source="body")
    return stored_clause(text, target=target, document_id="d", path="1. Sở Tư pháp › điểm b")


def _documents() -> DocumentDirectory:
    info = DocumentInfo.from_plain(
        {"id": "d", "title": "Chỉ thị về cải cách TTHC", "number": "12/CT-UBND", "kind": "Chỉ thị"}
    )
    return DocumentDirectory({"d": info})


def test_which_years_is_answered_by_the_years_the_duty_names() -> None:
    query = understand("Chương trình cắt giảm TTHC áp dụng cho những năm nào?")
    answer = answer_clauses(query, [_duty(DUTY)], _documents(), query.intent)
    assert not answer.abstained
    first = answer.answer.splitlines()[0]
    assert "năm 2025 và 2026" in first and "không ghi thời hạn" not in first


def test_by_when_of_the_same_duty_still_says_no_deadline() -> None:
    query = understand("Rà soát đơn giản hóa TTHC phải hoàn thành khi nào?")
    answer = answer_clauses(query, [_duty(DUTY)], _documents(), query.intent)
    assert answer.abstained
    assert "không ghi thời hạn" in answer.answer.splitlines()[0]


def test_a_cited_documents_date_is_no_year_of_the_duty() -> None:
    query = understand("Triển khai Nghị quyết 66 áp dụng cho những năm nào?")
    answer = answer_clauses(query, [_duty(CITING_ONLY)], _documents(), query.intent)
    assert answer.abstained
