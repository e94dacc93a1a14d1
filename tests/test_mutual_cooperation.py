"""A duty whose doers co-operate with one another ("Đề nghị Thường trực HĐND, UBND …
thường xuyên phối hợp, trao đổi thông tin …") names its co-operating units: they are its
doers; "phối hợp với X" and "chủ trì, phối hợp các sở" do not."""

from __future__ import annotations

from ingest.domain import Target, TargetCell
from retrieval.absent_parts import lacks_asked_part
from retrieval.mutual_cooperation import doers_cooperate
from retrieval.query import Intent
from tests.stored_clauses import stored_clause

MUTUAL = (
    "3. Đề nghị Thường trực HĐND, UBND, Ủy ban Kiểm tra Đảng ủy xã thường xuyên phối hợp, "
    "trao đổi thông tin, thống nhất phương án xử lý đối với các đơn thư phức tạp."
)


def test_doers_that_co_operate_with_one_another() -> None:
    assert doers_cooperate(MUTUAL)
    assert doers_cooperate("- Công an xã và Quân sự xã phối hợp chặt chẽ trong bảo vệ bầu cử.")


def test_a_partner_named_after_the_verb_or_a_lead_is_no_mutual_co_operation() -> None:
    assert not doers_cooperate("- Sở Y tế phối hợp với Sở Tài chính thẩm định kinh phí.")
    assert not doers_cooperate("a) Sở Nội vụ chủ trì, phối hợp các sở, ngành liên quan.")
    assert not doers_cooperate("- Tổ chức tập huấn cho cán bộ làm công tác bầu cử.")


def test_such_a_duty_answers_who_co_operates() -> None:
    cells = (TargetCell("Đơn vị thực hiện", "lead", "UBND", 0, 1),)
    target = Target("c", "d", "3", MUTUAL, cells=cells, source="body")
    assert not lacks_asked_part(stored_clause(MUTUAL, target=target), Intent.WHO_COOPERATE, str)
    lone = "- Sở A tổ chức tập huấn cho cán bộ."
    other = Target("c", "d", "4", lone, cells=cells, source="body")
    assert lacks_asked_part(stored_clause(lone, target=other), Intent.WHO_COOPERATE, str)
