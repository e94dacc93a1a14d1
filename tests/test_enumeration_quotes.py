"""A list written as one sentence of ";"-joined items, longer than a quote may be, is quoted
in parts: every item reaches the answer, each quote verbatim and within the limit."""

from __future__ import annotations

from retrieval.citations import CitationBuilder, body_quote, enumeration_rest
from retrieval.compose import describe_clause
from retrieval.documents import DocumentDirectory
from retrieval.query import understand
from tests.stored_clauses import stored_clause

ITEMS = [
    "Các Báo cáo của Ủy ban nhân dân tỉnh về phát triển kinh tế - xã hội",
    "thực hiện ngân sách nhà nước, quyết toán ngân sách nhà nước của địa phương",
    "công tác phòng, chống tham nhũng",
    "công tác phòng, chống tội phạm và vi\nphạm pháp luật",
    "về việc giải quyết khiếu nại, tố cáo và kiến\nnghị của cử tri",
    "kết quả thực hiện quy hoạch thủy điện trên địa bàn tỉnh đến năm 2020",
    "kết quả thực hiện chương trình mục tiêu quốc gia về xóa đói, giảm nghèo trên địa bàn tỉnh",
    "kết quả thực hiện chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2016 - 2020",
]
TEXT = "- " + "; ".join(ITEMS) + ".\n"
# its best-matching item is the first: the quote starts there and the limit cuts it
QUESTION = "Ngoài KT-XH, UBND tỉnh báo cáo kết quả thực hiện những quy hoạch, chương trình nào?"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_long_enumeration_is_quoted_in_parts_that_keep_every_item() -> None:
    clause = stored_clause(TEXT, kind="bullet")
    keywords = understand(QUESTION).keywords
    first = body_quote(clause, keywords)
    rest = enumeration_rest(clause, first)
    assert rest  # the first quote was cut by the limit
    quotes = [first, *rest]
    assert all(q in TEXT and len(q) <= 400 for q in quotes)  # verbatim, within the limit
    assert first.startswith(ITEMS[0])
    said = _flat(" ".join(quotes))
    assert all(_flat(item) in said for item in ITEMS)
    assert rest[-1].endswith(".")  # to the item ending the sentence


def test_the_answer_cites_each_part_of_the_list() -> None:
    clause = stored_clause(TEXT, kind="bullet", path="1. Giám sát tại kỳ họp › ý 2")
    cite = CitationBuilder(DocumentDirectory([]))
    keywords = understand(QUESTION).keywords
    lines = describe_clause(clause, DocumentDirectory([]), cite, keywords)
    shown = _flat(" ".join(lines))
    assert "giảm nghèo" in shown and "nông thôn mới" in shown
    assert len(cite.citations) >= 2


def test_a_short_enumeration_has_no_rest() -> None:
    text = "- Báo cáo kinh tế - xã hội; báo cáo ngân sách; báo cáo phòng, chống tham nhũng.\n"
    clause = stored_clause(text, kind="bullet")
    quote = body_quote(clause, ("bao", "cao"))
    assert enumeration_rest(clause, quote) == []
