"""Clause look-up: a clause the question names by number ("Sở nào chủ trì chỉ tiêu 6.6?",
"điểm a khoản 2 mục III") or by its path ("chỉ tiêu 3 mục IV phụ lục 01"). A path no clause
lies in is said to be missing ("Phụ lục 01 không có mục IV chỉ tiêu 3"), a number several
plans share is settled by the question's words or the conversation, else asked back."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import folded
from retrieval.answers import Answer
from retrieval.compose import abstain, answer_ambiguous, answer_clauses
from retrieval.constraint_check import (
    absent_role_answer_reason,
    missing_path_reason,
    satisfies_path,
)
from retrieval.constraints import PathStep, Reading, step_matches
from retrieval.figures import states_figure
from retrieval.follow_ups import WHO
from retrieval.narrowing import FEW, MANY, best_first, groups_in_store, narrowed, narrowed_groups
from retrieval.query import ClauseRef, Intent, Query
from retrieval.relevance import clause_words
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context

_TABLE_KINDS = ("table_row", "table_group")
# more plans than this sharing a number: counted and grouped by indexed look-ups, only the
# few shown read (fewer: every candidate read, and the words or the conversation weighed)
WIDE = 50
# plans the facts store may hold a moment before the catalog commits them: read past
_UNCOMMITTED = 2


def answer(ctx: Context) -> Answer | None:
    """The clause asked by number (or path), or why it cannot be found; None when the
    question names no clause number."""
    if not ctx.query.clause_refs:
        return None
    return _by_reference(ctx)


def _by_reference(ctx: Context) -> Answer:
    query, scope, search = ctx.query, ctx.scope, ctx.search
    ref = query.clause_refs[0]
    reading = ctx.reading
    located = [s for s in reading.path if s.level != "appendix"]
    # "điểm a khoản 1 mục II": the point is looked for under the clause the path leads to
    pointed = [s for s in located if s.level != "point"] if ref.point else []
    if len(reading.path) >= 2 and located and (not ref.point or len(pointed) >= 2):
        # "chỉ tiêu 3 mục IV phụ lục 01": the innermost step is the clause, the others
        # must enclose it
        inner = (pointed or located)[-1]
        ref = ClauseRef(inner.label, "table" if inner.level == "row" else "body", ref.point)
        outer = [s for s in reading.path if s is not inner and s.level != "point"]
        found = search.by_number(ref.number, scope.doc_ids)
        candidates = [
            c
            for c in found
            if satisfies_path(c, [s for s in outer if not _is_the_document(ctx, c, s)], search)
        ]
        if not candidates and ctx.documents.named_by_title_words_only(query.folded):
            # a plan named only by words of its title ("… định danh điện tử …") that has no
            # such path: the words were the topic; the path is looked for in every plan
            found = search.by_number(ref.number, [])
            candidates = [
                c
                for c in found
                if satisfies_path(c, [s for s in outer if not _is_the_document(ctx, c, s)], search)
            ]
        if not candidates:
            return _missing_path(ctx, reading, found)
        if not ref.point:  # "điểm a khoản 1 mục II": the point is looked for under it
            candidates = [_row_on_topic(ctx, c) for c in candidates]
    else:
        grouped = None if ref.point else _in_many_plans(ctx, ref)
        if grouped is not None:
            return grouped
        candidates = search.by_number(ref.number, scope.doc_ids)
        if len(candidates) > 1 and not ref.point:
            candidates = [_row_on_topic(ctx, c) for c in candidates]
    asked = f"mục/chỉ tiêu {ref.number}"
    if ref.point:
        # "điểm đ mục 1" of a list lettered a, b, c, d, e: the point is missing, not mục 1
        asked = f"điểm {ref.point} của mục {ref.number}" if candidates else asked
        candidates = _points_under(ctx, candidates, ref.point)
    if not candidates:
        related = [c.clause for c in search.hybrid(query.text, scope.doc_ids, limit=3)]
        where = ""
        if len(scope.doc_ids) == 1 and ctx.documents.get(scope.doc_ids[0]):
            where = f" trong {ctx.documents.get(scope.doc_ids[0]).label}"  # type: ignore[union-attr]
        return abstain(
            query,
            related,
            ctx.documents,
            f"Không tìm thấy {asked}{where} trong các kế hoạch đã nạp.",
        )
    best_per_doc = _best_per_document(candidates, ref, query)
    if len(best_per_doc) > 1:
        settled = _disambiguate_by_kind(ctx, best_per_doc) or _disambiguate_by_content(
            ctx, best_per_doc
        )
        if settled is not None:
            return _answer_settled(ctx, [settled])
        conversation = ctx.conversation
        if conversation is not None and conversation.document_ids:
            preferred = [c for c in best_per_doc if c.document_id in conversation.document_ids]
            if len(preferred) == 1:
                return _answer_settled(ctx, preferred)
        if len(best_per_doc) > MANY:  # a country's plans: counted, grouped, narrowed
            few = best_first(best_per_doc, ctx.documents)[:FEW]
            examples = answer_ambiguous(query, few, ctx.documents, ref.number)
            doc_ids = [c.document_id for c in best_per_doc]
            return narrowed(
                examples, doc_ids, ctx.documents, f"mục/chỉ tiêu {ref.number}", query.text
            )
        return answer_ambiguous(query, best_per_doc, ctx.documents, ref.number)
    return _answer_settled(ctx, best_per_doc[:1])


# a document that is an appendix itself ("Phụ lục 01: Phân công phụ trách …", kept apart
# from its plan): its title names it
_APPENDIX_TITLE = re.compile(r"^\s*(ph[ụu] l[ụu]c\s+(?:s[ốo]\s+)?[\dIVXivx]+)\b", re.IGNORECASE)


def _is_the_document(ctx: Context, clause: StoredClause, step: PathStep) -> bool:
    """Whether an appendix step of the path ("phụ lục 01") is the clause's document itself:
    every clause of a stand-alone appendix lies in it."""
    if step.level != "appendix":
        return False
    info = ctx.documents.get(clause.document_id)
    named = _APPENDIX_TITLE.match(info.title) if info is not None else None
    return named is not None and step_matches(step, named.group(1))


def _in_many_plans(ctx: Context, ref: ClauseRef) -> Answer | None:
    """A number no plan was named for, in more than `WIDE` plans, that neither the question's
    words nor the conversation can settle: the count and the plans grouped by level and place
    from the facts store's indexed look-up, and only the few shown read from the index (not
    every plan's clause). None otherwise (the candidates are all read and weighed)."""
    search, query = ctx.search, ctx.query
    if ctx.scope.doc_ids or not search.has_facts:
        return None
    facts = ctx.documents.facts
    if facts.count_documents_with_clause(ref.number) <= WIDE or len(_content_words(ctx)) >= 2:
        return None  # few plans, or words that may settle it (`_disambiguate_by_content`)
    conversation = ctx.conversation
    if conversation is not None and facts.documents_with_clause_among(
        ref.number, conversation.document_ids
    ):
        return None  # the conversation's plan may settle it
    known = ctx.documents.documents
    latest = facts.latest_documents(FEW + _UNCOMMITTED, ref.number)
    shown = [d for d in latest if d in known][:FEW]
    found = _best_per_document(search.by_number(ref.number, shown), ref, query)
    few = best_first(found, ctx.documents)
    examples = answer_ambiguous(query, few, ctx.documents, ref.number)
    groups = groups_in_store(facts, ref.number)
    return narrowed_groups(examples, groups, f"mục/chỉ tiêu {ref.number}", query.text)


def _content_words(ctx: Context) -> list[str]:
    """The question's topic words but numbers: what can settle a number several plans share."""
    return [w for w in ctx.topic() if not re.fullmatch(r"[\d.]+", w)]


def _missing_path(ctx: Context, reading: Reading, elsewhere: list[StoredClause]) -> Answer:
    """No clause has the number inside the path asked: say which part is missing and
    offer the clauses with that number elsewhere in the plan."""
    infos = [ctx.documents.get(d) for d in ctx.scope.doc_ids]
    labels = [i.label for i in infos if i is not None]
    where = labels[0] if len(labels) == 1 else "Các kế hoạch đã nạp"
    return abstain(
        ctx.query,
        [c for c in elsewhere if ctx.has_content(c)],
        ctx.documents,
        missing_path_reason(where, reading.path),
    )


# a document's kind as a question writes it, long or short ("NQ bổ sung KH 2025": a Nghị quyết)
# ("Sở KH&CN" is no plan)
_KIND_NAMED = re.compile(
    r"\b(nghi quyet|nq|quyet dinh|qd|ke hoach|kh(?!\s*(?:&|va)?\s*cn\b)|chi thi|de an)\b"
)
_KIND_OF = {"nq": "nghi quyet", "qd": "quyet dinh", "kh": "ke hoach"}


def _disambiguate_by_kind(ctx: Context, candidates: list[StoredClause]) -> StoredClause | None:
    """ "Mục 2.5 NQ bổ sung KH 2025 nêu …" among a resolution's 2.5 and plans' 2.5: the kind
    the question names first (a plan's title words may name another after it) settles it
    when one candidate's document alone is of that kind."""
    named = _KIND_NAMED.search(ctx.query.folded)
    if named is None:
        return None
    kind = _KIND_OF.get(named.group(1), named.group(1))
    of_kind = [c for c in candidates if folded(_kind(ctx, c.document_id)) == kind]
    return of_kind[0] if len(of_kind) == 1 else None


def _kind(ctx: Context, doc_id: str) -> str:
    info = ctx.documents.get(doc_id)
    return (info.kind or "") if info is not None else ""


def _disambiguate_by_content(ctx: Context, candidates: list[StoredClause]) -> StoredClause | None:
    """ "khi nào hoàn thành chuyển mạng LAN sang IPv6 (chỉ tiêu 2.3)": the words settle it."""
    topic = _content_words(ctx)
    if len(topic) < 2:
        return None
    scored = sorted(
        ((ctx.weights.coverage(topic, clause_words(c.search_text)), c) for c in candidates),
        key=lambda item: -item[0],
    )
    (best_score, best), (second_score, _) = scored[0], scored[1]
    return best if best_score >= 0.6 and best_score - second_score >= 0.3 else None


_HEADINGS = ("part", "section", "appendix", "table_group")


def _row_on_topic(ctx: Context, clause: StoredClause) -> StoredClause:
    """The item under a heading the path leads to that the question's words name ("chỉ tiêu
    tài khoản định danh điện tử trên 50% (mục IV)": the row of mục IV saying it), else the
    heading itself."""
    topic = _content_words(ctx)
    query = ctx.query
    if clause.kind not in _HEADINGS or len(topic) < 2 or query.wants_items or query.wants_list:
        return clause  # "mục IV gồm những chỉ tiêu nào?" asks for the heading's items
    own = ctx.weights.coverage(topic, clause_words(clause.search_text))
    scored = [
        (ctx.weights.coverage(topic, clause_words(c.search_text)), c)
        for c in ctx.search.children(clause.clause_id)
    ]
    if not scored:
        return clause
    scored.sort(key=lambda item: -item[0])
    score, best = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    return best if score >= 0.6 and score > own and score - second >= 0.2 else clause


def _answer_settled(ctx: Context, clauses: Sequence[StoredClause]) -> Answer:
    undirected = _undirected(ctx, clauses)
    if undirected is not None:
        return undirected
    intent = ctx.query.intent
    if intent in (Intent.SEARCH, Intent.LIST_BY_UNIT, Intent.LIST_BY_PERIOD, Intent.COMPARE):
        intent = Intent.TARGET
    if ctx.query.wants_items and not _asks_units(ctx.query, ctx.reading):
        clauses = [_its_contents(ctx, c) for c in clauses]
    if ctx.reading.figure and not _asks_units(ctx.query, ctx.reading):
        clauses = [_figure_under(ctx, c) for c in clauses]
    return answer_clauses(ctx.query, clauses, ctx.documents, intent, ctx.children_of(clauses))


# intents whose answer names the item's units (or its time, next to them)
_UNIT_INTENTS = frozenset(
    [Intent.WHO, Intent.WHO_LEAD, Intent.WHO_COOPERATE, Intent.WHO_MONITOR, Intent.DEADLINE]
)


def _asks_units(query: Query, reading: Reading) -> bool:
    """Whether the units or roles of an item are asked ("những cơ quan nào phối hợp", "cơ
    quan chủ trì"): the part's roles answer, not its contents."""
    return query.intent in _UNIT_INTENTS or reading.units_asked is not None


def _figure_under(ctx: Context, clause: StoredClause) -> StoredClause:
    """ "Mục 3.3 … bố trí tối thiểu bao nhiêu % ngân sách tỉnh?" of a heading that states no
    figure itself ("3.3. Huy động, phân bổ và sử dụng hiệu quả các nguồn lực"): its item
    that states one ("- Bố trí tối thiểu 2% ngân sách tỉnh …"), the one saying more of the
    question's words when several do; the clause itself when its own words state a figure,
    or when no item, or several alike, do."""
    if not clause.child_count or states_figure(clause.body):
        return clause
    stating = [c for c in ctx.search.children(clause.clause_id) if states_figure(c.text)]
    if len(stating) <= 1:
        return stating[0] if stating else clause
    topic = _content_words(ctx)
    scored = sorted(
        ((ctx.weights.coverage(topic, clause_words(c.search_text)), c) for c in stating),
        key=lambda item: -item[0],
    )
    (best_score, best), (second_score, _) = scored[0], scored[1]
    return best if best_score > second_score else clause


def _its_contents(ctx: Context, clause: StoredClause) -> StoredClause:
    """ "Mục VIII gồm những nội dung nào?" of a part read as one task (its heading the task,
    its "2. Cơ quan chủ trì, phối hợp" the roles): the part's "1. Nội dung, biện pháp", whose
    items are the answer; the clause itself when it is no such part."""
    if clause.target is None or not clause.child_count:
        return clause
    for child in ctx.search.children(clause.clause_id):
        if child.child_count and re.match(r"\d+\.\s*nội dung", child.text.strip(), re.I):
            return child
    return clause


def _undirected(ctx: Context, clauses: Sequence[StoredClause]) -> Answer | None:
    """ "Ai trực tiếp chỉ đạo chỉ tiêu 6.8?" of a row whose table has no directing
    column: say so, and show the row (its other columns are the closest)."""
    reason = absent_role_answer_reason(ctx.reading, clauses, ctx.search, ctx.label)
    if reason is None:
        return None
    rows = [c for c in clauses if c.target is not None]
    return abstain(ctx.query, rows, ctx.documents, reason)


def _points_under(ctx: Context, candidates: list[StoredClause], point: str) -> list[StoredClause]:
    """The lettered points ("điểm a") under the clauses found."""
    found: list[StoredClause] = []
    for parent in candidates:
        found.extend(c for c in ctx.search.children(parent.clause_id) if c.number == point)
    return found


def _best_per_document(
    candidates: list[StoredClause], ref: ClauseRef, query: Query
) -> list[StoredClause]:
    """One clause per document: table rows for "chỉ tiêu/nhiệm vụ", body items for "mục"."""
    who_or_when = query.intent in (*WHO, Intent.DEADLINE)

    def preference(clause: StoredClause) -> tuple[int, int]:
        table = clause.kind in _TABLE_KINDS
        if ref.scope == "table" or (ref.scope is None and who_or_when):
            rank = 0 if clause.kind == "table_row" else 1 if table else 2
        elif ref.scope == "body":
            rank = 0 if not table else 1
        else:
            rank = 0 if clause.kind in ("table_row", "item") else 1
        return rank, clause.start

    best: dict[str, StoredClause] = {}
    for clause in sorted(candidates, key=preference):
        best.setdefault(clause.document_id, clause)
    return sorted(best.values(), key=lambda c: c.document_id)
