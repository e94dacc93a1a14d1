"""The proposer of a decision, read from its preamble line ("Theo đề nghị của …")."""

from __future__ import annotations

import pytest

from retrieval.proposers import PROPOSER_LINE
from retrieval.query import MetaField, understand


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "Căn cứ Luật …;\n\nTheo đề nghị của Giám đốc Công an tỉnh tại Tờ trình số 02/TTr-CAT.",
            "Giám đốc Công an tỉnh",
        ),
        ("Xét đề nghị của Sở Xây dựng tại Công văn số 4236/SXD-QLN&CS,", "Sở Xây dựng"),
        ("Theo đề nghị của Chánh Văn phòng UBND tỉnh.", "Chánh Văn phòng UBND tỉnh"),
    ],
)
def test_the_proposer_line_names_who_proposed(text: str, who: str) -> None:
    found = PROPOSER_LINE.search(text)
    assert found is not None and found.group("who") == who


def test_a_duty_proposed_by_another_unit_is_no_proposer_line() -> None:
    assert (
        PROPOSER_LINE.search(
            "Trên cơ sở đề nghị của Ủy ban nhân dân quận, huyện, Sở Xây dựng chủ trì"
        )
        is None
    )


@pytest.mark.parametrize(
    "question",
    [
        "Kế hoạch bảo vệ BMNN năm 2023 của Sơn La được ban hành theo đề nghị của ai?",
        "QD 3210 cua UBND TP HCM duoc ban hanh theo de nghi cua co quan nao?",
    ],
)
def test_asking_who_proposed_the_plan(question: str) -> None:
    assert understand(question).meta_field is MetaField.PROPOSER


def test_a_duty_done_on_request_is_not_asking_the_proposer() -> None:
    reading = understand("Sở Tài chính thẩm định theo đề nghị của ai?")
    assert reading.meta_field is not MetaField.PROPOSER
