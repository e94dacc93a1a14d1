"""The session a resolution was adopted at, asked as a document fact."""

from __future__ import annotations

from retrieval.query import MetaField, understand
from retrieval.sessions import sessions
from retrieval.stored import StoredClause
from tests.stored_clauses import stored_clause


def _clause(text: str) -> StoredClause:
    return stored_clause(text, path="2 › 2.5")


def test_the_session_is_read_from_the_adoption_line() -> None:
    closing = _clause(
        "*Nghị quyết này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, "
        "Kỳ họp bất thường lần thứ 9, thông qua ngày 19 tháng 02 năm 2025.*"
    )
    task = _clause("Chuẩn bị nội dung trình Quốc hội tại kỳ họp thứ 10.")
    assert sessions([task, closing]) == ([closing], ["Kỳ họp bất thường lần thứ 9"])
    assert sessions([task]) == ([], [])


def test_a_session_asked_is_a_fact_beside_the_date() -> None:
    query = understand("Nghị quyết được thông qua ngày nào, tại kỳ họp nào?")
    assert query.meta_fields == (MetaField.DATE, MetaField.SESSION)


def test_a_party_resolution_names_its_plenum_above_the_title() -> None:
    head = _clause("HỘI NGHỊ LẦN THỨ 9 BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII\n\nNGHỊ QUYẾT\nVề …")
    task = _clause("Báo cáo tại Hội nghị lần thứ 10 Ban Chấp hành Trung ương.")
    assert sessions([head, task]) == (
        [head],
        ["HỘI NGHỊ LẦN THỨ 9 BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII"],
    )


def test_an_ocr_plenum_with_a_slipped_tone_mark_keeps_its_term_from_the_next_line() -> None:
    head = _clause(
        "Số 75-KL/TW Hà Nội, ngày 28 tháng 7 năm 2026\n\nKÉT LUẬN\nHỘI NGHỊ LÀN THỨ BA\n"
        "BAN CHÁP HÀNH TRUNG ƯƠNG ĐÁNG KHOÁ XIV\nvề bảo vệ môi trường"
    )
    assert sessions([head]) == (
        [head],
        ["HỘI NGHỊ LÀN THỨ BA BAN CHÁP HÀNH TRUNG ƯƠNG ĐÁNG KHOÁ XIV"],
    )


def test_the_plenum_asked_is_a_fact_beside_the_date() -> None:
    query = understand("NQ 18-NQ/TW ban hành ngày nào, của hội nghị trung ương lần thứ mấy?")
    assert query.meta_fields == (MetaField.DATE, MetaField.SESSION)


def test_a_report_due_at_a_session_is_not_the_adoption() -> None:
    # a programme's duty names a later session; the closing line names the adopting one
    duty = _clause(
        "Báo cáo kết quả giám sát giữa hai kỳ họp trình Hội đồng nhân dân vào kỳ họp giữa "
        "năm 2031; các danh mục được thông qua vào Kỳ họp thứ Tư."
    )
    closing = _clause(
        "Nghị quyết này đã được Hội đồng nhân\ndân tỉnh Khoá IX, Kỳ họp thứ Ba thông qua./."
    )
    assert sessions([duty, closing]) == ([closing], ["Kỳ họp thứ Ba"])


def test_the_header_box_names_the_session_first() -> None:
    header = stored_clause("HỘI ĐỒNG NHÂN DÂN TỈNH X\nKHÓA IX - KỲ HỌP THỨ BA\nCăn cứ …", path="")
    duty = _clause("Báo cáo tại kỳ họp cuối năm trình Hội đồng nhân dân thông qua.")
    closing = _clause("Nghị quyết này đã được Hội đồng nhân dân Khóa IX, Kỳ họp thứ Ba thông qua.")
    assert sessions([header, duty, closing]) == ([header], ["KỲ HỌP THỨ BA"])
    # a title about a session is no header line of it
    title = stored_clause("NGHỊ QUYẾT\nVỀ CHẤT VẤN TẠI KỲ HỌP THỨ HAI\nCăn cứ …", path="")
    assert sessions([title, closing]) == ([closing], ["Kỳ họp thứ Ba"])


def test_a_session_an_item_is_scheduled_at_is_not_a_document_fact() -> None:
    for question in (
        "Tại kỳ họp thứ Hai, HĐND xem xét báo cáo của những cơ quan nào?",
        "Kỳ họp nào của HĐND tỉnh tổ chức lấy phiếu tín nhiệm?",
        "Thường trực HĐND báo cáo kết quả giám sát trình HĐND vào kỳ họp nào?",
    ):
        assert MetaField.SESSION not in understand(question).meta_fields, question
    for question in (
        "NQ 12 của HĐND tỉnh được thông qua tại kỳ họp nào?",
        "Nghị quyết về giám sát thuộc kỳ họp thứ mấy?",
    ):
        assert MetaField.SESSION in understand(question).meta_fields, question
