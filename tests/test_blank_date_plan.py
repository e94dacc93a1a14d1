"""A plan whose number and day were left blank ("Số:     /KH-UBND", "ngày    tháng    năm
2026"), carrying out a dated Chỉ thị: asked its own date, it says the day and month are blank
and quotes the year; the Chỉ thị asked outright keeps the date the plan writes beside it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval.assistant import Assistant
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

PLAN = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG THỬ
Số:      /KH-UBND
Quảng Thử, ngày      tháng      năm 2026
KẾ HOẠCH
Triển khai thực hiện Chỉ thị số 05-CT/TU ngày 04/01/2026 của Ban Thường vụ Tỉnh ủy về quản lý khoáng sản
I. MỤC ĐÍCH, YÊU CẦU
1. Cụ thể hóa các nội dung của Chỉ thị 05.
II. NHIỆM VỤ
1. Sở Nông nghiệp và Môi trường rà soát các mỏ khoáng sản đã cấp phép, hoàn thành trong quý II/2026.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Bình
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    folder = tmp_path_factory.mktemp("blank-date")
    (folder / "quang-thu-KH-UBND-2026-chi-thi-05.txt").write_text(PLAN, encoding="utf-8")
    runtime: Runtime
    with ingested_runtime(tmp_path_factory.mktemp("blank-date-home"), [folder]) as runtime:
        yield runtime.assistant()


def test_the_plans_own_date_left_blank_is_said_so(assistant: Assistant) -> None:
    answer = assistant.ask("Kế hoạch triển khai Chỉ thị 05 của UBND tỉnh ban hành ngày nào?")
    assert not answer.abstained
    assert "ngày, tháng ban hành để trống; văn bản chỉ ghi năm 2026" in answer.answer
    assert "ban hành ngày 04/01/2026" not in answer.answer


def test_the_chi_thi_asked_outright_keeps_its_own_date(assistant: Assistant) -> None:
    answer = assistant.ask("Chỉ thị 05-CT/TU ban hành ngày nào?")
    assert "04/01/2026" in answer.answer
