"""An answer that matched many plans: the count, the plans grouped by level and place, the
few best, and a request to narrow, with one choice per group (buttons in the bots and on
the web). At a national scale "chỉ tiêu 6.6" is in hundreds of plans; listing each would
be thousands of lines no one reads.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial

from ingest.facts import FactStore, LevelCount
from retrieval.answers import Answer, Choice
from retrieval.display import vi_count
from retrieval.documents import DocumentDirectory, DocumentInfo
from retrieval.plan_scope import LEVEL_GROUPS
from retrieval.stored import StoredClause

MANY = 5  # more plans than this: grouped and narrowed, not listed one by one
FEW = 3  # plans shown as examples
MAX_PLACES = 6  # places named per level (the rest counted)
_OTHER = "khác"
_UNPLACED = "không rõ địa bàn"


_ORDER = (*LEVEL_GROUPS, _OTHER)
_GROUP_OF: dict[str, str] = {}
for _group, _levels in LEVEL_GROUPS.items():
    for _level in _levels:
        _GROUP_OF.setdefault(_level, _group)


def level_group(info: DocumentInfo | None) -> str:
    """The level group ("tỉnh", "huyện", "xã") of a plan's place; "khác" when unknown."""
    return _group_of_level(info.place_level) if info else _OTHER


@lru_cache(maxsize=256)
def _group_of_level(level: str | None) -> str:
    return _GROUP_OF.get((level or "").lower(), _OTHER)


def place_of(info: DocumentInfo | None) -> str | None:
    """ "xã Văn Bàn" — a plan's place in words, or None when it names none."""
    return info.place if info is not None else None


@dataclass(frozen=True)
class LevelGroup:
    """The plans of one level group ("tỉnh", "huyện", "xã", "khác"): how many, the places
    with most of them (at most `MAX_PLACES`, in order), and how many other places."""

    name: str
    plans: int
    places: tuple[tuple[str, int], ...]
    more: int


@dataclass(frozen=True)
class PlanGroups:
    """Plans that matched, counted by level group and place (groups in `LEVEL_GROUPS`
    order, "khác" last), and the places offered as choices (most plans first)."""

    total: int
    levels: tuple[LevelGroup, ...]
    offered: tuple[tuple[str, int], ...]


def groups_of(doc_ids: Sequence[str], documents: DocumentDirectory) -> PlanGroups:
    """`doc_ids` (a bounded list: the search's plans) grouped, places in order of first
    meeting."""
    infos = map(documents.get, dict.fromkeys(doc_ids))
    # one pass over the plans, counted by (level, place); places in order of first meeting
    pairs = Counter((level_group(info), place_of(info) or _UNPLACED) for info in infos)
    by_level: dict[str, Counter[str]] = {}
    for (group, place), count in pairs.items():
        by_level.setdefault(group, Counter())[place] += count
    levels = tuple(
        LevelGroup(
            group,
            sum(by_level[group].values()),
            tuple(by_level[group].most_common(MAX_PLACES)),
            max(0, len(by_level[group]) - MAX_PLACES),
        )
        for group in _ORDER
        if group in by_level
    )
    places: Counter[str] = Counter()
    for group in _ORDER:
        if group != _OTHER and group in by_level:
            places.update(by_level[group])
    places.pop(_UNPLACED, None)
    return PlanGroups(len(doc_ids), levels, tuple(places.most_common(MAX_PLACES)))


def groups_in_store(facts: FactStore, clause_number: str | None = None) -> PlanGroups:
    """Every plan (or those with a clause labelled `clause_number`) grouped by indexed
    queries on the facts store: the work grows with the levels and the places shown, not
    with the plans (ties between places by their first plan's id, as `groups_of` meets
    them in a list sorted by id)."""
    stored: dict[str, list[LevelCount]] = {}
    for row in facts.plan_levels(clause_number):
        stored.setdefault(_group_of_level(row.level), []).append(row)
    levels: list[LevelGroup] = []
    offered: list[tuple[int, int, str, str]] = []
    for rank, group in enumerate(_ORDER):
        rows = stored.get(group)
        if not rows:
            continue
        kinds = [row.level for row in rows]
        # one more than shown: the plans naming no place may take a place among them
        top = facts.top_places(kinds, MAX_PLACES + 1, clause_number)
        places = tuple((_place_words(p.level, p.name), p.plans) for p in top)
        distinct = sum(row.places for row in rows) + (1 if any(r.unplaced for r in rows) else 0)
        plans = sum(row.plans for row in rows)
        levels.append(LevelGroup(group, plans, places[:MAX_PLACES], max(0, distinct - MAX_PLACES)))
        if group != _OTHER:
            offered.extend(
                (-p.plans, rank, p.first, words)
                for p, (words, _) in zip(top, places, strict=True)
                if p.name is not None
            )
    total = sum(level.plans for level in levels)
    best = sorted(offered)[:MAX_PLACES]
    return PlanGroups(total, tuple(levels), tuple((words, -n) for n, _, _, words in best))


def _place_words(level: str | None, name: str | None) -> str:
    """A place as `place_of` says it, or "không rõ địa bàn"."""
    if not name:
        return _UNPLACED
    return " ".join(p for p in (level, name) if p)


def narrowed(
    examples: Answer,
    doc_ids: Sequence[str],
    documents: DocumentDirectory,
    what: str,
    question: str,
    at_least: bool = False,
) -> Answer:
    """The grouped answer for `doc_ids` (every plan that matched; with `at_least`, the
    first of more): `examples` is the answer listing the few best (its first line is
    replaced, its rows and citations kept)."""
    return narrowed_groups(examples, groups_of(doc_ids, documents), what, question, at_least)


def narrowed_groups(
    examples: Answer, groups: PlanGroups, what: str, question: str, at_least: bool = False
) -> Answer:
    """The grouped answer for the plans `groups` counts (`narrowed`)."""
    lines = [
        f"Có {'ít nhất ' if at_least else ''}{vi_count(groups.total)} kế hoạch cùng có {what}. "
        "Hãy thu hẹp phạm vi: chọn cấp "
        "hoặc địa bàn bên dưới, hoặc nêu năm, số hiệu kế hoạch.",
        "Theo cấp và địa bàn:",
    ]
    for level in groups.levels:
        named = ", ".join(f"{place} {count}" for place, count in level.places)
        more = f" và {vi_count(level.more)} địa bàn khác" if level.more > 0 else ""
        heading = f"Cấp {level.name}" if level.name != _OTHER else "Khác"
        lines.append(f"- {heading} · {vi_count(level.plans)} kế hoạch: {named}{more}")
    rows = [line for line in examples.answer.split("\n")[1:] if line.startswith("- ")]
    shown = rows[:FEW]
    lines.append(f"{len(shown)} kế hoạch tiêu biểu:")
    lines.extend(shown)
    return replace(
        examples,
        answer="\n".join(lines),
        intent="ambiguous",
        choices=_choices(groups, question),
    )


def _choices(groups: PlanGroups, question: str) -> tuple[Choice, ...]:
    """One choice per level (when there are several), then the places with most plans."""
    asked = question.strip().rstrip("?").rstrip()
    choices: list[Choice] = []
    known = [level for level in groups.levels if level.name != _OTHER]
    if len(known) > 1:
        for level in known:
            scope = f"cấp {level.name}"
            label = f"Cấp {level.name} · {vi_count(level.plans)}"
            choices.append(Choice(label, scope, f"{asked} ở {scope}?"))
    for place, count in groups.offered:
        choices.append(Choice(f"{place} · {vi_count(count)}", place, f"{asked} ở {place}?"))
    return tuple(choices)


def best_first(clauses: Sequence[StoredClause], documents: DocumentDirectory) -> list[StoredClause]:
    """Clauses of plans that match equally (a clause number), the latest plans first."""
    return sorted(clauses, key=lambda clause: _latest_first(documents, clause.document_id))


def plans_latest_first(
    doc_ids: Sequence[str], documents: DocumentDirectory, first: int | None = None
) -> list[str]:
    """Plans that match equally, in the order `best_first` puts their clauses (only the
    `first` few of them when given: picked without sorting all)."""
    key = partial(_latest_first, documents)
    return sorted(doc_ids, key=key) if first is None else heapq.nsmallest(first, doc_ids, key=key)


def _latest_first(documents: DocumentDirectory, doc_id: str) -> tuple[int, str]:
    info = documents.get(doc_id)
    return -(info.year_number if info else 0), doc_id
