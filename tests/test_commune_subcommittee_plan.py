"""A commune election sub-committee's propaganda plan (batch 12j's shape, Word web export
read as text): dated rounds as sub-items ("2.1. Đợt 1: Trong tháng 11/2025"), numbered
slogans closed by "Trên đây là kế hoạch …" in lower case, an occurrence named in a list
("hiệp thương lần thứ 1." ending a sentence, "lần thứ 2, thứ 3"), a signer who signs as
Trưởng tiểu ban. The plan below is synthetic, written to that layout (NĐ 30/2020)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval.assistant import Assistant
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

PLAN = """\
ỦY BAN BẦU CỬ XÃ AN LẠC
TIỂU BAN THÔNG TIN, TUYÊN TRUYỀN
Số: 02/KH-TBTT

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
An Lạc, ngày 20 tháng 11 năm 2025

KẾ HOẠCH
Tuyên truyền bầu cử đại biểu Hội đồng nhân dân xã An Lạc nhiệm kỳ 2026 - 2031

Căn cứ Quyết định số 07/QĐ-UBBC ngày 12/11/2025 của Ủy ban bầu cử xã An Lạc về việc thành lập Tiểu ban thông tin, tuyên truyền bầu cử đại biểu Hội đồng nhân dân xã An Lạc.

I. MỤC ĐÍCH, YÊU CẦU

- Tuyên truyền sâu rộng để cuộc bầu cử thành công.

II. NỘI DUNG TUYÊN TRUYỀN

1. Nội dung trọng tâm theo thời gian

1.1. Đợt 1: Trong tháng 11/2025

- Tuyên truyền Luật Bầu cử; cơ cấu, số lượng người ứng cử, tổ chức hội nghị hiệp thương lần thứ 1.

- Tuyên truyền thành tựu của Hội đồng nhân dân xã qua các nhiệm kỳ.

1.2. Đợt 2: Từ tháng 01 đến ngày bầu cử 15/3/2026

- Tuyên truyền hội nghị hiệp thương lần thứ 2, thứ 3; quy trình bầu cử.

- Tuyên truyền không khí phấn khởi của cử tri trong xã.

III. HÌNH THỨC, THỜI GIAN TUYÊN TRUYỀN

1. Hình thức tuyên truyền

- Tuyên truyền tại hội nghị nội bộ của Đảng như: Họp cấp ủy, sinh hoạt chi bộ.

- Tuyên truyền qua hệ thống loa phát thanh cơ sở, đội truyền thông lưu động.

2. Thời gian tuyên truyền:

Thực hiện theo lộ trình tại phần (II) của Kế hoạch này.

IV. KHẨU HIỆU TUYÊN TRUYỀN

1. Nhiệt liệt chào mừng Ngày bầu cử!

2. Ngày bầu cử là Ngày hội của toàn dân!

3. Mỗi lá phiếu là một niềm tin!

4. Sáng suốt lựa chọn người xứng đáng đại diện cho Nhân dân!

5. Chủ tịch Hồ Chí Minh vĩ đại sống mãi trong sự nghiệp của chúng ta!

Trên đây là kế hoạch tuyên truyền của Tiểu ban, đề nghị các thành viên nghiêm túc thực hiện.

Nơi nhận:
- Ủy ban bầu cử xã (Báo cáo);
- Lưu.

TM. TIỂU BAN
TRƯỞNG TIỂU BAN

Trần Văn Bình
PHÓ CHỦ TỊCH ỦY BAN MẶT TRẬN TỔ QUỐC XÃ
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    folder = tmp_path_factory.mktemp("subcommittee-plan")
    path = folder / "an-lac-02-KH-TBTT-2025-tuyen-truyen-bau-cu.txt"
    path.write_text(PLAN, encoding="utf-8")
    with ingested_runtime(folder / "home", [path]) as made:
        runtime: Runtime = made
        yield runtime.assistant()


def test_a_round_is_answered_with_the_time_its_heading_gives(assistant: Assistant) -> None:
    answer = assistant.ask("Đợt 1 tuyên truyền bầu cử ở xã An Lạc diễn ra khi nào?")
    assert not answer.abstained
    assert "Đợt 1: Trong tháng 11/2025" in answer.answer
    answer = assistant.ask("Dot 2 tuyen truyen bau cu o xa An Lac tu khi nao den khi nao?")
    assert "Từ tháng 01 đến ngày bầu cử 15/3/2026" in answer.answer


def test_an_occurrence_ending_a_sentence_is_one_the_plan_has(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Hội nghị hiệp thương lần thứ 1 được tuyên truyền trong tháng nào theo kế hoạch "
        "tuyên truyền bầu cử của xã An Lạc?"
    )
    assert "không có hiệp thương lần thứ 1" not in answer.answer
    assert "tháng 11/2025" in answer.answer


def test_a_slogan_by_its_number_and_the_slogans_counted(assistant: Assistant) -> None:
    # item "5." never writes "số 5": its label states the number asked
    answer = assistant.ask(
        "Khẩu hiệu tuyên truyền số 5 về Chủ tịch Hồ Chí Minh trong KH của xã An Lạc là gì?"
    )
    assert not answer.abstained
    assert "Chủ tịch Hồ Chí Minh vĩ đại sống mãi" in answer.answer
    assert "Trên đây là" not in answer.answer  # the closing is the plan's, not slogan 5's
    counted = assistant.ask("KH 02/KH-TBTT có bao nhiêu khẩu hiệu tuyên truyền bầu cử?")
    assert counted.answer.startswith("Có 5 mục")


def test_the_sub_committee_head_is_the_signer(assistant: Assistant) -> None:
    answer = assistant.ask("Ai ký Kế hoạch 02/KH-TBTT của xã An Lạc, giữ chức vụ gì?")
    assert not answer.abstained
    assert "Trần Văn Bình" in answer.answer and "Trưởng tiểu ban" in answer.answer


def test_the_decision_setting_up_the_sub_committee_is_its_basis_line(
    assistant: Assistant,
) -> None:
    """ "… được thành lập theo quyết định nào?" and "QĐ thành lập Tiểu ban … ngày nào?" ask
    about the decision the plan cites, not the plan's own issuer and date."""
    for question in (
        "Tieu ban thong tin, tuyen truyen xa An Lac duoc thanh lap theo quyet dinh nao?",
        "QĐ thành lập Tiểu ban thông tin, tuyên truyền xã An Lạc do ai ban hành, ngày nào?",
    ):
        answer = assistant.ask(question)
        assert not answer.abstained
        assert "07/QĐ-UBBC ngày 12/11/2025" in answer.answer
        assert "20 tháng 11 năm 2025" not in answer.answer  # the plan's own date


def test_the_heading_naming_the_list_asked_answers_with_its_items(assistant: Assistant) -> None:
    """ "… có những hình thức tuyên truyền nào?": the items under "1. Hình thức tuyên
    truyền", not the time paragraph under "HÌNH THỨC, THỜI GIAN TUYÊN TRUYỀN"."""
    answer = assistant.ask(
        "Kế hoạch tuyên truyền bầu cử xã An Lạc có những hình thức tuyên truyền nào?"
    )
    assert not answer.abstained
    assert "hội nghị nội bộ" in answer.answer and "loa phát thanh" in answer.answer


def test_a_figure_asked_past_a_long_quote_cut_is_shown() -> None:
    """ "… sau bao nhiêu năm đổi mới?" of a sentence saying "sau 40 năm" past 400
    characters: the answer line is shortened around the figure, not before it."""
    from ingest.normalize_vi import folded
    from retrieval.compose import _shown_around, asked_figure

    focus = asked_figure(folded("Tuyên truyền thành tựu sau bao nhiêu năm đổi mới?"))
    assert focus is not None and asked_figure("ai chu tri") is None
    sentence = "phân tích làm rõ " + "thành tựu to lớn, " * 30 + "sau 40 năm đổi mới."
    assert "40 năm" in _shown_around(sentence, focus)
    assert "40 năm" not in _shown_around(sentence, None)


def test_who_signed_tells_the_signers_office_with_the_name(assistant: Assistant) -> None:
    """ "Ai ký …?" gives the name and, when the signature block states it, the office."""
    answer = assistant.ask("Ai ký Kế hoạch 02/KH-TBTT của xã An Lạc?")
    assert not answer.abstained
    assert "Trần Văn Bình" in answer.answer and "Trưởng tiểu ban" in answer.answer
    assert len(answer.citations) == 2  # the name and the office, each quoted
