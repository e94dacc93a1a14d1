"""Who questions whose asked part the cited clause cannot answer: a person's name asked and
no name written, a partner asked and no co-operation said, the holder of a role asked and
the clause naming only the role."""

from __future__ import annotations

from retrieval.asked_partner import asks_partner, unstated_partner
from retrieval.asked_person import asks_person, names_person, unnamed_person
from retrieval.role_restated import asked_role, restated_role
from tests.stored_clauses import stored_clause

_ROW = (
    "Xây dựng Nghị định của Chính phủ về sàn giao dịch các-bon trong nước trên cơ sở Luật "
    "Bảo vệ môi trường. Chủ trì: Bộ Tài chính; phối hợp: Bộ Tài nguyên và Môi trường"
)


def test_a_person_asked_by_name_or_by_office_is_a_person_question() -> None:
    assert asks_person("Đồng chí Bí thư nào (họ tên) ký đề án tài nguyên của Tỉnh ủy?")
    assert asks_person("Bộ trưởng Bộ Tài chính đề nghị ban hành QĐ 232 là ai?")
    assert asks_person("Giam doc So Y te la ai?")
    assert not asks_person("Tỉnh Bạc Liêu hợp nhất với tỉnh nào và lấy tên gì theo NQ 60?")
    # a unit, or an office asked by its holder's office, is not a name
    assert not asks_person("Cơ quan nào chủ trì chỉ tiêu 6.6?")
    assert not asks_person("Ai làm Trưởng Ban Chỉ đạo tìm kiếm ở các quân khu?")
    assert not asks_person("Ai ký Kế hoạch 466?")


def test_a_name_is_two_to_four_capitalised_words_opening_with_a_family_name() -> None:
    assert names_person("Kế hoạch 09/KH-BTNMT: người ký là Lê Công Thành")
    assert names_person("Chỉ đạo: Đồng chí Giàng Quốc Hưng, Ủy viên Ban Thường vụ Tỉnh ủy")
    assert not names_person(_ROW)
    assert not names_person("người ký giữ chức vụ Phó bí thư thường trực, T/M TỈNH ỦY")


def test_a_name_asked_is_unmet_only_when_no_text_writes_one() -> None:
    question = "Bộ trưởng Bộ Tài chính đề nghị ban hành QĐ 232 là ai?"
    assert unnamed_person(question, [_ROW])
    assert not unnamed_person(question, [_ROW, "Xét đề nghị của Bộ trưởng Hồ Đức Phớc"])
    assert not unnamed_person("Bộ Tài chính chủ trì việc gì?", [_ROW])


def test_a_partner_asked_needs_a_clause_that_says_someone_co_operates() -> None:
    question = "Theo công văn 4390, Vườn quốc gia Hoàng Liên phối hợp với cơ quan nào?"
    own_task = (
        "3. Vườn quốc gia Hoàng Liên, các Công ty Lâm nghiệp chủ động nghiên cứu, triển khai "
        "thực hiện các nội dung thuộc trách nhiệm, thẩm quyền của chủ rừng."
    )
    assert asks_partner(question)
    assert asks_partner("Cơ quan nào phối hợp với Sở Tư pháp số hóa hộ tịch?")
    assert unstated_partner(question, [own_task])
    assert not unstated_partner(question, [own_task, "phối hợp với Chi cục Kiểm lâm"])
    assert not unstated_partner(question, ["Chủ trì: Sở X — phối hợp: Sở Y"])
    assert not unstated_partner("Vườn quốc gia Hoàng Liên làm gì?", [own_task])


def test_a_role_asked_for_is_not_answered_by_the_role_itself() -> None:
    question = (
        "Cơ quan chủ trì tổng hợp, báo cáo định kỳ kết quả thực hiện đề án tài nguyên với "
        "Tỉnh ủy Lào Cai là cơ quan nào?"
    )
    unnamed = stored_clause(
        "Định kỳ 6 tháng, hằng năm, giữa và cuối nhiệm kỳ cơ quan chủ trì có trách nhiệm "
        "phối hợp với các đảng bộ trực thuộc tổng hợp tình hình báo cáo kết quả triển khai "
        "thực hiện Đề án với Tỉnh ủy, Đảng ủy UBND tỉnh;"
    )
    assert asked_role(question) == "co quan chu tri"
    assert restated_role(question, [unnamed]) == "co quan chu tri"
    named_first = stored_clause(
        "Sở Nông nghiệp và Môi trường là cơ quan chủ trì, tổng hợp báo cáo kết quả thực hiện."
    )
    named_before = stored_clause("Giao Sở Tài chính, cơ quan chủ trì có trách nhiệm tổng hợp.")
    assert restated_role(question, [named_first]) is None
    assert restated_role(question, [named_before]) is None
    assert restated_role("Cơ quan chủ trì phải làm gì khi tổng hợp?", [unnamed]) is None


def test_a_thing_asked_as_done_is_not_dated_by_its_deadline() -> None:
    from retrieval.happened_when import asks_happened, deadline_for_event

    question = "Sàn giao dịch các-bon trong nước đã chính thức khai trương vào ngày nào?"
    assert asks_happened(question)
    assert asks_happened("San giao dich da chinh thuc khai truong ngay nao?")
    answer = "Có thể: Hạn hoàn thành: 2028 - 2030 — chủ trì: Bộ Tài nguyên và Môi trường [1]."
    assert deadline_for_event(question, answer, [])
    said = "Ngày 15/3/2025, sàn giao dịch đã khai trương. [1]"
    assert not deadline_for_event(question, said, [])
    # a deadline asked is answered by a deadline; "đa dạng" is no "đã"
    assert not asks_happened("Sàn giao dịch các-bon phải vận hành vào ngày nào?")
    assert not asks_happened("Kế hoạch đa dạng sinh học phải xây dựng khi nào?")


def test_a_role_holder_named_by_the_heading_above_is_named() -> None:
    question = "Cơ quan thường trực giúp UBND Thành phố chỉ đạo, đôn đốc là cơ quan nào?"
    under_heading = stored_clause(
        "Cơ quan thường trực, giúp UBND Thành phố chỉ đạo, đôn đốc thực hiện Đề án.",
        path="III. TỔ CHỨC THỰC HIỆN › 2.2. Sở Xây dựng",
    )
    assert restated_role(question, [under_heading]) is None
