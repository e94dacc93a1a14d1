"""A thing the question names as two syllables side by side ("đường sắt") that the cited
clauses write neither syllable of is unstated; a paraphrase missing one syllable is not."""

from __future__ import annotations

from typing import Any

from ingest.normalize_vi import folded
from retrieval.answers import Answer
from retrieval.constraints import Reading
from retrieval.decline_checks import CHECKS, HEDGE_CHECKS, Checked, first_decline, term
from retrieval.query import understand
from retrieval.relevance import TermWeights
from retrieval.stored import StoredClause
from retrieval.topic import INTENT_WORDS
from retrieval.unstated_terms import asked_words, unstated_terms
from tests.stored_clauses import stored_clause

PARKS = stored_clause(
    "Tài sản kết cấu hạ tầng khu công nghiệp, khu kinh tế, khu chế xuất — Bộ Tài chính.",
    document_title="Công văn triển khai Nghị định số 178/2026/NĐ-CP",
    path="2. Trách nhiệm công bố danh mục",
)


# the plans' clauses the weights are counted over: "đường sắt", "kinh doanh" and "kinh phí"
# are written, each syllable rarely; "địa phương" in every clause
WEIGHTS = TermWeights(
    [
        "Tài sản kết cấu hạ tầng đường sắt quốc gia.",
        "Hạ tầng khu kinh doanh, khu công nghiệp.",
        "Kinh phí thực hiện từ ngân sách nhà nước.",
        "Giữ vai trò chủ trì, phối hợp.",
        *(f"Các địa phương thực hiện nhiệm vụ {n}." for n in range(40)),
    ]
)


def _terms(question: str, *cited: object, headings: tuple[object, ...] = ()) -> tuple:
    query = understand(question)
    topic = {w for w in query.keywords if w not in INTENT_WORDS}
    return unstated_terms(query.phrases, topic, cited, WEIGHTS, headings)  # type: ignore[arg-type]


def test_a_thing_the_clause_does_not_write_is_unstated() -> None:
    question = "Tài sản kết cấu hạ tầng đường sắt do bộ nào công bố danh mục?"
    assert ("duong", "sat") in _terms(question, PARKS)


def test_the_things_the_clause_writes_are_stated() -> None:
    question = "Tài sản kết cấu hạ tầng khu công nghiệp do bộ nào công bố danh mục?"
    assert _terms(question, PARKS) == ()


def test_one_syllable_missing_is_a_paraphrase_not_a_thing_unstated() -> None:
    # "hạ tầng khu kinh doanh": "kinh" is written, so the pair "kinh doanh" is no new thing
    question = "Tài sản kết cấu hạ tầng khu kinh doanh do bộ nào công bố danh mục?"
    assert ("kinh", "doanh") not in _terms(question, PARKS)


def test_the_heading_above_and_the_plan_title_state_words_too() -> None:
    heading = stored_clause("3. Về đường sắt quốc gia", clause_id="h")
    question = "Tài sản kết cấu hạ tầng đường sắt do bộ nào công bố danh mục?"
    assert _terms(question, PARKS, headings=(heading,)) == ()
    titled = stored_clause(PARKS.text, document_title="Kế hoạch phát triển đường sắt")
    assert _terms(question, titled) == ()


def test_no_clause_cited_no_terms() -> None:
    assert _terms("Kinh phí lấy từ nguồn nào?") == ()


def test_common_words_and_pairs_the_plans_never_write_are_no_terms() -> None:
    # "địa phương" is in every clause: too common to hold a clause to
    assert _terms("Bộ Tài chính đề nghị địa phương công bố danh mục gì?", PARKS) == ()
    # "sắt mới": two words the plans never write side by side, met only in the question
    terms = _terms("Hạ tầng đường sắt mới do bộ nào công bố?", PARKS)
    assert ("duong", "sat") in terms and ("sat", "moi") not in terms


class _Documents:
    def naming_words(self, question_folded: str, doc_ids: object) -> set[str]:
        return set()


class _Search:
    def by_ids(self, ids: object) -> list[object]:
        return []


class _Library:
    """What the `term` check reads of the library: topic words, headings, labels."""

    documents = _Documents()
    search = _Search()
    weights = WEIGHTS

    def topic_words(self, query: object, doc_ids: object) -> list[str]:
        return [w for w in query.keywords if w not in INTENT_WORDS]  # type: ignore[attr-defined]

    def label(self, doc_id: str) -> str:
        return "Công văn 8388/BTC-QLCS"


def _checked(question: str, structured: bool = False, intent: str = "who_lead") -> Checked:
    return _checked_on(question, PARKS, structured, intent)


def _checked_on(
    question: str, clause: StoredClause, structured: bool = False, intent: str = "who_lead"
) -> Checked:
    query = understand(question)
    answer = Answer("Bộ Tài chính.", abstained=False, intent=intent)
    library: Any = _Library()
    return Checked(library, query, Reading(query), answer, (clause,), structured)


def test_a_hedge_naming_an_unstated_thing_is_declined_with_the_words() -> None:
    decline = first_decline(
        _checked("Tài sản kết cấu hạ tầng đường sắt do bộ nào công bố danh mục?"), HEDGE_CHECKS
    )
    assert decline is not None and decline.kind == "term"
    assert "“đường sắt”" in decline.reason and "Công văn 8388/BTC-QLCS" in decline.reason


def test_a_hedge_on_the_things_its_clause_writes_is_kept() -> None:
    question = "Tài sản kết cấu hạ tầng khu công nghiệp do bộ nào công bố danh mục?"
    assert first_decline(_checked(question), HEDGE_CHECKS) is None


def test_structure_and_own_rules_are_not_held_to_the_terms() -> None:
    question = "Tài sản kết cấu hạ tầng đường sắt do bộ nào công bố danh mục?"
    assert first_decline(_checked(question, structured=True), HEDGE_CHECKS) is None
    assert first_decline(_checked(question, intent="compare"), HEDGE_CHECKS) is None


def test_the_term_check_is_only_for_hedges() -> None:
    assert term not in CHECKS and term in HEDGE_CHECKS


def test_the_noun_asked_for_is_no_term_the_clause_must_write() -> None:
    assert asked_words(folded("Phó Giám đốc giữ vai trò gì trong Tiểu ban?")) == {"vai", "tro"}
    assert asked_words(folded("Kinh phí lấy từ nguồn nào?")) == {"tu", "nguon"}
    # a verb the plan acts by, both its syllables: "đạo" of "chỉ đạo" pairs with nothing
    assert {"chi", "dao"} <= asked_words(folded("Nghị quyết chỉ đạo xử lý thế nào?"))
    duty = stored_clause("Phó Trưởng tiểu ban: chủ động tham mưu công tác thông tin.")
    decline = first_decline(_checked_on("Phó Trưởng tiểu ban giữ vai trò gì?", duty), HEDGE_CHECKS)
    assert decline is None


def test_the_verb_by_which_a_plan_acts_is_no_term() -> None:
    weights = TermWeights(["Hội đồng xem xét báo cáo.", *(f"Nhiệm vụ {n}." for n in range(40))])
    query = understand("Hội đồng xem xét báo cáo của những cơ quan nào?")
    topic = {w for w in query.keywords if w not in INTENT_WORDS} - asked_words(query.folded)
    report = stored_clause("Báo cáo công tác 6 tháng của Ủy ban nhân dân tỉnh.")
    assert ("xem", "xet") not in unstated_terms(query.phrases, topic, [report], weights)


def test_the_whole_phrase_asked_after_a_plural_word_and_conformity_verbs_are_no_terms() -> None:
    asked = asked_words(folded("Huyện Ba Tơ có những công trình kênh mương nào được giao vốn?"))
    assert {"cong", "trinh", "kenh", "muong"} <= asked
    assert {"dap", "ung"} <= asked_words(folded("Kế hoạch phải đáp ứng yêu cầu gì?"))
