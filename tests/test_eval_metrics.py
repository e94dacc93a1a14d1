"""Unit tests of the pure evaluation metrics, on small hand-made cases."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from eval.metrics.abstention import (
    abstention_counts,
    abstention_f1,
    abstention_precision,
    abstention_recall,
)
from eval.metrics.aggregate import OVERALL, QuestionResult, aggregate, by_tag, summarize
from eval.metrics.citations import (
    Citation,
    any_citation_correct,
    citation_is_correct,
    citation_precision,
    gold_coverage,
    is_verbatim,
    load_sources,
    verbatim_rate,
)
from eval.metrics.facts import (
    all_facts_present,
    fact_present,
    key_fact_accuracy,
    missing_facts,
    variant_present,
)
from eval.metrics.goldset import format_counts, gold_counts, should_abstain
from eval.metrics.retrieval import (
    GoldRef,
    Retrieved,
    dcg,
    hit_at_k,
    is_relevant,
    ndcg_at_k,
    reciprocal_rank,
    relevance_vector,
    text_supports,
)
from eval.metrics.text import fold, has_diacritics, normalize_ws

DOC = "ninh-binh-19-KH-UBND-2025"
OTHER = "xa-xuan-truong-chuyen-doi-so-2026"
ROW_66 = (
    "6.6. |\nTỉ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt tối thiểu 80% |\n"
    "Văn phòng UBND tỉnh |\nSở Khoa học và Công nghệ; các sở, ban, ngành; UBND các xã, phường |\n"
    "Tháng 11/2025 |"
)
GOLD_66 = GoldRef(DOC, "Tỉ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt tối thiểu 80%", "6.6")
GOLD_68 = GoldRef(DOC, "thông qua định danh điện tử VNeID đạt 100%", "6.8")


def r(text: str, document: str = DOC) -> Retrieved:
    return Retrieved(document_id=document, text=text)


HIT_66 = r(ROW_66)
HIT_68 = r("6.8. |\nTỉ lệ ... thông qua định danh điện tử VNeID đạt 100% |\nCông an tỉnh |")
MISS = r("7.1. |\nTỉ lệ doanh nghiệp sử dụng hợp đồng điện tử |")


# ------------------------------------------------------------------ text


def test_normalize_ws_collapses_all_whitespace() -> None:
    assert normalize_ws("  a\tb\n\n c  ") == "a b c"


def test_normalize_ws_composes_nfd_input() -> None:
    assert normalize_ws("Vie\u0302\u0323t") == "Việt"


def test_fold_removes_accents_case_and_d() -> None:
    assert fold("Sở Khoa học và Công nghệ") == "so khoa hoc va cong nghe"
    assert fold("ĐẠT  80 %") == "dat 80%"


def test_fold_pads_a_dates_day_and_month() -> None:
    assert fold("ngày 9/6/2025") == fold("ngày 09/06/2025") == "ngay 09/06/2025"
    assert fold("112/3/2025") == "112/3/2025"  # not a date: no day of three digits
    assert variant_present("hạn ngày 26/03/2025.", "26/3/2025")
    assert not variant_present("hạn ngày 26/03/2026.", "26/3/2025")


def test_fold_treats_tone_mark_placement_alike() -> None:
    assert fold("hoá") == fold("hóa") == "hoa"


def test_has_diacritics() -> None:
    assert has_diacritics("Sở nào")
    assert not has_diacritics("do")
    assert has_diacritics("đo")
    assert not has_diacritics("so nao chu tri chi tieu 6.6 (DVCTT)?")


# ------------------------------------------------------------------ relevance


def test_relevant_when_clause_contains_quote_modulo_whitespace() -> None:
    gold = [GoldRef(DOC, "Văn phòng UBND tỉnh | Sở Khoa học và Công nghệ;")]
    assert is_relevant(HIT_66, gold)


def test_not_relevant_from_another_document() -> None:
    assert not is_relevant(r(ROW_66, OTHER), [GOLD_66])


def test_not_relevant_when_quote_absent() -> None:
    assert not is_relevant(MISS, [GOLD_66])


def test_quote_comparison_is_exact_on_diacritics() -> None:
    assert not text_supports(ROW_66, "Ti le ho so thu tuc hanh chinh")


def test_reverse_containment_needs_a_substantial_clause() -> None:
    quote = (
        "Tỉ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt tối thiểu 80% |\nVăn phòng UBND tỉnh |"
    )
    cell = "Tỉ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt tối thiểu 80% |"
    assert text_supports(cell, quote)  # a split-off cell covering most of the quote
    assert not text_supports("Văn phòng UBND tỉnh |", quote)  # a bare unit cell
    assert not text_supports("", quote)


# ------------------------------------------------------------------ hit@k, MRR, nDCG


def test_hit_at_k() -> None:
    ranked = [MISS, MISS, HIT_66]
    assert hit_at_k(ranked, [GOLD_66], 1) == 0.0
    assert hit_at_k(ranked, [GOLD_66], 2) == 0.0
    assert hit_at_k(ranked, [GOLD_66], 3) == 1.0
    assert hit_at_k(ranked, [GOLD_66], 10) == 1.0


def test_reciprocal_rank() -> None:
    assert reciprocal_rank([HIT_66, MISS], [GOLD_66]) == 1.0
    assert reciprocal_rank([MISS, MISS, HIT_66], [GOLD_66]) == pytest.approx(1 / 3)
    assert reciprocal_rank([MISS, MISS], [GOLD_66]) == 0.0
    assert reciprocal_rank([], [GOLD_66]) == 0.0


def test_dcg_by_hand() -> None:
    assert dcg([1, 0, 1]) == pytest.approx(1 + 1 / 2)  # 1/log2(2) + 1/log2(4)


def test_ndcg_single_gold_by_hand() -> None:
    # relevant at rank 2: DCG = 1/log2(3); ideal = 1
    assert ndcg_at_k([MISS, HIT_66, MISS], [GOLD_66], 3) == pytest.approx(1 / math.log2(3))
    assert ndcg_at_k([HIT_66], [GOLD_66], 5) == 1.0
    assert ndcg_at_k([MISS, HIT_66], [GOLD_66], 1) == 0.0


def test_ndcg_two_gold_by_hand() -> None:
    gold = [GOLD_66, GOLD_68]
    # hits at ranks 1 and 3: DCG = 1 + 1/2; ideal = 1 + 1/log2(3)
    expected = 1.5 / (1 + 1 / math.log2(3))
    assert ndcg_at_k([HIT_66, MISS, HIT_68], gold, 3) == pytest.approx(expected)
    assert ndcg_at_k([HIT_68, HIT_66], gold, 2) == pytest.approx(1.0)
    # k=1: ideal DCG counts only min(k, #gold) = 1 hit
    assert ndcg_at_k([HIT_68, MISS], gold, 1) == 1.0


def test_each_gold_item_is_credited_once() -> None:
    # the same row retrieved twice (e.g. a repeated header block) must not exceed the ideal
    gold = [GOLD_66, GOLD_68]
    assert relevance_vector([HIT_66, HIT_66, HIT_68], gold) == [1, 0, 1]
    assert ndcg_at_k([HIT_66, HIT_66], gold, 2) == pytest.approx(1 / (1 + 1 / math.log2(3)))
    assert ndcg_at_k([HIT_66, HIT_66, HIT_66], [GOLD_66], 3) == 1.0


def test_retrieval_metrics_reject_empty_gold_and_bad_k() -> None:
    with pytest.raises(ValueError):
        hit_at_k([HIT_66], [], 1)
    with pytest.raises(ValueError):
        reciprocal_rank([HIT_66], [])
    with pytest.raises(ValueError):
        ndcg_at_k([HIT_66], [GOLD_66], 0)


def test_goldref_from_dict() -> None:
    ref = GoldRef.from_dict({"document": DOC, "clause": "6.6", "quote": "abc"})
    assert ref == GoldRef(DOC, "abc", "6.6")


# ------------------------------------------------------------------ key facts

FACTS = [
    ["Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"],
    ["Sở Khoa học và Công nghệ", "Sở KH&CN"],
]


def test_facts_match_with_accents() -> None:
    answer = "Văn phòng UBND tỉnh theo dõi; Sở Khoa học và Công nghệ phối hợp."
    assert key_fact_accuracy(answer, FACTS) == 1.0
    assert all_facts_present(answer, FACTS)


def test_facts_match_without_accents_and_case() -> None:
    answer = "VAN PHONG UBND TINH theo doi, so kh&cn phoi hop"
    assert key_fact_accuracy(answer, FACTS) == 1.0


def test_facts_match_across_line_breaks() -> None:
    assert fact_present("Văn phòng\nỦy  ban nhân dân tỉnh", FACTS[0])


def test_partial_facts() -> None:
    answer = "Do Văn phòng Ủy ban nhân dân tỉnh chủ trì."
    assert key_fact_accuracy(answer, FACTS) == 0.5
    assert not all_facts_present(answer, FACTS)
    assert missing_facts(answer, FACTS) == [FACTS[1]]


def test_numbers_are_not_matched_inside_other_numbers() -> None:
    assert fact_present("đạt tối thiểu 80%", ["80%"])
    assert fact_present("đạt tối thiểu 80 %", ["80%"])
    assert not fact_present("đạt 180%", ["80%"])
    assert not fact_present("chỉ tiêu 13.6", ["3.6"])
    assert fact_present("Tháng 11/2025", ["11/2025"])


def test_a_figure_glued_to_its_unit_is_stated() -> None:
    assert fact_present("rừng phòng hộ 255.053,9ha, trong đó", ["255.053,9"])
    assert fact_present("với diện tích 857,5km2.", ["857,5"])
    assert not fact_present("chỉ tiêu 3.65", ["3.6"])
    assert not fact_present("tại điểm 5a", ["5"])


def test_no_facts_is_vacuously_complete() -> None:
    assert key_fact_accuracy("bất kỳ", []) == 1.0
    assert all_facts_present("bất kỳ", [])


def test_empty_answer_has_no_facts() -> None:
    assert key_fact_accuracy("", FACTS) == 0.0
    assert not fact_present("bất kỳ", [""])


# ------------------------------------------------------------------ citations

SOURCE = "Mở đầu.\n" + ROW_66 + "\nKết thúc."
START = SOURCE.index("6.6. |")
GOOD = Citation(DOC, "Văn phòng UBND tỉnh", ROW_66, START, START + len(ROW_66))


def test_citation_correct_by_clause_text() -> None:
    assert citation_is_correct(GOOD, [GOLD_66])
    assert any_citation_correct([GOOD], [GOLD_66])


def test_citation_correct_by_quote_when_clause_text_missing() -> None:
    cited = Citation(DOC, GOLD_66.quote, "", 0, 0)
    assert citation_is_correct(cited, [GOLD_66])


def test_citation_wrong_document_or_text() -> None:
    assert not citation_is_correct(Citation(OTHER, "x", ROW_66, 0, 0), [GOLD_66])
    assert not citation_is_correct(GOOD, [GOLD_68])
    assert not any_citation_correct([], [GOLD_66])


def test_a_clause_stating_the_same_figure_for_the_same_indicator() -> None:
    """CTr 104-CTr/TU Lào Cai (tests/real_plans6) states its forest-cover target in its
    body and again as a Phụ lục 1 row; the row supports the answer as well. A row giving the
    same figure for another indicator, or another figure, does not."""
    doc = "lao-cai-104"
    gold = [GoldRef(doc, "- Tỷ lệ che phủ rừng toàn tỉnh duy trì ổn định ở mức 60%.")]
    row = "Đồng chí Giàng Quốc Đảng ủy Hưng, Ủy viên Ban 7 Tỷ lệ che phủ rừng 60% UBND tỉnh"
    facts = [["60%"]]
    assert citation_is_correct(Citation(doc, row, row, 0, 0), gold, facts)
    other = "3 Tỷ lệ chất thải rắn y tế được thu gom, xử lý 60% UBND tỉnh"
    assert not citation_is_correct(Citation(doc, other, other, 0, 0), gold, facts)
    assert not citation_is_correct(Citation("other-plan", row, row, 0, 0), gold, facts)
    # the figure without its unit, or no key facts: no equivalence
    bare = "7 Tỷ lệ che phủ rừng toàn tỉnh 60 UBND tỉnh"
    assert not citation_is_correct(Citation(doc, bare, bare, 0, 0), gold, facts)
    assert not citation_is_correct(Citation(doc, row, row, 0, 0), gold)
    # a key fact that is no figure (a unit's name) is not settled this way
    assert not citation_is_correct(Citation(doc, row, row, 0, 0), gold, [["60%"], ["UBND"]])


def test_citation_precision_and_coverage() -> None:
    wrong = Citation(DOC, "x", "7.1. | hợp đồng điện tử", 0, 0)
    assert citation_precision([GOOD, wrong], [GOLD_66]) == 0.5
    assert citation_precision([], [GOLD_66]) == 0.0
    assert gold_coverage([GOOD], [GOLD_66, GOLD_68]) == 0.5
    assert gold_coverage([], []) == 1.0


def test_verbatim() -> None:
    assert is_verbatim(GOOD, SOURCE)


def test_not_verbatim_when_quote_is_paraphrased() -> None:
    paraphrased = Citation(DOC, "VP UBND tỉnh", ROW_66, GOOD.start, GOOD.end)
    assert not is_verbatim(paraphrased, SOURCE)


def test_not_verbatim_when_offsets_are_off() -> None:
    shifted = Citation(DOC, GOOD.quote, ROW_66, GOOD.start + 1, GOOD.end + 1)
    assert not is_verbatim(shifted, SOURCE)
    out_of_range = Citation(DOC, GOOD.quote, ROW_66, 0, len(SOURCE) + 5)
    assert not is_verbatim(out_of_range, SOURCE)


def test_verbatim_rate() -> None:
    bad = Citation(DOC, "không có", ROW_66, GOOD.start, GOOD.end)
    unknown = Citation("khong-ton-tai", GOOD.quote, ROW_66, GOOD.start, GOOD.end)
    sources = {DOC: SOURCE}
    assert verbatim_rate([GOOD, bad], sources) == 0.5
    assert verbatim_rate([unknown], sources) == 0.0
    assert verbatim_rate([], sources) == 1.0


def test_load_sources_keeps_offsets(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("dòng 1\r\ndòng 2".encode())
    assert load_sources(tmp_path) == {"a": "dòng 1\r\ndòng 2"}


# ------------------------------------------------------------------ abstention


def test_abstention_counts() -> None:
    pairs = [(True, True), (True, False), (False, True), (False, False), (False, False)]
    c = abstention_counts(pairs)
    assert (c.tp, c.fp, c.fn, c.tn, c.total) == (1, 1, 1, 2, 5)
    assert abstention_precision(pairs) == 0.5
    assert abstention_recall(pairs) == 0.5
    assert abstention_f1(pairs) == 0.5


def test_abstention_perfect() -> None:
    pairs = [(True, True), (False, False)]
    assert abstention_precision(pairs) == abstention_recall(pairs) == abstention_f1(pairs) == 1.0


def test_no_abstentions_at_all() -> None:
    pairs = [(False, True), (False, False)]
    assert abstention_precision(pairs) == 1.0  # vacuous: no wrong abstention
    assert abstention_recall(pairs) == 0.0
    assert abstention_f1(pairs) == 0.0


def test_nothing_to_abstain_on() -> None:
    pairs = [(False, False), (True, False)]
    assert abstention_recall(pairs) == 1.0  # vacuous: nothing missed
    assert abstention_precision(pairs) == 0.0


def test_abstention_on_empty_input_and_generators() -> None:
    assert abstention_counts([]).total == 0
    assert abstention_precision([]) == abstention_recall([]) == 1.0
    assert abstention_f1(p for p in [(True, True), (False, True)]) == pytest.approx(2 / 3)


# ------------------------------------------------------------------ aggregation


def _results() -> list[QuestionResult]:
    return [
        QuestionResult("a", "who", {"hit@5": 1.0, "facts": True}, ("table",)),
        QuestionResult("b", "who", {"hit@5": 0.0, "facts": False}, ("table", "no_diacritics")),
        QuestionResult("c", "unanswerable", {"hit@5": None, "facts": None, "abstained": True}),
    ]


def test_summarize_skips_none_and_counts_bools() -> None:
    s = summarize(_results())
    assert s.n == 3
    assert s.means == {"abstained": 1.0, "facts": 0.5, "hit@5": 0.5}
    assert s.counts == {"abstained": 1, "facts": 2, "hit@5": 2}


def test_aggregate_per_type_and_overall() -> None:
    out = aggregate(_results())
    assert set(out) == {"who", "unanswerable", OVERALL}
    assert out["who"].n == 2 and out["who"].means["hit@5"] == 0.5
    assert out["unanswerable"].means == {"abstained": 1.0}
    assert out[OVERALL].n == 3


def test_aggregate_by_tag() -> None:
    out = aggregate(_results(), by_tag)
    assert out["table"].n == 2
    assert out["no_diacritics"].means["hit@5"] == 0.0
    assert out[OVERALL].n == 3


def test_aggregate_empty() -> None:
    assert aggregate([]) == {OVERALL: summarize([])}
    assert summarize([]).means == {}


# ------------------------------------------------------------------ gold set helpers


def test_gold_counts_and_abstention_flag() -> None:
    questions: list[dict[str, Any]] = [
        {"id": "1", "type": "who", "tags": ["table"], "document": DOC, "gold": [{"document": DOC}]},
        {"id": "2", "type": "unanswerable", "tags": [], "document": None, "gold": []},
        {"id": "3", "type": "follow-up", "tags": ["abstain"], "document": DOC, "gold": []},
    ]
    counts = gold_counts(questions)
    assert counts["type"] == {"who": 1, "unanswerable": 1, "follow-up": 1}
    assert counts["document"] == {DOC: 2, "(none)": 1}
    assert counts["cited document"] == {DOC: 1}
    assert [should_abstain(q) for q in questions] == [False, True, True]
    assert "total questions: 3" in format_counts(questions)


def test_load_sources_reads_html_plans_through_the_extractor(tmp_path: Path) -> None:
    html = "<html><body><p>KẾ HOẠCH</p><p>1. Sở Y tế chủ trì.</p></body></html>"
    (tmp_path / "a.txt").write_bytes("dòng 1\r\ndòng 2".encode())
    (tmp_path / "b.htm").write_bytes(html.encode("utf-8"))
    sources = load_sources(tmp_path)
    assert sources["a"] == "dòng 1\r\ndòng 2"
    assert "KẾ HOẠCH" in sources["b"] and "1. Sở Y tế chủ trì." in sources["b"]
    assert "<p>" not in sources["b"]
