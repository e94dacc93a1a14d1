"""Answers on the real decisions of tests/real_plans4 (Bộ LĐTBXH QĐ 1544/QĐ-BLĐTBXH 2024, a
procurement plan; UBND tỉnh Bình Định QĐ 518/QĐ-UBND 2023, a capital plan whose appendix
tables give a figure per unit under group rows), and on a variant written for these tests
with other names and figures (a capital plan and a procurement table of the same shapes),
to show the rules are no reading of one plan: a group row named by the question answers
with its subtotal, or its rows when several things are asked; a row whose whole name the
question says comes before the siblings that only mention it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.parser.plan import parse_plan
from retrieval.assistant import Assistant
from retrieval.conversation import Conversation
from retrieval.ordinals import missing_ordinal
from retrieval.query import Intent, understand
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

PLANS = Path(__file__).parent / "real_plans4"
BO_1544 = PLANS / "bo-ldtbxh-1544-QD-BLDTBXH-2024-ke-hoach-lua-chon-nha-thau.txt"
BINH_DINH = PLANS / "binh-dinh-518-QD-UBND-2023-ke-hoach-von-nam-2023.txt"
TUYEN_QUANG = PLANS / "tuyen-quang-986-QD-UBND-2024-ke-hoach-thoi-gian-nam-hoc.txt"

# Invented for these tests: a date plan cut into rounds, of the school-year plan's shape.
ROUNDS = """\
| ỦY BAN NHÂN DÂN TỈNH HÀ NAM ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- |
|---|---|
| Số: 615/QĐ-UBND | Hà Nam, ngày 02 tháng 4 năm 2025 |

QUYẾT ĐỊNH

BAN HÀNH KẾ HOẠCH THỜI GIAN TIÊM CHỦNG VẮC XIN SỞI NĂM 2025 TRÊN ĐỊA BÀN TỈNH HÀ NAM

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM

Theo đề nghị của Giám đốc Sở Y tế tại Tờ trình số 52/TTr-SYT ngày 28/3/2025.

QUYẾT ĐỊNH:

Điều 1. Ban hành Kế hoạch thời gian tiêm chủng vắc xin sởi năm 2025 như sau:

1. Rà soát đối tượng tiêm chủng: Ngày 15/4/2025 (thứ Ba).

2. Thực hiện tiêm chủng theo hai đợt, cụ thể:

- Đợt 1: Bắt đầu từ ngày 05/5/2025; kết thúc trước ngày 20/5/2025.

- Đợt 2: Bắt đầu từ ngày 02/6/2025; kết thúc chiến dịch trước ngày 30/6/2025.

Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.
"""

# Invented for these tests: the capital plan's shape with other units and figures.
VARIANT = """\
| ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- |
|---|---|
| Số: 777/QĐ-UBND | Quảng Ngãi, ngày 14 tháng 3 năm 2025 |

QUYẾT ĐỊNH

VỀ VIỆC GIAO KẾ HOẠCH VỐN NĂM 2025 THỰC HIỆN ĐỀ ÁN KIÊN CỐ HÓA KÊNH MƯƠNG VÀ ĐỀ ÁN NHÀ VĂN HÓA THÔN TRÊN ĐỊA BÀN TỈNH QUẢNG NGÃI

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH

Căn cứ Luật Đầu tư công ngày 13/6/2019;

Theo đề nghị của Sở Tài chính tại Tờ trình số 41/TTr-STC ngày 10/3/2025.

QUYẾT ĐỊNH:

Điều 1. Giao kế hoạch vốn năm 2025 thực hiện 02 Đề án (Chi tiết tại Phụ lục 01 và Phụ lục 02 kèm theo Quyết định này).

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

| Nơi nhận: - Như Điều 2; - Lưu: VT. | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Văn Mẫu |
|---|---|

PHỤ LỤC 01:

DANH MỤC CÔNG TRÌNH VÀ KẾ HOẠCH VỐN NĂM 2025 KIÊN CỐ HÓA KÊNH MƯƠNG

ĐVT: triệu đồng

| STT | Danh mục công trình/ Cơ quan, đơn vị, địa phương thực hiện | Kế hoạch vốn năm 2025 | Ghi chú |
|---|---|---|---|
|  | TỔNG SỐ | 21.300 |  |
| I | SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG | 9.000 |  |
| 1 | Kênh chính hồ Núi Ngang, đoạn K0-K2 | 6.000 |  |
| 2 | Kênh nhánh N3 hồ Núi Ngang | 3.000 |  |
| II | HUYỆN MINH LONG | 4.300 |  |
| 1 | Kênh mương thôn Gò Da, xã Long Hiệp | 1.800 |  |
| 2 | Kênh mương thôn Dư Hạ, xã Long Môn | 2.500 |  |
| III | HUYỆN BA TƠ | 8.000 |  |
| 1 | Kênh mương thôn Làng Mâm, xã Ba Điền | 5.000 |  |
| 2 | Kênh mương thôn Gò Nghênh, xã Ba Vì | 3.000 |  |

PHỤ LỤC 02:

DANH MỤC CÔNG TRÌNH VÀ KẾ HOẠCH VỐN NĂM 2025 NHÀ VĂN HÓA THÔN

ĐVT: triệu đồng

| STT | Danh mục công trình/ Cơ quan, đơn vị, địa phương thực hiện | Kế hoạch vốn năm 2025 | Ghi chú |
|---|---|---|---|
|  | TỔNG SỐ | 3.900 |  |
| I | HUYỆN MINH LONG | 1.700 |  |
| 1 | Nhà văn hóa thôn Gò Da | 900 |  |
| 2 | Nhà văn hóa thôn Dư Hạ | 800 |  |
| II | HUYỆN BA TƠ | 2.200 |  |
| 1 | Nhà văn hóa thôn Làng Mâm | 2.200 |  |
"""


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    folder = tmp_path_factory.mktemp("real4-plans")
    variant = folder / "quang-ngai-777-QD-UBND-2025-ke-hoach-von-nam-2025.txt"
    variant.write_text(VARIANT, encoding="utf-8")
    with ingested_runtime(tmp_path_factory.mktemp("real4"), [BO_1544, BINH_DINH, variant]) as made:
        yield made


@pytest.fixture(scope="module")
def assistant(runtime: Runtime) -> Assistant:
    return runtime.assistant()


def _plan_of(question: str) -> str:
    return (
        TUYEN_QUANG.stem
        if "Tuyên Quang" in question
        else "ha-nam-615-QD-UBND-2025-ke-hoach-tiem-chung"
    )


def _cites(answer_text: str, *parts: str) -> bool:
    return all(part in answer_text for part in parts)


@pytest.mark.parametrize(
    ("question", "figure", "unit"),
    [
        (
            "Sở Y tế Bình Định được bố trí kế hoạch vốn năm 2023 bao nhiêu triệu đồng?",
            "14.000",
            "SỞ Y TẾ",
        ),
        (
            "Huyen Tay Son duoc phan bo bao nhieu von cho truong hoc nam 2023?",
            "6.800",
            "HUYỆN TÂY SƠN",
        ),
        (
            "Phu luc 01 QD 518: huyen Vinh Thanh duoc phan bo bao nhieu von?",
            "5.000",
            "HUYỆN VĨNH THẠNH",
        ),
        # the variant: other units, other figures, the same shape
        (
            "Huyện Ba Tơ được giao bao nhiêu vốn kiên cố hóa kênh mương năm 2025?",
            "8.000",
            "HUYỆN BA TƠ",
        ),
        (
            "Sở Nông nghiệp và Môi trường Quảng Ngãi được giao bao nhiêu vốn?",
            "9.000",
            "SỞ NÔNG NGHIỆP",
        ),
    ],
)
def test_a_group_named_by_the_question_answers_with_its_subtotal(
    assistant: Assistant, question: str, figure: str, unit: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained
    assert _cites(answer.answer, unit, figure)
    assert answer.citations[0].clause_id.count("/") == 1  # the group row, no row under it


def test_the_same_district_in_two_tables_is_read_in_the_one_the_question_is_about(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("Huyện Minh Long được giao bao nhiêu vốn cho nhà văn hóa thôn năm 2025?")
    assert _cites(answer.answer, "HUYỆN MINH LONG", "1.700")
    conversation = Conversation()
    assistant.ask(
        "Huyện Tây Sơn được bố trí bao nhiêu vốn cho trạm y tế năm 2023 theo QĐ 518 Bình Định?",
        conversation=conversation,
    )
    follow = assistant.ask("Còn huyện An Lão?", conversation=conversation)
    assert _cites(follow.answer, "HUYỆN AN LÃO", "2.000")


def test_a_row_the_question_names_is_answered_not_its_group(assistant: Assistant) -> None:
    answer = assistant.ask("Kênh mương thôn Dư Hạ được giao bao nhiêu vốn?")
    assert "2.500" in answer.answer and "4.300" not in answer.answer
    answer = assistant.ask("Truong THCS Mai Xuan Thuong duoc bo tri bao nhieu von?")
    assert "2.000" in answer.answer and "6.800" not in answer.answer


def test_a_group_asked_for_several_things_lists_its_rows(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Thi xa Hoai Nhon co nhung du an truong hoc nao duoc bo tri von nam 2023?"
    )
    assert not answer.abstained
    assert _cites(answer.answer, "Tam Quan", "Bồng Sơn", "Hoài Mỹ")
    answer = assistant.ask("Huyện Ba Tơ có những công trình kênh mương nào được giao vốn?")
    assert _cites(answer.answer, "Làng Mâm", "Gò Nghênh")


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("Giá gói thầu xây lắp bổ sung là bao nhiêu đồng?", "2.726.353.000"),
        ("Goi thau tham dinh gia thiet bi co gia bao nhieu?", "16.500.000"),
        ("Thời gian thực hiện gói thầu xây lắp bổ sung là bao lâu?", "60 ngày"),
        (
            "Phan cong viec da thuc hien cua du an Trung tam Dieu duong Bac Lieu co gia tri bao nhieu?",
            "172.005.118",
        ),
    ],
)
def test_a_row_whose_whole_name_is_asked_comes_before_siblings_that_mention_it(
    assistant: Assistant, question: str, figure: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained
    assert figure in answer.answer


def test_a_row_named_all_but_a_word_beats_the_short_row_its_name_mentions(
    assistant: Assistant,
) -> None:
    # "gói xây lắp" for "gói thầu xây lắp", "HSMT" for "hồ sơ mời thầu": the row asked is
    # "Thẩm định hồ sơ mời thầu, kết quả … gói thầu xây lắp bổ sung", not "Xây lắp bổ sung"
    answer = assistant.ask(
        "Gia goi tham dinh HSMT, ket qua lua chon nha thau goi xay lap bo sung la bao nhieu?"
    )
    assert "5.753.000" in answer.answer and "2.726.353.000" not in answer.answer


@pytest.fixture(scope="module")
def date_plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    folder = tmp_path_factory.mktemp("real4-dates")
    rounds = folder / "ha-nam-615-QD-UBND-2025-ke-hoach-tiem-chung.txt"
    rounds.write_text(ROUNDS, encoding="utf-8")
    with ingested_runtime(tmp_path_factory.mktemp("real4d"), [TUYEN_QUANG, rounds]) as made:
        yield made.assistant()


def test_a_term_the_plan_lacks_is_declined_saying_which_it_has(date_plans: Assistant) -> None:
    answer = date_plans.ask("Học kỳ III năm học 2024-2025 ở Tuyên Quang bắt đầu khi nào?")
    assert answer.abstained
    assert "không nêu học kỳ III" in answer.answer and "học kỳ 1, học kỳ 2" in answer.answer


def test_a_numbered_part_is_missing_only_when_the_plan_numbers_others(
    date_plans: Assistant,
) -> None:
    clauses = date_plans.search.document_clauses("ha-nam-615-QD-UBND-2025-ke-hoach-tiem-chung")
    reason = missing_ordinal("dot 3 tiem chung soi ket thuc khi nao", clauses)
    assert reason is not None and "đợt 1, đợt 2" in reason
    assert missing_ordinal("dot ii tiem chung bat dau khi nao", clauses) is None  # II is 2
    assert missing_ordinal("hoc ky 3 bat dau khi nao", clauses) is None  # no terms at all


def test_an_exam_day_is_no_signing_date(assistant: Assistant) -> None:
    answer = assistant.ask("Ky thi tot nghiep THPT nam 2025 o Tuyen Quang dien ra ngay nao?")
    assert answer.abstained
    assert "13 tháng 8 năm 2024" not in answer.answer


def test_a_day_asked_is_a_time_question_and_an_exam_is_no_signing() -> None:
    asked = understand("Học sinh Tuyên Quang tựu trường năm học 2024-2025 vào ngày nào?")
    assert asked.intent is Intent.DEADLINE
    exam = understand("Ky thi tot nghiep THPT nam 2025 o Tuyen Quang dien ra ngay nao?")
    assert exam.intent is Intent.DEADLINE
    signed = understand("QĐ 986 Tuyên Quang ký ngày nào?")
    assert signed.intent is Intent.DOCUMENT_FACTS


# Invented for these tests: a decision of the same shape with other names and numbers.
ARTICLES = """\
QUYẾT ĐỊNH
Ban hành Kế hoạch tiêm chủng mở rộng năm 2025

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH

Theo đề nghị của Giám đốc Sở Y tế tại Tờ trình số 12/TTr-SYT ngày 02/01/2025.

QUYẾT ĐỊNH:

Điều 1. Ban hành Kế hoạch tiêm chủng mở rộng năm 2025 như sau:

1. Rà soát đối tượng: trước ngày 15/01/2025.

2. Tiêm chủng đợt 1: tháng 3/2025.

Điều 2. Giao Giám đốc Sở Y tế

1. Chỉ đạo các trung tâm y tế tổ chức tiêm chủng đúng kế hoạch.

2. Báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 31/12/2025.

Điều 3. Quyết định này có hiệu lực kể từ ngày ký.
"""


def test_a_decisions_articles_hold_the_clauses_numbered_under_them() -> None:
    for text in (ARTICLES, TUYEN_QUANG.read_text(encoding="utf-8")):
        plan = parse_plan(text, "doc", "doc.txt")
        by_id = {c.id.split(":")[-1]: c for c in plan.clauses}
        assert by_id["d1"].number == "Điều 1" and by_id["d2"].number == "Điều 2"
        assert by_id["d2/1"].parent_id == by_id["d2"].id  # no lost part guessed ("II")
        assert not any(w.startswith("phần II") for w in plan.warnings)
        # "Giao Giám đốc Sở …": the office heads the article's items
        rows = [t for t in plan.targets if t.clause_id.endswith(("d2/1", "d2/2"))]
        assert len(rows) == 2 and all(r.lead_units[0].startswith("Sở ") for r in rows)


def test_an_article_asked_by_number_answers_with_its_items(assistant: Assistant) -> None:
    answer = assistant.ask("Theo Điều 2 QĐ 1544, chủ đầu tư chịu trách nhiệm những việc gì?")
    assert not answer.abstained
    for item in ("Rà soát nội dung các gói thầu", "Tổ chức lựa chọn nhà thầu", "Báo cáo kết quả"):
        assert item in answer.answer
    answer = assistant.ask("Điều 4 QĐ 1544 giao những ai thi hành quyết định?")
    assert "Chánh Văn phòng Bộ" in answer.answer and "Chỉ tiêu/nhiệm vụ 4" not in answer.answer
