"""A "which years" question of a duty written in a plan's text: the years it names answer
it; a "by when" question of the same duty still says the plan gives no deadline."""

from __future__ import annotations

from ingest.domain import Target, TargetCell
from retrieval import confidence
from retrieval.amounts import states_asked_amount
from retrieval.compose import answer_clauses
from retrieval.constraints import read_question
from retrieval.documents import DocumentDirectory, DocumentInfo
from retrieval.query import understand
from retrieval.search import Candidate
from retrieval.stored import StoredClause
from retrieval.strategies.search_answer import _figured_first, _timed_first, _timed_round_first
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
    first = answer.answer.splitlines()[0]
    assert "không ghi thời hạn" in first and "chỉ nêu" in first and "năm 2025 và 2026" in first


def test_a_cited_documents_date_is_no_year_of_the_duty() -> None:
    query = understand("Triển khai Nghị quyết 66 áp dụng cho những năm nào?")
    answer = answer_clauses(query, [_duty(CITING_ONLY)], _documents(), query.intent)
    assert answer.abstained


def test_a_plan_named_by_its_issuer_asks_no_unit_of_its_clause() -> None:
    # "(KH 16 MTTQ)" names the plan 16/KH-MTTQ-BTT; its clause need not name the MTTQ
    text = (
        "(3) Tổ chức hiệp thương lần thứ ba: Chậm nhất ngày 20/02/2026 (trước ngày bầu cử 23 ngày)."
    )
    clause = stored_clause(text, document_number="16/KH-MTTQ-BTT")
    query = understand("Hiệp thương lần thứ ba chậm nhất ngày nào (KH 16 MTTQ)?")
    reading = read_question(query, units=("mat tran to quoc viet nam",))
    assert "unit" not in confidence.unmet_checks(reading, [clause], structured=False)
    other = stored_clause(text, document_number="16/KH-UBND")
    assert "unit" in confidence.unmet_checks(reading, [other], structured=False)


def _candidate(clause_id: str, text: str) -> Candidate:
    return Candidate(stored_clause(text, clause_id=clause_id, document_id="p"), 1.0, "hybrid")


def test_a_task_without_its_time_is_answered_by_the_schedule_line_naming_it() -> None:
    untimed = _candidate(
        "b3",
        "- Kết thúc thời gian thí điểm, tổ chức tổng kết, đánh giá hoàn thiện Mô hình chính "
        "quyền số cấp sở, ngành (phiên bản 1.0), triển khai nhân rộng Mô hình.",
    )
    other = _candidate("v4", "- Tổ chức tổng kết, đánh giá kết quả thí điểm: tháng 4/2023.")
    schedule = _candidate(
        "s3",
        "- Từ 01/3/2023 đến 31/3/2023: Tổ chức tổng kết, đánh giá hoàn thiện, thống nhất Mô "
        "hình chính quyền số cấp sở, ngành của tỉnh.",
    )
    unrelated = _candidate("u1", "- Từ 01/9/2022 đến 28/2/2023: Triển khai thực hiện thí điểm.")
    covering = [untimed, other, schedule, unrelated]
    ordered = _timed_first(covering, "tong ket danh gia thuc hien khi nao", [1.0, 0.6, 0.6, 0.6])
    assert [c.clause.clause_id for c in ordered[:2]] == ["s3", "v4"]
    assert ordered[-1].clause.clause_id == "u1"


def test_a_sum_of_money_asked_is_stated_in_a_currency() -> None:
    clause = stored_clause(
        "- Đề án nâng cao năng lực hoạt động hệ thống y tế cơ sở giai đoạn 2022-2025: "
        "50.000 triệu đồng (Chi tiết tại Phụ lục 02)."
    )
    asked = understand("De an y te co so duoc phan bo bao nhieu von nam 2023?")
    assert states_asked_amount(asked, clause)
    assert not states_asked_amount(asked, stored_clause("- Đề án y tế cơ sở giai đoạn 2022-2025."))


def test_a_heading_cited_for_its_unit_states_no_figure_of_the_answer() -> None:
    heading_text = (
        "1. Bộ Lao động - Thương binh và Xã hội\n\n- Nâng mức trợ cấp lên 1,5 lần.\n\n"
        "- Phát huy phong trào chăm sóc người có công, xã phường làm tốt công tác thương binh."
    )
    at = heading_text.index("- Phát huy")
    duty = stored_clause(
        heading_text[at:], clause_id="b8", start=at, end=len(heading_text), document_id="q"
    )
    heading = stored_clause(heading_text, clause_id="h1", document_id="q")
    reading = read_question(understand("Tỷ lệ xã, phường làm tốt công tác thương binh?"))
    assert reading.figure
    assert "figure" in confidence.unmet_checks(reading, [duty, heading], structured=False)


def test_a_figure_asked_comes_from_the_clause_stating_one() -> None:
    naming = _candidate("b8", "- Phát huy phong trào, xã phường làm tốt công tác thương binh.")
    stating = _candidate("e", "e) Đến năm 2020, 98% xã phường làm tốt công tác thương binh.")
    far = _candidate("x", "- Hỗ trợ 100% hộ nghèo về nhà ở.")
    ordered = _figured_first([naming, stating, far], [1.0, 0.9, 0.3])
    assert [c.clause.clause_id for c in ordered] == ["e", "b8", "x"]


def test_a_round_asked_is_dated_by_its_heading_not_a_task_under_it() -> None:
    heading = stored_clause(
        "1. Đợt 1: Từ ngày 05/12/2025 đến ngày 20/02/2026\n\na) Nội dung Kiểm tra",
        clause_id="r1",
        document_id="p",
    )
    task = _candidate(
        "t6",
        "- Giám sát việc giới thiệu người ứng cử (từ 17/12/2025 đến 25/01/2026).",
    )
    ordered = _timed_round_first(
        "dot 1 kiem tra, giam sat bau cu tu ngay nao den ngay nao", [task], lambda c: [heading]
    )
    assert [c.clause.clause_id for c in ordered] == ["r1", "t6"]
    other_round = _timed_round_first("dot 2 tu ngay nao", [task], lambda c: [heading])
    assert [c.clause.clause_id for c in other_round] == ["t6"]


def test_a_level_asked_is_answered_by_a_level_named_in_words() -> None:
    text = (
        "d) Rà soát các dịch vụ công trực tuyến đang ở mức “một phần” để đề xuất nâng cấp "
        "lên mức “toàn trình” đối với các thủ tục đáp ứng yêu cầu."
    )
    reading = read_question(understand("Dịch vụ công trực tuyến đang ở mức nào thì phải nâng?"))
    assert reading.figure
    assert "figure" not in confidence.unmet_checks(reading, [stored_clause(text)], False)
    plain = stored_clause("d) Rà soát các dịch vụ công trực tuyến để đề xuất nâng cấp.")
    assert "figure" in confidence.unmet_checks(reading, [plain], False)
