"""Coverage by concepts: two-syllable words, abbreviations and unit names count once."""

from __future__ import annotations

from retrieval.query import understand
from retrieval.relevance import Concept, TermWeights, clause_pairs, clause_words

_PLANS = [
    "Tổ chức xử lý sự cố an toàn thông tin mạng",
    "Phát triển hạ tầng số, phát triển kinh tế số",
    "Xử lý hồ sơ thủ tục hành chính trực tuyến",
    "Tỉ trọng kinh tế số trong GRDP đạt 20%",
    "Cán bộ, công chức cấp xã được bồi dưỡng kỹ năng số",
    "Làm sạch dữ liệu đất đai, đồng bộ với dữ liệu dân cư",
    "Triển khai các giải pháp làm sạch, chuẩn hóa dữ liệu",
]


def _coverage(weights: TermWeights, concepts: list[Concept], text: str) -> float:
    return weights.concept_coverage(concepts, clause_words(text), clause_pairs(text))


def test_an_abbreviation_is_one_concept_not_the_words_it_stands_for() -> None:
    query = understand("Tỷ trọng kinh tế số trong GRDP phải đạt bao nhiêu?")
    concepts = TermWeights(_PLANS).concepts(query.phrases, query.keywords)
    names = [c for c in concepts if c.kind == "abbreviation"]
    assert [c.words for c in names] == [("tong", "san", "pham", "tren", "dia", "ban")]
    assert sum(len(c.words) > 1 for c in concepts) == 2  # "kinh tế" and GRDP


def test_written_out_words_are_not_grouped_as_an_abbreviation() -> None:
    query = understand("Tỷ trọng kinh tế số trong tổng sản phẩm trên địa bàn")
    assert all(" " not in item for phrase in query.phrases for item in phrase)


def test_a_two_syllable_word_is_not_covered_by_its_syllables_in_other_words() -> None:
    weights = TermWeights(_PLANS)
    concepts = weights.concepts([("xu", "phat")], ["xu", "phat"])
    assert concepts == [Concept(("xu", "phat"), "pair")]
    clause = "Xử lý sự cố; phát triển hạ tầng"
    assert weights.coverage(["xu", "phat"], clause_words(clause)) == 1.0
    assert _coverage(weights, concepts, clause) == 0.0


def test_one_syllable_of_a_word_the_plans_use_still_counts() -> None:
    weights = TermWeights(_PLANS)
    concepts = weights.concepts([("cap", "xa")], ["cap", "xa"])
    assert concepts == [Concept(("cap", "xa"), "pair")]
    assert _coverage(weights, concepts, "Cán bộ cấp xã") == 1.0
    assert 0.0 < _coverage(weights, concepts, "Công chức xã") < 1.0


def test_a_unit_name_counts_once() -> None:
    weights = TermWeights(_PLANS)
    concepts = weights.concepts(
        [("tu", "phap", "du", "lieu")], ["tu", "phap", "du", "lieu"], names=[("tu", "phap")]
    )
    assert Concept(("tu", "phap"), "name") in concepts
    assert concepts == [Concept(("tu", "phap"), "name"), Concept(("du", "lieu"), "pair")]


def test_phrase_match_prefers_the_clause_in_the_questions_wording() -> None:
    weights = TermWeights(_PLANS)
    pairs = ["lam sach", "sach du", "du lieu", "lieu dat", "dat dai"]
    row = "Làm sạch dữ liệu đất đai, đồng bộ với dữ liệu dân cư"
    other = "Triển khai các giải pháp làm sạch, chuẩn hóa dữ liệu"
    assert weights.phrase_match(pairs, clause_pairs(row)) == 1.0
    assert weights.phrase_match(pairs, clause_pairs(other)) < 0.4


def test_an_accented_function_word_is_not_a_topic_word() -> None:
    assert "ma" not in understand("Tỷ trọng mà hai tỉnh đặt ra").keywords
    assert "ma" in understand("Phòng chống mã độc").keywords


def test_a_syllable_whose_other_half_was_dropped_does_not_pair_across_the_word() -> None:
    # "báo cáo tiến độ" with "báo" dropped (an asking word): "cáo" belongs to "báo cáo",
    # not to a pair "cáo tiến" that no plan uses
    weights = TermWeights(["Báo cáo kết quả hằng quý", "Báo cáo tình hình", "Đẩy nhanh tiến độ"])
    concepts = weights.concepts([("bao", "cao", "tien")], ["cao", "tien"])
    assert Concept(("cao", "tien"), "pair") not in concepts
    assert Concept(("cao",)) in concepts
    clause = "Tổng hợp, báo cáo tình hình và tiến độ thực hiện"
    assert _coverage(weights, concepts, clause) == 1.0


def test_a_unit_written_on_its_figure_pairs_with_the_next_word() -> None:
    from retrieval.relevance import pairs_of

    pairs = pairs_of("Hoàn thiện ít nhất 500ha mặt bằng sạch")
    assert "ha mat" in pairs and "500ha mat" in pairs and "mat bang" in pairs
