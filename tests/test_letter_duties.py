"""A letter (công văn) carrying out a decree that is not loaded, its duties numbered one per
addressee ("Chủ tịch Ủy ban nhân dân tỉnh giao: 1. Sở … 2. Các sở, ban, ngành … phối hợp với
Sở …"): the questions about what the letter says are answered from it, never declined as
"the decree is not loaded" (batch 12l, issues 12 and 13). The letters are invented, in the
layout NĐ 30/2020/NĐ-CP gives a công văn: a trích yếu "V/v …" wrapped under the số ký hiệu,
"Kính gửi:" with its list, "Nơi nhận:" with more recipients than the addressees."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ingest.domain import ClauseKind
from ingest.parser.plan import parse_plan
from retrieval.assistant import Assistant
from tests.conftest import ingested_runtime

_LETTER = """  ỦY BAN NHÂN DÂN                       CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
    TỈNH NGHỆ AN                              Độc lập - Tự do - Hạnh phúc
 Số:   2715     /UBND-NN                  Nghệ An, ngày 12 tháng 6 năm 2026
V/v tổ chức triển khai thực hiện
Nghị định số 58/2026/NĐ-CP
ngày 02/4/2026 của Chính phủ
quy định về quản lý giống
cây trồng lâm nghiệp
   và vật liệu nhân giống
                   Kính gửi:
                                   - Các sở, ban, ngành cấp tỉnh;
                                   - Ban Quản lý rừng phòng hộ Quỳ Châu;
                                   - Ủy ban nhân dân các xã, phường.
       Thực hiện Nghị định số 58/2026/NĐ-CP ngày 02/4/2026 của Chính phủ quy định về
quản lý giống cây trồng lâm nghiệp và vật liệu nhân giống (gửi kèm theo). Chủ tịch
Ủy ban nhân dân tỉnh giao:
       1. Sở Nông nghiệp và Môi trường chủ động nghiên cứu, tổ chức triển khai
thực hiện các nhiệm vụ thuộc trách nhiệm của tỉnh; tham mưu cho Ủy ban nhân dân
tỉnh chỉ đạo thực hiện các nội dung thuộc thẩm quyền.
       2. Các sở, ban, ngành cấp tỉnh theo chức năng nhiệm vụ, phối hợp với Sở
Nông nghiệp và Môi trường triển khai thực hiện các nội dung theo quy định tại
Nghị định số 58/2026/NĐ-CP ngày 02/4/2026.
       3. Ủy ban nhân dân các xã, phường tổ chức tuyên truyền, phổ biến nội dung của
Nghị định số 58/2026/NĐ-CP đến các tổ chức, cá nhân sản xuất giống trên địa bàn.
Nơi nhận:                                               KT. CHỦ TỊCH
- Như trên;
- Chủ tịch UBND tỉnh;                                   PHÓ CHỦ TỊCH
- Chi cục Kiểm lâm;
- Trung tâm Giống cây trồng;
- Lưu: VT, NN.
                                                         Lê Văn Hải
"""

# another letter of the same province on another subject
_OTHER = """  ỦY BAN NHÂN DÂN                       CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
    TỈNH NGHỆ AN                              Độc lập - Tự do - Hạnh phúc
 Số:   2716     /UBND-KT                  Nghệ An, ngày 13 tháng 6 năm 2026
V/v triển khai thực hiện Chương
trình hành động số 12-CTr/TU
                   Kính gửi:
                                   - Công an tỉnh;
                                   - Bộ Chỉ huy Quân sự tỉnh.
       Thực hiện Chương trình hành động số 12-CTr/TU ngày 30/5/2026 của Tỉnh ủy, Chủ tịch
Ủy ban nhân dân tỉnh có ý kiến chỉ đạo như sau:
       1. Công an tỉnh chủ trì rà soát các nhiệm vụ được giao, báo cáo trước ngày 30/7/2026.
Nơi nhận:                                               KT. CHỦ TỊCH
- Như trên;
- Lưu: VT, KT.                                          PHÓ CHỦ TỊCH
                                                         Lê Văn Hải
"""

# a ministry's plan telling when the decree takes effect
_PLAN = """BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG
Số: 901/KH-BNNMT
Hà Nội, ngày 20 tháng 4 năm 2026
KẾ HOẠCH
Triển khai thi hành Nghị định số 58/2026/NĐ-CP
I. MỤC ĐÍCH
Ngày 02 tháng 4 năm 2026, Chính phủ ban hành Nghị định số 58/2026/NĐ-CP quy định về quản lý giống cây trồng lâm nghiệp, có hiệu lực thi hành kể từ ngày 20 tháng 5 năm 2026. Bộ ban hành kế hoạch triển khai với các nội dung sau.
II. NHIỆM VỤ
1. Cục Lâm nghiệp và Kiểm lâm chủ trì tổ chức phổ biến Nghị định, hoàn thành trong quý II năm 2026.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    folder = tmp_path_factory.mktemp("letters")
    paths = []
    for name, text in [
        ("nghe-an-2715-UBND-NN-2026.txt", _LETTER),
        ("nghe-an-2716-UBND-KT-2026.txt", _OTHER),
        ("bo-nnmt-901-KH-BNNMT-2026.txt", _PLAN),
    ]:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    with ingested_runtime(folder / "home", paths) as runtime:
        yield runtime.assistant()


def test_the_trich_yeu_is_no_part_v_and_is_read_whole() -> None:
    """ "V/v" (về việc) opens the trích yếu, not a part "V"; its six wrapped lines are the
    title, the duties are the letter's own sections."""
    plan = parse_plan(_LETTER, "cv2715")
    assert plan.document.title.endswith("cây trồng lâm nghiệp và vật liệu nhân giống")
    assert not [c for c in plan.clauses if c.kind is ClauseKind.PART]
    sections = [c.number for c in plan.clauses if c.kind is ClauseKind.SECTION]
    assert sections == ["1", "2", "3"]


def test_whom_the_letter_carrying_out_the_decree_is_sent_to(assistant: Assistant) -> None:
    """The decree is only named as what the letter carries out ("Công văn triển khai NĐ 58",
    its short form "NĐ" before the spelled-out "nghị định"): the letter is asked about, and
    of the province's letters the one whose title cites it."""
    answer = assistant.ask(
        "Công văn triển khai NĐ 58 của UBND tỉnh Nghệ An được gửi (kính gửi) đến những đơn vị nào?"
    )
    assert not answer.abstained, answer.answer
    assert "chưa được nạp" not in answer.answer
    assert "Ban Quản lý rừng phòng hộ Quỳ Châu" in answer.answer
    assert "Công an tỉnh" not in answer.answer  # the other letter's addressee
    assert {c.document_id for c in answer.citations} == {"nghe-an-2715-UBND-NN-2026"}


def test_the_recipients_besides_the_addressees(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Ngoài các đơn vị kính gửi, CV 2715 còn gửi (nơi nhận) những cơ quan nào?"
    )
    assert not answer.abstained, answer.answer
    assert "Chi cục Kiểm lâm" in answer.answer and "Trung tâm Giống cây trồng" in answer.answer
    assert "Quỳ Châu" not in answer.answer  # an addressee, set aside by the question
    assert "Lưu" not in answer.answer


def test_whom_the_addressees_work_with(assistant: Assistant) -> None:
    """ "các sở, ban, ngành cấp tỉnh" is a unit no list of names knows: its duty is the
    sentence that writes it word for word before "phối hợp với"."""
    answer = assistant.ask(
        "Theo CV 2715, các sở, ban, ngành cấp tỉnh phối hợp với cơ quan nào triển khai NĐ 58?"
    )
    assert not answer.abstained, answer.answer
    assert "Sở Nông nghiệp và Môi trường" in answer.answer
    assert [c.clause.split(" ")[0] for c in answer.citations] == ["2"]


def test_when_the_decree_takes_effect_is_read_from_the_plan_that_writes_it(
    assistant: Assistant,
) -> None:
    """Asked with no plan named, and read as a task's deadline: still the decree's effect,
    as a loaded plan writes it, not declined as not loaded."""
    answer = assistant.ask(
        "Nghị định 58/2026/NĐ-CP về quản lý giống cây trồng lâm nghiệp có hiệu lực thi hành "
        "từ ngày nào?"
    )
    assert not answer.abstained, answer.answer
    assert "20 tháng 5 năm 2026" in answer.answer
    assert "02 tháng 4" not in answer.answer.split("\n")[0]  # the day it was issued


def test_the_decree_s_own_content_is_still_declined(assistant: Assistant) -> None:
    """What the decree itself says is not in the loaded texts."""
    answer = assistant.ask("Nghị định 58/2026/NĐ-CP quy định những loại giống nào phải kiểm định?")
    assert answer.abstained


@pytest.mark.parametrize(
    "question",
    [
        "Trong CV 2715, ai là người giao nhiệm vụ cho các sở, ngành và địa phương?",
        "Theo công văn 2716, ai là người giao nhiệm vụ?",
    ],
)
def test_who_gives_the_letter_s_duties(assistant: Assistant, question: str) -> None:
    """The sentence opening the duties ("Chủ tịch Ủy ban nhân dân tỉnh giao:", "… có ý kiến
    chỉ đạo như sau:"), not the signer (a Phó Chủ tịch signing "KT. CHỦ TỊCH")."""
    answer = assistant.ask(question)
    assert not answer.abstained, answer.answer
    assert answer.answer.startswith("Chủ tịch Ủy ban nhân dân tỉnh")
    assert "Lê Văn Hải" not in answer.answer
    quote = answer.citations[0].quote
    assert quote.endswith(":") and "Chủ tịch" in quote
