"""Compare: one best clause per plan named; one named plan with a year is no comparison."""

from __future__ import annotations

from retrieval.assistant import Assistant
from retrieval.strategies import compare
from tests.strategies.conftest import NINH_BINH_19, THANH_PHO, TIEN_GIANG, XUAN_TRUONG, plans


def test_each_place_named_is_answered(assistant: Assistant) -> None:
    ctx = assistant.context("So sánh mục tiêu chuyển đổi số của Ninh Bình và Tiền Giang")
    answer = compare.answer(ctx)
    assert answer is not None and answer.intent == "compare"
    # Ninh Bình has two plans: the place named once is answered by one of them
    assert plans(answer) == {NINH_BINH_19, TIEN_GIANG}


def test_comparing_two_plans_given(assistant: Assistant) -> None:
    ctx = assistant.context("Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử")
    answer = compare.compare(ctx, [THANH_PHO, XUAN_TRUONG])
    assert answer.intent == "compare" and plans(answer) == {THANH_PHO, XUAN_TRUONG}
    assert "trên 50%" in answer.answer


def test_one_plan_compared_with_a_year_passes(assistant: Assistant) -> None:
    ctx = assistant.context("Tỷ lệ hồ sơ trực tuyến của Tiền Giang so với năm 2024?")
    assert ctx.scope.doc_ids == [TIEN_GIANG]
    assert compare.answer(ctx) is None


def test_a_question_comparing_nothing_passes(assistant: Assistant) -> None:
    assert compare.answer(assistant.context("Sở nào chủ trì chỉ tiêu 6.6?")) is None


def test_plans_named_by_number_are_where_to_look_not_what_to_compare(assistant) -> None:
    """ "KH 19 Ninh Bình, KH 466 Tiền Giang và xã Xuân Trường": "KH 19", "KH 466" pick the
    plans; the topic compared is the satisfaction rate, found in each of the three."""
    answer = assistant.ask(
        "Tỷ lệ người dân, doanh nghiệp hài lòng: KH 19 Ninh Bình, KH 466 Tiền Giang và "
        "xã Xuân Trường đặt bao nhiêu?"
    )
    assert not answer.abstained
    cited = {c.document_id for c in answer.citations}
    assert {"ninh-binh-19-KH-UBND-2025", "tien-giang-466-KH-UBND-2025"} <= cited
    assert "xa-xuan-truong-chuyen-doi-so-2026" in cited


def test_one_units_rows_compared_across_plans_are_its_rows_in_each(assistant) -> None:
    """ "Sở KHCN chủ trì nhiệm vụ gì trong KH 19 và KH 466?" is the unit's rows in its role
    in each plan named (a list by unit over those plans), not one search hit per plan."""
    answer = assistant.ask("Sở Khoa học và Công nghệ chủ trì nhiệm vụ gì trong KH 19 và KH 466?")
    assert not answer.abstained
    assert answer.intent == "list_by_unit"
    assert {c.document_id for c in answer.citations} >= {"ninh-binh-19-KH-UBND-2025"}


def test_a_figure_compared_needs_each_plans_figure(assistant) -> None:
    """ "Tỷ lệ … đặt bao nhiêu" in two plans: a plan whose closest clause states no figure is
    said to be missing, never compared by a sentence that only names the topic."""
    ctx = assistant.context(
        "Tỷ lệ hồ sơ trực tuyến của KH 19 Ninh Bình và KH 466 Tiền Giang là bao nhiêu?"
    )
    answer = compare.answer(ctx)
    assert answer is not None
    from retrieval.amounts import own_text
    from retrieval.figures import states_figure

    if not answer.abstained:
        for citation in answer.citations:
            (clause,) = assistant.search.by_ids([citation.clause_id])
            assert states_figure(own_text(clause))


PILOT = "ninh-binh-thi-diem-chinh-quyen-so-cap-so-2022"


def test_a_plan_named_by_number_is_its_place_plan(assistant: Assistant) -> None:
    """ "KH 19 Ninh Bình": the place names KH 19, not Ninh Bình's pilot plan as well; the
    pilot plan named by its own title words stands beside it."""
    ctx = assistant.context("So sánh mục tiêu chuyển đổi số của KH 19 Ninh Bình và Tiền Giang")
    groups = compare._by_named_place(ctx, [NINH_BINH_19, PILOT, TIEN_GIANG])
    assert groups == [[NINH_BINH_19], [TIEN_GIANG]]
    ctx = assistant.context(
        "So sánh KH 19 Ninh Bình và mô hình thí điểm chính quyền số cấp sở 2022 về số hóa hồ sơ"
    )
    assert PILOT in ctx.scope.doc_ids
    assert compare._by_named_place(ctx, ctx.scope.doc_ids) == [[d] for d in ctx.scope.doc_ids]


def test_one_units_part_in_two_plans_is_what_each_gives_it(assistant: Assistant) -> None:
    """ "Sở Tài chính trong kế hoạch thí điểm … Ninh Bình và KH 466 Tiền Giang có vai trò gì?":
    no role and no topic but the unit; each plan's duty under the unit's heading."""
    answer = compare.answer(
        assistant.context(
            "Sở Tài chính trong kế hoạch thí điểm chính quyền số cấp sở Ninh Bình và KH 466 "
            "Tiền Giang có vai trò gì?"
        )
    )
    assert answer is not None and not answer.abstained and answer.intent == "compare"
    assert plans(answer) == {"ninh-binh-thi-diem-chinh-quyen-so-cap-so-2022", TIEN_GIANG}
    assert "bố trí kinh phí" in answer.answer


def test_a_plan_never_naming_the_unit_is_said_not_to(assistant: Assistant) -> None:
    """KH 19 Ninh Bình never names Sở Nội vụ: said so, never another unit's clause."""
    answer = compare.answer(
        assistant.context("Sở Nội vụ trong KH 466 Tiền Giang và KH 19 Ninh Bình được giao việc gì?")
    )
    assert answer is not None and plans(answer) == {TIEN_GIANG}
    assert "Kế hoạch 19/KH-UBND (tỉnh Ninh Bình, 2025) không nêu Sở Nội vụ" in answer.answer


def test_two_plans_named_apart_and_joined_are_each_asked(assistant: Assistant) -> None:
    """ "… thành phố năm 2023 và tỉnh Ninh Bình năm 2025 đặt bao nhiêu?" (gold cmp-009): the
    city's plan has no place name, yet it is named apart from Ninh Bình's by its level and
    year; both figures are given, never one plan declined for the other."""
    answer = compare.answer(
        assistant.context(
            "Tỷ trọng thương mại điện tử trong tổng mức bán lẻ: thành phố năm 2023 và tỉnh "
            "Ninh Bình năm 2025 đặt bao nhiêu?"
        )
    )
    assert answer is not None and not answer.abstained
    assert plans(answer) == {THANH_PHO, NINH_BINH_19}
    assert "8,5%" in answer.answer and "10%" in answer.answer


def test_an_and_spelled_out_from_an_abbreviation_joins_no_plans(assistant: Assistant) -> None:
    """ "ICT" reads as "công nghệ thông tin và truyền thông": that "và" is not the
    question's, so one place's document asked by its subject is no comparison."""
    ctx = assistant.context(
        "Kiến trúc ICT phát triển đô thị thông minh tỉnh Tiền Giang phiên bản 1.0 được phê "
        "duyệt bằng quyết định nào?"
    )
    assert compare.answer(ctx) is None
