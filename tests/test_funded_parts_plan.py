"""A provincial plan whose targets are numbered headings with unit bullets under them and
whose budget part states each fund's figure in its heading, with "+" project lines under it
(the shape of UBND tỉnh Lào Cai KH 134/KH-UBND, tests/real_plans_12m): the heading's figure,
the unit bullet under the section asked ("mục II.2"), a project line's every figure, the
date of the decision approving it, and a count the plan never gives declined."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval.assistant import Assistant
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

PLAN = """\
ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH AN PHÚ                            Độc lập - Tự do - Hạnh phúc
Số: 25/KH-UBND                    An Phú, ngày 10 tháng 3 năm 2026

KẾ HOẠCH
Phát triển các khu, cụm công nghiệp trên địa bàn tỉnh An Phú năm 2026

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Xây dựng lộ trình, phân bổ nguồn lực, phân công nhiệm vụ cụ thể cho các cơ quan, đơn vị.
II. NỘI DUNG
1. Hoàn thiện hạ tầng các cụm công nghiệp đã thành lập
- Ban Quản lý các Khu công nghiệp tỉnh đầu tư, hoàn thiện đồng bộ hạ tầng kỹ thuật tại
các khu công nghiệp do ngân sách nhà nước đầu tư trước đây.
- Ủy ban nhân dân cấp xã: đầu tư, hoàn thiện đồng bộ hạ tầng kỹ thuật tại các cụm công
nghiệp đang hoạt động, thu hút mời gọi các nhà đầu tư thứ cấp.
2. Hoàn thiện ít nhất 300ha mặt bằng sạch để thu hút các nhà đầu tư thứ cấp.
- Ủy ban nhân dân cấp xã chủ trì, phối hợp với các Sở, ban ngành thực hiện công tác
giải phóng mặt bằng.
- Chủ đầu tư dự án hạ tầng kỹ thuật san tạo mặt bằng, tạo mặt bằng sạch.
III. VỐN ĐẦU TƯ
Khái toán tổng số vốn đầu tư thực hiện: 4.150 tỷ đồng, trong đó:
1. Vốn ngân sách nhà nước: 950 tỷ đồng, bao gồm:
+ Hoàn thiện hạ tầng kỹ thuật khu công nghiệp với tổng số vốn đầu tư 320 tỷ đồng: Bắc
Sơn (150 tỷ đồng), Tây Hà (170 tỷ đồng) đã được UBND tỉnh bố trí kế hoạch vốn.
+ Dự án đường trục chính cụm công nghiệp Đồng Lạc, huyện Tân Yên cũ với quy mô 3,4km;
tổng mức đầu tư 190 tỷ (đã được phê duyệt tại Quyết định số 712/QĐ-UBND ngày 05/5/2024
của UBND tỉnh An Phú; hiện đang triển khai); Hiện nay đang điều chỉnh chủ trương đầu tư
dự án tăng tổng mức đầu tư lên thành 236 tỷ đồng (tăng 46 tỷ) tại Tờ trình số 88/TTr-SXD
ngày 20/02/2026 của Sở Xây dựng tỉnh An Phú.
2. Vốn doanh nghiệp: 3.200 tỷ đồng
- Ứng kinh phí thực hiện công tác đền bù giải phóng mặt bằng theo quy định.
- Đầu tư xây dựng hạ tầng kỹ thuật khu tái định cư.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Công Thương
- Là cơ quan thường trực, tổng hợp và định kỳ báo cáo Ủy ban nhân dân tỉnh.

                                            KT. CHỦ TỊCH
                                            PHÓ CHỦ TỊCH
                                            Trần Văn Bình
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    folder = tmp_path_factory.mktemp("funded-parts-plan")
    path = folder / "an-phu-25-KH-UBND-2026-phat-trien-khu-cum-cong-nghiep.txt"
    path.write_text(PLAN, encoding="utf-8")
    with ingested_runtime(folder / "home", [path]) as made:
        runtime: Runtime = made
        yield runtime.assistant()


def test_a_fund_asked_is_answered_by_the_figure_its_heading_states(
    assistant: Assistant,
) -> None:
    # the "+" lines under the heading each state a project's own figure
    answer = assistant.ask("Vốn NSNN trong KH 25 là bao nhiêu tỷ đồng?")
    assert not answer.abstained
    assert "950 tỷ đồng" in answer.answer.split("\n")[0]
    # "tỷ đồng" after "bao nhiêu" is the unit of the amount, nothing counted under a heading
    answer = assistant.ask("Theo KH 25, vốn doanh nghiệp là bao nhiêu tỷ đồng?")
    assert not answer.abstained and not answer.answer.startswith("Có 2 mục")
    assert "3.200 tỷ đồng" in answer.answer


def test_the_plans_total_is_stated_by_its_lead_in(assistant: Assistant) -> None:
    answer = assistant.ask("Tổng vốn đầu tư khái toán để thực hiện KH 25 là bao nhiêu?")
    assert not answer.abstained
    assert "4.150 tỷ đồng" in answer.answer


def test_a_section_written_with_its_part_names_the_unit_bullet_under_it(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("Trong mục II.2 của KH 25, ai chủ trì công tác giải phóng mặt bằng?")
    assert not answer.abstained
    assert "Ủy ban nhân dân cấp xã" in answer.answer
    assert "Hoàn thiện hạ tầng các cụm công nghiệp đã thành lập" not in answer.answer


def test_a_project_line_is_quoted_with_every_figure_it_states(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Đường trục chính cụm công nghiệp Đồng Lạc dài bao nhiêu km, tổng mức đầu tư phê "
        "duyệt ban đầu bao nhiêu?"
    )
    assert not answer.abstained
    assert "3,4km" in answer.answer and "190 tỷ" in answer.answer
    answer = assistant.ask(
        "Tổng mức đầu tư dự án đường trục chính cụm công nghiệp Đồng Lạc đang được điều "
        "chỉnh lên bao nhiêu?"
    )
    assert "236 tỷ đồng" in answer.answer


def test_the_decision_approving_a_project_is_asked_with_its_date(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Dự án đường trục chính cụm công nghiệp Đồng Lạc được phê duyệt tại quyết định nào, "
        "ngày nào?"
    )
    assert not answer.abstained
    assert "712/QĐ-UBND ngày 05/5/2024" in answer.answer


def test_a_count_of_workers_the_plan_never_gives_is_declined(assistant: Assistant) -> None:
    # "lao động" is a unit of count ("Lào" and "đồng" in the plan are no workers)
    answer = assistant.ask(
        "Kế hoạch 25 giải quyết việc làm cho bao nhiêu lao động trong các khu, cụm công nghiệp?"
    )
    assert answer.abstained
