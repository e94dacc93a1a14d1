"""A row answer lacking the very part asked (a time, a co-operating unit) is a decline."""

from __future__ import annotations

from ingest.domain import Target, TargetCell
from retrieval.absent_parts import all_lack_asked_part, lacks_asked_part
from retrieval.query import Intent
from retrieval.stored import StoredClause
from tests.stored_clauses import stored_clause

TEXT = "Sở A chủ trì, tổ chức tập huấn cho cán bộ."


def _row(source: str, *roles: str) -> StoredClause:
    cells = tuple(TargetCell(role, role, "x", 0, 1) for role in roles)
    target = Target("c", "d", "1", TEXT, cells=cells, source=source)
    return stored_clause(TEXT, target=target)


def _no_time(text: str) -> str | None:
    return None


def _a_time(text: str) -> str | None:
    return "định kỳ hằng quý"


def test_a_duty_with_no_time_lacks_the_deadline() -> None:
    assert lacks_asked_part(_row("body", "lead"), Intent.DEADLINE, _no_time)


def test_a_duty_stating_a_time_answers_when() -> None:
    assert not lacks_asked_part(_row("body", "lead"), Intent.DEADLINE, _a_time)


def test_a_row_with_a_deadline_cell_answers_when() -> None:
    assert not lacks_asked_part(_row("table", "lead", "deadline"), Intent.DEADLINE, _no_time)


def test_a_table_row_without_a_deadline_lacks_it_whatever_its_text() -> None:
    assert lacks_asked_part(_row("table", "lead"), Intent.DEADLINE, _a_time)


def test_a_duty_naming_no_partner_lacks_the_co_operating_units() -> None:
    assert lacks_asked_part(_row("body", "lead"), Intent.WHO_COOPERATE, _no_time)
    assert not lacks_asked_part(_row("body", "lead", "cooperating"), Intent.WHO_COOPERATE, _no_time)


def test_a_table_without_a_co_operating_column_is_answered_by_its_units() -> None:
    # its one unit column lists every unit that carries the row out
    assert not lacks_asked_part(_row("table", "lead"), Intent.WHO_COOPERATE, _no_time)


def test_other_asks_and_clauses_without_rows_are_never_declined_here() -> None:
    assert not lacks_asked_part(_row("body", "lead"), Intent.WHO_LEAD, _no_time)
    assert not lacks_asked_part(stored_clause(TEXT), Intent.DEADLINE, _no_time)


def test_an_answer_is_declined_only_when_every_row_lacks_the_part() -> None:
    rows = [_row("body", "lead"), _row("table", "deadline")]
    assert not all_lack_asked_part(rows, Intent.DEADLINE, _no_time)
    assert all_lack_asked_part(rows[:1], Intent.DEADLINE, _no_time)
    assert not all_lack_asked_part([], Intent.DEADLINE, _no_time)


def test_who_leads_a_duty_that_itself_co_operates_is_answered_by_its_lead() -> None:
    # "Ai chủ trì bảo đảm an ninh mạng và phối hợp triển khai …?": "phối hợp" is the duty
    row = _row("body", "lead")
    asked = "ai chu tri bao dam an ninh mang va phoi hop trien khai de an 06"
    assert not all_lack_asked_part([row], Intent.WHO_COOPERATE, _no_time, asked)
    # "Sở A chủ trì, ai phối hợp?" asks the partners: still lacking
    asked = "so a chu tri to chuc tap huan, don vi nao phoi hop"
    assert all_lack_asked_part([row], Intent.WHO_COOPERATE, _no_time, asked)
