"""Answering rules the failing questions of batch-2026-12-real2 showed missing (issue 12),
each on small real-text-like inputs:

- a question opening with "Ai" asks who, whatever its verb ("Ai khẩn trương xây dựng …?");
- folded words that collide: "đạt mục tiêu" is no "đạt mức", "bộ máy" is no "bộ mấy";
- "bao nhiêu đơn vị hành chính …": "số lượng đơn vị hành chính … là 34 tỉnh" answers it;
- a lower-case word after "xã" is no place ("cấp xã ở địa phương");
- an escaped Markdown marker ("1\\.", "\\-") is no part of a quote;
- "… khi nào?": the sentence (and the clause) that states a time is quoted (chosen) first;
- "Bộ X phối hợp với những bộ nào": the ministry is the subject whose partners are asked.
"""

from __future__ import annotations

from ingest.dates import states_own_time
from ingest.normalize_vi import folded
from retrieval.amounts import states_asked_amount
from retrieval.citations import body_quote
from retrieval.constraints import _FIGURE
from retrieval.documents import _capitalised_run
from retrieval.query import Intent, understand
from retrieval.search import Candidate
from retrieval.stored import StoredClause
from retrieval.strategies.search_answer import _SUBJECT_PARTNERS, _timed_first
from tests.stored_clauses import stored_clause


def _clause(clause_id: str, text: str, kind: str = "paragraph") -> StoredClause:
    return stored_clause(
        text,
        clause_id=clause_id,
        document_id="nq-60",
        document_title="Nghị quyết Hội nghị lần thứ 11",
        document_number="60-NQ/TW",
        kind=kind,
        path=clause_id,
        search_text=folded(text),
    )


def test_a_question_opening_with_ai_asks_who() -> None:
    asked = understand("Ai khẩn trương xây dựng Đề án sắp xếp đơn vị hành chính cấp xã?")
    assert asked.intent is Intent.WHO
    told = understand("Ai tổ chức triển khai thực hiện Chỉ thị về bầu cử?")
    assert told.intent is Intent.WHO
    when = understand("Ai phải hoàn thành việc này trước ngày nào?")
    assert when.intent is Intent.DEADLINE


def test_folded_collisions_ask_no_figure() -> None:
    assert not _FIGURE.search(folded("Kế hoạch đạt mục tiêu giải quyết hồ sơ vào năm nào"))
    assert _FIGURE.search(folded("Tỷ lệ hộ nghèo đạt mức bao nhiêu"))
    assert not _FIGURE.search(folded("sắp xếp bộ máy phải hoàn thành trước ngày nào"))
    assert _FIGURE.search(folded("Có mấy đơn vị tham gia"))


def test_a_count_of_administrative_units_is_answered_by_the_kind_counted() -> None:
    query = understand("Sau sáp nhập còn bao nhiêu đơn vị hành chính cấp tỉnh?")
    clause = _clause(
        "5/b1",
        "(2) Đồng ý số lượng đơn vị hành chính cấp tỉnh sau sáp nhập là 34 tỉnh, thành phố "
        "(28 tỉnh và 6 thành phố trực thuộc Trung ương);",
    )
    assert states_asked_amount(query, clause)
    pilots = understand("Bao nhiêu đơn vị cấp sở được thí điểm mô hình chính quyền số?")
    assert states_asked_amount(pilots, _clause("b1", "Thí điểm Mô hình tại 03 đơn vị cấp sở;"))
    version = _clause("b3", "Tổng kết Mô hình chính quyền số cấp sở, ngành (phiên bản 1.0).")
    assert not states_asked_amount(pilots, version)  # a figure, but no count of units
    machine = understand("Viec sap xep bo may phai hoan thanh truoc ngay nao?")
    assert states_asked_amount(machine, _clause("8", "bảo đảm hoàn thành trước ngày 30/6/2025"))


def test_a_small_word_after_a_level_word_is_no_place_name() -> None:
    assert _capitalised_run("ở địa phương?") == ""
    assert _capitalised_run("Hà Nam và") == "Hà Nam"


def test_an_escaped_marker_is_left_out_of_the_quote() -> None:
    assert body_quote(_clause("I/1", "1\\. Thành phố Hà Nội.", "section")) == "Thành phố Hà Nội."
    assert body_quote(_clause("1/b1", "\\- Báo cáo chính trị.", "bullet")) == "Báo cáo chính trị."


SECTION_8 = (
    "**8. **Thống nhất chủ trương sửa đổi, bổ sung Hiến pháp, pháp luật của Nhà nước liên quan "
    "đến các quy định về Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội; các quy định "
    "về chính quyền địa phương phục vụ việc sắp xếp tổ chức bộ máy của hệ thống chính trị; bảo "
    "đảm hoàn thành trước ngày 30/6/2025, có hiệu lực từ ngày 01/7/2025; quy định thời gian "
    "chuyển tiếp để bảo đảm hoạt động thông suốt, không gián đoạn, phù hợp với lộ trình dự kiến "
    "sắp xếp, sáp nhập."
)


def test_a_when_question_quotes_the_sentence_that_states_the_time() -> None:
    clause = _clause("8", SECTION_8, "section")
    keywords = ("sua doi", "bo sung", "hien phap", "phap luat", "lien quan")
    assert "30/6/2025" not in body_quote(clause, keywords)
    quote = body_quote(clause, keywords, prefer=states_own_time)
    assert "trước ngày 30/6/2025" in quote and quote in SECTION_8
    # a cited document's date is no time of the task
    assert not states_own_time("Quán triệt Chỉ thị số 24-CT/TW ngày 15/5/2013 của Bộ Chính trị.")


def test_a_when_question_chooses_a_clause_stating_a_time_first() -> None:
    untimed = _clause("C/2", "Tổ chức quán triệt Chỉ thị số 24-CT/TW ngày 15/5/2013.")
    timed = _clause("I/3", "Thời gian thực hiện: Tháng 12/2013 và thường xuyên.")
    asked = "to chuc quan triet chi thi 24 thuc hien khi nao"
    ordered = _timed_first(
        [Candidate(untimed, 0.9, "hybrid"), Candidate(timed, 0.8, "hybrid")], asked
    )
    assert [c.clause.clause_id for c in ordered] == ["I/3", "C/2"]
    none = [Candidate(untimed, 0.9, "hybrid")]
    assert _timed_first(none, asked) == none


def test_a_ministry_asked_for_its_partner_ministries_is_the_subject() -> None:
    asked = _SUBJECT_PARTNERS.search(
        folded("Bộ Ngoại giao phối hợp với những bộ nào trong tìm kiếm hài cốt liệt sĩ?")
    )
    assert asked is not None and asked.group("subject") == "bo ngoai giao"
