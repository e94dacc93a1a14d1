"""Document facts of a Chỉ thị and a Quyết định written as web copies write them (issue 13,
batch 12g): the kind and subject of the document, where it was sent ("Nơi nhận" inside a
pipe-table signature block), the date of effect asked together with who proposed it, a
point "đ" the list skips, and a turn pointing back with "… đó?". Small texts in the layout
of the real Đắk Lắk Chỉ thị 012/CT-UBND and the Thủ tướng QĐ 773/QĐ-TTg, with invented
names and figures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval.assistant import Assistant
from retrieval.conversation import Conversation
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

CHI_THI = """|
**ỦY BAN NHÂN
DÂN **
TỈNH QUẢNG THỬ
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 07/CT-UBND
|
*Quảng Thử, ngày
14 tháng 10 năm 2025*
|


**CHỈ THỊ**

VỀ VIỆC TĂNG CƯỜNG KỶ LUẬT, KỶ CƯƠNG TRONG GIẢI QUYẾT HỒ SƠ ĐẤT ĐAI TRÊN ĐỊA BÀN
TỈNH QUẢNG THỬ

Thời gian qua, việc giải quyết hồ sơ đất đai trên địa bàn tỉnh còn chậm. Để khắc phục,
Chủ tịch UBND tỉnh yêu cầu:

**1. Thủ
trưởng các sở, ban, ngành tỉnh; Chủ tịch UBND các xã, phường**

a) Rà soát toàn bộ hồ sơ đất đai quá hạn, công khai lý do chậm trễ trên Cổng thông tin
điện tử của tỉnh.

b) Niêm yết đầy đủ thủ tục đất đai tại Bộ phận Một cửa.

c) Không yêu cầu người dân nộp thêm giấy tờ ngoài quy định.

d) Báo cáo kết quả thực hiện về Sở Nông nghiệp và Môi trường định kỳ hằng quý.

e) Kiểm điểm trách nhiệm cán bộ để hồ sơ quá hạn.

**2. Sở Nông
nghiệp và Môi trường**

a) Tham mưu UBND tỉnh xử lý nghiêm cán bộ, công chức để xảy ra các vi phạm trong giải
quyết hồ sơ đất đai theo quy định tại Nghị định số 55/2025/NĐ-CP ngày 02/3/2025 của
Chính phủ.

b) Tổng hợp kết quả, báo cáo UBND tỉnh trước ngày 15 tháng 12 hằng năm.


|
*Nơi nhận:*
- TT Tỉnh ủy, TT HĐND tỉnh (b/c);
- UB MTTQ Việt Nam tỉnh (b/c);
- CT, PCT UBND tỉnh;
- Các sở, ban, ngành;
- UBND các xã, phường;
- Lưu: VT, NNMT.
|
**KT. CHỦ TỊCH**
PHÓ CHỦ TỊCH
**Lê Văn Thử**
|
"""

QUYET_DINH = """THỦ TƯỚNG CHÍNH PHỦ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 455/QĐ-TTg
Hà Nội, ngày 12 tháng 5 năm 2025

QUYẾT ĐỊNH
BAN HÀNH KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH NƯỚC SẠCH NÔNG THÔN

THỦ TƯỚNG CHÍNH PHỦ

Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
Xét đề nghị của Bộ trưởng Bộ Nông nghiệp và Môi trường,

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chương trình nước sạch nông thôn
với tổng kinh phí dự kiến 120 tỷ đồng từ ngân sách trung ương.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký ban hành.

Điều 3. Các Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh chịu trách nhiệm thi hành Quyết định này./.

Nơi nhận:
- Ban Bí thư Trung ương Đảng;
- Lưu: VT, NN.

THỦ TƯỚNG
Nguyễn Văn Nước
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    folder = tmp_path_factory.mktemp("meta-plans")
    (folder / "quang-thu-07-CT-UBND-2025.txt").write_text(CHI_THI, encoding="utf-8")
    (folder / "thu-tuong-455-QD-TTg-2025.txt").write_text(QUYET_DINH, encoding="utf-8")
    runtime: Runtime
    with ingested_runtime(tmp_path_factory.mktemp("meta-home"), [folder]) as runtime:
        yield runtime.assistant()


def test_the_kind_and_subject_of_a_chi_thi(assistant: Assistant) -> None:
    answer = assistant.ask("Van ban 07 cua Quang Thu la loai van ban gi, ve viec gi?")
    assert not answer.abstained
    assert "loại văn bản là Chỉ thị" in answer.answer
    assert "Về việc tăng cường kỷ luật" in answer.answer
    quotes = [c.quote for c in answer.citations]
    assert "CHỈ THỊ" in quotes and any(q.startswith("VỀ VIỆC TĂNG CƯỜNG") for q in quotes)


def test_where_a_chi_thi_was_sent_from_its_pipe_table_signature(assistant: Assistant) -> None:
    reported = assistant.ask("CT 07 Quảng Thử gửi để báo cáo (b/c) những cơ quan nào?")
    assert not reported.abstained
    assert "TT Tỉnh ủy, TT HĐND tỉnh (b/c)" in reported.answer
    assert "UB MTTQ Việt Nam tỉnh (b/c)" in reported.answer
    assert "Các sở, ban, ngành" not in reported.answer
    one = assistant.ask("CT 07 Quang Thu co gui UBND cac xa, phuong khong?")
    assert not one.abstained and "UBND các xã, phường" in one.answer


def test_the_date_of_effect_and_who_proposed_it_asked_together(assistant: Assistant) -> None:
    answer = assistant.ask("QĐ 455/QĐ-TTg có hiệu lực từ khi nào, ban hành theo đề nghị của ai?")
    assert not answer.abstained
    assert "có hiệu lực kể từ ngày ký ban hành" in answer.answer
    assert "Bộ trưởng Bộ Nông nghiệp và Môi trường" in answer.answer


def test_a_point_the_lettering_skips_is_said_missing(assistant: Assistant) -> None:
    """Items a, b, c, d, e: "điểm đ" is not "điểm d"."""
    answer = assistant.ask("Điểm đ mục 1 Chỉ thị 07 Quảng Thử yêu cầu gì?")
    assert answer.abstained
    assert "điểm đ của mục 1" in answer.answer
    point_d = assistant.ask("Điểm d mục 1 Chỉ thị 07 Quảng Thử yêu cầu gì?")
    assert not point_d.abstained and "định kỳ hằng quý" in point_d.answer


def test_a_turn_ending_with_do_keeps_the_plan(assistant: Assistant) -> None:
    conversation = Conversation()
    assistant.ask(
        "Sở Nông nghiệp và Môi trường Quảng Thử tham mưu xử lý ai?", conversation=conversation
    )
    answer = assistant.ask(
        "Văn bản nào quy định việc xử lý các vi phạm đó?", conversation=conversation
    )
    assert not answer.abstained
    assert "55/2025/NĐ-CP" in answer.answer


def test_a_part_asking_no_document_fact_is_answered_or_said_unanswered(
    assistant: Assistant,
) -> None:
    """ "… do ai ký, tổng kinh phí bao nhiêu?": the signer, and the figure from the text; a
    part no clause states is said to be unanswered, never dropped."""
    answer = assistant.ask("QĐ 455/QĐ-TTg do ai ký, tổng kinh phí dự kiến bao nhiêu?")
    assert not answer.abstained
    assert "Nguyễn Văn Nước" in answer.answer and "120 tỷ đồng" in answer.answer
    assert len(answer.citations) >= 2
    silent = assistant.ask("QĐ 455/QĐ-TTg do ai ký, chủ đầu tư dự án nhà máy nước là ai?")
    assert "Nguyễn Văn Nước" in silent.answer
    assert "không nêu rõ: “chủ đầu tư dự án nhà máy nước là ai”" in silent.answer
