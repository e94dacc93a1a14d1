"""The indicator a figure question names must be the one the cited clause states."""

from __future__ import annotations

from ingest.normalize_vi import folded
from retrieval.indicator_words import asked_indicator, unstated_indicator_words
from retrieval.query import understand
from tests.stored_clauses import stored_clause

# CTr 104-CTr/TU Lào Cai (tests/real_plans6), Phụ lục 1 rows 4 and 7
SOLID_WASTE = "4 Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý 95% UBND tỉnh"
FOREST = "7 Tỷ lệ che phủ rừng 60% UBND tỉnh"


def _unstated(question: str, *clauses: str) -> tuple[str, ...]:
    query = understand(question)
    cited = [stored_clause(text) for text in clauses]
    return unstated_indicator_words(query.folded, cited, ignore={"lao", "cai"})


def test_the_indicator_is_the_phrase_after_the_quantity_word() -> None:
    """From "tỷ lệ" / "bao nhiêu %" up to what asks, places or dates it."""
    folded = understand("Tỷ lệ che phủ rừng toàn tỉnh Lào Cai đến năm 2030 là bao nhiêu?").folded
    assert asked_indicator(folded) == ("che", "phu", "rung")
    folded = understand("Xã dành bao nhiêu % tổng chi ngân sách xã năm 2026?").folded
    assert asked_indicator(folded) == ("tong", "chi", "ngan", "sach")
    # no quantity word, or one word after it: no indicator to hold a clause to
    assert asked_indicator(understand("Kế hoạch ban hành ngày nào?").folded) == ()
    assert asked_indicator(understand("Tỷ lệ năm 2025 là bao nhiêu?").folded) == ()


def test_a_row_measuring_another_thing_does_not_state_the_indicator() -> None:
    """ "nước thải sinh hoạt đô thị" asked, the "chất thải rắn sinh hoạt đô thị" row cited:
    its figure is another indicator's; the row that says the indicator passes."""
    question = "Tinh uy Lao Cai dat chi tieu ty le nuoc thai sinh hoat do thi duoc thu gom, xu ly la bao nhieu?"
    assert _unstated(question, SOLID_WASTE) == ("nuoc",)
    asked = "Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý của Lào Cai là bao nhiêu?"
    assert _unstated(asked, SOLID_WASTE) == ()
    assert _unstated("Tỷ lệ che phủ rừng toàn tỉnh Lào Cai là bao nhiêu?", FOREST) == ()


def test_the_heading_above_a_row_states_its_indicator_too() -> None:
    """A row "a) Đô thị: 95%" under "Tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý":
    the heading says what the row's figure measures."""
    query = understand("Tỷ lệ chất thải rắn sinh hoạt được thu gom ở đô thị là bao nhiêu?")
    row = stored_clause("a) Đô thị: 95%")
    heading = stored_clause("2. Tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý:")
    assert unstated_indicator_words(query.folded, [row]) != ()
    assert unstated_indicator_words(query.folded, [row], [heading]) == ()


def test_a_short_form_the_clause_writes_long_is_ignored_when_told() -> None:
    """ "DN" is spelled out in the folded question; the clause says "doanh nghiệp"."""
    query = understand("Tỷ lệ DN sử dụng hợp đồng điện tử năm 2025?")
    row = stored_clause("- 85% doanh nghiệp sử dụng hợp đồng điện tử trong giao dịch.")
    assert unstated_indicator_words(query.folded, [row], ignore={"dn"}) == ()
    other = stored_clause("- 80% người dân và doanh nghiệp có tài khoản định danh điện tử.")
    assert "hop" in unstated_indicator_words(query.folded, [other], ignore={"dn"})


def test_a_relative_clause_and_aspect_words_are_not_the_indicator() -> None:
    asked = asked_indicator(folded("Tỷ lệ phụ thuộc chung mà Cần Thơ hướng tới là bao nhiêu"))
    assert asked == ("phu", "thuoc", "chung")
    asked = asked_indicator(folded("Tỷ lệ dữ liệu đã số hóa được sử dụng lại"))
    assert "da" not in asked


def test_the_indicator_is_read_from_the_words_typed_not_an_abbreviation_s_spelling() -> None:
    query = understand("Tỉ lệ dữ liệu các sở tích hợp với LGSP theo KH 19 là bao nhiêu?")
    assert "lgsp" in asked_indicator(query.plain)
    assert query.plain != query.folded  # LGSP is spelled out in `folded`
