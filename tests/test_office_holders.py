"""One list of offices for reading plans and for answering (ingest/parser/unit_names.py).

The parser reads the unit after the head of a unit ("Giao Giám đốc Sở Y tế:" leads with the
Sở); the unit words that are offices ("Chủ tịch", "Thủ trưởng",
"Trưởng thôn") start unit names; answering counts a duty given to any office holder as naming
who does it. All three read the same vocabulary.
"""

from __future__ import annotations

import pytest

from ingest.normalize_vi import folded
from ingest.parser.unit_names import (
    OFFICE_HOLDER,
    OFFICE_HOLDERS,
    UNIT_HEAD,
    UNIT_HEADS,
    starts_unit,
)
from retrieval.doers import names_doer
from tests.stored_clauses import stored_clause
from tests.test_body_duties import body_rows, parse


def test_every_head_of_a_unit_is_an_office_holder() -> None:
    assert set(UNIT_HEADS) <= set(OFFICE_HOLDERS)
    for head in (*UNIT_HEADS, "Trưởng phòng", "Chánh Văn phòng"):
        assert UNIT_HEAD.fullmatch(folded(head))
        assert UNIT_HEAD.fullmatch(f"pho {folded(head)}")


@pytest.mark.parametrize(
    "office",
    ["Chủ tịch UBND tỉnh", "Thủ trưởng các sở", "Trưởng thôn Bản Lầu", "Trưởng các khu phố"],
)
def test_offices_that_name_a_unit_start_a_unit_name_and_are_office_holders(office: str) -> None:
    assert starts_unit(office)
    assert OFFICE_HOLDER.search(folded(office))


@pytest.mark.parametrize(
    "text",
    [
        "3. Cán bộ phụ trách lĩnh vực giám sát thực hiện",
        "Bí thư chi bộ các thôn chỉ đạo sinh hoạt chuyên đề",
        "Người đứng đầu cơ quan chịu trách nhiệm",
        "Chánh Văn phòng UBND tỉnh theo dõi, đôn đốc",
        "Cục trưởng Cục Biến đổi khí hậu chỉ đạo",
    ],
)
def test_a_duty_given_to_an_office_holder_names_who_does_it(text: str) -> None:
    clause = stored_clause(text, path="II › 1")
    assert names_doer(clause, folded("Việc này do ai thực hiện?"), [])


def test_the_question_s_own_office_is_no_answer_to_who() -> None:
    clause = stored_clause("Giám đốc chỉ đạo triển khai.", path="II › 1")
    assert not names_doer(clause, folded("Giám đốc có nhiệm vụ gì, ai thực hiện?"), [])


@pytest.mark.parametrize("head", UNIT_HEADS)
def test_a_head_before_its_unit_in_a_heading_leads_with_the_unit(head: str) -> None:
    plan = parse(
        "KẾ HOẠCH\nI. TỔ CHỨC THỰC HIỆN\n"
        f"1. Giao {head} Sở Y tế:\n- Theo dõi, đôn đốc việc thực hiện Kế hoạch.\n"
    )
    leads = [c.text for row in body_rows(plan) for c in row.cells if c.role == "lead"]
    assert leads == ["Sở Y tế"]


def test_the_provincial_tax_office_is_a_unit_a_tax_is_not() -> None:
    """ "Thuế tỉnh" (the tax office since 2025, as "Cục Thuế" was) is a partner or a lead;
    "thuế tài nguyên", "Thuế suất" are taxes."""
    from ingest.parser.duty_roles import read_roles

    text = (
        "- Chủ trì, phối hợp với Thuế tỉnh, Sở Công Thương, Sở Xây dựng triển khai các biện "
        "pháp kiểm soát chặt chẽ sản lượng khai thác thực tế của các mỏ."
    )
    roles = read_roles(text, 0, len(text))
    assert [p.text for p in roles.partners] == ["Thuế tỉnh", "Sở Công Thương", "Sở Xây dựng"]
    lead = "Thuế tỉnh chủ trì kiểm tra việc kê khai thuế tài nguyên."
    assert [u.text for u in read_roles(lead, 0, len(lead)).lead] == ["Thuế tỉnh"]
    tax = "Thuế suất thuế tài nguyên được điều chỉnh."
    assert not read_roles(tax, 0, len(tax)).lead
