"""Units named in a question, and what is not a unit."""

from __future__ import annotations

import pytest

from retrieval.units import UnitMatcher

_MATCHER = UnitMatcher(["Sở Y tế", "Phòng Y tế", "Sở Khoa học và Công nghệ"])


@pytest.mark.parametrize(
    "question",
    [
        "hạn thanh toán không dùng tiền mặt tại cơ sở y tế thành phố",
        "han chot thanh toan khong dung tien mat tai co so y te",
    ],
)
def test_a_health_facility_is_no_department(question: str) -> None:
    assert _MATCHER.find(question) == []


@pytest.mark.parametrize("question", ["Sở Y tế chủ trì gì?", "so y te chu tri gi"])
def test_the_department_is_still_found(question: str) -> None:
    assert _MATCHER.find(question) == ["so y te"]


def test_a_database_beside_a_department() -> None:
    assert _MATCHER.find("cơ sở dữ liệu của Sở KHCN") == ["so khoa hoc va cong nghe"]


@pytest.mark.parametrize(
    "question",
    ["Quyết định 254/QĐ-UBND của tỉnh Sơn La có hiệu lực từ khi nào?", "kh 19/kh-ubnd ky ngay nao"],
)
def test_the_issuer_initials_of_a_document_number_name_no_unit(question: str) -> None:
    assert UnitMatcher(["Ủy ban nhân dân"]).find(question) == []


def test_a_department_written_with_a_hyphen_is_still_found() -> None:
    assert _MATCHER.find("Sở KH-CN chủ trì gì?") == ["so khoa hoc va cong nghe"]
