"""A council's resolution closing a question session (HĐND "chất vấn" resolution).

Its duties are requests to the executive to direct a unit ("- Chỉ đạo Sở X:" then "+" items,
"Đề nghị UBND tỉnh chỉ đạo Công an tỉnh:", "Đề nghị UBND tỉnh chỉ đạo Bộ Chỉ huy … phối hợp
…"), under an article whose lead sentence is what the council says ("Hội đồng nhân dân tỉnh
cơ bản thống nhất với …"), not a unit heading; a report is due at a later session ("tại Kỳ
họp thứ Sáu"); its closing line names the session it was adopted at, which a task may not.
The snippet is synthetic, in the shape of such resolutions.
"""

from __future__ import annotations

from ingest.domain import DeadlineKind, ParsedPlan, Target
from ingest.parser.plan import parse_plan
from retrieval.asked_time import asked_work
from retrieval.citations import CitationBuilder
from retrieval.compose import describe_row
from retrieval.documents import DocumentDirectory
from retrieval.query import Intent, MetaField, understand
from retrieval.sessions import sessions
from tests.stored_clauses import stored_clause, stored_from_parsed

RESOLUTION = """NGHỊ QUYẾT
VỀ
CHẤT VẤN VÀ TRẢ LỜI CHẤT VẤN TẠI KỲ HỌP THỨ BA HĐND TỈNH LÂM THỬ KHÓA XX,
NHIỆM KỲ 2026 - 2031
HỘI ĐỒNG NHÂN DÂN TỈNH LÂM THỬ
KHÓA XX - KỲ HỌP THỨ BA
Căn cứ Luật Tổ chức chính
quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT NGHỊ:
Điều 1. Hội đồng nhân dân tỉnh đánh giá cao tinh thần trách nhiệm của các đại biểu.
Điều 2. Hội đồng nhân dân tỉnh cơ bản thống nhất với một số giải pháp mà Ủy ban
nhân dân tỉnh, thủ trưởng các sở, ngành đã trả lời. Hội đồng nhân dân tỉnh đề nghị Ủy ban nhân dân tỉnh
quan tâm chỉ đạo thực hiện một số công việc sau:
1. Về lĩnh vực Giao thông:
- Chỉ đạo Sở Giao thông
vận tải: Rà soát các tuyến đường tỉnh xuống cấp, báo cáo UBND tỉnh.
- Chỉ đạo Sở Nông
nghiệp và PTNT:
+ Hoàn thành sửa chữa đập tràn thôn Khe Lim trong Quý 4 năm 2027.
+ Nghiệm thu kênh tưới xã Đồng Lũy xong trước ngày 30/9/2027.
2. Về lĩnh vực Quốc phòng:
Đề nghị UBND tỉnh chỉ đạo Bộ Chỉ
huy Quân sự tỉnh phối hợp với Sở Tài chính hoàn tất thủ tục đền bù cho thôn Nà Lạn và
báo cáo kết quả thực hiện tại Kỳ
họp thứ Năm, HĐND tỉnh (dự kiến tổ chức tháng 12/2027).
3. Về lĩnh vực Tư pháp: Đề nghị UBND tỉnh chỉ đạo Công an tỉnh:
- Tăng cường kỷ luật, kỷ cương trong toàn ngành.
- Xem xét sớm phê duyệt quy hoạch ngay sau khi danh mục dự án được HĐND tỉnh thông qua vào Kỳ
họp thứ Tư HĐND tỉnh.
Điều 3. Nghị quyết này đã được Hội đồng nhân dân tỉnh Lâm Thử khóa
XX, Kỳ họp thứ Ba thông qua./.
"""


def _rows() -> list[Target]:
    plan = parse_plan(RESOLUTION, document_id="lam-thu-chat-van")
    return [target for target in plan.targets if target.source == "body"]


def _row(words: str) -> Target:
    return next(row for row in _rows() if words in row.content)


def test_the_councils_own_sentence_is_no_unit_heading() -> None:
    for row in _rows():
        assert not any(unit.startswith("Hội đồng nhân dân tỉnh cơ bản") for unit in row.lead_units)


def test_the_unit_directed_in_a_heading_leads_the_items_under_it() -> None:
    assert _row("Rà soát các tuyến đường").lead_units == ("Sở Giao thông vận tải",)
    assert _row("đập tràn thôn Khe Lim").lead_units == ("Sở Nông nghiệp và PTNT",)
    assert _row("Tăng cường kỷ luật").lead_units == ("Công an tỉnh",)


def test_the_unit_asked_to_be_directed_in_a_sentence_leads_it() -> None:
    row = _row("hoàn tất thủ tục đền bù")
    assert row.lead_units == ("Bộ Chỉ huy Quân sự tỉnh",)
    assert row.monitoring_units == ("UBND tỉnh",)
    assert "Sở Tài chính" in row.cooperating_units


def test_a_report_due_at_a_later_session_is_its_deadline() -> None:
    deadline = _row("hoàn tất thủ tục đền bù").deadline
    assert deadline is not None
    assert deadline.raw.startswith("tại Kỳ họp thứ Năm")
    assert (deadline.kind, deadline.year, deadline.month) == (DeadlineKind.MONTH, 2027, 12)


def test_the_session_adopting_it_is_read_from_its_own_closing_line() -> None:
    task = stored_clause(
        "Xem xét sớm phê duyệt quy hoạch ngay sau khi danh mục dự án được HĐND tỉnh thông "
        "qua vào Kỳ họp thứ Tư HĐND tỉnh.",
        path="2 › 3",
    )
    closing = stored_clause(
        "Nghị quyết này đã được Hội đồng nhân dân tỉnh Lâm Thử khóa XX, Kỳ họp thứ Ba thông qua./.",
        path="Điều 3",
    )
    assert sessions([task, closing]) == ([closing], ["Kỳ họp thứ Ba"])


def test_a_session_naming_the_resolution_is_not_the_fact_asked() -> None:
    query = understand(
        "Nghị quyết về chất vấn tại kỳ họp thứ Ba HĐND tỉnh Lâm Thử số mấy, ký ngày nào?"
    )
    assert query.meta_fields == (MetaField.NUMBER, MetaField.DATE)
    asked = understand("Nghị quyết về chất vấn được thông qua tại kỳ họp nào?")
    assert asked.meta_fields == (MetaField.SESSION,)


def test_a_report_due_at_a_session_is_a_task_not_the_adoption() -> None:
    query = understand("Bộ CHQS tỉnh báo cáo kết quả đền bù thôn Nà Lạn tại kỳ họp nào?")
    assert query.intent is not Intent.DOCUMENT_FACTS


def test_a_delay_to_avoid_is_no_time_asked() -> None:
    query = understand("Trong đầu tư công trình, HĐND yêu cầu gì để không kéo dài, đội vốn?")
    assert query.intent is not Intent.DEADLINE
    assert understand("Thời gian thí điểm kéo dài bao lâu?").intent is Intent.DEADLINE


def test_the_fields_of_a_texts_parts_are_not_its_own_field() -> None:
    query = understand("HĐND đề nghị UBND tỉnh chỉ đạo công việc ở những lĩnh vực nào?")
    assert query.intent is not Intent.DOCUMENT_FACTS
    assert understand("Kế hoạch 19/KH-UBND thuộc lĩnh vực nào?").meta_fields == (MetaField.FIELD,)


def test_the_supervising_bodies_of_the_closing_article_monitor() -> None:
    text = (
        "Điều 3. Trách nhiệm thi hành\n"
        "1. Thường trực Hội đồng nhân dân, các Ban Hội đồng nhân dân tỉnh trong phạm vi nhiệm"
        " vụ, quyền hạn của mình có trách nhiệm giám sát việc thực hiện Nghị quyết.\n"
    )
    plan = parse_plan(
        RESOLUTION.replace("Điều 3. Nghị quyết này", text + "Điều 4. Nghị quyết này"), "d"
    )
    row = next(t for t in plan.targets if "giám sát việc thực hiện" in t.content)
    assert row.monitoring_units[0] == "Thường trực Hội đồng nhân dân"
    assert not row.lead_units


WORKS = """NGHỊ QUYẾT
Về chất vấn tại kỳ họp thứ Ba
Điều 2. Hội đồng nhân dân tỉnh đề nghị Ủy ban nhân dân tỉnh chỉ đạo:
1. Về lĩnh vực Nông nghiệp:
- Chỉ đạo Sở Nông nghiệp và PTNT:
+ Yêu cầu đơn vị thi công sửa đập tràn thôn Khe Lim, hoàn thành trong Quý 4 năm 2027; kênh
tưới xã Đồng Lũy đưa vào sử dụng trong tháng 3 năm 2028; khắc phục rò rỉ hồ chứa thôn Nà
Pồng xong trước ngày 30/8/2027.
+ Tổ chức Hội nghị quán triệt Chỉ thị số 24-CT/TW ngày 15/5/2013 của Bộ Chính trị; hoàn
thành trong tháng 12/2027.
"""


def _works_plan() -> tuple[ParsedPlan, Target]:
    plan = parse_plan(WORKS, "works")
    row = next(t for t in plan.targets if t.content.startswith("Yêu cầu đơn vị thi công"))
    return plan, row


def test_a_duty_listing_works_with_their_own_times_keeps_each_works_time() -> None:
    _, row = _works_plan()
    assert [w.deadline for w in row.works] == [
        "trong Quý 4 năm 2027",
        "trong tháng 3 năm 2028",
        "trước ngày 30/8/2027",
    ]
    assert row.works[1].text.startswith("kênh tưới xã Đồng Lũy")
    assert row.deadline is not None and row.deadline.raw == "trong Quý 4 năm 2027"
    for work in row.works:  # verbatim offsets of the work and of its time
        assert " ".join(WORKS[work.start : work.end].split()) == work.text
        assert " ".join(WORKS[work.deadline_start : work.deadline_end].split()) == work.deadline


def test_a_cited_documents_date_is_no_works_time() -> None:
    """ "Chỉ thị số 24-CT/TW ngày 15/5/2013" dates the text a task carries out: one time only,
    so no works (the row's deadline answers)."""
    plan = parse_plan(WORKS, "works")
    row = next(t for t in plan.targets if t.content.startswith("Tổ chức Hội nghị quán triệt"))
    assert row.works == ()
    assert row.deadline is not None and row.deadline.raw == "trong tháng 12/2027"


def test_the_work_the_question_names_is_the_one_asked() -> None:
    _, row = _works_plan()
    asked = understand("Hồ chứa thôn Nà Pồng phải khắc phục xong trước ngày nào?")
    work = asked_work(row.works, asked.keywords)
    assert work is not None and work.deadline == "trước ngày 30/8/2027"
    assert asked_work(row.works, understand("Sở Nông nghiệp làm gì?").keywords) is None
    assert asked_work(row.works[:1], asked.keywords) is None  # one work: the row's deadline


def test_a_deadline_answer_gives_and_cites_the_asked_works_time() -> None:
    plan, row = _works_plan()
    clause = plan.clause(row.clause_id)
    stored = stored_from_parsed(clause, row)
    cite = CitationBuilder(DocumentDirectory([]))
    keywords = understand("Kênh tưới xã Đồng Lũy đưa vào sử dụng khi nào?").keywords
    lines = describe_row(stored, DocumentDirectory([]), cite, Intent.DEADLINE, keywords=keywords)
    assert lines[0].startswith("Hạn hoàn thành: trong tháng 3 năm 2028 [2]")
    assert " ".join(cite.citations[1].quote.split()).startswith("kênh tưới xã Đồng Lũy")
    assert "Quý 4 năm 2027" not in cite.citations[1].quote
    plain = describe_row(
        stored, DocumentDirectory([]), CitationBuilder(DocumentDirectory([])), Intent.DEADLINE
    )
    assert plain[0].startswith("Hạn hoàn thành: trong Quý 4 năm 2027")  # no work asked: the row's


def test_a_councils_term_is_read_from_the_resolutions_title() -> None:
    query = understand(
        "Nghị quyết về chất vấn tại kỳ họp thứ Ba HĐND tỉnh thuộc khóa, nhiệm kỳ nào?"
    )
    assert query.meta_fields == (MetaField.TITLE,)
    assert understand("Khóa học bồi dưỡng nào được tổ chức?").intent is not Intent.DOCUMENT_FACTS


def test_a_time_before_the_subject_is_a_lead_in() -> None:
    text = (
        "Điều 3. Trách nhiệm thi hành\n"
        "1. Trong thời gian giữa hai kỳ họp, Thường trực Hội đồng nhân dân tỉnh xem xét, lựa"
        " chọn những nội dung cử tri quan tâm để chất vấn.\n"
    )
    plan = parse_plan(
        RESOLUTION.replace("Điều 3. Nghị quyết này", text + "Điều 4. Nghị quyết này"), "d"
    )
    row = next(t for t in plan.targets if "giữa hai kỳ họp" in t.content)
    assert row.lead_units == ("Thường trực Hội đồng nhân dân tỉnh",)


def test_the_sở_listed_after_a_headings_colon_lead_with_it() -> None:
    text = (
        "Điều 3. Trách nhiệm thi hành\n"
        "1. Ủy ban nhân dân tỉnh, Giám đốc các sở, ngành: Giao thông vận tải; Công an tỉnh trong"
        " phạm vi nhiệm vụ, quyền hạn của mình có trách nhiệm thực hiện Nghị quyết.\n"
    )
    plan = parse_plan(
        RESOLUTION.replace("Điều 3. Nghị quyết này", text + "Điều 4. Nghị quyết này"), "d"
    )
    row = next(t for t in plan.targets if "thực hiện Nghị quyết" in t.content)
    assert row.lead_units[0].startswith("Ủy ban nhân dân tỉnh")
    assert "Công an tỉnh" in row.lead_units


def test_a_number_asked_of_a_cited_document_is_not_the_texts_own() -> None:
    cited = understand("Quyết định 518 căn cứ Tờ trình số mấy, ngày nào?")
    assert MetaField.NUMBER not in cited.meta_fields
    digital = understand("Kế hoạch 206/KH-UBND đặt chỉ tiêu tỷ trọng kinh tế số bao nhiêu?")
    assert digital.intent is not Intent.DOCUMENT_FACTS
