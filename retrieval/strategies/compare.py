"""Compare: the same topic in two or more plans ("So sánh mục tiêu chuyển đổi số của Ninh
Bình và Tiền Giang"), one best-covering clause per plan named; every plan named is answered
or said to be missing. A question naming two places' plans is a comparison too."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from ingest.normalize_vi import folded
from retrieval.amounts import own_text
from retrieval.answers import Answer
from retrieval.candidates import answers_content
from retrieval.clause_content import NOT_ANSWERS, first_content, is_bare_heading
from retrieval.compose import abstain, answer_per_document
from retrieval.constraint_check import plans_of_named_places
from retrieval.coverage import MIN_COVERAGE
from retrieval.display import vi_count
from retrieval.figures import states_figure
from retrieval.narrowing import MANY
from retrieval.query import Intent, understand
from retrieval.scope import Scope
from retrieval.side_questions import side_question
from retrieval.stored import StoredClause
from retrieval.strategies import list_by_unit
from retrieval.strategies.context import Context
from retrieval.topic import is_unit_word
from retrieval.units import heads_unit


def answer(ctx: Context) -> Answer | None:
    """The comparison; None unless the question compares or names two places' plans (one
    named plan compared with a year, "so với năm 2024", is not a comparison of plans)."""
    scope = ctx.scope
    by_unit = _rows_of_the_unit(ctx) or _role_of_the_unit(ctx)
    if by_unit is not None:
        return by_unit
    if ctx.query.intent is Intent.COMPARE:
        placed = plans_of_named_places(ctx.query.folded, ctx.documents)
        if len(_by_named_place(ctx, placed)) >= 2:
            # every place named is compared, even one a year or a title left out of scope
            return compare(ctx, list(dict.fromkeys([*scope.doc_ids, *placed])))
    if (
        _names_several_places(ctx)
        or _names_several_by_number(ctx)
        or _names_several_joined(ctx)
        or (ctx.query.intent is Intent.COMPARE and not (scope.named and len(scope.doc_ids) == 1))
    ):
        return compare(ctx, scope.doc_ids)
    return None


_JOINED = re.compile(r"\bva\b")


def _names_several_joined(ctx: Context) -> bool:
    """ "… thành phố năm 2023 và tỉnh Ninh Bình năm 2025 …", "CT 012 Đắk Lắk và Phụ lục 01
    … thành phố …": two plans named apart (each by its own place, number or level and year)
    and joined by "và" are each asked, never one for both; one place's two plans are not."""
    scope = ctx.scope
    if not scope.named or scope.by_title_words or len(scope.doc_ids) < 2:
        return False
    # the question's own "và", not one an abbreviation's spelling-out brings ("ICT": "công
    # nghệ thông tin và truyền thông")
    joined = _JOINED.search(ctx.query.plain)
    return bool(joined) and len(_by_named_place(ctx, scope.doc_ids)) >= 2


def _rows_of_the_unit(ctx: Context) -> Answer | None:
    """ "Công an tỉnh chủ trì nhiệm vụ gì trong phụ lục KH 88 và phụ lục KH 125?" compares
    one unit's rows in its role: each plan's rows of that unit, as a list by unit over the
    plans named (a role a plan's table lacks is said to be absent there)."""
    reading, scope = ctx.reading, ctx.scope
    if not (reading.units and reading.roles and scope.named and len(scope.doc_ids) >= 2):
        return None
    several = len(reading.documents) >= 2 or _names_several_places(ctx)
    if not (ctx.query.intent is Intent.COMPARE or several):
        return None
    listed = list_by_unit.answer(ctx.asking(replace(ctx.query, intent=Intent.LIST_BY_UNIT)))
    if listed is None or listed.abstained:
        return None
    cited = {c.document_id for c in listed.citations}
    if any(_has_rows_of(ctx, d) for d in scope.doc_ids if d not in cited):
        # a plan named has the unit's rows in that role, none of them on the words asked
        # (words naming the other plan): each plan is asked on its own instead
        return None
    return listed


def _has_rows_of(ctx: Context, doc_id: str) -> bool:
    """Whether the plan has rows of the question's units in the roles it asks, any topic."""
    lists = list_by_unit.ListByUnit(ctx.search, ctx.documents, ctx.units)
    found = lists.answer(
        ctx.query, ctx.reading.roles, [doc_id], list(ctx.reading.units), lambda rows: rows
    )
    return found is not None and not found.abstained and bool(found.citations)


# words asking what a unit does, not a topic of their own ("… có vai trò gì?", "… được nhắc
# tới với việc gì?", "… được giao nhiệm vụ gì?")
_ROLE_ASKED = frozenset(
    [
        *("vai", "tro", "viec", "gi", "nhiem", "vu", "trach", "nhac", "toi", "den", "duoc"),
        *("giao", "lam", "the", "nao", "ra", "sao"),
    ]
)


def _role_of_the_unit(ctx: Context) -> Answer | None:
    """ "Văn phòng UBND tỉnh trong CT 012 và KH 88 có vai trò gì?": one unit, no role and
    no topic of its own, asked of two or more plans named: what each plan gives it (the
    first clause under its heading, else the clause that best names it), a plan never
    naming it said to; None otherwise, or when no plan names it."""
    reading, scope = ctx.reading, ctx.scope
    if not (reading.units and not reading.roles and scope.named and len(scope.doc_ids) >= 2):
        return None
    several = _names_several_places(ctx) or _names_several_by_number(ctx)
    if not (ctx.query.intent is Intent.COMPARE or several):
        return None
    keys = list(reading.units)
    # the words naming the plans ("kế hoạch thí điểm chính quyền số cấp sở") are no topic
    asked = understand(ctx.documents.without_naming(ctx.query.text, scope.doc_ids))
    topic = ctx.library.topic_words(asked, scope.doc_ids)
    if any(not is_unit_word(w, keys) and w not in _ROLE_ASKED for w in topic):
        return None  # "… giao Văn phòng UBND tỉnh việc gì về an toàn thông tin?": a topic
    picked: list[StoredClause] = []
    missing: list[str] = []
    for doc_id in scope.doc_ids:
        found = _naming_the_unit(ctx, doc_id, keys)
        if found is None:
            missing.append(ctx.label(doc_id))
        else:
            picked.append(found)
    if not picked:
        return None
    name = ", ".join(ctx.units.display_name(k, ctx.query.text) for k in keys)
    compared = answer_per_document(
        ctx.query, picked, ctx.documents, f"Nhiệm vụ của {name} theo từng kế hoạch:", _WHOLE
    )
    if missing:
        note = f"{', '.join(missing)} không nêu {name}."
        compared = replace(compared, answer=f"{compared.answer}\n{note}")
    return replace(compared, intent=Intent.COMPARE.value)


# a duty is shown whole: its last words may be what it rests on ("… theo Nghị định số …")
_WHOLE = 600


def _naming_the_unit(ctx: Context, doc_id: str, keys: list[str]) -> StoredClause | None:
    """The first clause under the unit's heading in this plan ("4. Văn phòng UBND tỉnh"),
    else the best-ranked clause with content that names the unit; None when none does."""
    headed = [c for c in ctx.search.headings_naming([doc_id], keys) if heads_unit(c, keys)]
    if headed:
        return first_content(ctx.search, min(headed, key=lambda c: c.start))
    name = " ".join(ctx.units.display_name(k, ctx.query.text) for k in keys)
    naming = [
        hit.clause
        for hit in ctx.rank(ctx.search.hybrid(name, [doc_id], limit=15))
        if hit.clause.kind not in (*NOT_ANSWERS, "appendix")
        and not (hit.clause.child_count and is_bare_heading(hit.clause))
        and ctx.has_content(hit.clause)
        and set(keys) & set(ctx.units.find(hit.clause.text))
    ]
    # a clause the unit opens ("1. Văn phòng UBND tỉnh chủ trì theo dõi, đôn đốc …") says
    # its part in the plan; a row naming it in a cell is one task among others
    opening = [c for c in naming if set(keys) & set(ctx.units.find(_opening(c.text)))]
    chosen = opening or naming
    return chosen[0] if chosen else None


def _opening(text: str) -> str:
    """The first words of a clause, where its subject stands."""
    return " ".join(text.split()[:_OPENING_WORDS])


_OPENING_WORDS = 10


def _names_several_places(ctx: Context) -> bool:
    """ "… Ninh Bình 2025 và Xuân Trường 2026 …": a question about two plans is a comparison."""
    scope = ctx.scope
    if not scope.named or len(scope.doc_ids) < 2:
        return False
    places = {
        info.place_name
        for info in (ctx.documents.get(d) for d in scope.doc_ids)
        if info is not None and info.place_name and folded(info.place_name) in ctx.query.folded
    }
    return len(places) >= 2


def _names_several_by_number(ctx: Context) -> bool:
    """ "… theo KH 165 Cần Thơ và theo KH 252 …", "QĐ 773 … và QĐ 3210 … mỗi văn bản giao
    …": a question naming two plans by number asks each of them, never one for both."""
    scope = ctx.scope
    if not scope.named or len(scope.doc_ids) < 2:
        return False
    by_number = set(ctx.documents.named_by_number(ctx.query.folded))
    return len(by_number & set(scope.doc_ids)) >= 2


def compare(ctx: Context, doc_ids: list[str]) -> Answer:
    """The best clause on the question's topic in each plan of `doc_ids` (every plan when
    fewer than two are given), or an abstention when fewer than two plans have it."""
    query, documents = ctx.query, ctx.documents
    targets = doc_ids if len(doc_ids) >= 2 else list(documents.documents)
    everyone = len(targets)
    if len(doc_ids) < 2 and everyone > MANY:  # a country's plans: the best few of one search
        best = ctx.search.documents_matching(query.text, MANY)
        targets = documents.in_catalog_order(best)
    plain = _without_references(ctx)
    topic_text = _strip_document_words(plain, [documents.get(d) for d in targets])
    kept = set(plain.split())
    topic = [w for w in ctx.topic(targets) if w in kept]
    picked: list[StoredClause] = []
    missing: list[str] = []
    targets_compared = bool(_TARGETS_COMPARED.search(query.folded)) or ctx.reading.figure
    times_compared = bool(_TIMES_COMPARED.search(query.folded))
    # each plan's time is what is compared: the best clause stating a date, looked for a
    # little further down the ranking
    states = (
        None
        if targets_compared or not times_compared
        else (lambda c: bool(_DATED.search(folded(own_text(c)))))
    )
    groups = _by_named_place(ctx, targets)
    for group in groups:
        found = [
            (ctx.coverage(topic, best), best)
            for best in (_best_in(ctx, topic_text, topic, [d], states) for d in group)
            if best is not None
        ]
        if targets_compared:  # each plan's figure is what is compared
            found = [(score, c) for score, c in found if states_figure(own_text(c))]
        if found:  # a place named once is answered by its best-covering plan
            picked.append(max(found, key=lambda item: item[0])[1])
        elif len(group) == 1 or _place_of(ctx, group[0]):
            # a plan standing alone beside another plan of its place is said by its name
            alone = len(group) == 1 and any(
                g != group and _place_of(ctx, g[0]) == _place_of(ctx, group[0]) for g in groups
            )
            missing.append(
                ctx.label(group[0]) if alone else _place_of(ctx, group[0]) or ctx.label(group[0])
            )
    sides: list[Answer] = []
    if missing and ctx.scope.named:
        # a plan named whose best clause does not cover the whole question's topic: that plan
        # asked alone, as a single-plan question would be (who, when, target, its meta)
        sides, missing = _asked_alone(ctx, groups, picked, missing)
    if len(picked) + len(sides) < 2:
        related = [c.clause for c in ctx.rank(ctx.search.hybrid(topic_text, targets, limit=5))]
        return abstain(
            query,
            related,
            documents,
            f"Không đủ căn cứ để so sánh: chỉ tìm thấy nội dung này ở {len(picked)} kế hoạch"
            + (f"; không tìm thấy ở kế hoạch của {', '.join(missing)}." if missing else "."),
        )
    # a time compared may stand late in a long duty ("…; trước 25 hằng tháng báo cáo …"):
    # the duty is shown whole
    limit = _WHOLE if states is not None else 240
    compared = answer_per_document(query, picked, documents, "So sánh theo từng kế hoạch:", limit)
    compared = _with_sides(ctx, compared, sides)
    if len(targets) < everyone and len(doc_ids) < 2:
        note = (
            f"(Các kế hoạch khớp nhất trong {vi_count(everyone)} kế hoạch đã nạp; hãy nêu "
            "tên hoặc địa bàn các kế hoạch cần so sánh.)"
        )
        compared = replace(compared, answer=f"{compared.answer}\n{note}")
    if missing:  # every plan named is answered, or said to be missing
        note = f"Không tìm thấy nội dung này trong kế hoạch của {', '.join(missing)}."
        compared = replace(compared, answer=f"{compared.answer}\n{note}")
    return replace(compared, intent=Intent.COMPARE.value)


def _asked_alone(
    ctx: Context, groups: list[list[str]], picked: list[StoredClause], missing: list[str]
) -> tuple[list[Answer], list[str]]:
    """The answers of the plans named but not found by the topic search, each plan asked
    the question alone (`retrieval.side_questions`), and the plans still missing: a plan
    answers when it alone would, citing itself."""
    found = {c.document_id for c in picked}
    sides: list[Answer] = []
    still: list[str] = []
    for group in groups:
        if len(group) != 1 or group[0] in found:
            continue
        doc_id = group[0]
        others = [d for g in groups for d in g if d != doc_id]
        side = _side_answer(ctx, doc_id, others)
        if side is None:
            still.append(ctx.label(doc_id))
        else:
            sides.append(side)
    named_missing = {ctx.label(g[0]) for g in groups if len(g) == 1}
    # a place's group (several plans of one place) stays as it was
    return sides, [m for m in missing if m not in named_missing] + still


def _side_answer(ctx: Context, doc_id: str, others: list[str]) -> Answer | None:
    """The question asked of this plan alone, without the references naming the others;
    None when it declines or cites another plan. An answer saying its plan does not give
    the asked part ("Văn bản không nêu đơn vị phối hợp — chủ trì: …") is a decline by its
    contract (`Answer.abstained`, `retrieval.absent_parts`), whatever words it opens with."""
    text = side_question(ctx.query.text, ctx.documents, doc_id, others)
    if text is None:
        return None
    found = ctx.answer_as(understand(text), Scope([doc_id], named=True))
    cited = {c.document_id for c in found.citations}
    if found.abstained or cited != {doc_id}:
        return None
    return found


def _with_sides(ctx: Context, compared: Answer, sides: list[Answer]) -> Answer:
    """The comparison with each plan asked alone added as its own block, labelled with
    the plan and its citations numbered after those before."""
    if not sides:
        return compared
    lines = [compared.answer]
    citations = list(compared.citations)
    candidates = list(compared.candidates)
    for side in sides:
        label = ctx.label(side.citations[0].document_id)
        shift = len(citations)
        lines.append(f"- {label}: {_renumbered(side.answer, shift)}")
        citations += [replace(c, n=c.n + shift) for c in side.citations]
        candidates += [c for c in side.candidates if c not in candidates]
    return replace(
        compared, answer="\n".join(lines), citations=tuple(citations), candidates=tuple(candidates)
    )


def _renumbered(text: str, shift: int) -> str:
    """An answer's citation marks ("[1]") moved after the `shift` citations before it."""
    return re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + shift}]", text)


def _by_named_place(ctx: Context, doc_ids: list[str]) -> list[list[str]]:
    """The plans grouped by the place the question names them by ("Ninh Bình và Tiền
    Giang": one group per place); a plan whose place is not named stands alone."""
    groups: dict[str, list[str]] = {}
    text = f" {ctx.query.folded} "
    # a plan named by its own number stands alone beside another plan of its place ("KH 19
    # Ninh Bình … và mô hình thí điểm … 2022" of Ninh Bình too)
    # a plan named by its own number stands alone; its place then named it, not every plan
    # of that place ("KH 19 Ninh Bình" is not the pilot plan of Ninh Bình too, unless the
    # question names that one as well)
    by_number = set(ctx.documents.named_by_number(ctx.query.folded))
    taken = {_place_of(ctx, d) for d in by_number if d in doc_ids}
    for doc_id in doc_ids:
        place = _place_of(ctx, doc_id)
        if doc_id in by_number or not place or f" {folded(place)} " not in text:
            groups.setdefault(doc_id, []).append(doc_id)
        elif place not in taken:
            groups.setdefault(place, []).append(doc_id)
        elif doc_id in ctx.scope.doc_ids:
            groups.setdefault(doc_id, []).append(doc_id)
    return list(groups.values())


def _place_of(ctx: Context, doc_id: str) -> str | None:
    info = ctx.documents.get(doc_id)
    return info.place_name if info else None


def _best_in(
    ctx: Context,
    text: str,
    topic: list[str],
    doc_ids: list[str],
    states: Callable[[StoredClause], bool] | None = None,
) -> StoredClause | None:
    """The best answering clause within these documents, if it covers the topic (and
    `states` what is compared, a time: looked for a little further down)."""
    ranked = [
        c
        for c in ctx.rank_text(text, ctx.search.hybrid(text, doc_ids, limit=15))
        if c.clause.kind not in NOT_ANSWERS
        and ctx.has_content(c.clause)
        and answers_content(c.clause, ctx.query.folded)
    ]
    window = _STATING if states is not None else _FIRST
    covering = [c.clause for c in ranked[:window] if ctx.coverage(topic, c.clause) >= MIN_COVERAGE]
    if states is not None:
        covering = [c for c in covering if states(c)]
    # a group's title ("7. Về kinh tế số") says less than a row under it that covers too
    stated = [c for c in covering if not (c.child_count and is_bare_heading(c))]
    best = stated or covering
    return best[0] if best else None


def _without_references(ctx: Context) -> str:
    """The question without the references that pick the plans compared ("KH 19", "KH 125",
    "phụ lục 2 của KH 88"): they name where to look, not what to compare."""
    text = ctx.query.folded
    reading = ctx.reading
    # an appendix step only: a "mục 2" may be a level ("VNeID mức 2"), part of the topic
    appendices = [step.span for step in reading.path if step.level == "appendix"]
    spans = [d.span for d in reading.documents] + appendices
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        text = text[: span.start] + " " + text[span.end :]
    return " ".join(_BARE_APPENDIX.sub(" ", text).split())


_BARE_APPENDIX = re.compile(r"\bphu luc\b")
_FIRST = 3  # the ranked clauses weighed for a plan
_STATING = 8  # … when the clause must state the time compared
# "hạn báo cáo năm … khác nhau thế nào?", "… hoàn thành khi nào?": each plan's time
# a time a deadline is compared by: a day ("trước ngày 15/12"), a month, a quarter
# ("trước ngày 20 hằng tháng", "trước 25 hằng tháng": a recurring report's day)
_DATED = re.compile(
    r"\b\d{1,2}/\d{1,2}\b|\bthang \d|\bquy (?:[ivx]+|\d)\b|\b\d{1,2} hang (?:thang|quy|nam)\b"
)
_TIMES_COMPARED = re.compile(r"\b(?:han|thoi han|khi nao|truoc ngay|ngay nao|thoi diem)\b")


# "so sánh chỉ tiêu …", "tỷ lệ … đặt bao nhiêu": what each plan sets is a figure; a plan whose
# closest clause states none is said to be missing, not compared by a sentence about the topic
# ("mục tiêu" may be a plan's aims in words)
_TARGETS_COMPARED = re.compile(r"\bchi tieu\b")


def _strip_document_words(text: str, infos: Sequence[object]) -> str:
    """The comparison topic: the question without compare words and place names."""
    for info in infos:
        name = getattr(info, "place_name", None)
        if name:
            text = text.replace(folded(name), " ")
    text = re.sub(
        r"\b(so sanh|khac nhau|khac gi|giua|cua|va|voi|so voi|20\d\d|tinh|xa)\b", " ", text
    )
    return " ".join(text.split())
