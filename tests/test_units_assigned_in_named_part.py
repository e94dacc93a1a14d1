"""Which units a plan gives duties to, asked of one part of it ("… ở mục Tổ chức thực
hiện", "phần tổ chức thực hiện … những tổ chức nào"): that part's rows only, and no
collective ("Các đơn vị") listed as a unit."""

from __future__ import annotations

from retrieval.strategies import units_assigned
from tests.stored_clauses import stored_clause

BODY = stored_clause("Chủ trì …", path="III. TỔ CHỨC THỰC HIỆN › 1. Cục Biến đổi khí hậu")
TABLE = stored_clause("Hoàn thiện dự thảo …", path="Phụ lục 1 › 1")


def test_the_rows_of_the_part_the_question_names() -> None:
    question = "kh 09 giao viec cho nhung don vi nao o muc to chuc thuc hien"
    assert units_assigned.in_named_part(question, [BODY, TABLE]) == [BODY]


def test_every_row_when_no_part_is_named() -> None:
    question = "kh 09 giao viec cho nhung don vi nao"
    assert units_assigned.in_named_part(question, [BODY, TABLE]) == [BODY, TABLE]


def test_which_organisations_or_ministries_a_plan_assigns_is_asked() -> None:
    asks = units_assigned._ASKS
    assert asks.search("phan to chuc thuc hien giao nhiem vu cho nhung to chuc nao")
    assert asks.search("ke hoach giao nhiem vu cho nhung bo nao")
    assert not asks.search("to chuc nao chu tri nhiem vu 3")


def test_a_collective_is_no_unit_of_its_own() -> None:
    collective = units_assigned._COLLECTIVE
    assert collective.match("cac don vi")
    assert collective.match("cac co quan don vi co lien quan")
    assert not collective.match("cuc bien doi khi hau")
    assert not collective.match("cac doi chuyen trach cua quan doi")
