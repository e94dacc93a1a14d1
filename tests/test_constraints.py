"""The typed reading of a question and the constraint check: a location path, a plan only
mentioned, a role the plan's table lacks, one meaning of "chủ trì" for answers and matrix,
comparisons that cover every place named (bundled corpus, hashing embedder)."""

from __future__ import annotations

import pytest

from retrieval.constraints import read_question
from retrieval.query import understand
from retrieval.roles import Role, roles_asked, rows_for_unit

# ---- the reading ------------------------------------------------------------------------


def test_path_is_read_outermost_first_whatever_the_question_order() -> None:
    reading = read_question(understand("Chỉ tiêu 3 mục IV phụ lục 01 thành phố?"))
    assert [(s.level, s.label) for s in reading.path] == [
        ("appendix", "1"),
        ("section", "IV"),
        ("row", "3"),
    ]
    assert reading.located


def test_documents_are_read_with_number_symbol_and_year() -> None:
    reading = read_question(understand("Kế hoạch 92/KH-UBND năm 2026 ban hành ngày nào?"))
    (ref,) = reading.documents
    assert (ref.number, ref.symbol, ref.year) == ("92", "kh-ubnd", 2026)
    assert ref.label == "Kế hoạch 92/KH-UBND"
    assert not read_question(understand("Kế hoạch 2025 của Ninh Bình?")).documents


def test_a_letter_named_by_its_short_form_is_a_document() -> None:
    """ "CV 7103" names công văn 7103 as "Công văn 7103" does: a loaded letter beside a decree
    it carries out is what the question is about."""
    reading = read_question(understand("Ngoài Nghị định 178, CV 7103 còn thực hiện gì?"))
    assert [(d.kind, d.number) for d in reading.documents] == [
        ("nghi dinh", "178"),
        ("cong van", "7103"),
    ]
    assert reading.documents[1].label == "Công văn 7103"


def test_a_plan_numbered_before_a_year_or_a_quy_word_is_still_a_plan() -> None:
    """ "kế hoạch 5 năm" is a five-year plan, not plan 5; "KH 19 năm 2025" and "KH 19 (quy chế
    …)" are plan 19."""

    def named(question: str) -> list[tuple[str, str]]:
        return [(d.kind, d.number) for d in read_question(understand(question)).documents]

    assert named("Mục tiêu của kế hoạch 5 năm là gì?") == []
    assert named("KH 19 năm 2025 của Ninh Bình do ai ký?") == [("ke hoach", "19")]
    assert ("ke hoach", "19") in named("Văn bản số 5 trong phụ lục 2 KH 19 (quy chế quản lý) hạn?")


@pytest.mark.parametrize(
    ("question", "symbol", "label"),
    [
        (
            "Thông tư 34/2023/TT-BYT quy định Chi cục Dân số có nhiệm vụ gì?",
            "2023/tt-byt",
            "Thông tư 34/2023/TT-BYT",
        ),
        (
            "Nghị định 30/2020/NĐ-CP quy định gì về thể thức?",
            "2020/nd-cp",
            "Nghị định 30/2020/NĐ-CP",
        ),
        ("thong tu so 02/2021/tt-byt noi gi", "2021/tt-byt", "Thông tư 02/2021/TT-BYT"),
    ],
)
def test_a_legal_document_is_read_with_the_year_in_its_number(
    question: str, symbol: str, label: str
) -> None:
    """A circular or decree carries its year between the figures and the symbol: it is a
    document the question names (declined when not loaded), not a stray number."""
    (ref,) = read_question(understand(question)).documents
    assert (ref.symbol, ref.label) == (symbol, label)
    assert ref.span.start == 0


@pytest.mark.parametrize(
    ("question", "roles"),
    [
        ("Sở KHCN phối hợp thực hiện những chỉ tiêu nào?", (Role.COOPERATING,)),
        ("Sở Tài chính chủ trì theo dõi chỉ tiêu nào?", (Role.MONITORING,)),
        ("Công an tỉnh chủ trì những chỉ tiêu nào?", (Role.LEAD,)),
        ("Ai trực tiếp chỉ đạo chỉ tiêu 3?", (Role.DIRECT,)),
        ("Ban Chỉ đạo tỉnh họp bao lâu một lần?", ()),
        ("Sở Y tế thực hiện những chỉ tiêu nào?", (Role.LEAD,)),
        ("Sở Y tế có những chỉ tiêu nào?", ()),
    ],
)
def test_role_words(question: str, roles: tuple[Role, ...]) -> None:
    assert roles_asked(understand(question).folded) == roles


def test_figure_and_unknown_words_are_reported() -> None:
    query = understand("Tỷ lệ xe buýt điện đạt bao nhiêu?")
    reading = read_question(query, topic=("xe", "buyt", "dien"), known=lambda w: w == "dien")
    assert reading.figure
    assert reading.unknown == ("xe", "buyt")


# ---- the check, on the bundled plans -------------------------------------------------------


@pytest.fixture(scope="module")
def assistant(corpus_runtime):
    return corpus_runtime.assistant()


def test_location_path_is_honoured(assistant) -> None:
    answer = assistant.ask("Chỉ tiêu 3 mục IV phụ lục 01 thành phố?")
    assert not answer.abstained
    assert "IV. Xã hội số" in answer.citations[0].path
    assert "định danh điện tử" in answer.citations[0].text


def test_a_path_the_plan_lacks_is_named(assistant) -> None:
    answer = assistant.ask("Chi tieu 10 muc II phu luc 01 thanh pho?")
    assert answer.abstained
    assert "không có mục II chỉ tiêu 10" in answer.answer


def test_a_plan_only_mentioned_is_said_not_loaded(assistant) -> None:
    answer = assistant.ask("Kế hoạch 92/KH-UBND năm 2026 do ai ký?")
    assert answer.abstained
    assert answer.answer.startswith("Kế hoạch 92/KH-UBND chưa được nạp")
    assert answer.citations  # where a loaded plan mentions it
    assert "92/KH-UBND" in answer.citations[0].text


def test_a_plan_named_as_a_topic_is_not_declined(assistant) -> None:
    answer = assistant.ask("Mô hình bảo đảm ATTT theo Chỉ thị 14/CT-TTg có mấy lớp?")
    assert "chưa được nạp" not in answer.answer


def test_a_role_the_table_lacks_is_not_widened(assistant) -> None:
    """Plan 19's appendix has no co-operating column, so its 33 rows naming Sở KHCN in
    other roles are not the answer; the one duty its text gives Sở KHCN as a co-operating
    unit ("Chủ trì phối hợp với Sở Khoa học và Công nghệ, Sở Tài chính rà soát …") is."""
    answer = assistant.ask("Sở KHCN phối hợp thực hiện những chỉ tiêu nào trong kế hoạch 19?")
    assert not answer.abstained
    assert answer.answer.startswith("Có 1 chỉ tiêu/nhiệm vụ")
    assert "phối hợp với Sở Khoa học và Công nghệ, Sở Tài chính" in answer.answer


def test_lead_means_the_matrix_rows(assistant) -> None:
    """'chủ trì' lists the rows of the matrix filter role=lead; a column of another role
    worded 'chủ trì theo dõi' is shown apart, never merged."""
    answer = assistant.ask("Công an tỉnh chủ trì những chỉ tiêu nào?")
    matrix = rows_for_unit(assistant.search, [], ["cong an tinh"], [Role.LEAD])
    first = answer.answer.split("\nNgoài ra")[0]
    assert first.startswith(f"Có {len(matrix)} chỉ tiêu/nhiệm vụ")
    listed = {c.clause_id for c in answer.citations[: len(matrix)]}
    assert listed == {row.clause_id for row in matrix}


def test_compare_covers_every_place_named(assistant) -> None:
    answer = assistant.ask("So sánh tỷ trọng kinh tế số của Ninh Bình và Tiền Giang")
    labels = {c.document_id for c in answer.citations}
    assert any("tien-giang" in d for d in labels) and any("ninh-binh" in d for d in labels)
    assert len(answer.answer.splitlines()) == 3  # one line per place named


def test_directing_is_absent_where_the_table_only_monitors(assistant) -> None:
    answer = assistant.ask("Ai trực tiếp chỉ đạo chỉ tiêu 6.8 trong kế hoạch 19?")
    assert answer.abstained
    assert "không có cột đơn vị trực tiếp chỉ đạo" in answer.answer
    assert answer.citations[0].clause == "6.8"  # the row, as the closest


def test_directing_is_answered_where_the_table_has_it(assistant) -> None:
    answer = assistant.ask("Ai trực tiếp chỉ đạo chỉ tiêu 8 mục IV phụ lục 01 thành phố?")
    assert not answer.abstained
    assert "Trưởng phòng Y tế" in answer.answer.splitlines()[0]


def test_a_decision_the_question_opens_with_is_its_subject(assistant) -> None:
    answer = assistant.ask("Quyết định 06/QĐ-TTg đặt chỉ tiêu kích hoạt VNeID là bao nhiêu?")
    assert answer.abstained
    assert "06/QĐ-TTG chưa được nạp" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Tỷ lệ người dân có tài khoản VNeID mức 2 phải đạt bao nhiêu?",
        "ty le kich hoat vneid muc 2 la bao nhieu?",
    ],
)
def test_a_level_is_not_a_section(question: str) -> None:
    assert not understand(question).clause_refs


def test_digital_signatures_and_validity_are_not_document_facts() -> None:
    assert understand("Tỷ lệ văn bản được ký số là bao nhiêu?").meta_field is None
    assert understand("Kế hoạch 88 có hiệu lực đến ngày nào?").meta_field is None
    assert understand("Kế hoạch 19 do ai ký?").meta_field is not None


def test_a_year_the_plan_does_not_state_is_said(assistant) -> None:
    answer = assistant.ask("Theo kế hoạch xã Xuân Trường, năm 2030 tỷ lệ hồ sơ TTHC trực tuyến?")
    assert answer.abstained
    assert "không nêu nội dung này cho năm 2030" in answer.answer
