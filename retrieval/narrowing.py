"""An answer that matched many plans: the count, the plans grouped by level and place, the
few best, and a request to narrow, with one choice per group (buttons in the bots and on
the web). At a national scale "chỉ tiêu 6.6" is in hundreds of plans; listing each would
be thousands of lines no one reads.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache, partial

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
    infos = map(documents.get, dict.fromkeys(doc_ids))
    # one pass over the plans, counted by (level, place); places in order of first meeting
    pairs = Counter((level_group(info), place_of(info) or _UNPLACED) for info in infos)
    by_level: dict[str, Counter[str]] = {}
    level_counts: Counter[str] = Counter()
    for (group, place), count in pairs.items():
        level_counts[group] += count
        if group not in by_level:
            by_level[group] = Counter()
        by_level[group][place] += count
    lines = [
        f"Có {'ít nhất ' if at_least else ''}{vi_count(len(doc_ids))} kế hoạch cùng có {what}. "
        "Hãy thu hẹp phạm vi: chọn cấp "
        "hoặc địa bàn bên dưới, hoặc nêu năm, số hiệu kế hoạch.",
        "Theo cấp và địa bàn:",
    ]
    order = [group for group in (*LEVEL_GROUPS, _OTHER) if group in by_level]
    for group in order:
        places = by_level[group].most_common()
        named = ", ".join(f"{place} {count}" for place, count in places[:MAX_PLACES])
        rest = len(places) - MAX_PLACES
        more = f" và {vi_count(rest)} địa bàn khác" if rest > 0 else ""
        heading = f"Cấp {group}" if group != _OTHER else "Khác"
        lines.append(f"- {heading} · {vi_count(level_counts[group])} kế hoạch: {named}{more}")
    rows = [line for line in examples.answer.split("\n")[1:] if line.startswith("- ")]
    shown = rows[:FEW]
    lines.append(f"{len(shown)} kế hoạch tiêu biểu:")
    lines.extend(shown)
    return replace(
        examples,
        answer="\n".join(lines),
        intent="ambiguous",
        choices=_choices(order, by_level, level_counts, question),
    )


def _choices(
    order: Sequence[str],
    by_level: dict[str, Counter[str]],
    level_counts: Counter[str],
    question: str,
) -> tuple[Choice, ...]:
    """One choice per level (when there are several), then the places with most plans."""
    asked = question.strip().rstrip("?").rstrip()
    choices: list[Choice] = []
    known = [group for group in order if group != _OTHER]
    if len(known) > 1:
        for group in known:
            scope = f"cấp {group}"
            label = f"Cấp {group} · {vi_count(level_counts[group])}"
            choices.append(Choice(label, scope, f"{asked} ở {scope}?"))
    places: Counter[str] = Counter()
    for group in known:
        places.update(by_level[group])
    places.pop(_UNPLACED, None)
    for place, count in places.most_common(MAX_PLACES):
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
