"""Held-out failures of batch 12f on cited documents' dates and on question reading, each
fixed for every plan of its shape:

- the date is said as the citing plan writes it ("25 tháng 7 năm 2017", "04/7/2018"), its
  figures beside a date written in words, with the issuer the plan names after it;
- two documents of one number are ordered by the subject the question gives;
- Tờ trình, Báo cáo, Công điện are cited documents too; "đề ngày nào" asks a date;
- "Quyết định 5689/… phê duyệt … ban hành ngày nào?" asks the named decision's date;
- "ai ban hành Kết luận về …" and "ai chỉ đạo giải mã ký hiệu …" ask no fact of the plan.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval.assistant import Assistant
from retrieval.cited_documents import cited_refs, dates_beside
from retrieval.query import MetaField, understand
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

PLAN = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
Số: 41/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nam, ngày 12 tháng 3 năm 2024

KẾ HOẠCH
Bảo vệ bí mật nhà nước năm 2024

Căn cứ Quyết định số 5689/QĐ-SLĐTBXH ngày 29/8/2024 của Sở Lao động - Thương binh và Xã hội \
tỉnh Hà Nam về việc phê duyệt thiết kế, dự toán phát sinh;
Căn cứ Tờ trình số 53/TTr-CP ngày 27/01/2025 của Chính phủ;
Căn cứ Công điện số 33/CĐ-TTg ngày 07 tháng 4 năm 2024 của Thủ tướng Chính phủ về tăng cường \
bảo đảm an toàn thông tin mạng.

I. MỤC ĐÍCH, YÊU CẦU
1. Thực hiện nghiêm Chỉ thị số 02/CT-TTg ngày 15 tháng 11 năm 2019 về tăng cường công tác bảo \
vệ bí mật nhà nước trong tình hình hiện nay.
2. Quán triệt Chỉ thị số 02/CT-TTg ngày 04/7/2018 của Thủ tướng Chính phủ về công tác bảo vệ \
BMNN trên không gian mạng; Nghị quyết số 63/NQ-CP ngày 25 tháng 7 năm 2017 của Chính phủ và \
Quyết định số 22/2013/QĐ-TTg ngày 26 tháng 4 năm 2013 của Thủ tướng Chính phủ.

II. TỔ CHỨC THỰC HIỆN
1. Công an tỉnh
Chỉ đạo đẩy nhanh tiến độ giải mã ký hiệu, phiên hiệu đơn vị trong chiến tranh.
2. Sở Nội vụ
Giao Bộ Chính trị ban hành Kết luận về phương hướng công tác cán bộ.

Nơi nhận:
- Như trên;
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    folder = tmp_path_factory.mktemp("trust-12f-plans")
    plan = folder / "ha-nam-41-KH-UBND-2024.txt"
    plan.write_text(PLAN, encoding="utf-8")
    with ingested_runtime(tmp_path_factory.mktemp("trust-12f"), [plan]) as made:
        yield made


@pytest.fixture(scope="module")
def assistant(runtime: Runtime) -> Assistant:
    return runtime.assistant()


def test_the_date_is_read_as_written_with_its_issuer() -> None:
    (ref,) = cited_refs("nghi quyet 63/nq-cp ban hanh ngay nao")
    (date,) = dates_beside(PLAN, ref)
    assert date.written == "25 tháng 7 năm 2017"
    assert date.said == "25 tháng 7 năm 2017 (25/07/2017)"
    assert date.issuer == "Chính phủ"  # not "Chính phủ và Quyết định số 22/2013/…"
    (numeric,) = cited_refs("cong dien 33/cd-ttg ban hanh ngay nao")
    (cd,) = dates_beside(PLAN, numeric)
    assert cd.issuer == "Thủ tướng Chính phủ" and cd.written == "07 tháng 4 năm 2024"


def test_a_cited_date_is_said_as_the_plan_writes_it(assistant: Assistant) -> None:
    answer = assistant.ask("Nghi quyet 63/NQ-CP ma KH 41 nhac toi ban hanh ngay nao, cua ai?")
    assert "25 tháng 7 năm 2017" in answer.answer and "của Chính phủ" in answer.answer
    assert "chưa được nạp" in answer.answer


def test_two_documents_of_one_number_are_told_apart_by_the_subject_asked(
    assistant: Assistant,
) -> None:
    answer = assistant.ask(
        "Chi thi 02/CT-TTg ve bao ve BMNN tren khong gian mang ma KH 41 nhac toi ban hanh ngay nao?"
    )
    lines = answer.answer.splitlines()
    first = next(line for line in lines if "ban hành ngày" in line)
    assert "04/7/2018" in first  # the one about cyberspace first, as written
    assert "15 tháng 11 năm 2019" in answer.answer  # the other still said


@pytest.mark.parametrize(
    ("question", "date"),
    [
        ("Tờ trình 53/TTr-CP mà KH 41 căn cứ đề ngày nào?", "27/01/2025"),
        ("Công điện 33/CĐ-TTg về ATTT mạng mà KH 41 căn cứ ban hành ngày nào?", "07 tháng 4"),
        (
            "Quyết định 5689/QĐ-SLĐTBXH phê duyệt thiết kế, dự toán phát sinh ban hành ngày nào?",
            "29/8/2024",
        ),
    ],
)
def test_more_kinds_of_cited_documents_are_dated(
    assistant: Assistant, question: str, date: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained
    assert date in answer.answer and "12 tháng 3 năm 2024" not in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Ai ban hanh Ket luan ve phuong huong cong tac can bo theo KH 41?",
        "Theo KH 41 co quan nao ban hanh Thong tu huong dan ve cong tac tim kiem?",
        "Theo KH 41, ai chi dao day nhanh giai ma ky hieu, phien hieu don vi?",
    ],
)
def test_a_who_question_about_another_document_or_a_task_asks_no_plan_fact(
    question: str,
) -> None:
    fields = understand(question).meta_fields
    assert MetaField.ISSUER not in fields and MetaField.NUMBER not in fields


def test_the_plans_own_facts_are_still_read() -> None:
    assert MetaField.ISSUER in understand("Co quan nao ban hanh KH 41?").meta_fields
    assert MetaField.NUMBER in understand("KH 41 co so ky hieu gi?").meta_fields
    assert MetaField.ISSUER in understand("Ai ban hanh Nghi quyet 60-NQ/TW?").meta_fields


def test_the_task_answers_who_directs_it(assistant: Assistant) -> None:
    answer = assistant.ask("Theo KH 41, ai chi dao day nhanh giai ma ky hieu, phien hieu don vi?")
    assert "Công an tỉnh" in answer.answer and "41/KH-UBND" not in answer.answer.split("\n")[0]
