"""A date or number of a document a plan rests on, asked of the plan ("QĐ X căn cứ Luật Y
ban hành ngày nào?"): answered with the plan's basis line naming it, as written, never with
the plan's own date; a document the basis lines do not name is said not to be there.
On three real decisions (tests/real_plans2, tests/real_plans3) read as a user would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.cited_documents import OwnPlan, best_cited, cited_asked, cited_documents
from retrieval.query import understand
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime
from tests.stored_clauses import stored_clause

HERE = Path(__file__).parent
SON_LA = HERE / "real_plans3" / "son-la-254-QD-UBND-2023-ke-hoach-bao-ve-bmnn.txt"
HCM = HERE / "real_plans3" / "tp-hcm-3210-QD-UBND-2014-ke-hoach-nha-o-nguoi-co-cong.txt"
TTG = HERE / "real_plans2" / "thu-tuong-773-QD-TTg-2018-ke-hoach-chi-thi-14.txt"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("cited"), [SON_LA, HCM, TTG]) as made:
        runtime: Runtime = made
        yield runtime.assistant()


def test_the_date_of_a_law_the_plan_rests_on_is_the_laws(assistant: Assistant) -> None:
    answer = assistant.ask("Luật Bảo vệ bí mật nhà nước mà QĐ 254 Sơn La căn cứ có ngày nào?")
    assert not answer.abstained
    assert "15 tháng 11 năm 2018" in answer.answer
    assert "17/02/2023" not in answer.answer  # the plan's own date is not the answer
    assert answer.citations[0].quote.startswith("Căn cứ Luật Bảo vệ bí mật nhà nước")


def test_the_number_of_a_decree_named_by_its_subject(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Nghị định về bảo vệ bí mật nhà nước làm căn cứ cho QĐ 254 Sơn La có số hiệu gì?"
    )
    assert "26/2020/NĐ-CP" in answer.answer
    assert "24/2020" not in answer.answer  # the circular on the same line is another one


def test_a_circular_told_apart_by_its_issuer(assistant: Assistant) -> None:
    answer = assistant.ask("QĐ 3210 căn cứ thông tư của Bộ Tài chính số mấy?")
    assert "98/2013/TT-BXD" in answer.answer
    assert "09/2013" not in answer.answer.split("”")[0].split("“")[1][:40]


def test_the_proposers_letter_from_the_xet_de_nghi_line(assistant: Assistant) -> None:
    answer = assistant.ask("QĐ 3210 được ban hành xét đề nghị tại công văn số mấy của Sở Xây dựng?")
    assert "4236/SXD-QLN&CS" in answer.answer


def test_of_two_ordinances_on_one_line_the_amending_one(assistant: Assistant) -> None:
    answer = assistant.ask(
        "QĐ 773 căn cứ pháp lệnh sửa đổi, bổ sung pháp lệnh ưu đãi người có công ngày nào?"
    )
    assert "16 tháng 7 năm 2012" in answer.answer
    assert "26/2005" not in answer.answer


def test_the_plans_own_date_is_still_its_own(assistant: Assistant) -> None:
    answer = assistant.ask("QĐ 254 của Sơn La ban hành ngày nào?")
    assert "17/02/2023" in answer.answer


def test_a_basis_the_plan_does_not_cite_is_declined(assistant: Assistant) -> None:
    answer = assistant.ask("QĐ 254 Sơn La căn cứ Luật An ninh mạng ban hành ngày nào?")
    assert answer.abstained
    assert "không nêu văn bản được hỏi" in answer.answer
    assert "17/02/2023" not in answer.answer


def test_the_plan_named_by_its_kind_and_title_is_not_a_cited_document() -> None:
    own = [OwnPlan("254/QĐ-UBND", "Quyết định", "Kế hoạch bảo vệ bí mật nhà nước năm 2023")]
    asked = cited_asked(
        understand("Quyết định 254 căn cứ Luật Đất đai ban hành ngày nào?").folded, own
    )
    assert asked is not None
    assert [n.kind for n in asked.named] == ["luat"]
    assert cited_asked(understand("Quyết định 254 ban hành ngày nào?").folded, own) is None


def test_what_a_cited_decree_is_about_is_its_mentions_subject(assistant: Assistant) -> None:
    answer = assistant.ask("Nghị định 26/2020/NĐ-CP mà QĐ 254 Sơn La căn cứ quy định nội dung gì?")
    assert not answer.abstained
    assert "Quy định chi tiết một số điều của Luật Bảo vệ" in answer.answer
    assert "chưa được nạp" in answer.answer


def test_what_a_cited_document_proposes_is_not_in_its_mention(assistant: Assistant) -> None:
    # the plan cites its number, date and subject, not what it proposes
    answer = assistant.ask("Nghị định 26/2020/NĐ-CP mà QĐ 254 căn cứ đề xuất những nội dung gì?")
    assert answer.abstained
    assert "chưa được nạp" in answer.answer and "không nêu nó đề xuất" in answer.answer


def test_the_plans_own_enacting_line_cites_nothing() -> None:
    """ "… ban hành Kế hoạch thực hiện như sau:" after the basis introduces the plan's body: a
    question for the provincial plan it rests on gets the basis line, not that sentence."""
    preamble = stored_clause(
        "Căn cứ Kế hoạch số 42/KH-UBND ngày 24/01/2025 của UBND tỉnh Hà Tĩnh về chuyển đổi số; "
        "Căn cứ Nghị quyết số 15-NQ/TU ngày 10/01/2025 của Thị ủy Hồng Lĩnh; "
        "Ủy ban nhân dân thị xã ban hành Kế hoạch thực hiện như sau:",
        kind="preamble",
    )
    mentions = [document.mention for document in cited_documents([preamble])]
    assert len(mentions) == 2 and not any("như sau" in m for m in mentions)
    own = [OwnPlan("56/KH-UBND", "ke hoach", "Chuyển đổi số thị xã Hồng Lĩnh năm 2025")]
    asked = cited_asked(understand("KH 56 căn cứ kế hoạch nào của UBND tỉnh Hà Tĩnh?").folded, own)
    assert asked is not None
    found = best_cited(cited_documents([preamble]), asked)
    assert found is not None and "42/KH-UBND" in found.mention


def test_the_basis_asked_not_the_plan_described_by_its_title() -> None:
    """ "Kế hoạch bầu cử của MTTQ xã … căn cứ kế hoạch nào của Ban Thường vụ Đảng ủy xã?": the
    first "kế hoạch" describes the plan itself; the one asked is its basis."""
    preamble = stored_clause(
        "Căn cứ Kế hoạch số 06/KH-MTTW-BTT, ngày 22/7/2025 của Ủy ban Trung ương Mặt trận Tổ "
        "quốc Việt Nam về thực hiện công tác bầu cử; Kế hoạch số 21-KH/ĐU, ngày 29/7/2025 của "
        "Ban Thường vụ Đảng ủy xã Lương Minh về triển khai công tác bầu cử;",
        kind="preamble",
    )
    own = [OwnPlan("16/KH-MTTQ-BTT", "ke hoach", "Thực hiện công tác bầu cử")]
    question = (
        "Kế hoạch bầu cử của MTTQ xã Lương Minh căn cứ kế hoạch nào của Ban Thường vụ Đảng ủy xã?"
    )
    asked = cited_asked(understand(question).folded, own)
    assert asked is not None
    found = best_cited(cited_documents([preamble]), asked)
    assert found is not None and "21-KH/ĐU" in found.mention


def test_citations_written_in_the_enacting_sentence_are_kept() -> None:
    """A basis written in the enacting sentence itself ("Căn cứ Chỉ thị số 19/CT-TTg … và
    Kế hoạch số 16/KH-HĐTĐKT …, Ủy ban nhân dân tỉnh ban hành Kế hoạch … như sau:", the way
    the real plan in tests/headers/found2/37-… writes it after "Thực hiện"): the citations
    stay, the enacting clause is left out."""
    preamble = stored_clause(
        "Căn cứ Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ về việc phát động "
        "thi đua và Kế hoạch số 16/KH-HĐTĐKT ngày 31/8/2021 của Hội đồng Thi đua - Khen thưởng "
        "Trung ương, Ủy ban nhân dân tỉnh Nghệ Thử ban hành Kế hoạch tổ chức thực hiện như sau:",
        kind="preamble",
    )
    mentions = [document.mention for document in cited_documents([preamble])]
    assert len(mentions) == 1, mentions
    assert "19/CT-TTg" in mentions[0] and "16/KH-HĐTĐKT" in mentions[0]
    assert "ban hành" not in mentions[0] and "như sau" not in mentions[0]
    party = stored_clause(
        "Căn cứ Kế hoạch số 16-KH/TU, ngày 31/8/2021 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ "
        "Huyện ủy xây dựng kế hoạch thực hiện như sau:",
        kind="preamble",
    )
    (mention,) = [document.mention for document in cited_documents([party])]
    assert mention.endswith("của Ban Thường vụ Tỉnh ủy") and "16-KH/TU" in mention


_RESOLUTION_PREAMBLE = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    "Xét Tờ trình số 05/TTr-UBND ngày 02 tháng 6 năm 2019 của Ủy ban nhân dân tỉnh về việc "
    "ban hành Chương trình phát triển nông thôn năm 2020 và Báo cáo thẩm tra số 09/BC-KTNS "
    "ngày 08 tháng 6 năm 2019 của Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh;\n"
    "Hội đồng nhân dân tỉnh đã thảo luận và nhất trí,"
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Báo cáo thẩm tra NQ 12 số mấy, của ban nào HĐND tỉnh?", "09/BC-KTNS"),
        ("Bao cao tham tra chuong trinh phat trien nong thon 2020 la cua ban nao?", "09/BC-KTNS"),
        ("Tờ trình ban hành Chương trình phát triển nông thôn năm 2020 đề ngày nào?", "05/TTr"),
    ],
)
def test_the_submission_and_its_review_named_by_kind_alone(question: str, expected: str) -> None:
    """A resolution is adopted on a Tờ trình and a Báo cáo thẩm tra ("Xét Tờ trình số …
    và Báo cáo thẩm tra số … của Ban …"): named by kind alone as the question's subject,
    the one its preamble names is the answer; "chương trình …" named after it is the
    resolution issuing it, not another cited document."""
    preamble = stored_clause(_RESOLUTION_PREAMBLE, kind="preamble")
    title = "Nghị quyết Ban hành Chương trình phát triển nông thôn năm 2020"
    own = [OwnPlan("12/NQ-HĐND", "Nghị quyết", title)]
    asked = cited_asked(understand(question).folded, own)
    assert asked is not None
    found = best_cited(cited_documents([preamble]), asked)
    assert found is not None and expected in found.mention


def test_a_submission_a_duty_asks_for_is_no_cited_document() -> None:
    own = [OwnPlan("12/KH-UBND", "Kế hoạch", "Kế hoạch chuyển đổi số năm 2026")]
    question = "Sở Tư pháp trình tờ trình dự thảo quy chế vào ngày nào?"
    assert cited_asked(understand(question).folded, own) is None
