"""The note on a role asked that the plans' tables have no column for: one line per plan
when they are few, else how many, the first few named and how to see another — read by an
indexed count and one short page, never a list of every plan lacking it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from retrieval.query import understand
from retrieval.roles import Role
from retrieval.strategies.list_by_unit import ListByUnit


class _Search:
    """The facts-store look-ups `ListByUnit` makes for the plans lacking a role, over
    `lacking` plans (ids by number), with the limits each call asked for kept."""

    has_facts = True

    def __init__(self, lacking: int) -> None:
        self.plans = [f"plan-{i:05d}" for i in range(lacking)]
        self.limits: list[int | None] = []

    def documents_lacking_role(
        self,
        unit_keys: Sequence[str],
        role: Role,
        documents: Sequence[str] = (),
        limit: int | None = None,
    ) -> tuple[int, list[str]]:
        self.limits.append(limit)
        return len(self.plans), self.plans[:limit]


class _Documents:
    def get(self, document_id: str) -> Any:
        return None  # labels fall back to the id


class _Units:
    def display_name(self, key: str, question: str = "") -> str:
        return "Công an tỉnh"


def _lists(search: _Search) -> ListByUnit:
    return ListByUnit(search, _Documents(), _Units())  # type: ignore[arg-type]


def test_many_plans_lacking_a_role_are_counted_and_a_few_named() -> None:
    search = _Search(1200)
    lists = _lists(search)
    lacking = lists._lacking_roles([], ["cong an tinh"], [Role.COOPERATING])
    assert [(each.role, each.total, len(each.first)) for each in lacking] == [
        (Role.COOPERATING, 1200, 3)
    ]
    note = lists._lacking_note(lacking[0], ["cong an tinh"])
    assert note.startswith("1200 kế hoạch ghi Công an tỉnh không có cột đơn vị phối hợp")
    assert "plan-00000; plan-00001; plan-00002 và 1197 kế hoạch khác" in note
    assert "plan-00003" not in note and "\n" not in note
    assert "để xem riêng kế hoạch đó" in note  # how to see another
    assert search.limits == [3]  # one short page, never the whole list
    assert lists._plans_lacking([], ["cong an tinh"], [Role.COOPERATING]) == note


def test_a_few_plans_lacking_a_role_each_get_their_line() -> None:
    lists = _lists(_Search(2))
    lacking = lists._lacking_roles([], ["cong an tinh"], [Role.MONITORING, Role.COOPERATING])
    assert [each.role for each in lacking] == [Role.MONITORING, Role.COOPERATING]
    lines = lists._lacking_note(lacking[0], ["cong an tinh"]).splitlines()
    assert lines == [
        "plan-00000 không có cột đơn vị theo dõi, chỉ đạo, đôn đốc trong bảng phân công.",
        "plan-00001 không có cột đơn vị theo dõi, chỉ đạo, đôn đốc trong bảng phân công.",
    ]
    assert lists.lacks_roles([], ["cong an tinh"], [Role.LEAD])
    assert not _lists(_Search(0)).lacks_roles([], ["cong an tinh"], [Role.LEAD])


def test_plans_lacking_a_directing_column_are_counted_by_one_short_page() -> None:
    """ "Trực tiếp chỉ đạo" (a monitoring column whose header says so) is looked up like
    the other roles: an indexed count and the first few plans, never every plan naming the
    unit read (the fake has no look-up of those: a read of them would fail)."""
    search = _Search(5000)
    lists = _lists(search)
    lacking = lists._lacking_roles([], ["cong an tinh"], [Role.DIRECT])
    assert [(each.role, each.total, each.first) for each in lacking] == [
        (Role.DIRECT, 5000, ("plan-00000", "plan-00001", "plan-00002"))
    ]
    assert search.limits == [3]
    note = lists._lacking_note(lacking[0], ["cong an tinh"])
    assert note.startswith("5000 kế hoạch ghi Công an tỉnh không có cột đơn vị trực tiếp chỉ đạo")
    assert lists.lacks_roles([], ["cong an tinh"], [Role.DIRECT, Role.LEAD])
    assert not _lists(_Search(0)).lacks_roles([], ["cong an tinh"], [Role.DIRECT])


class _BodyOnlySearch:
    """A plan whose duties are all written in its body: rows, but no assignment table, and
    none naming the unit asked."""

    has_facts = True

    def documents_lacking_role(self, unit_keys, role, documents=(), limit=None):  # type: ignore[no-untyped-def]
        return 0, []

    def documents_naming(self, documents, unit_keys):  # type: ignore[no-untyped-def]
        return []

    def roles_by_document(self, documents, tables_only=False):  # type: ignore[no-untyped-def]
        return {} if tables_only else {d: {Role.LEAD} for d in documents}

    def rows(self, *args: Any) -> list[Any]:
        return []

    def unit_rows(self, documents, unit_keys, limit):  # type: ignore[no-untyped-def]
        return 0, []


def test_a_plan_without_tables_has_no_column_to_lack() -> None:
    """ "Giám sát chuyên đề … của HĐND tỉnh gồm những nội dung gì?" of a resolution whose
    duties are all in its body: no "không có cột đơn vị theo dõi" decline (the text may
    say it); the list by unit gives way."""
    lists = _lists(_BodyOnlySearch())  # type: ignore[arg-type]
    assert not lists._has_tables(["nq"])
    question = understand("Giám sát chuyên đề năm 2018 của HĐND tỉnh gồm những nội dung gì?")
    found = lists.answer(question, [Role.MONITORING], ["nq"], ["hoi dong nhan dan tinh"], list)
    assert found is None
