"""Plans grouped by level and place by indexed queries on the facts store (a clause number
many plans share, plan facts with no plan named) give the same groups as counting the
plans one by one, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.facts import FactStore
from retrieval.answers import Answer
from retrieval.documents import DocumentDirectory, DocumentInfo
from retrieval.narrowing import (
    FEW,
    MAX_PLACES,
    groups_in_store,
    groups_of,
    narrowed,
    narrowed_groups,
    plans_latest_first,
)
from tests.conftest import fact_store

# (level, name) of the plans' places: repeated places, a level with no name, no place,
# levels of one group written apart ("xã", "phường"), more places than shown
_PLACES = [
    ("tỉnh", "Ninh Bình"),
    ("tỉnh", "Lào Cai"),
    ("thành phố", "Hà Nội"),
    ("xã", "Văn Bàn"),
    ("xã", "Trung Sơn"),
    ("phường", "Hòa Bình"),
    ("xã", "An Hòa"),
    ("xã", "Tân Lập"),
    ("xã", "Chi Lăng"),
    ("xã", "Công Hòa"),
    ("đặc khu", "Phú Quốc"),
    ("xã", None),
    (None, None),
    ("huyện", "Mường Khương"),
    ("thôn", "Bản Mế"),
]


def _documents(count: int) -> list[dict[str, object]]:
    documents = []
    for i in range(count):
        level, name = _PLACES[(i * 7 + i // 5) % len(_PLACES)]
        place = {k: v for k, v in (("level", level), ("name", name)) if v}
        documents.append(
            {
                "id": f"kh-{i:04d}",
                "title": f"Kế hoạch chuyển đổi số năm {2020 + i % 7}",
                "number": f"{i + 1}/KH-UBND",
                "place": place or None,
            }
        )
    return documents


def _payloads(index: int, like: int | None = None) -> list[dict[str, object]]:
    """Plan `index`'s clauses: "1" and "6.6", or "1" and "2" (every third plan; decided by
    `like` when given)."""
    numbers = ["1", "6.6"] if (index if like is None else like) % 3 else ["1", "2"]
    return [
        {"clause_id": f"kh-{index:04d}-{n}", "number": n, "kind": "item", "start": s}
        for s, n in enumerate(numbers)
    ]


@pytest.fixture
def filled(fact_backend: str, tmp_path: Path) -> Iterator[tuple[FactStore, DocumentDirectory]]:
    with fact_store(fact_backend, tmp_path) as facts:
        infos = {}
        for i, document in enumerate(_documents(90)):
            facts.put_payloads(document, "v1", _payloads(i))
            infos[str(document["id"])] = DocumentInfo.from_plain(document)
        yield facts, DocumentDirectory(infos, facts)


def test_groups_of_a_clause_number_match_counting_each_plan(
    filled: tuple[FactStore, DocumentDirectory],
) -> None:
    facts, directory = filled
    having = facts.documents_with_clause("6.6")
    assert facts.count_documents_with_clause("6.6") == len(having) == 60
    stored = groups_in_store(facts, "6.6")
    assert stored == groups_of(having, directory)
    assert any(level.more for level in stored.levels)  # more places than shown
    assert len(stored.offered) == MAX_PLACES


def test_groups_of_every_plan_and_the_latest_plans(
    filled: tuple[FactStore, DocumentDirectory],
) -> None:
    facts, directory = filled
    every = sorted(directory.documents)
    assert groups_in_store(facts) == groups_of(every, directory)
    assert facts.latest_documents(FEW) == plans_latest_first(every, directory, FEW)
    having = facts.documents_with_clause("6.6")
    assert facts.latest_documents(FEW, "6.6") == plans_latest_first(having, directory, FEW)
    assert facts.documents_with_clause_among("6.6", ["kh-0000", "kh-0001", "nope"]) == ["kh-0001"]


def test_the_grouped_answer_reads_the_same(filled: tuple[FactStore, DocumentDirectory]) -> None:
    facts, directory = filled
    examples = Answer(answer="x\n- a\n- b", abstained=True, intent="target")
    having = facts.documents_with_clause("6.6")
    by_plan = narrowed(examples, having, directory, "mục 6.6", "Chỉ tiêu 6.6?")
    by_store = narrowed_groups(examples, groups_in_store(facts, "6.6"), "mục 6.6", "Chỉ tiêu 6.6?")
    assert by_store.answer == by_plan.answer
    assert by_store.choices == by_plan.choices
    assert by_store.answer.startswith("Có 60 kế hoạch cùng có mục 6.6.")


def test_the_kept_counts_follow_replaced_and_removed_plans(
    filled: tuple[FactStore, DocumentDirectory],
) -> None:
    """The counts kept at ingest (by number, level and place, with each place's first plan)
    stay those of counting the plans one by one after plans move place, lose or gain a
    clause number, or go; a store emptied and filled again starts from nothing."""
    facts, directory = filled
    infos = dict(directory.documents)
    documents = {str(d["id"]): d for d in _documents(90)}
    # the first plan of a place moves to another place and loses 6.6; another gains it
    moved = {**documents["kh-0001"], "place": {"level": "xã", "name": "Văn Bàn"}}
    facts.put_payloads(moved, "v2", _payloads(1, like=0))
    infos["kh-0001"] = DocumentInfo.from_plain(moved)
    facts.put_payloads(documents["kh-0003"], "v2", _payloads(3, like=1))
    # plans go, the first of their place among them; one is put again unchanged
    for gone in ("kh-0002", "kh-0004", "kh-0010"):
        facts.remove_document(gone)
        infos.pop(gone)
    facts.put_payloads(documents["kh-0005"], "v3", _payloads(5))
    directory = DocumentDirectory(infos, facts)
    for number in ("6.6", "2", None):
        having = facts.documents_with_clause(number) if number else sorted(infos)
        assert groups_in_store(facts, number) == groups_of(having, directory), number
        assert facts.latest_documents(FEW, number) == plans_latest_first(having, directory, FEW)
    assert facts.count_documents_with_clause("6.6") == len(facts.documents_with_clause("6.6"))
    facts.clear()
    assert facts.plan_levels() == [] and facts.count_documents_with_clause("6.6") == 0
    facts.put_payloads(documents["kh-0007"], "v1", _payloads(7))
    levels = [row.level for row in facts.plan_levels("6.6")]
    assert [p.first for p in facts.top_places(levels, 5, "6.6")] == ["kh-0007"]
