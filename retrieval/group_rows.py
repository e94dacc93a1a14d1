"""A table's group row named by the question: "Huyện Tây Sơn được phân bổ bao nhiêu vốn?"
of a capital plan whose appendix gives each district a group row with its subtotal
(`| VIII | HUYỆN TÂY SƠN | 6.800 | |`) and the district's projects under it asks for the
group's figure, not for one of its projects; "Thị xã Hoài Nhơn có những dự án nào?" asks
for the rows under it.

A row under the group is what is asked only when the question names that row apart from
its siblings: a word pair of the question that the row has, which neither the group's
title nor every sibling row has ("Trường THCS Mai Xuân Thưởng", "trạm y tế xã Bình Thành").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from ingest.abbreviations import expand_abbreviations
from ingest.normalize_vi import folded
from retrieval.appendices import in_appendix_asked
from retrieval.search import Candidate, ClauseSearch
from retrieval.stored import StoredClause

__all__ = ["named_by_question", "named_group", "named_rows_first", "row_name"]

# the kind of place or body a group's title opens with, which a question may leave out
# ("Tây Sơn được bao nhiêu?" of the group "HUYỆN TÂY SƠN")
_KIND_WORDS = (
    "huyen",
    "thi xa",
    "thanh pho",
    "quan",
    "xa",
    "phuong",
    "thi tran",
    "tinh",
)
_SEARCHED = 10
_MIN_NAME_WORDS = 2
# the share of a row name's words a question says for it to name that row all but a word
_NEARLY = 0.85
# a word pair in this many rows of a table at most names them ("Tây Xuân" of two schools)
_FEW_ROWS = 2


def _words(text: str) -> list[str]:
    return "".join(ch if ch.isalnum() else " " for ch in folded(text)).split()


def _title(group: StoredClause) -> str:
    """The group's title once ("Phần công việc đã thực hiện", which a table may repeat in
    its name and its content column)."""
    if group.heading:
        return group.heading
    return group.target.content if group.target is not None else ""


def row_name(row: StoredClause) -> str:
    """A table row's name: its first content cell ("Xây lắp bổ sung" of a row whose next
    column says what the package holds)."""
    if row.target is None:
        return ""
    return next((c.text for c in row.target.cells if c.role == "content"), row.target.content)


def named_rows_first(question: str, rows: Sequence[StoredClause]) -> list[StoredClause]:
    """The rows whose whole name the question says ("giá gói thầu xây lắp bổ sung" of the
    row "Xây lắp bổ sung" among "Lập hồ sơ mời thầu … gói thầu xây lắp bổ sung" and its
    other siblings), the longest name first; [] when the question says no row's name."""
    question_words = _words(expand_abbreviations(question))
    text = f" {' '.join(question_words)} "
    said = set(question_words)
    named = []
    nearly = []
    for row in rows:
        words = _words(row_name(row))
        if len(words) >= _MIN_NAME_WORDS and f" {' '.join(words)} " in text:
            named.append((len(words), row))
        elif words and sum(w in said for w in words) >= _NEARLY * len(words):
            nearly.append(words)
    # a row named in passing inside a longer row's name that the question says all but a
    # word of ("thẩm định HSMT, kết quả lựa chọn nhà thầu gói xây lắp bổ sung" of the row
    # "Thẩm định … gói thầu xây lắp bổ sung"): that longer row is the one asked
    for words in nearly:
        phrase = f" {' '.join(words)} "
        inside = [row for _, row in named if f" {' '.join(_words(row_name(row)))} " in phrase]
        if inside:
            asked = [row for row in rows if _words(row_name(row)) == words]
            named = [(len(words), row) for row in asked] + [p for p in named if p[1] not in inside]
            break
    return [row for _, row in sorted(named, key=lambda p: -p[0])]


def named_by_question(title: str, question_words: Sequence[str]) -> bool:
    """Whether the question says the group's title as a phrase, or its name without the
    kind of place it opens with (two words at least)."""
    words = _words(title)
    if not words:
        return False
    names = [words]
    for kind in _KIND_WORDS:
        head = kind.split()
        if words[: len(head)] == head and len(words) - len(head) >= _MIN_NAME_WORDS:
            names.append(words[len(head) :])
    text = f" {' '.join(question_words)} "
    return any(f" {' '.join(name)} " in text for name in names)


def named_group(
    search: ClauseSearch,
    question: str,
    ranked: Sequence[Candidate],
    *,
    with_figure: bool,
) -> StoredClause | None:
    """The table group whose title the question names (with its subtotal when
    `with_figure`): found among the first hits, weighed with the plan's other groups of a
    title the question names, kept to the appendix asked, the one whose rows say more of the
    question first; None when a row under it is the one named."""
    question_words = _words(expand_abbreviations(question))
    asked_pairs = set(pairwise(question_words))

    def fits(clause: StoredClause) -> bool:
        return (
            clause.kind == "table_group"
            and clause.child_count > 0
            and (clause.target is not None or not with_figure)
            and named_by_question(_title(clause), question_words)
        )

    found = [c.clause for c in ranked[:_SEARCHED] if fits(c.clause)]
    if not found:
        return None
    # the same district in the plan's other tables, which the search may have left out
    seen = {c.clause_id for c in found}
    found += [
        c
        for c in search.document_clauses(found[0].document_id)
        if c.clause_id not in seen and fits(c)
    ]
    groups = _named_groups(search, question, question_words, asked_pairs, found)
    return groups[0] if groups else None


def named_groups(
    search: ClauseSearch,
    question: str,
    ranked: Sequence[Candidate],
    *,
    with_figure: bool,
) -> list[StoredClause]:
    """`named_group`, and beside it the same title's groups in the plan's other tables
    that the question tells no less apart ("Huyện Phù Mỹ được bố trí bao nhiêu vốn?" of a
    plan giving the district in Phụ lục 01 and in Phụ lục 02): each is an answer."""
    first = named_group(search, question, ranked, with_figure=with_figure)
    if first is None:
        return []
    asked_pairs = set(pairwise(_words(expand_abbreviations(question))))
    said = _pairs_said(first, asked_pairs)
    others = [
        c
        for c in search.document_clauses(first.document_id)
        if c.clause_id != first.clause_id
        and c.kind == "table_group"
        and c.child_count > 0
        and (c.target is not None or not with_figure)
        and folded(_title(c)) == folded(_title(first))
        and _pairs_said(c, asked_pairs) == said
    ]
    named = in_appendix_asked(folded(question), [first, *others])
    return [first, *[c for c in named if c is not first]] if first in named else [first]


def _pairs_said(group: StoredClause, asked_pairs: set[tuple[str, str]]) -> int:
    """How many of the question's word pairs beyond the group's title its rows have ("trạm
    y tế"): single words ("bố", "trí") fall inside unrelated names."""
    title = set(pairwise(_words(_title(group))))
    return len((asked_pairs - title) & set(pairwise(_words(group.text))))


def _named_groups(
    search: ClauseSearch,
    question: str,
    question_words: Sequence[str],
    asked_pairs: set[tuple[str, str]],
    found: list[StoredClause],
) -> list[StoredClause]:
    named = in_appendix_asked(folded(question), found)  # "Theo Phụ lục 02, …"
    # the same district in two tables (its schools, its health stations): the group whose
    # rows say more of the question's other words ("… cho trạm y tế"), else the best ranked
    group = max(named, key=lambda g: _rows_say(g, question_words))
    if _a_row_is_named(search, group, _title(group), asked_pairs):
        return []
    return [group]


def _rows_say(group: StoredClause, question_words: Sequence[str]) -> int:
    """How many of the question's words beyond the group's title its rows have."""
    said = set(_words(group.text))
    return len(set(question_words) - set(_words(_title(group))) & said)


def _a_row_is_named(
    search: ClauseSearch,
    group: StoredClause,
    title: str,
    asked_pairs: set[tuple[str, str]],
) -> bool:
    """Whether the question has a word pair of one row under the group that the title
    lacks and that at most one other row of the table has: a pair many rows share ("trạm y tế",
    "xây dựng mới") names a kind of row, not the one asked."""
    groups = search.children(group.parent_id) if group.parent_id else [group]
    rows = search.children_of_each([g.clause_id for g in groups if g.kind == "table_group"])
    counts: Counter[tuple[str, str]] = Counter()
    own: list[set[tuple[str, str]]] = []
    for row in rows:
        pairs = set(pairwise(_words(row.target.content if row.target else row.body)))
        counts.update(pairs)
        if row.parent_id == group.clause_id:
            own.append(pairs)
    title_pairs = set(pairwise(_words(title)))
    return any(
        pair in asked_pairs and pair not in title_pairs and counts[pair] <= _FEW_ROWS
        for pairs in own
        for pair in pairs
    )
