"""Answers held to what the question asks: a standing body is not the unit it stands for,
a project's length is no amount of money, and an amount of money for another thing is no
answer."""

from __future__ import annotations

from dataclasses import replace

from retrieval import confidence
from retrieval.asked_measure import asked_measure, money_asked_of, states_measure
from retrieval.constraints import read_question
from retrieval.dotted_path import listed_among_siblings
from retrieval.indicator_words import unstated_words
from retrieval.query import understand
from retrieval.standing_body import names_itself
from retrieval.stored import StoredClause
from tests.stored_clauses import stored_clause


def _clause(text: str, path: str = "I › 1", heading: str | None = None) -> StoredClause:
    return stored_clause(
        text,
        clause_id=text[:20],
        document_title="Kế hoạch phát triển khu, cụm công nghiệp",
        kind="bullet",
        heading=heading,
        path=path,
    )


def test_a_standing_body_does_not_name_the_unit_it_stands_for() -> None:
    assert not names_itself("thuong truc hoi dong nhan dan tinh", "hoi dong nhan dan tinh")
    assert not names_itself("ban thuong vu tinh uy lao cai", "tinh uy lao cai")
    # named elsewhere in the same text as itself
    text = "thuong truc hoi dong nhan dan tinh bao cao hoi dong nhan dan tinh"
    assert names_itself(text, "hoi dong nhan dan tinh")
    # the standing body asked is named by its own name
    assert names_itself("ban thuong vu tinh uy", "thuong vu tinh uy")
    # "cơ quan thường trực Ban Chỉ đạo": the agency serving it, named for it
    assert names_itself("co quan thuong truc ban chi dao", "ban chi dao")


def test_a_row_of_the_standing_body_is_not_the_councils_in_a_unit_check() -> None:
    asked = read_question(
        understand("HĐND tỉnh chủ trì những nội dung giám sát nào?"), ["hoi dong nhan dan tinh"]
    )
    standing = _clause("Thường trực Hội đồng nhân dân tỉnh xây dựng kế hoạch giám sát.")
    assert "unit_in_role" in confidence.unmet_checks(asked, [standing], False)
    council = _clause("Hội đồng nhân dân tỉnh xem xét báo cáo giám sát.")
    assert "unit_in_role" not in confidence.unmet_checks(asked, [council], False)


def test_a_projects_length_under_a_heading_with_the_total_is_no_amount_asked() -> None:
    """The heading's total ("1. Vốn ngân sách nhà nước: 1.280 tỷ đồng") is not the project's
    investment: the line giving only its length does not state the amount asked."""
    asked = read_question(
        understand("Tổng mức đầu tư dự án đường trục chính cụm công nghiệp Phú Thịnh là bao nhiêu?")
    )
    line = _clause(
        "Dự án Đường trục chính cụm công nghiệp Phú Thịnh với quy mô 2,9km;",
        path="IV. VỐN ĐẦU TƯ › 1. Vốn ngân sách nhà nước: 1.280 tỷ đồng, bao gồm › ý 5",
    )
    assert "figure" in confidence.unmet_checks(asked, [line], False)
    stated = replace(line, text=line.text + " tổng mức đầu tư 173 tỷ đồng")
    assert "figure" not in confidence.unmet_checks(asked, [stated], False)


def test_a_heading_stating_a_figure_meets_it_only_cited_over_its_points() -> None:
    asked = read_question(understand("Vốn doanh nghiệp là bao nhiêu?"))
    heading = _clause("Vốn doanh nghiệp: 5.800 tỷ đồng", heading="Vốn doanh nghiệp: 5.800 tỷ đồng")
    heading = replace(heading, end=200, body_end=200)
    point = replace(_clause("Đầu tư xây dựng nhà ở công nhân."), start=40, end=80)
    assert "figure" not in confidence.unmet_checks(asked, [heading, point], False)
    # a point cited alone whose plan's heading elsewhere states a figure: no figure stated
    alone = _clause("Đầu tư xây dựng nhà ở công nhân.", heading="Mục 5 ngày 6 tháng cuối năm")
    assert "figure" in confidence.unmet_checks(asked, [alone], False)


def test_the_thing_money_is_asked_for() -> None:
    nsnn = understand("Vốn NSNN trong KH 134 là bao nhiêu tỷ đồng?")
    short = {w for e in nsnn.expansions for w in e.short.split()}
    assert money_asked_of(nsnn.folded, short) == ("ngan", "sach", "nha", "nuoc")
    support = understand("Kinh phí hỗ trợ doanh nghiệp trong KCN theo KH 134 là bao nhiêu?")
    assert money_asked_of(support.folded) == ("ho", "tro", "doanh", "nghiep")
    # the money word alone, a share of money, a count of things: nothing to hold a clause to
    assert money_asked_of(understand("Tổng kinh phí là bao nhiêu?").folded) == ()
    assert money_asked_of(understand("Tỷ lệ giải ngân vốn đạt bao nhiêu?").folded) == ()
    assert money_asked_of(understand("Có bao nhiêu dự án dùng vốn ngân sách?").folded) == ()


def test_an_amount_for_another_thing_leaves_the_asked_words_unstated() -> None:
    words = ("ngan", "sach", "nha", "nuoc")
    other = _clause("Ứng kinh phí đền bù giải phóng mặt bằng.", path="IV › 2. Vốn doanh nghiệp")
    assert unstated_words(words, [other]) == words
    own = _clause("Vốn ngân sách nhà nước: 1.280 tỷ đồng, bao gồm", path="IV › 1")
    assert unstated_words(words, [own]) == ()


def test_hectares_are_not_read_from_ha_tang() -> None:
    """ "… ===== Trang 4 ===== 4 hạ tầng giao thông": an OCR page number before "hạ tầng"
    states no area."""
    asked = asked_measure("Diện tích của khu công nghiệp đó là bao nhiêu ha?")
    assert asked is not None
    assert not states_measure("===== Trang 4 ===== 4 hạ tầng giao thông, điện, nước", asked)
    assert states_measure("thành lập mới khoảng trên 500ha các khu, cụm công nghiệp", asked)
    assert states_measure("diện tích 120 ha.", asked)


def test_a_section_listed_among_its_siblings_is_not_answered() -> None:
    """ "Mục II.3 … gồm những nhóm giải pháp nào?" answered with part II's sections listed."""
    question = "Mục II.3 KH 1422 gồm những nhóm giải pháp nào?"
    part = _clause("NHIỆM VỤ, GIẢI PHÁP", path="II. NHIỆM VỤ, GIẢI PHÁP")
    sections = [
        _clause(f"Nhóm {n}", path=f"II. NHIỆM VỤ, GIẢI PHÁP › {n}. Nhóm {n}") for n in (1, 2, 3)
    ]
    assert listed_among_siblings(question, [part, *sections]) == "II.3"
    # the section's own points answer it
    points = [_clause("Thể chế", path="II. NHIỆM VỤ › 3. Hoàn thiện › a) Thể chế")]
    assert listed_among_siblings(question, [sections[2], *points]) is None
    # two labels asked: both are answered
    assert listed_among_siblings("Mục II.1 và II.3 gồm gì?", sections) is None
