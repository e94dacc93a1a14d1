"""Question shapes of batch 12g read as what they ask: the kind and subject of a document
("là loại văn bản gì, về việc gì?"), the point "đ" (NĐ 30/2020 letters a, b, c, d, đ, e …),
and a turn pointing back with "… đó?" whatever its noun."""

from __future__ import annotations

import pytest

from retrieval.follow_ups import REFERS_BACK
from retrieval.query import Intent, MetaField, understand


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        (
            "Van ban 012 cua Dak Lak la loai van ban gi, ve viec gi?",
            (MetaField.KIND, MetaField.TITLE),
        ),
        ("Quyết định 1544 thuộc loại văn bản nào?", (MetaField.KIND,)),
        ("Chỉ thị 012 Đắk Lắk về việc gì?", (MetaField.TITLE,)),
    ],
)
def test_the_kind_and_subject_of_a_document_are_document_facts(
    question: str, fields: tuple[MetaField, ...]
) -> None:
    query = understand(question)
    assert query.intent is Intent.DOCUMENT_FACTS
    assert query.meta_fields == fields


def test_the_point_d_with_a_stroke_is_not_the_point_d() -> None:
    """ "Điểm đ mục 1" folds to "diem d": the letter after "d" is kept as written."""
    asked = understand("Điểm đ mục 1 Chỉ thị 012 Đắk Lắk yêu cầu gì?").clause_refs
    assert [(r.number, r.point) for r in asked] == [("1", "đ")]
    both = understand("điểm d khoản 2 và điểm đ khoản 3 nói gì?").clause_refs
    assert [(r.number, r.point) for r in both] == [("2", "d"), ("3", "đ")]
    # typed without accents, "diem d" is the point d
    plain = understand("Diem d muc 1 Chi thi 012 yeu cau gi?").clause_refs
    assert [(r.number, r.point) for r in plain] == [("1", "d")]


@pytest.mark.parametrize(
    ("question", "refers"),
    [
        ("Văn bản nào quy định việc xử lý các vi phạm đó?", True),
        ("Ai chịu trách nhiệm về những trường hợp này?", True),
        ("Những xã đạt chuẩn năm nay", False),
        ("Các sở báo cáo kết quả do ai tổng hợp?", False),
    ],
)
def test_a_turn_ending_by_pointing_back_leans_on_the_previous(question: str, refers: bool) -> None:
    assert bool(REFERS_BACK.search(understand(question).folded)) is refers


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        (
            "CTr 31-CTr/TW của Bộ Chính trị và CTr 104-CTr/TU của Tỉnh ủy Lào Cai, văn bản nào "
            "ban hành trước? Ngày nào?",
            Intent.DOCUMENT_FACTS,
        ),
        ("Kế hoạch 19 và Kế hoạch 466, văn bản nào được ký trước?", Intent.DOCUMENT_FACTS),
        ("Quy chế phải ban hành trước ngày nào?", Intent.DEADLINE),
    ],
)
def test_which_document_was_issued_first_asks_their_dates(question: str, intent: Intent) -> None:
    query = understand(question)
    assert query.intent is intent
    if intent is Intent.DOCUMENT_FACTS:
        assert query.meta_fields == (MetaField.DATE,)


def test_a_programme_named_by_two_words_before_nao_is_what_the_plan_implements() -> None:
    """ "… còn thực hiện chương trình hành động nào của Bộ Chính trị?" asks its basis; "triển
    khai kế hoạch năm nào?" asks a year."""
    query = understand(
        "Ngoài Kết luận 75, chương trình hành động của Tỉnh ủy Lào Cai còn thực hiện chương "
        "trình hành động nào của Bộ Chính trị?"
    )
    assert query.meta_fields == (MetaField.BASED_ON,)
    assert understand("Các xã triển khai kế hoạch năm nào?").intent is not Intent.DOCUMENT_FACTS


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        ("KH 31/KH-UBND của tỉnh A ký ngày nào?", (MetaField.DATE,)),
        ("Chi thi 07/CT-UBND tinh B ky ngay nao, ai ky?", (MetaField.DATE, MetaField.SIGNER)),
    ],
)
def test_when_a_numbered_plan_was_signed_is_its_date(
    question: str, fields: tuple[MetaField, ...]
) -> None:
    """ "ký" folds to "ki": a long question asking the day a plan was signed is about the
    document (never a task's deadline), and a second part asking who signed stays asked."""
    query = understand(question)
    assert query.intent is Intent.DOCUMENT_FACTS
    assert query.meta_fields == fields


@pytest.mark.parametrize(
    "question", ["Báo cáo định kỳ gửi vào ngày nào?", "Kỳ thi tốt nghiệp tổ chức vào ngày nào?"]
)
def test_a_period_or_an_exam_is_no_signing(question: str) -> None:
    assert understand(question).intent is not Intent.DOCUMENT_FACTS


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("KH chuyển đổi số xã A năm 2026 thực hiện KH nào của UBND tỉnh?", MetaField.BASED_ON),
        ("KH phong chong thien tai ban hanh kem QD so may cua UBND tinh?", MetaField.DECISION),
    ],
)
def test_a_basis_or_decision_asked_by_its_short_form(question: str, field: MetaField) -> None:
    query = understand(question)
    assert query.intent is Intent.DOCUMENT_FACTS
    assert query.meta_fields == (field,)


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        # a decision named by kind and number, then what it approves and when it was signed:
        # "đề án" and "phê duyệt" belong to the decision's own trích yếu, the day is its own
        (
            "QĐ 232/QĐ-TTg phê duyệt đề án gì và ký ngày nào?",
            (MetaField.TITLE, MetaField.DATE),
        ),
        ("Quyết định 15 phê duyệt kế hoạch nào?", (MetaField.TITLE,)),
        ("QĐ 12 phê duyệt đề án được ký ngày nào?", (MetaField.DATE,)),
    ],
)
def test_what_a_decision_approves_and_when_it_was_signed(
    question: str, fields: tuple[MetaField, ...]
) -> None:
    query = understand(question)
    assert query.intent is Intent.DOCUMENT_FACTS
    assert query.meta_fields == fields


def test_an_approved_plans_own_date_is_not_the_decisions() -> None:
    """Without the decision named first, "đề án … phê duyệt ngày nào" asks of another
    document's date, not a document fact of the plan."""
    assert understand("Đề án được phê duyệt ngày nào?").intent is not Intent.DOCUMENT_FACTS
    assert understand("Kế hoạch 19 phê duyệt đề án gì?").intent is not Intent.DOCUMENT_FACTS
