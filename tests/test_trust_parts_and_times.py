"""Held-out failures of batch 12f in reading a question and choosing its clause, each fixed
for every plan of its shape:

- "hạn chế" (a shortcoming) and "loại quỹ nào" (funds) ask no deadline or quarter;
- a document's kind written short ("KH", "QĐ", "NQ") names the plan, not the topic;
- "Học kỳ II bắt đầu khi nào?": the clause about term II, not the one about term I;
- a clause covering the topic far less does not come first for a year it names;
- a clause that sets aside what is asked ("(trừ hệ thống giáo dục nghề nghiệp)") is not the
  answer about it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.query import Intent, understand
from retrieval.runtime import Runtime
from retrieval.topic import topic_words
from tests.conftest import ingested_runtime

PLAN = """ỦY BAN NHÂN DÂN
TỈNH HÀ GIANG
Số: 77/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Giang, ngày 05 tháng 8 năm 2024

KẾ HOẠCH
Thời gian năm học 2024-2025

I. THỜI GIAN NĂM HỌC
1. Thực hiện kế hoạch dạy học:
- Học kỳ I: Bắt đầu từ ngày 05/9/2024; kết thúc trước ngày 17/01/2025.
- Học kỳ II: Bắt đầu ngay sau khi kết thúc học kỳ I; kết thúc năm học trước ngày 31/5/2025.
2. Thời gian nghỉ phép năm của giáo viên được thực hiện trong thời gian nghỉ hè.
3. Khuyến khích hình thành các quỹ đầu tư mạo hiểm, quỹ khởi nghiệp, quỹ đổi mới sáng tạo.

II. TỔ CHỨC THỰC HIỆN
1. Sở Giáo dục và Đào tạo tổ chức chỉ đạo thực hiện hoàn thành Kế hoạch thời gian năm học \
2024-2025 đúng quy định, bảo đảm thời gian nghỉ của giáo viên.
2. Các sở, ngành tổ chức khắc phục những tồn tại, hạn chế đã được chỉ ra tại Công văn số \
4216/UBND-NC ngày 02/12/2021.
3. Sở Giáo dục và Đào tạo
Chủ trì chỉ đạo hệ thống giáo dục quốc dân (trừ hệ thống giáo dục nghề nghiệp): thực hiện ưu tiên trong tuyển sinh, đào tạo đối với con của người có công với cách mạng.
4. Sở Lao động - Thương binh và Xã hội
Chủ trì thực hiện ưu tiên trong tuyển sinh, đào tạo đối với con của người có công với cách mạng theo học ở các cơ sở giáo dục nghề nghiệp.

Nơi nhận:
- Như trên;
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn B
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    folder = tmp_path_factory.mktemp("parts-plans")
    plan = folder / "ha-giang-77-KH-UBND-2024.txt"
    plan.write_text(PLAN, encoding="utf-8")
    runtime: Runtime
    with ingested_runtime(tmp_path_factory.mktemp("parts"), [plan]) as runtime:
        yield runtime.assistant()


@pytest.mark.parametrize(
    "question",
    [
        "KH 77 yeu cau khac phuc ton tai, han che da chi ra tai nhung cong van nao?",
        "KH 77 khuyen khich hinh thanh nhung loai quy nao?",
        "Đơn vị nào có hạn mức vốn lớn nhất?",
    ],
)
def test_fold_twins_of_deadline_words_ask_no_time(question: str) -> None:
    assert understand(question).intent is not Intent.DEADLINE


@pytest.mark.parametrize(
    "question", ["Hạn nộp báo cáo là ngày nào?", "Nhiệm vụ này hoàn thành vào quý nào?"]
)
def test_deadline_words_still_ask_a_time(question: str) -> None:
    assert understand(question).intent is Intent.DEADLINE


def test_a_kind_written_short_is_no_topic_word(assistant: Assistant) -> None:
    query = understand("KH BMNN 2023 Ha Giang yeu cau khac phuc ton tai, han che nao?")
    words = topic_words(assistant.documents, query, [])
    assert "kh" not in words and {"ton", "che"} <= set(words)
    query = understand("QD 518 bo tri von cho truong nao?")
    assert "qd" not in topic_words(assistant.documents, query, [])


def test_funds_are_no_quarter(assistant: Assistant) -> None:
    answer = assistant.ask("KH 77 khuyen khich hinh thanh nhung loai quy nao?")
    assert not answer.abstained and "quỹ khởi nghiệp" in answer.answer


def test_the_term_asked_is_the_one_answered(assistant: Assistant) -> None:
    answer = assistant.ask("Hoc ky II nam hoc 2024-2025 o Ha Giang bat dau tu khi nao?")
    assert "ngay sau khi kết thúc học kỳ I" in answer.answer
    assert "05/9/2024" not in answer.answer


def test_a_time_in_words_beats_a_task_naming_the_plans_year(assistant: Assistant) -> None:
    answer = assistant.ask("Giao vien o Ha Giang nghi phep nam vao thoi gian nao?")
    assert not answer.abstained and "nghỉ hè" in answer.answer


def test_a_clause_setting_aside_what_is_asked_is_not_its_answer(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Trong he thong giao duc nghe nghiep, ai chu tri uu tien tuyen sinh, dao tao con nguoi "
        "co cong theo KH 77?"
    )
    assert "Sở Lao động - Thương binh và Xã hội" in answer.answer.splitlines()[0]
    plain = assistant.ask("Ai chu tri chi dao he thong giao duc quoc dan theo KH 77?")
    assert "Sở Giáo dục và Đào tạo" in plain.answer.splitlines()[0]


# ---- a clause number two documents share, settled by the kind the question names ----------

REAL = Path(__file__).parent / "real_plans" / "quoc-hoi-nq-bo-sung-ke-hoach-ktxh-2025.txt"
NINH_BINH_19 = Path(__file__).parent.parent / "corpus" / "ninh-binh-19-KH-UBND-2025.txt"


@pytest.fixture(scope="module")
def resolution_and_plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with ingested_runtime(tmp_path_factory.mktemp("kinds"), [REAL, NINH_BINH_19]) as runtime:
        yield runtime.assistant()


def test_the_kind_named_settles_a_shared_clause_number(resolution_and_plan: Assistant) -> None:
    answer = resolution_and_plan.ask(
        "Muc 2.5 NQ bo sung KH 2025 neu nhung nganh, linh vuc uu tien nao can dao tao nhan luc?"
    )
    assert answer.intent != "ambiguous"
    assert "chíp bán dẫn" in answer.answer
    # a plan's kind names no resolution: still asked which one
    plain = resolution_and_plan.ask("Muc 2.5 neu nhung noi dung gi?")
    assert plain.intent == "ambiguous"


def test_a_part_only_mentioned_is_not_what_a_clause_is_about() -> None:
    from types import SimpleNamespace

    from retrieval.ordinals import asked_part_first

    term_one = SimpleNamespace(text="- Học kỳ I: Bắt đầu từ ngày 05/9/2024.")
    term_two = SimpleNamespace(text="- Học kỳ II: Bắt đầu ngay sau khi kết thúc học kỳ I.")
    mention = SimpleNamespace(text="Giao Bộ Chính trị … Ban Chấp hành Trung ương khóa XIII …")
    order = asked_part_first(
        "hoc ky ii bat dau khi nao",
        [term_one, term_two],
        lambda c: c,  # type: ignore[arg-type,return-value]
    )
    assert order == [term_two, term_one]
    kept = asked_part_first(
        "nhan su ban chap hanh trung uong khoa xiv",
        [mention, term_one],
        lambda c: c,  # type: ignore[arg-type,return-value]
    )
    assert kept == [mention, term_one]  # unchanged: neither opens with a khóa
