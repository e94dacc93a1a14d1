"""`retrieval.twin_rows`: a name two rows of a table share is answered with both rows; a
question saying a word only one row has names that row."""

from __future__ import annotations

from ingest.domain import Target
from retrieval.stored import StoredClause
from retrieval.twin_rows import twin_rows
from tests.stored_clauses import stored_clause


def _row(clause_id: str, name: str, group: str, start: int) -> StoredClause:
    target = Target(clause_id=clause_id, document_id="d", number=None, content=name, group=group)
    return stored_clause(name, clause_id=clause_id, target=target, start=start)


PLANT = _row("a", "Công ty Nhiệt điện Duyên Hải (Nhà máy Duyên Hải 3)", "Nhiệt điện", 10)
EXTENSION = _row("b", "Công ty Nhiệt điện Duyên Hải (Nhà máy Duyên Hải 3 MR)", "Nhiệt điện", 20)
OTHER = _row("c", "Công ty Nhiệt điện Vĩnh Tân (Nhà máy Vĩnh Tân 4)", "Nhiệt điện", 30)
POWER = _row("p", "Công ty TNHH gang thép Hưng Nghiệp Formosa Hà Tĩnh", "Các nhà máy nhiệt điện", 5)
STEEL = _row("s", "Công ty TNHH Gang Thép Hung Nghiệp Formosa Hà Tĩnh", "Các cơ sở sắt thép", 50)


def test_a_name_both_rows_hold_gives_both_rows_in_table_order() -> None:
    twins = twin_rows("Hạn ngạch của Nhà máy Duyên Hải 3 là bao nhiêu?", EXTENSION, [PLANT, OTHER])
    assert [t.clause_id for t in twins] == ["a", "b"]


def test_a_word_only_one_row_has_names_that_row() -> None:
    twins = twin_rows("Hạn ngạch của Nhà máy Duyên Hải 3 MR là bao nhiêu?", EXTENSION, [PLANT])
    assert [t.clause_id for t in twins] == ["b"]


def test_the_same_name_in_two_groups_is_told_apart_only_by_the_group_said() -> None:
    asked = "Cong ty Formosa o Ha Tinh duoc phan bo bao nhieu?"
    assert [t.clause_id for t in twin_rows(asked, POWER, [STEEL])] == ["p", "s"]
    by_group = "Formosa Hà Tĩnh (sắt thép) được phân bổ bao nhiêu?"
    assert [t.clause_id for t in twin_rows(by_group, POWER, [STEEL])] == ["p"]


def test_rows_of_other_names_are_no_twins() -> None:
    assert twin_rows("Nhà máy Duyên Hải 3 được bao nhiêu?", PLANT, [OTHER]) == [PLANT]
