"""How many items a heading lists: "Có bao nhiêu đơn vị hành chính cấp tỉnh không thực
hiện sáp nhập?" of a plan with the heading "I- Các đơn vị hành chính cấp tỉnh không thực hiện
sáp nhập" and eleven numbered items under it is answered by counting them, each quoted.

The heading must name what is counted, word for word (a heading of the merged provinces does
not answer for those not merged); a figure the text states is left to the search answer."""

from __future__ import annotations

import re

from ingest.normalize_vi import folded
from retrieval.answers import Answer
from retrieval.asked_measure import asked_measure
from retrieval.citations import CitationBuilder
from retrieval.compose import describe_clause
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context

# "bao nhiêu <what>", "mấy <what>", up to a word that ends the noun phrase
_HOW_MANY = re.compile(
    r"\b(?:bao nhieu|may(?! (?:tinh|chu|moc|in|quet|bay|lanh)\b)) (?P<what>[a-z0-9 ]+)"
)
_ENDS = re.compile(r" (?:theo|trong|tai|duoc|la|o|de|khi|so voi|nam \d{4})\b.*$")
# "<what> có bao nhiêu mức/bước/nội dung …": the word counted only classifies the items, the
# list is named before it ("Thứ tự ưu tiên trong phân bổ vốn … có bao nhiêu mức")
_COUNTED_UNDER = re.compile(
    r"^(?:(?:theo|trong) [a-z0-9 ]+?, )?(?P<what>[a-z0-9 ]+?) (?:co|gom|bao gom) "
    r"(?:bao nhieu|may) (?:muc|buoc|noi dung|diem|y|nhom|loai|nguon|nhiem vu|giai doan|cap)\b"
)
_OF_PLACE = re.compile(r" cua .*$")
_ITEMS = frozenset(["section", "item", "point", "bullet", "paragraph"])
_MIN_WORDS = 2


def answer(ctx: Context) -> Answer | None:
    """The count of the items under the heading that names what is counted; None when the
    question counts nothing, or no heading of the settled plan names it whole."""
    scope = ctx.scope
    asked = _HOW_MANY.search(ctx.query.folded)
    if asked is None or not scope.named or not scope.doc_ids:
        return None
    what = _ENDS.sub("", asked.group("what")).split()
    named = _COUNTED_UNDER.search(ctx.query.folded)
    if named is not None:
        what = _OF_PLACE.sub("", _ENDS.sub("", named.group("what"))).split()
    if len(what) < _MIN_WORDS or _a_measure(ctx.query.text, what[0]):
        return None
    for hit in ctx.search.hybrid(" ".join(what), scope.doc_ids, limit=15):
        heading = hit.clause
        if heading.child_count < _MIN_WORDS or not _names_all(heading, what):
            continue
        if _one_of_the_counted(ctx, heading, what):
            continue
        items = ctx.children_of([heading]).get(heading.clause_id, [])
        if len(items) == heading.child_count and all(c.kind in _ITEMS for c in items):
            return _counted(ctx, heading, items)
    groups = _lists_opening_with(ctx, what, scope.doc_ids)
    if groups:
        return _counted_lists(ctx, groups)
    return None


def _lists_opening_with(
    ctx: Context, what: list[str], doc_ids: list[str]
) -> list[tuple[StoredClause, list[StoredClause]]]:
    """The lists whose every item opens with what is counted, under a heading that does not
    name it: "mấy giai đoạn?" of "2. Mục tiêu cụ thể" over "a) Giai đoạn đến trước tháng 6
    năm 2025", "b) Giai đoạn từ tháng 6 năm 2025 …", "c) Giai đoạn từ năm 2029" — and of
    "6. Lộ trình triển khai …" over two more, when the plan writes its stages twice. In the
    order the plan writes them."""
    parent_ids: list[str] = []
    for hit in ctx.search.hybrid(" ".join(what), doc_ids, limit=15):
        item = hit.clause
        if item.parent_id and item.parent_id not in parent_ids and _opens_with(item, what):
            parent_ids.append(item.parent_id)
    groups = []
    for heading in ctx.search.by_ids(parent_ids[:_MAX_LISTS]):
        items = ctx.children_of([heading]).get(heading.clause_id, [])
        if _MIN_WORDS <= len(items) == heading.child_count and all(
            c.kind in _ITEMS and _opens_with(c, what) for c in items
        ):
            groups.append((heading, items))
    return sorted(groups, key=lambda group: (group[0].document_id, group[0].start))


# lists of the counted things looked at (a plan writing its stages once, twice, thrice)
_MAX_LISTS = 3


def _one_of_the_counted(ctx: Context, heading: StoredClause, what: list[str]) -> bool:
    """Whether the heading is one of the things counted, not their list: a sibling opens
    with the same words ("b) Giai đoạn từ tháng 6 năm 2025 …" beside "a) Giai đoạn đến
    trước tháng 6 năm 2025", for "mấy giai đoạn?")."""
    if heading.parent_id is None:
        return False
    parents = ctx.search.by_ids([heading.parent_id])
    if not parents:
        return False
    siblings = ctx.children_of(parents).get(parents[0].clause_id, [])
    return any(
        _opens_with(sibling, what) for sibling in siblings if sibling.clause_id != heading.clause_id
    ) and _opens_with(heading, what)


def _opens_with(clause: StoredClause, words: list[str]) -> bool:
    """Whether the clause's first line, its label aside, opens with the words."""
    line = re.findall(r"[a-z0-9]+", folded(clause.text.strip().split("\n", 1)[0]))
    if clause.number:
        label = re.findall(r"[a-z0-9]+", folded(clause.number))
        if line[: len(label)] == label:
            line = line[len(label) :]
    return line[: len(words)] == words


def _a_measure(question: str, word: str) -> bool:
    """Whether the word after "bao nhiêu" is the unit the figure is asked in ("bao nhiêu tỷ
    đồng", "bao nhiêu ha khu, cụm công nghiệp"): an amount asked, nothing counted."""
    measure = asked_measure(question)
    return measure is not None and word in measure.units


def _names_all(heading: StoredClause, words: list[str]) -> bool:
    """Whether the heading's own line names what is counted, its words together and in
    order ("… cấp tỉnh không thực hiện sáp nhập", not "hỗ trợ người có công" for "hộ")."""
    line = " ".join(re.findall(r"[a-z0-9]+", folded(heading.text.strip().split("\n", 1)[0])))
    if f" {' '.join(words)} " in f" {line} ":
        return True
    # "bao nhiêu khẩu hiệu tuyên truyền bầu cử" of "V. KHẨU HIỆU TUYÊN TRUYỀN" in a plan
    # whose title is on the election: the words after the heading's qualify the plan
    title = set(re.findall(r"[a-z0-9]+", folded(heading.document_title)))
    for cut in range(len(words) - 1, _MIN_WORDS - 1, -1):
        if f" {' '.join(words[:cut])} " in f" {line} ":
            return set(words[cut:]) <= title
    return False


def _counted(ctx: Context, heading: StoredClause, items: list[StoredClause]) -> Answer:
    """The count, then the heading and its items as every heading is answered
    (`retrieval.compose.describe_clause`)."""
    cite = CitationBuilder(ctx.documents)
    lines = describe_clause(heading, ctx.documents, cite, (), children=items)
    lines[0] = f"Có {len(items)} mục — {lines[0]}"
    return Answer("\n".join(lines), False, "target", cite.citations, settled=True)


def _counted_lists(ctx: Context, groups: list[tuple[StoredClause, list[StoredClause]]]) -> Answer:
    """Each list counted, as `_counted` answers one; several lists are said to be several
    ways the plan writes them."""
    cite = CitationBuilder(ctx.documents)
    lines = []
    if len(groups) > 1:
        lines.append(f"Văn bản nêu {len(groups)} cách chia:")
    for heading, items in groups:
        described = describe_clause(heading, ctx.documents, cite, (), children=items)
        described[0] = f"Có {len(items)} mục — {described[0]}"
        lines.extend(described)
    return Answer("\n".join(lines), False, "target", cite.citations, settled=True)
