"""Who-questions on the real decisions of tests/real_plans4 after their articles became
sections ("Điều 1. Phê duyệt …", "Điều 2. Giao Giám đốc Sở …"): a clause that names no
unit but the one the question asks about ("Điều 1. Phê duyệt kế hoạch … dự án Trung tâm
Điều dưỡng …") cannot say who, and a responsibility row that shares none of the question's
subject does not outrank the clause that names the unit; a question that asks "ai" after a
lead-in ("Trường hợp đặc biệt, ai quyết định …") asks who, though the task names a time.
Checked on an invented decision of the same shape as well (other units, other subject)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.normalize_vi import folded
from retrieval.assistant import Assistant
from retrieval.query import Intent, understand
from retrieval.rerank import _who_text
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

PLANS = Path(__file__).parent / "real_plans4"
BO_1544 = PLANS / "bo-ldtbxh-1544-QD-BLDTBXH-2024-ke-hoach-lua-chon-nha-thau.txt"
TUYEN_QUANG = PLANS / "tuyen-quang-986-QD-UBND-2024-ke-hoach-thoi-gian-nam-hoc.txt"

# Invented for these tests: a decision of QĐ 986's shape with other units and subject.
VARIANT = """\
| ỦY BAN NHÂN DÂN TỈNH HÀ NAM ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- |
|---|---|
| Số: 733/QĐ-UBND | Hà Nam, ngày 12 tháng 5 năm 2025 |

QUYẾT ĐỊNH

Ban hành Kế hoạch mùa thi đấu thể thao học sinh năm 2025 trên địa bàn tỉnh Hà Nam

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM

QUYẾT ĐỊNH:

Điều 1. Ban hành Kế hoạch mùa thi đấu thể thao học sinh năm 2025 như sau:

1. Khai mạc mùa giải: Ngày 02/6/2025.

2. Các giải bơi lội học sinh cấp tỉnh theo điều lệ và hướng dẫn của Sở Văn hóa, Thể thao và Du lịch.

3. Bế mạc mùa giải trước ngày 30/8/2025.

Điều 2. Giao Giám đốc Sở Giáo dục và Đào tạo

1. Tổ chức thực hiện Kế hoạch đúng quy định. Trường hợp đặc biệt, báo cáo Chủ tịch Ủy ban nhân dân tỉnh quyết định lùi thời gian bế mạc mùa giải.

2. Chủ trì, phối hợp với Ủy ban nhân dân các huyện, thành phố hướng dẫn và tổ chức thực hiện thống nhất Kế hoạch quy định tại Điều 1 Quyết định này.

Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.
"""


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    plans = tmp_path_factory.mktemp("who-plans")
    variant = plans / "ha-nam-733-QD-UBND-2025-the-thao-hoc-sinh.txt"
    variant.write_text(VARIANT, encoding="utf-8")
    paths = [BO_1544, TUYEN_QUANG, variant]
    with ingested_runtime(tmp_path_factory.mktemp("who-home"), paths) as rt:
        yield rt


@pytest.fixture(scope="module")
def assistant(runtime: Runtime) -> Assistant:
    return runtime.assistant()


def test_ai_after_a_lead_in_asks_who() -> None:
    asked = "Trường hợp đặc biệt, ai quyết định thời gian kéo dài năm học ở Tuyên Quang?"
    assert understand(asked).intent is Intent.WHO
    assert understand("Ai quyết định kéo dài thời gian nghỉ học?").intent is Intent.WHO
    # a time asked stays a time question
    assert understand("Ai phải hoàn thành Đề án trước ngày nào?").intent is Intent.DEADLINE
    assert understand("Khi nào, ai báo cáo kết quả?").intent is Intent.DEADLINE


def test_a_clause_naming_only_the_asked_subject_cannot_say_who() -> None:
    asked = understand("Chu dau tu du an Trung tam Dieu duong nguoi co cong la co quan nao?")
    article = "Điều 1. Phê duyệt kế hoạch thuộc dự án Trung tâm Điều dưỡng người có công."
    header = "CHỦ ĐẦU TƯ DỰ ÁN: SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH BẠC LIÊU"
    assert _who_text(article, asked.folded) < 0 < _who_text(header, asked.folded)
    report = "Báo cáo kết quả thực hiện về Bộ (qua Vụ Kế hoạch - Tài chính)."
    assert _who_text(report, asked.folded) > 0  # a ministry's department is a unit


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        (
            "Chu dau tu du an Trung tam Dieu duong nguoi co cong tinh Bac Lieu la co quan nao?",
            "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        ),
        (
            "Cac ky thi, cuoc thi cap tinh o Tuyen Quang to chuc theo huong dan cua co quan nao?",
            "hướng dẫn của Sở Giáo dục và Đào tạo",
        ),
        (
            "Các giải bơi lội học sinh cấp tỉnh ở Hà Nam theo hướng dẫn của cơ quan nào?",
            "Sở Văn hóa, Thể thao và Du lịch",
        ),
    ],
)
def test_the_clause_naming_the_unit_answers_who(
    assistant: Assistant, question: str, unit: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained
    assert unit in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Trường hợp đặc biệt, ai quyết định thời gian kéo dài năm học ở Tuyên Quang?",
        "Trường hợp đặc biệt, ai quyết định lùi thời gian bế mạc mùa giải thể thao học sinh Hà Nam?",
    ],
)
def test_who_decides_in_a_special_case_is_answered(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained
    assert "Chủ tịch Ủy ban nhân dân tỉnh" in answer.answer


def test_no_partner_of_the_investor_is_invented(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Don vi nao phoi hop voi chu dau tu to chuc lua chon nha thau du an Bac Lieu?"
    )
    assert answer.abstained


def test_a_clause_naming_only_the_questions_own_units_does_not_say_who() -> None:
    """ "… dữ liệu các sở, ngành với trục LGSP" asked: a target clause about "dữ liệu của các
    sở, ban, ngành" names the question's own units (shortened there), so it is no answer to
    who monitors it; a clause naming another unit is."""
    question = folded("ai chu tri theo doi chi tieu tich hop du lieu cac so, nganh voi LGSP?")
    own = "Tỉ lệ dữ liệu của các sở, ban, ngành được tích hợp với trục LGSP đạt 60%"
    other = "Theo hướng dẫn của Sở Khoa học và Công nghệ"
    assert _who_text(own, question) < 0 < _who_text(other, question)


def test_a_duty_said_in_the_questions_own_words_outweighs_scattered_words() -> None:
    """A Mặt trận plan's bullet "- Chủ trì xây dựng các báo cáo tổng hợp chung …" says the
    asked duty pair by pair; a row mentioning "báo cáo", "tổng hợp" apart does not."""
    from retrieval.rerank import _pairs_said

    question = understand(
        "Ai chủ trì xây dựng báo cáo tổng hợp chung về công tác bầu cử của cơ quan MTTQ xã?"
    ).folded
    duty = (
        "- Chủ trì xây dựng các báo cáo tổng hợp chung việc thực hiện công tác bầu cử của "
        "cơ quan Ủy ban MTTQ Việt Nam xã."
    )
    row = "- Chế độ báo cáo: Tổng hợp kết quả hoạt động kiểm tra, giám sát công tác bầu cử."
    assert _pairs_said(question, duty) > 2 * _pairs_said(question, row) > 0
