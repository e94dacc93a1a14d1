"""Causes read from held-out failures (batch 12e), each fixed for every plan of its shape and
asserted here on the real plan texts, ingested as a user would:

- the date of a document a plan cites (not loaded), as the plan writes it beside its number;
- a unit the settled plan never names, recognised by the shape of its name, declined;
- when a decision takes effect ("Quyết định này có hiệu lực kể từ ngày ký");
- "TP.HCM" does not name the plan known only as "thành phố";
- "điểm a khoản 1 mục II": the point under the clause the path leads to;
- a quote that is one part of a ";"-joined sentence goes on to the sentence's end;
- question readings: a title the text is about is not the signer's, a task's "thay thế" is
  no replacement asked, a who-question's "tỷ lệ" asks no figure, "chỉ tiêu II.4" is row 4 of
  group II.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.cited_documents import cited_refs, dates_beside
from retrieval.constraints import read_question
from retrieval.conversation import Conversation
from retrieval.query import Intent, MetaField, understand
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

TESTS = Path(__file__).parent
CAN_THO = TESTS / "real_plans" / "can-tho-165-KH-UBND-2025.txt"
QD_773 = TESTS / "real_plans2" / "thu-tuong-773-QD-TTg-2018-ke-hoach-chi-thi-14.txt"
NQ_60 = TESTS / "real_plans2" / "tw-dang-60-NQ-TW-2025-hoi-nghi-11.txt"
KH_252 = TESTS / "real_plans2" / "bcd-quoc-gia-1237-252-KH-BCDQG1237-2013.txt"
SON_LA = TESTS / "real_plans3" / "son-la-254-QD-UBND-2023-ke-hoach-bao-ve-bmnn.txt"
HCM = TESTS / "real_plans3" / "tp-hcm-3210-QD-UBND-2014-ke-hoach-nha-o-nguoi-co-cong.txt"
CORPUS = TESTS.parent / "corpus"
THANH_PHO = CORPUS / "thanh-pho-phu-luc-01-chuyen-doi-so-2023.txt"
NINH_BINH_19 = CORPUS / "ninh-binh-19-KH-UBND-2025.txt"


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    plans = [CAN_THO, QD_773, NQ_60, KH_252, SON_LA, HCM, THANH_PHO, NINH_BINH_19]
    with ingested_runtime(tmp_path_factory.mktemp("trust-12e"), plans) as made:
        yield made


@pytest.fixture(scope="module")
def assistant(runtime: Runtime) -> Assistant:
    return runtime.assistant()


# ---- the date of a cited document --------------------------------------------------------


def test_a_cited_documents_date_is_read_beside_its_number_in_the_text() -> None:
    text = SON_LA.read_text(encoding="utf-8")
    (ref,) = [r for r in cited_refs("nghi dinh 26/2020/nd-cp ban hanh ngay nao")]
    dates = {d.text for d in dates_beside(text, ref)}
    assert dates == {"28/02/2020"}  # written "28 tháng 02 năm 2020" and "28/02/2020"
    (party,) = cited_refs("quy dinh 232-qd/tw ban hanh ngay nao")
    found = dates_beside(NQ_60.read_text(encoding="utf-8"), party)
    assert [d.text for d in found] == ["20/01/2025"]
    assert found[0].quote.startswith("232-QĐ/TW, ngày 20/01/2025")


def test_a_cited_resolution_referred_back_to_is_dated_from_the_plan(
    assistant: Assistant,
) -> None:
    answer = assistant.ask(
        "KH 165 Cần Thơ có nhắc Nghị quyết 21-NQ/TW về công tác dân số trong tình hình mới; "
        "nghị quyết đó ban hành ngày nào?"
    )
    assert not answer.abstained
    assert "25/10/2017" in answer.answer
    # the whole mention, its issuer with it
    assert answer.citations[0].quote.startswith("Nghị quyết số 21-NQ/TW ngày 25 tháng 10 năm 2017")
    assert "25 tháng 10 năm 2017" in answer.answer  # as the plan writes it
    # the plan's own date is still the plan's
    own = assistant.ask("KH 165 Cần Thơ ban hành ngày nào?")
    assert "21 tháng 11 năm 2025" in own.answer


def test_a_decision_only_mentioned_is_dated_not_declined(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Quyết định 2566/QĐ-UBND giao kinh phí bảo vệ BMNN cho Công an tỉnh Sơn La "
        "ban hành ngày nào?"
    )
    assert not answer.abstained
    assert "08/12/2022" in answer.answer
    assert "chưa được nạp" in answer.answer  # said: the date is the citing plan's


def test_the_first_document_named_is_the_one_dated(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Nghi dinh 26/2020/ND-CP quy dinh chi tiet Luat Bao ve BMNN ma QD 254 Son La can cu "
        "duoc ban hanh ngay nao?"
    )
    # said as the plan's basis line writes it, that line cited (not a later mention)
    assert "28/02/2020" in answer.answer and "17/02/2023" not in answer.answer
    assert "26/2020/NĐ-CP ngày 28 tháng 02 năm 2020" in answer.citations[0].quote


def test_a_document_cited_without_a_date_is_still_declined(assistant: Assistant) -> None:
    # "Chỉ thị số 14/CT-TTg" is a loaded plan's theme; an unknown number has no date to read
    answer = assistant.ask("Quyết định 9999/QĐ-UBND ban hành ngày nào?")
    assert answer.abstained


# ---- a unit the plan never names ---------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        (
            "Thanh tra Chính phủ được giao nhiệm vụ gì trong kế hoạch kèm QĐ 773 về công tác "
            "người có công?",
            "Thanh tra Chính phủ",
        ),
        (
            "Bo Chi huy quan su tinh Son La duoc giao nhiem vu gi trong ke hoach bao ve BMNN "
            "nam 2023?",
            "Bo Chi huy quan su tinh Son La",
        ),
        ("Ủy ban Kiểm tra Trung ương được NQ 60-NQ/TW giao những nhiệm vụ gì?", None),
    ],
)
def test_a_unit_the_plan_never_names_is_declined(
    assistant: Assistant, question: str, unit: str | None
) -> None:
    answer = assistant.ask(question)
    assert answer.abstained
    assert "không giao nhiệm vụ nào cho" in answer.answer
    if unit:
        assert unit in answer.answer


def test_a_unit_the_plan_names_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask("Bộ Quốc phòng được giao nhiệm vụ gì trong QĐ 773?")
    assert not answer.abstained
    assert "không giao nhiệm vụ nào" not in answer.answer


# ---- when a decision takes effect, and the place it is of ----------------------------------


def test_a_decision_takes_effect_as_its_article_says(assistant: Assistant) -> None:
    answer = assistant.ask("Quyết định 3210/QĐ-UBND của TP.HCM có hiệu lực từ khi nào?")
    assert not answer.abstained
    assert "kể từ ngày ký" in answer.answer and "28/06/2014" in answer.answer
    assert {c.document_id for c in answer.citations} == {HCM.stem}


def test_tp_hcm_does_not_name_the_plan_known_only_as_thanh_pho(assistant: Assistant) -> None:
    ctx = assistant.context("Quyết định 3210/QĐ-UBND của TP.HCM có hiệu lực từ khi nào?")
    assert ctx.scope.doc_ids == [HCM.stem]
    ctx = assistant.context("Phụ lục 01 của thành phố ban hành vào tháng mấy?")
    assert THANH_PHO.stem in ctx.scope.doc_ids


# ---- a path with a point, a quote to the sentence's end -------------------------------------


def test_a_point_under_the_clause_the_path_names(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Theo diem a khoan 1 muc II KH 165 Can Tho, ty le tre em duoi 15 tuoi va ty le nguoi "
        "tu 65 tuoi tro len phan dau dat khoang bao nhieu?"
    )
    assert not answer.abstained
    assert answer.citations[0].clause_id.endswith(":II/1/a")
    assert "22%" in answer.answer and "12%" in answer.answer


def test_a_quote_goes_on_to_the_end_of_its_sentence(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Theo chú thích [2] KH 19, kế hoạch CĐS của các đơn vị, địa phương phải đáp ứng yêu cầu gì?"
    )
    quote = answer.citations[0].quote
    assert quote.startswith("Nội dung của Kế hoạch")
    assert quote.endswith("của từng nhiệm vụ.")  # "… nhiệm vụ; phân công … mốc thời gian …"


# ---- question readings -----------------------------------------------------------------


def test_a_title_the_text_is_about_is_not_the_signers() -> None:
    query = understand("NQ 60 thi hanh ky luat cach chuc tat ca cac chuc vu trong Dang doi voi ai?")
    assert query.intent is not Intent.DOCUMENT_FACTS
    signer = understand("Người ký KH 88/KH-UBND Thái Bình ký với chức danh gì?")
    assert MetaField.SIGNER_TITLE in signer.meta_fields


def test_a_tasks_replacement_words_ask_no_replacement() -> None:
    query = understand(
        "Theo QD 773, viec ra soat he thong van ban lam co so lap ho so Phap lenh thay the "
        "duoc lam vao nam nao?"
    )
    assert MetaField.REPLACES not in query.meta_fields
    asked = understand("Kế hoạch 19/KH-UBND thay thế những kế hoạch nào?")
    assert asked.meta_fields == (MetaField.REPLACES,)


def test_a_who_questions_quantity_noun_asks_no_figure() -> None:
    who = understand(
        "Bo nao chu tri xay dung quy che giam dinh y khoa xac dinh ty le ton thuong co the?"
    )
    assert who.intent.value.startswith("who")
    assert not read_question(who).figure
    assert read_question(understand("Tỷ lệ hồ sơ trực tuyến đạt bao nhiêu?")).figure
    assert read_question(understand("Ai chủ trì và đạt bao nhiêu phần trăm?")).figure


def test_a_roman_dotted_row_is_a_path() -> None:
    query = understand("Chi tieu II.4 phu luc 01 thanh pho han hoan thanh khi nao?")
    steps = [(s.level, s.label) for s in read_question(query).path]
    assert ("row", "4") in steps or ("clause", "4") in steps
    assert any(label == "II" for _, label in steps)


# ---- counting a heading's items; a task shared out under several units --------------------


def test_how_many_items_a_heading_lists(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Theo NQ 60-NQ/TW, có bao nhiêu đơn vị hành chính cấp tỉnh không thực hiện sáp nhập?"
    )
    assert not answer.abstained
    assert answer.answer.startswith("Có 11 mục")
    assert "Tỉnh Cao Bằng." in answer.answer and "Hợp nhất" not in answer.answer


def test_a_heading_that_only_shares_words_counts_nothing(assistant: Assistant) -> None:
    # "hỗ trợ người có công" in a heading is not "hộ người có công"
    answer = assistant.ask(
        "Kế hoạch 3210 dự kiến hỗ trợ bao nhiêu hộ người có công trong năm 2014?"
    )
    assert not answer.answer.startswith("Có ")


def test_a_task_given_to_several_units_names_each(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Việc sơ kết thực hiện Chỉ thị 31/CT-TTg ngày 28/11/2012 được QĐ 773 giao cho những bộ nào?"
    )
    assert "Bộ Quốc phòng" in answer.answer
    assert "Bộ Lao động - Thương binh và Xã hội" in answer.answer


def test_a_part_read_as_one_task_lists_its_contents_when_items_are_asked(
    assistant: Assistant,
) -> None:
    answer = assistant.ask(
        "Muc VIII KH 252 gom nhung noi dung bao dam nao cho cac doi chuyen trach tim kiem, quy tap?"
    )
    assert not answer.abstained
    assert "thiết bị dò tìm" in answer.answer and "nhà tạm" in answer.answer


def test_the_units_of_a_part_are_not_its_contents(assistant: Assistant) -> None:
    # a part read as one task: its lead units are asked, not its "Nội dung, biện pháp" items
    answer = assistant.ask("Liệt kê các cơ quan chủ trì mục V của Kế hoạch 252.")
    assert "Bộ Quốc phòng" in answer.answer
    assert "giải mã ký hiệu" not in answer.answer


def test_where_the_thing_just_cited_lies_is_read_from_it(assistant: Assistant) -> None:
    # batch 12f: "tỉnh mới đó" points back at the item just cited, not a like item elsewhere
    conversation = Conversation()
    assistant.ask(
        "Theo NQ 60, tỉnh An Giang mới được hợp nhất từ những tỉnh nào?", conversation=conversation
    )
    answer = assistant.ask("Con tinh ly cua tinh moi do dat o dau?", conversation=conversation)
    assert "Kiên Giang" in answer.answer
    assert "Tiền Giang và tỉnh Đồng Tháp" not in answer.answer
