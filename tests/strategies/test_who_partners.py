"""Who-answers and unit lists on shapes met in a held-out batch (12g), on small plans written
the way the real ones are (a Thủ tướng decision issuing a plan that carries out a Chỉ thị,
its duties under ministry headings; a Mặt trận plan whose item says "MTTQ phối hợp với …"
beside labelled roles; a web copy hard-wrapping a bold unit heading):

- a plan named by what it carries out ("KH thực hiện Chỉ thị 21-CT/TW") is that plan, and
  its "thực hiện" is no role asked;
- "Bộ X phối hợp với những bộ nào?" is answered with the partners Bộ X's own duty names,
  and "MTTQ xã phối hợp với ai?" with those of the sentence MTTQ is the subject of, not
  with the labelled roles of the item;
- a unit heading wrapped in bold across lines leads the points under it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval.assistant import Assistant
from tests.conftest import ingested_runtime

DECISION = """THỦ TƯỚNG CHÍNH PHỦ
Số: 512/QĐ-TTg
Hà Nội, ngày 10 tháng 5 năm 2024

QUYẾT ĐỊNH
Ban hành Kế hoạch tổ chức thực hiện Chỉ thị số 21-CT/TW ngày 20 tháng 01 năm 2023 của Ban Bí thư về công tác thanh niên

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tổ chức thực hiện Chỉ thị số 21-CT/TW ngày 20 tháng 01 năm 2023 của Ban Bí thư về công tác thanh niên.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

KẾ HOẠCH
Tổ chức thực hiện Chỉ thị số 21-CT/TW

I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt, triển khai nghiêm túc Chỉ thị số 21-CT/TW trong các bộ, ngành.
II. TỔ CHỨC THỰC HIỆN
1. Bộ Nội vụ
- Chủ trì hướng dẫn, kiểm tra, đôn đốc việc thực hiện Kế hoạch này.
2. Bộ Tài chính
- Bảo đảm kinh phí thực hiện các chính sách đối với thanh niên theo quy định.
- Phối hợp kiểm tra, thanh tra việc sử dụng ngân sách cho công tác thanh niên.
3. Bộ Ngoại giao
Phối hợp với Bộ Công an, Bộ Quốc phòng trong việc hỗ trợ thanh niên Việt Nam ở nước ngoài.
"""

OTHER_PLAN = """BAN CHỈ ĐẠO QUỐC GIA
Số: 33/KH-BCĐ
Hà Nội, ngày 02 tháng 3 năm 2024

KẾ HOẠCH
Thực hiện Chỉ thị số 09-CT/TW về phòng, chống thiên tai

I. NHIỆM VỤ
1. Bộ Tài chính chủ trì bố trí kinh phí cho công tác phòng, chống thiên tai hằng năm.
2. Bộ Tài chính chủ trì hướng dẫn thanh quyết toán kinh phí khắc phục hậu quả thiên tai.
"""

FRONT_PLAN = """ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM XÃ AN PHÚ
BAN THƯỜNG TRỰC
Số: 12/KH-MTTQ-BTT
An Phú, ngày 05 tháng 12 năm 2025

KẾ HOẠCH
Công tác bầu cử đại biểu Hội đồng nhân dân xã An Phú

II. NỘI DUNG, PHÂN CÔNG THỰC HIỆN
1. Tổ chức hội nghị tiếp xúc cử tri
- Việc tổ chức hội nghị tiếp xúc cử tri phải bảo đảm đúng thành phần, thời gian, địa điểm.
- MTTQ phối hợp với UBND xã, các tổ chức chính trị - xã hội, các thôn để tổ chức hội nghị tiếp xúc cử tri cho người ứng cử.
- Đơn vị chủ trì: Phó Chủ tịch Thường trực Ủy ban MTTQ xã.
- Đơn vị phối hợp: Trưởng các đoàn thể xã.
- Thời gian: Quý I/2026.
"""

DIRECTIVE = """ỦY BAN NHÂN DÂN TỈNH QUẢNG THỬ
Số: 07/CT-UBND
Quảng Thử, ngày 26 tháng 11 năm 2025

**CHỈ THỊ**

Về tăng cường cải cách thủ tục hành chính trên địa bàn tỉnh Quảng Thử

**1. Sở Nội
vụ**

a) Theo dõi, kiểm tra việc giải quyết thủ tục hành chính tại các xã, phường.

**2. Sở
Khoa học và Công nghệ**

a) Tối ưu hóa Hệ thống thông tin giải quyết thủ tục hành chính tỉnh, bảo đảm hoạt động ổn định 24/7.

b) Nâng cấp Kho dữ liệu điện tử của tổ chức, cá nhân phục vụ khai thác dữ liệu số hóa.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    folder = tmp_path_factory.mktemp("who-shapes")
    for name, text in (
        ("thu-tuong-512-QD-TTg-2024", DECISION),
        ("bcd-33-KH-BCD-2024", OTHER_PLAN),
        ("an-phu-12-KH-MTTQ-2025", FRONT_PLAN),
        ("quang-thu-07-CT-UBND-2025", DIRECTIVE),
    ):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with ingested_runtime(tmp_path_factory.mktemp("who-home"), [folder]) as runtime:
        yield runtime.assistant()


def test_a_plan_named_by_the_directive_it_carries_out(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Liệt kê nhiệm vụ của Bộ Tài chính trong kế hoạch thực hiện Chỉ thị 21-CT/TW."
    )
    assert not answer.abstained
    assert {c.document_id for c in answer.citations} == {"thu-tuong-512-QD-TTg-2024"}
    # "thực hiện" names the plan, not the lead role: the co-operating duty is listed too
    assert (
        "Bảo đảm kinh phí" in answer.answer and "thanh tra việc sử dụng ngân sách" in answer.answer
    )


def test_a_ministrys_partners_from_its_own_duty(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Bộ Ngoại giao phối hợp với những bộ nào trong KH thực hiện Chỉ thị 21-CT/TW?"
    )
    assert not answer.abstained
    first = answer.answer.splitlines()[0]
    assert "Bộ Công an" in first and "Bộ Quốc phòng" in first
    assert "Bộ Ngoại giao phối hợp với" in first
    assert answer.citations[0].quote.startswith("Phối hợp với Bộ Công an")


def test_the_partners_of_the_sentence_the_unit_is_subject_of(assistant: Assistant) -> None:
    answer = assistant.ask("Hội nghị tiếp xúc cử tri: MTTQ xã An Phú phối hợp với ai?")
    assert not answer.abstained
    first = answer.answer.splitlines()[0]
    assert "UBND xã" in first and "các thôn" in first
    assert "Trưởng các đoàn thể" not in first  # the item's labelled partners are not MTTQ's


def test_a_bold_unit_heading_wrapped_over_two_lines_answers_who(assistant: Assistant) -> None:
    answer = assistant.ask("Ai chiu trach nhiem nang cap Kho du lieu dien tu cua to chuc, ca nhan?")
    assert not answer.abstained
    assert "Sở Khoa học và Công nghệ" in answer.answer.splitlines()[0]
