"""Question words: what counts as the topic, what names a plan, what a quote must carry."""

from __future__ import annotations

from dataclasses import replace

import pytest

from retrieval.amounts import amount_asked as _amount_asked
from retrieval.amounts import states_asked_amount as _states_asked_amount
from retrieval.citations import body_quote
from retrieval.documents import DocumentDirectory, DocumentInfo
from retrieval.periods import by_stage
from retrieval.query import Intent, MetaField, understand
from retrieval.relevance import clause_words, words_of
from retrieval.search import Candidate
from retrieval.stored import StoredClause
from tests.stored_clauses import stored_clause


def _clause(text: str, path: str = "II. NHIỆM VỤ › 3. Hạ tầng số › ý 4") -> StoredClause:
    return stored_clause(
        text,
        clause_id="plan:1",
        document_id="plan",
        document_title="Kế hoạch",
        kind="bullet",
        path=path,
        search_text=f"{path}\n{text}",
    )


def test_a_document_number_is_one_keyword_and_not_expanded() -> None:
    keywords = understand("Kinh phí thực hiện Kế hoạch 52/KH-UBND lấy từ đâu?").keywords
    assert "52/kh-ubnd" in keywords
    assert not {"uy", "nhan", "dan", "ke"} & set(keywords)
    assert "52/kh-ubnd" in words_of("theo Kế hoạch số 52/KH-UBND ngày 3/4/2024")


def test_words_joined_by_a_slash_are_separate_keywords() -> None:
    keywords = understand("Mô hình Thôn/Bản số được nhân rộng khi nào?").keywords
    assert {"thon", "ban"} <= set(keywords)


@pytest.mark.parametrize(
    "question", ["Tỷ lệ hộ có cáp quang phải đạt bao nhiêu phần trăm?", "Bao lâu họp một lần?"]
)
def test_question_form_words_are_not_topic(question: str) -> None:
    keywords = set(understand(question).keywords)
    assert not {"phan", "tram", "lau", "lan"} & keywords


def test_social_words_stay_in_the_topic() -> None:
    assert {"xa", "hoi"} <= set(understand("Cho tôi hỏi các chỉ tiêu xã hội số?").keywords)


def test_date_of_an_event_is_not_the_plans_date() -> None:
    event = understand("Mô hình chính quyền hai cấp đi vào hoạt động từ ngày nào?")
    assert event.intent is not Intent.DOCUMENT_FACTS
    plan = understand("Kế hoạch 52 ban hành ngày nào?")
    assert plan.intent is Intent.DOCUMENT_FACTS and plan.meta_field is MetaField.DATE
    assert understand("Ban hành ngày nào?").meta_field is MetaField.DATE


@pytest.mark.parametrize(
    ("question", "items"),
    [
        ("Nguồn kinh phí gồm những nguồn nào?", True),
        ("Những sở nào được chọn làm thí điểm?", True),
        ("Sở Nội vụ chủ trì chỉ tiêu 2.1?", False),
    ],
)
def test_questions_asking_for_several_things(question: str, items: bool) -> None:
    assert understand(question).wants_items is items


def test_how_long_is_a_when_question() -> None:
    assert understand("Giai đoạn thí điểm kéo dài bao lâu?").intent is Intent.DEADLINE


def test_in_which_stage_is_a_when_question() -> None:
    """ "… thực hiện trong giai đoạn nào?" asks the task's time (a table's "2024 - 2030"
    cell); "những giai đoạn nào" asks for the list of stages."""
    asked = "Các khóa tập huấn về kiểm kê khí nhà kính thực hiện trong giai đoạn nào?"
    assert understand(asked).intent is Intent.DEADLINE
    listed = understand("Kế hoạch chia thành những giai đoạn thực hiện nào?")
    assert listed.intent is not Intent.DEADLINE


def test_a_computer_is_not_how_many() -> None:
    assert _amount_asked(understand("Máy tính của cán bộ được cài phần mềm gì?")) is None
    assert _amount_asked(understand("may chu cua so duoc dat o dau")) is None
    assert _amount_asked(understand("Có mấy tổ công nghệ số?")) is not None


def test_an_amount_needs_a_figure_of_the_clause_itself() -> None:
    query = understand("Kinh phí thuê dịch vụ được duyệt bao nhiêu?")
    assert not _states_asked_amount(query, _clause("- Ưu tiên thuê dịch vụ công nghệ thông tin."))
    assert _states_asked_amount(query, _clause("- Bố trí 2 tỷ đồng cho thuê dịch vụ."))
    share = understand("Kinh phí an toàn thông tin chiếm bao nhiêu trong tổng ngân sách?")
    assert _states_asked_amount(share, _clause("- Tối thiểu 10% tổng kinh phí."))
    percent = understand("Hộ gia đình có cáp quang đạt bao nhiêu phần trăm?")
    assert not _states_asked_amount(percent, _clause("- Có 3 thôn phủ cáp quang."))


def test_a_unit_of_count_opening_with_a_not_unit_word_is_still_counted() -> None:
    # "lao động" opens with the letters of "là" but is what is counted: "Lào Cai" and "tỷ
    # đồng" give no number of workers
    workers = understand("Kế hoạch giải quyết việc làm cho bao nhiêu lao động?")
    road = "+ Đường kết nối quốc lộ 4E, quy mô 1,2km, 130 tỷ đồng, tỉnh Lào Cai."
    assert not _states_asked_amount(workers, _clause(road))
    assert _states_asked_amount(workers, _clause("- Giải quyết việc làm cho 5.000 lao động."))


def test_a_section_written_with_its_part_is_a_path() -> None:
    reading = understand("Trong mục II.3 của KH 134, ai chủ trì công tác GPMB?")
    assert [ref.number for ref in reading.clause_refs][:2] == ["II", "3"]
    # a deeper label is left to the dotted-path check
    deeper = understand("Mục II.1.b KH 1422: chuyển đổi diện tích trồng lúa sang gì?")
    assert [ref.number for ref in deeper.clause_refs] == ["II"]


def test_an_abbreviation_in_a_clause_covers_its_long_form() -> None:
    words = clause_words("Tỉ trọng kinh tế số trong GRDP đạt 20%")
    assert {"tong", "san", "pham", "grdp"} <= words


def test_a_quote_ending_in_a_colon_carries_what_it_announces() -> None:
    text = (
        "- Căn cứ chức năng, nhiệm vụ được giao, chủ động bố trí nguồn lực. Phối hợp chặt "
        "chẽ với các sở: Tài chính, Xây dựng, Y tế. Báo cáo kết quả định kỳ cho UBND tỉnh "
        "và gửi về Văn phòng để theo dõi, tổng hợp chung trong toàn tỉnh theo quy định; "
        "đồng thời đề xuất khen thưởng các tập thể, cá nhân có thành tích xuất sắc."
    )
    quote = body_quote(_clause(text), ("phoi", "hop", "so"), limit=120)
    assert quote.startswith("Phối hợp chặt chẽ với các sở:") and "Tài chính, Xây dựng" in quote
    assert quote in text


def _directory() -> DocumentDirectory:
    def info(doc_id: str, title: str, number: str, place: str) -> DocumentInfo:
        return DocumentInfo.from_plain(
            {
                "id": doc_id,
                "title": title,
                "number": number,
                "issued_date": "2025-03-01",
                "kind": "Kế hoạch",
                "place": {"level": "tỉnh", "name": place},
            }
        )

    return DocumentDirectory(
        {
            "a": info(
                "a", "Kế hoạch chuyển đổi số tỉnh Lạng Sơn năm 2025", "52/KH-UBND", "Lạng Sơn"
            ),
            "b": info(
                "b",
                "Kế hoạch thí điểm mô hình chính quyền số cấp huyện tỉnh Cao Bằng năm 2024",
                "10/KH-UBND",
                "Cao Bằng",
            ),
        }
    )


def test_words_naming_the_plan_are_dropped_from_the_search_text() -> None:
    directory = _directory()
    text = "Mục tiêu về học bạ điện tử của tỉnh Lạng Sơn năm 2025 theo Kế hoạch 52/KH-UBND?"
    assert directory.without_naming(text, ["a"]) == "Mục tiêu về học bạ điện tử của theo"


def test_one_topical_phrase_of_a_title_does_not_name_the_plan() -> None:
    directory = _directory()
    assert directory.resolve(understand("Khung kiến trúc chính quyền số là gì?").folded) == []
    named = understand("Kế hoạch thí điểm mô hình chính quyền số cấp huyện đặt mục tiêu gì?")
    assert directory.resolve(named.folded) == ["b"]


def test_what_a_plan_implements_is_asked_of_any_cited_kind() -> None:
    """ "thực hiện Chỉ thị nào?", "căn cứ Nghị quyết nào?" ask for the documents a plan rests
    on, whichever kind of document it names, even when another fact's words come first."""
    for question in (
        "KH 165 thực hiện văn bản nào?",
        "Kế hoạch này thực hiện Chỉ thị nào?",
        "Nghi quyet bo sung KH 2025 can cu Nghi quyet nao cua Quoc hoi ve ke hoach nam 2025?",
        "Kế hoạch 19 căn cứ vào văn bản nào?",
    ):
        query = understand(question)
        assert query.intent is Intent.DOCUMENT_FACTS, question
        assert query.meta_fields == (MetaField.BASED_ON,), question


def test_an_amount_may_have_a_range_and_a_magnitude_before_its_unit() -> None:
    """ "bao nhiêu lượt khách" is stated by "22 - 23 triệu lượt khách", "bao nhiêu vốn đầu tư"
    by "84,3 nghìn tỷ đồng vốn đầu tư"; "bao nhiêu theo Nghị quyết" names no unit."""
    cases = [
        ("Năm 2025 đón bao nhiêu lượt khách quốc tế?", "Đón 22 - 23 triệu lượt khách quốc tế."),
        (
            "Bổ sung bao nhiêu vốn đầu tư công?",
            "Bổ sung khoảng 84,3 nghìn tỷ đồng vốn đầu tư công.",
        ),
        ("CPI tăng khoảng bao nhiêu theo Nghị quyết?", "CPI bình quân khoảng 4,5 - 5%."),
    ]
    for question, text in cases:
        assert _states_asked_amount(understand(question), _clause(text)), question
    count = understand("Có bao nhiêu thành viên?")
    assert not _states_asked_amount(count, _clause("100% thành viên được tập huấn."))


def test_a_year_that_qualifies_the_question_keeps_a_clause_of_another_stage() -> None:
    """ "… từ nguồn tăng thu năm 2024?" asks about a 2025 paragraph that names 2024 itself: the
    year qualifies what is asked, so the paragraph stays; one that does not name it goes."""
    naming = replace(_clause("Trong năm 2025, bổ sung vốn từ tăng thu năm 2024."), period="2025")
    other = replace(_clause("Trong năm 2025, hoàn thành cảng hàng không."), period="2025")
    found = [Candidate(naming, 1.0, "hybrid"), Candidate(other, 0.9, "hybrid")]
    kept = by_stage("bo sung von tu nguon tang thu nam 2024", found)
    assert [c.clause for c in kept] == [naming]


def test_the_unit_asked_after_bao_nhieu_stays_in_its_part_of_the_question() -> None:
    """ "chỉ tiêu bao nhiêu, ai theo dõi?" asks a figure and then who: "ai" is no unit of
    count, and neither is the next part's "hạn" when no comma stands between them."""
    row = _clause("Tỉ lệ doanh nghiệp sử dụng hợp đồng điện tử đạt trên 80%")
    for question in (
        "Tỉ lệ doanh nghiệp dùng hợp đồng điện tử: chỉ tiêu bao nhiêu, ai theo dõi?",
        "Tỉ lệ doanh nghiệp dùng hợp đồng điện tử phải đạt bao nhiêu, hạn khi nào?",
        "ti le doanh nghiep dung hop dong dien tu dat bao nhieu han khi nao",
    ):
        assert _states_asked_amount(understand(question), row), question
    count = understand("Có bao nhiêu thành viên, ai chủ trì?")
    assert not _states_asked_amount(count, _clause("100% thành viên được tập huấn."))


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("Tiêu đề của kế hoạch 19 là gì?", True),
        ("Ai chu tri trien khai cac nhiem vu, chi tieu De an 06 o xa Xuan Truong?", False),
        ("Các chỉ tiêu đề ra cho năm 2025 gồm những gì?", False),
    ],
)
def test_a_title_is_asked_by_tieu_de_not_by_chi_tieu_de_an(question: str, title: bool) -> None:
    """Folded, "chỉ tiêu Đề án 06" holds "tieu de": the indicators of a scheme, not a title."""
    assert (MetaField.TITLE in understand(question).meta_fields) is title


def test_the_words_asking_a_figure_or_a_time_are_no_topic() -> None:
    """ "giữ dưới mức nào", "diễn ra trong khoảng thời gian nào" phrase the ask: a plan
    states "dưới 109", not the question's wording; the same word used elsewhere stays."""
    from retrieval.asked_phrases import asking_words

    def words(question: str) -> set[str]:
        return asking_words(understand(question).folded)

    assert {"giu", "duoi", "muc"} <= words("Ty so gioi tinh khi sinh phai giu duoi muc nao?")
    assert "khoang" in words("No cong co the vuot nguong canh bao khoang bao nhieu?")
    assert {"dien", "khoang", "gian"} <= words(
        "Việc ban hành văn bản diễn ra trong khoảng thời gian nào?"
    )
    assert "duoi" not in words("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng dưới mức nào?")
    asked = words("Trẻ em dưới 5 tuổi được tiêm chủng đạt bao nhiêu phần trăm?")
    assert "dat" in asked and not asked & {"tre", "em", "duoi", "tuoi", "tiem", "chung"}


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Phụ lục 2 KH 19: Công an tỉnh chủ trì ban hành những văn bản nào?", "list_by_unit"),
        ("KH 19: nhung van ban nao trong phu luc 2 co han thang 9/2025?", "list_by_period"),
        ("Kế hoạch 19 thay thế văn bản nào?", "document_facts"),
    ],
)
def test_the_documents_a_table_lists_as_rows_are_asked_as_a_list(
    question: str, intent: str
) -> None:
    """ "những văn bản nào" over a table of documents to issue asks for its rows, all of
    them, not the best one; "thay thế văn bản nào" still asks the plan's own fact."""
    assert understand(question).intent.value == intent


def test_the_words_naming_a_plan_by_number_are_no_topic() -> None:
    """ "KH 88" picks the plan; its "KH" is no concept a clause must cover (the appendix's
    "Kèm theo Kế hoạch số 88" would otherwise outrank the rows that answer)."""
    from retrieval.asked_phrases import asking_words

    words = asking_words(understand("KH 88 Thái Bình giao xây dựng những CSDL nào?").folded)
    assert "kh" in words and "xay" not in words


def test_the_words_asking_a_task_are_no_topic() -> None:
    """ "Phòng Kinh tế … được giao việc gì?": the unit is the subject, "việc gì" the ask."""
    from retrieval.asked_phrases import asking_words

    folded_q = understand("Phòng Kinh tế xã Xuân Trường được giao việc gì?").folded
    assert "viec" in asking_words(folded_q)
    assert "viec" not in asking_words(understand("Tạo việc làm cho lao động nông thôn?").folded)


def test_a_resource_asked_keeps_its_words() -> None:
    """ "nguồn lực nào" folds to "luc nao" but asks no time: "lực" stays a topic word."""
    from retrieval.asked_phrases import asking_words

    assert not asking_words(understand("Huy động nguồn lực nào cho chuyển đổi số?").folded)


def test_a_document_not_loaded_is_the_topic_not_a_pointer() -> None:
    """ "QĐ 06/QĐ-TTg … đặt mục tiêu gì?": a decision no plan loaded is, its words are what
    a clause must cover (a loaded "KH 88" only points to the plan)."""
    from retrieval.asked_phrases import asking_words

    folded_q = understand("QĐ 06/QĐ-TTg phê duyệt Đề án 06 đặt những mục tiêu gì?").folded
    # the symbol stays whole: its "QĐ" is not spelled out inside the số ký hiệu
    assert "06/qd-ttg" in asking_words(folded_q, lambda ref: True)
    assert not {"quyet", "dinh", "06/qd-ttg", "de", "an"} & asking_words(
        folded_q, lambda ref: False
    )


def test_a_question_opens_with_a_document_after_its_abbreviation() -> None:
    """ "QĐ 06/QĐ-TTg …" folds to "qd quyet dinh 06/qd …": it still opens the question."""
    from retrieval.constraint_check import _opens
    from retrieval.constraints import read_question

    query = understand("QĐ 06/QĐ-TTg phê duyệt Đề án 06 đặt những mục tiêu gì?")
    first, second = read_question(query).documents
    assert _opens(query.folded, first) and not _opens(query.folded, second)


def test_an_area_written_on_its_figure_answers_how_many_square_metres() -> None:
    query = understand("Nhà ở xây mới phải có diện tích sử dụng tối thiểu bao nhiêu m2?")
    assert _states_asked_amount(query, _clause("- có diện tích sử dụng tối thiểu là 30m2."))
    assert not _states_asked_amount(query, _clause("- thiết kế tối thiểu 03 mẫu nhà."))
    assert "m2" in words_of("tối thiểu là 30m2 (nếu là hộ độc thân)")


def test_a_city_written_with_a_dot_is_two_words() -> None:
    keywords = understand("Ai thiết kế mẫu nhà ở TP.HCM?").keywords
    assert "pho.hcm" not in keywords and "thanh" in keywords


def test_luc_nao_asks_the_time_but_hieu_luc_is_a_topic() -> None:
    from retrieval.asked_phrases import asking_words

    assert "luc" in asking_words("vu lo mat bi mat phai bao cao luc nao")
    assert "luc" not in asking_words("quyet dinh co hieu luc tu ngay nao")


def test_how_often_prefers_a_recurring_clause() -> None:
    from retrieval.strategies.search_answer import _timed_first

    once = Candidate(_clause("8. Thành lập Đoàn kiểm tra năm 2023 tại các sở."), 1.0, "hybrid")
    often = Candidate(
        _clause("7. Thường xuyên tiến hành tự kiểm tra việc chấp hành."), 0.9, "hybrid"
    )
    asked = understand("Các cơ quan kiểm tra theo hình thức nào, bao lâu một lần?").folded
    assert _timed_first([once, often], asked)[0] is often
    by_when = understand("Các cơ quan kiểm tra khi nào?").folded
    assert _timed_first([once, often], by_when)[0] is once


def test_a_unit_asked_written_on_its_figure_answers_how_many() -> None:
    """ "bao nhiêu ha" of "ít nhất 500ha mặt bằng sạch": the unit asked glued to the figure."""
    query = understand("Kế hoạch đặt mục tiêu hoàn thiện bao nhiêu ha mặt bằng sạch?")
    assert _states_asked_amount(query, _clause("3. Hoàn thiện ít nhất 500ha mặt bằng sạch."))
    assert _states_asked_amount(query, _clause("3. Hoàn thiện ít nhất 500 ha mặt bằng sạch."))
    assert not _states_asked_amount(query, _clause("3. Hoàn thiện 500 hồ sơ mặt bằng sạch."))
    assert not _states_asked_amount(query, _clause("3. Hoàn thiện 500hab mặt bằng."))
