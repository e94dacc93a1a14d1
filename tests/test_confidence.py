"""Confidence per answer: a score from how much of the question the cited clauses cover,
hedging below the answering threshold, substantive candidates on abstention."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ingest import dates
from retrieval import calibration, confidence
from retrieval.answers import Answer
from retrieval.calibration import Evidence
from retrieval.candidates import is_substantive
from retrieval.constraints import read_question
from retrieval.figures import states_figure
from retrieval.query import understand
from retrieval.stored import StoredClause


def _clause(text: str, kind: str = "bullet", child_count: int = 0) -> StoredClause:
    return StoredClause(
        clause_id="c",
        document_id="d",
        document_title="d",
        document_number=None,
        kind=kind,
        number=None,
        heading=None,
        path="I › 1",
        text=text,
        start=0,
        end=len(text),
        body_end=len(text),
        parent_id=None,
        child_count=child_count,
        search_text=text,
        target=None,
    )


def test_a_figure_asked_and_not_stated_lowers_the_score() -> None:
    reading = read_question(understand("Tỷ lệ hồ sơ trực tuyến đạt bao nhiêu?"))
    stated = confidence.score(
        reading, [_clause("Tỷ lệ hồ sơ trực tuyến đạt 80%.")], 0.9, False, False
    )
    unstated = confidence.score(reading, [_clause("Đẩy mạnh hồ sơ trực tuyến.")], 0.9, False, False)
    assert stated == 0.9 and unstated < stated


def test_structured_answers_start_certain_and_abstentions_stay_low() -> None:
    reading = read_question(understand("Sở nào chủ trì chỉ tiêu 6.6?"))
    clause = _clause("6.6. Tỷ lệ 100% …")
    assert confidence.score(reading, [clause], 0.2, True, False) == confidence.STRUCTURED
    assert confidence.score(reading, [clause], 0.9, False, True) <= 0.3
    assert confidence.score(reading, [], 0.0, False, True) == 0.0


def test_a_rival_clause_covering_the_question_better_lowers_a_search_answer() -> None:
    reading = read_question(understand("Tỷ lệ hồ sơ trực tuyến đạt bao nhiêu?"))
    cited = [_clause("Tỷ lệ hồ sơ trực tuyến đạt 80%.")]
    alone = confidence.score(reading, cited, 0.7, False, False, rival=0.7)
    beaten = confidence.score(reading, cited, 0.7, False, False, rival=0.95)
    assert alone == 0.7 and beaten < alone
    assert "rival" in confidence.unmet_checks(reading, cited, False, 0.7, 0.95)
    assert "rival" not in confidence.unmet_checks(reading, cited, False, 0.7, 0.74)
    # a clause settled by its number or a table has no rival
    assert "rival" not in confidence.unmet_checks(reading, cited, True, 0.7, 0.95)
    # a rival is a sign of doubt, not an asked part missing: it never declines on its own
    assert Evidence(0.5, False, ("rival", "topic", "period")).hard_parts == ()


def test_a_clause_stating_few_of_the_topic_words_is_a_thin_match() -> None:
    topic = ["giai", "ngan", "von", "dau", "tu", "cong"]
    reading = read_question(
        understand("Tỷ lệ giải ngân vốn đầu tư công phải đạt bao nhiêu?"), (), topic
    )
    full = [_clause("Tỷ lệ giải ngân vốn đầu tư công đạt trên 95%.")]
    thin = [_clause("Tỷ lệ hộ gia đình có internet đạt 95%.")]
    assert confidence.topic_share(reading, full) == 1.0
    assert confidence.topic_share(reading, thin) < confidence.TOPIC_SHARE
    assert "topic" in confidence.unmet_checks(reading, thin, False)
    assert "topic" not in confidence.unmet_checks(reading, full, False)


def test_hedged_marks_the_first_line_once() -> None:
    answer = Answer("Kế hoạch X: nội dung [1]", False, "target")
    once = confidence.hedged(answer)
    assert once.answer.startswith("Có thể: ")
    assert confidence.hedged(once).answer == once.answer
    assert confidence.hedged(Answer("Không có.", True, "search")).answer == "Không có."


def test_json_carries_confidence() -> None:
    data = Answer("a", False, "target", confidence=0.42).to_json()
    assert data["confidence"] == 0.42


@pytest.mark.parametrize(
    ("text", "kind", "children", "expected"),
    [
        ("các cơ quan, đơn vị có liên quan;", "bullet", 0, False),
        ("II. Chính quyền số", "section", 5, False),
        ("Phụ lục 1", "appendix", 3, False),
        ("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt tối thiểu 80%;", "bullet", 0, True),
    ],
)
def test_candidates_are_real_clauses(text: str, kind: str, children: int, expected: bool) -> None:
    assert is_substantive(_clause(text, kind, children)) is expected


@pytest.fixture(scope="module")
def assistant(corpus_runtime):
    return corpus_runtime.assistant()


def test_every_answer_has_a_confidence_in_range(assistant) -> None:
    for question in (
        "Sở nào chủ trì chỉ tiêu 6.6?",
        "Kế hoạch 19/KH-UBND do ai ký?",
        "Tỷ trọng kinh tế số Tiền Giang 2025 là bao nhiêu?",
        "Kế hoạch có nói gì về tàu vũ trụ không?",
    ):
        answer = assistant.ask(question)
        assert 0.0 <= answer.confidence <= 1.0
        if answer.abstained:
            assert answer.confidence <= 0.3
        else:  # the middle band of the calibrated chance is stated with "Có thể"
            hedged = answer.confidence < calibration.fitted().answer
            assert answer.answer.startswith("Có thể: ") == hedged


def test_abstention_candidates_are_never_fragments(assistant) -> None:
    answer = assistant.ask("Kế hoạch có nói gì về tàu vũ trụ không?")
    for citation in answer.citations:
        assert len(citation.text.split()) >= 6


@pytest.mark.parametrize(
    "text",
    [
        "định kỳ tổng hợp, báo cáo Ủy ban nhân dân thành phố",
        "Định kỳ hằng quý báo cáo",
        "thường xuyên",
    ],
)
def test_a_recurrence_is_a_time_stated(text: str) -> None:
    # "kỳ" folds to "ki": the check reads the folded text
    from ingest.normalize_vi import folded

    assert dates.states_time(folded(text))


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("Tỉ lệ hồ sơ xử lý trực tuyến đạt tối thiểu 80%", True),
        ("không quá 3.000 dự án", True),
        ("khoảng 84,3 nghìn tỷ đồng", True),
        # a cited document's number and date, a year, an ordinal: no figure
        ("Bố trí nguồn lực theo Nghị quyết số 57-NQ/TW ngày 22/12/2024 trong năm 2025", False),
        ("Kỳ họp bất thường lần thứ 9, thông qua ngày 19 tháng 02 năm 2025", False),
    ],
)
def test_a_figure_is_a_number_that_is_no_date_or_document_number(text: str, stated: bool) -> None:
    assert states_figure(text) is stated


def test_a_percent_written_in_the_question_names_a_value_it_does_not_ask() -> None:
    assert not read_question(
        understand("Nghị quyết tăng trưởng 8% được thông qua tại kỳ họp nào?")
    ).figure
    assert not read_question(
        understand("Hóa đơn điện tử khởi tạo từ máy tính tiền do ai theo dõi?")
    ).figure
    assert read_question(understand("Tổ chức mấy lớp tập huấn?")).figure


def test_a_cited_documents_date_is_no_deadline() -> None:
    reading = read_question(understand("Tổng tỷ suất sinh phải đạt trước năm nào?"))
    clause = _clause(
        "Phấn đấu đạt 2,1 con/phụ nữ theo Thông tư số 01/2021/TT-BYT ngày 25 tháng 01 năm 2021"
    )
    assert confidence.unmet_checks(reading, [clause], False) == ("time",)


def test_a_month_or_quarter_asked_with_may_is_a_time_not_a_figure() -> None:
    assert not read_question(understand("Phải xong trong quý mấy?")).figure
    assert not read_question(understand("phai xong thang may?")).figure
    assert dates.states_time("phai hoat dong tro lai trong vong 24 gio")


def test_a_figure_in_the_plans_title_counts_but_not_its_number() -> None:
    from dataclasses import replace

    from retrieval.confidence import _figure_in

    def clause(title: str) -> StoredClause:
        return replace(_clause("Quan điểm: xây dựng mô hình."), document_title=title)

    assert _figure_in(clause("Kế hoạch thí điểm mô hình chính quyền số (phiên bản 1.0)"))
    assert not _figure_in(clause("Phụ lục 01 (thành phố, 2023)"))
    assert not _figure_in(clause("Kế hoạch số 19/KH-UBND chuyển đổi số năm 2025"))


def test_a_unit_is_named_by_its_whole_name_not_by_words_scattered_over_the_clause() -> None:
    """ "Sở Y tế" is not named by a row of "Phòng Y tế" in a text that says "chuyển đổi
    số"; "Phòng Kinh tế" not by "thành phần kinh tế" in the Phòng Văn hoá's duties."""
    asked = read_question(understand("Sở Y tế trực tiếp chỉ đạo chỉ tiêu nào?"), ["so y te"])
    other = _clause("Chuyển đổi số y tế | Trưởng phòng Y tế | Phòng Y tế")
    assert "unit_in_role" in confidence.unmet_checks(asked, [other], False)
    own = _clause("Chuyển đổi số y tế | Giám đốc Sở Y tế | Sở Y tế")
    assert confidence.unmet_checks(asked, [own], False) == ()
    economy = read_question(understand("Phòng Kinh tế xã được giao gì?"), ["phong kinh te"])
    culture = _clause("2. Phòng Văn hoá - Xã hội: khuyến khích doanh nghiệp mọi thành phần kinh tế")
    assert "unit" in confidence.unmet_checks(economy, [culture], False)
    communes = read_question(understand("UBND các xã làm gì?"), ["uy ban nhan dan xa"])
    assert confidence.unmet_checks(communes, [_clause("UBND các xã tuyên truyền.")], False) == ()


def test_a_unit_whose_name_says_so_is_still_named() -> None:
    """ "Tổ công nghệ số cộng đồng", "Ban Chỉ đạo chuyển đổi số" keep their "số": only a
    department's "Sở" is kept apart from "số"."""
    team = read_question(
        understand("Tổ công nghệ số cộng đồng cần làm gì?"), ["to cong nghe so cong dong"]
    )
    clause = _clause("Tổ công nghệ số cộng đồng hướng dẫn người dân cài đặt VNeID.")
    assert confidence.unmet_checks(team, [clause], False) == ()


def test_a_long_unit_name_shortened_in_the_clause_is_still_named() -> None:
    """ "cơ quan thường trực Ban Chỉ đạo" names the "Ban Chỉ đạo chuyển đổi số" the plan is
    about; a three-word name ("Sở Y tế") must stand whole."""
    board = read_question(
        understand("Cơ quan nào làm thường trực Ban Chỉ đạo chuyển đổi số?"),
        ["ban chi dao chuyen doi so"],
    )
    clause = _clause("Thực hiện nhiệm vụ cơ quan thường trực Ban Chỉ đạo; chuyển đổi số toàn diện.")
    # the duty sits under the unit that holds it (a "who" answer must name one)
    clause = replace(clause, path="IV › 2. Sở Thông tin và Truyền thông")
    assert confidence.unmet_checks(board, [clause], False) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Đối với các vụ lộ, mất BMNN xảy ra phải báo cáo ngay về UBND tỉnh",
        "thông báo ngay khi phát hiện sự cố",
    ],
)
def test_at_once_is_a_time(text: str) -> None:
    from ingest.normalize_vi import folded

    assert dates.states_time(folded(text))


def test_a_day_is_not_at_once() -> None:
    from ingest.normalize_vi import folded

    assert not dates.states_time(folded("Ban hành Quy chế bảo vệ BMNN của UBND tỉnh"))


def _heading_over_item(heading: str, item: str) -> list[StoredClause]:
    """A heading clause cited with an item inside its span, as a search answer cites them."""
    holder = replace(
        _clause(f"{heading}\n{item}"),
        clause_id="h",
        heading=heading,
        end=len(heading) + 1 + len(item),
    )
    inner = replace(_clause(item), clause_id="i", start=len(heading) + 1, end=len(heading) + 1)
    inner = replace(inner, end=inner.start + len(item))
    return [holder, inner]


def test_a_heading_stating_the_figure_in_the_asked_measure_states_it() -> None:
    """The check reads a heading's figure as `heading_figures` does: "1. Vốn ngân sách nhà
    nước: 1.280 tỷ đồng" over an item giving no figure answers "bao nhiêu tỷ đồng?"."""
    reading = read_question(understand("Vốn ngân sách nhà nước bố trí bao nhiêu tỷ đồng?"))
    cited = _heading_over_item(
        "1. Vốn ngân sách nhà nước: 1.280 tỷ đồng, bao gồm:",
        "+ Hoàn thiện hạ tầng kỹ thuật khu công nghiệp phía Bắc.",
    )
    assert "figure" not in confidence.unmet_checks(reading, cited, False)


def test_a_heading_stating_another_measure_does_not_state_the_figure() -> None:
    """A heading's "05 dự án" is no answer to "bao nhiêu tỷ đồng?": the answering strategy
    would not take it, and the check does not count it either."""
    reading = read_question(understand("Vốn ngân sách nhà nước bố trí bao nhiêu tỷ đồng?"))
    cited = _heading_over_item(
        "1. Vốn ngân sách nhà nước cho 05 dự án, bao gồm:",
        "+ Hoàn thiện hạ tầng kỹ thuật khu công nghiệp phía Bắc.",
    )
    assert "figure" in confidence.unmet_checks(reading, cited, False)
