"""A question about what is sent to a unit ("… tổng hợp kết quả về Sở Tài chính trước ngày
nào?") is not answered by that unit's own section (its own report, on its own date)."""

from __future__ import annotations

from retrieval.sent_to import own_duty_of, units_sent_to
from retrieval.stored import StoredClause
from retrieval.units import UnitMatcher


def _clause(
    clause_id: str, text: str, heading: str | None = None, parent: str | None = None
) -> StoredClause:
    return StoredClause(
        clause_id=clause_id,
        document_id="d",
        document_title="Kế hoạch",
        document_number=None,
        kind="section" if heading else "item",
        number=None,
        heading=heading,
        path="",
        text=text,
        start=0,
        end=len(text),
        body_end=len(text),
        parent_id=parent,
        child_count=0,
        search_text=text,
        target=None,
    )


UNITS = UnitMatcher(["Sở Tài chính", "Ủy ban nhân dân tỉnh", "Sở Xây dựng"])
HEADING = _clause("h", "Sở Tài chính", heading="Sở Tài chính")
OWN = _clause(
    "own", "Định kỳ trước ngày 25 hằng tháng báo cáo Ủy ban nhân dân tỉnh kết quả.", parent="h"
)
OTHERS = _clause("others", "Các sở, ngành", heading="Các sở, ngành")
SENDING = _clause(
    "sending",
    "Định kỳ trước ngày 20 hằng tháng tổng hợp kết quả thực hiện về Sở Tài chính.",
    parent="others",
)
ASKED = "Các sở tổng hợp kết quả về Sở Tài chính trước ngày nào hằng tháng?"


def test_the_unit_sent_to_is_read() -> None:
    assert units_sent_to(ASKED, UNITS) == ["so tai chinh"]
    assert units_sent_to("Sở Tài chính báo cáo kết quả khi nào?", UNITS) == []
    assert units_sent_to("Sở Xây dựng có nhiệm vụ gì về quy hoạch?", UNITS) == []


def test_the_recipients_own_section_is_not_the_answer() -> None:
    assert own_duty_of(["so tai chinh"], [HEADING, OWN], [HEADING]) == "so tai chinh"


def test_the_clause_sending_to_it_is() -> None:
    assert own_duty_of(["so tai chinh"], [SENDING], [OTHERS]) is None
    assert own_duty_of(["so tai chinh"], [HEADING, OWN, SENDING], [HEADING, OTHERS]) is None
