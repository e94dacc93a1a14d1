"""A heading states the figure asked only with a number the question does not write itself."""

from __future__ import annotations

from retrieval.figures import without_numbers_of
from retrieval.heading_figures import stating_heading
from retrieval.stored import StoredClause
from tests.stored_clauses import stored_clause


def _clause(clause_id: str, kind: str, text: str, path: str = "") -> StoredClause:
    return stored_clause(
        text,
        clause_id=clause_id,
        document_title="Kế hoạch",
        kind=kind,
        heading=text.split("\n", 1)[0],
        path=path,
    )


def test_a_version_the_question_writes_is_no_figure_of_the_heading() -> None:
    question = "Mô hình chính quyền số cấp sở (phiên bản 1.0) thí điểm tại bao nhiêu đơn vị?"
    line = "I. Mô hình chính quyền số cấp sở (phiên bản 1.0)"
    assert "1.0" not in without_numbers_of(line, question)
    heading = _clause("h", "part", line)
    item = _clause("i", "bullet", "- Thí điểm tại 03 đơn vị cấp sở", path=line)

    def coverage(clause: StoredClause) -> float:
        return 0.9 if "Mô hình" in clause.search_text else 0.3

    assert stating_heading(question, item, [heading], coverage) is None


def test_a_heading_stating_its_own_figure_still_answers() -> None:
    question = "Vốn ngân sách nhà nước cho các khu công nghiệp là bao nhiêu?"
    heading = _clause("h", "section", "1. Vốn ngân sách nhà nước: 1.280 tỷ đồng, bao gồm:")
    item = _clause("i", "bullet", "+ Hạ tầng KCN 285 tỷ đồng", path=heading.text)

    def coverage(clause: StoredClause) -> float:
        return 0.9 if "ngân sách" in clause.search_text else 0.2

    assert stating_heading(question, item, [heading], coverage) == heading
    assert "1.280" in without_numbers_of(heading.text, question)


def test_a_heading_stating_the_year_asked_answers_before_its_paragraph() -> None:
    """ "Tầm nhìn … đến năm nào?" of a paragraph under "2.2. Tầm nhìn đến năm 2045" that
    names 2050 of its own: the heading's line covers the question and states a year."""
    from retrieval.compose import YEAR_FIGURE, asked_figure
    from retrieval.figures import heading_line

    question = "Tầm nhìn của Kết luận về bảo vệ môi trường đến năm nào?"
    assert asked_figure("tam nhin cua ket luan ve bao ve moi truong den nam nao?") is YEAR_FIGURE
    heading = _clause("h", "item", "2.2. Tầm nhìn đến năm 2045")
    paragraph = _clause(
        "p", "paragraph", "Phát thải ròng bằng 0 vào năm 2050.", path="2. Mục tiêu › 2.2"
    )
    aim = _clause("m", "section", "2. Mục tiêu")

    def coverage(clause: StoredClause) -> float:
        return 0.9 if "Tầm nhìn" in clause.search_text else 0.1

    def states_year(clause: StoredClause) -> bool:
        return YEAR_FIGURE.search(heading_line(clause)) is not None

    assert stating_heading(question, paragraph, [heading, aim], coverage, states_year) == heading
    # a heading stating no year is passed over
    assert stating_heading(question, paragraph, [aim], coverage, states_year) is None
