"""The search answer, last: hybrid search over the plans in scope, reranked, answered by
the best clause that covers the question's topic (its enclosing short list when the
question asks for several things; one clause per plan, asked back, when several plans
say it equally). Always answers, abstaining with the closest clauses when none covers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from itertools import pairwise

from ingest.abbreviations import expand_abbreviations
from ingest.dates import states_own_time
from ingest.normalize_vi import folded
from retrieval.amounts import amount_asked, own_text, states_asked_amount
from retrieval.answers import Answer
from retrieval.appendices import in_appendix_asked, is_pointer
from retrieval.candidates import answers_content
from retrieval.citations import CitationBuilder
from retrieval.clause_content import NOT_ANSWERS
from retrieval.compose import (
    YEAR_FIGURE,
    abstain,
    answer_clauses,
    answer_per_document,
    asked_figure,
)
from retrieval.confidence import cites_unit
from retrieval.constraint_check import absent_role_answer_reason, ancestors
from retrieval.coverage import MIN_COVERAGE
from retrieval.doers import WHO_INTENTS, partners_named_first
from retrieval.figures import heading_line, states_figure
from retrieval.follow_ups import FOLLOW_UP_WORDS
from retrieval.group_rows import named_group, named_groups, named_rows_first, row_name
from retrieval.heading_figures import heading_first, stating_heading
from retrieval.labelled_lines import rows_for_labelled_lines
from retrieval.list_headings import asked_list, heading_said, items_name_list, names_list
from retrieval.narrowing import FEW, MANY, narrowed
from retrieval.nth_item import asked_position, names_list_of
from retrieval.office_asked import asked_office, names_office, office_first
from retrieval.ordinals import asked_part_first, missing_ordinal
from retrieval.periods import by_stage
from retrieval.query import Intent, understand
from retrieval.question_units import UnitPart
from retrieval.ranking import MAX_PER_DOCUMENT, with_candidates
from retrieval.record_fields import asked_field_first
from retrieval.relevance import clause_pairs
from retrieval.rerank import steps_named
from retrieval.scope import Scope
from retrieval.search import Candidate
from retrieval.session_parts import (
    asked_session_first,
    asks_session,
    missing_session,
    said_session,
    session_heading,
    sessions_named,
)
from retrieval.standing_body import names_itself
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context
from retrieval.topic import INTENT_WORDS, naming_words
from retrieval.total_rows import totals_first
from retrieval.twin_points import same_line_elsewhere, scope_picks
from retrieval.twin_rows import twin_rows

# a numbered section with nothing under it is an item too ("1\\. Thành phố Hà Nội." under
# "I- Các đơn vị hành chính cấp tỉnh không thực hiện sáp nhập")
_LIST_ITEMS = ("bullet", "point", "item", "paragraph", "section")
_MAX_LIST_ITEMS = 12
# A plan whose clause has the question's word pairs settles a topic that several plans share
# when the others have far fewer of them.
_PHRASE_SETTLES = 0.6
_PHRASE_GAP = 0.5
# the other plans searched on their own once two plans share a topic: the best of them by
# one grouped search (the answer shows at most MAX_PER_DOCUMENT plans)
_OTHER_PLANS = 2 * MAX_PER_DOCUMENT
# how much more of the question another plan's clause must cover to answer in place of the
# plan named only by its title words
_BETTER_FIT = 0.2


def answer(ctx: Context) -> Answer:
    """The best covering clause(s), a per-plan choice, or an abstention with candidates.
    A plan named only by its title words is the answer's plan unless other plans say the
    same as strongly: then each plan's clause is offered, as for a question naming none."""
    if ctx.scope.by_title_words:
        unnamed = _search_answer(replace(ctx, scope=Scope([], named=False)))
        if unnamed.intent == "ambiguous" and _shares_the_title_words(ctx, unnamed):
            return unnamed
        named = _search_answer(ctx)
        return unnamed if _fits_better(ctx, unnamed, named) else named
    return _search_answer(ctx)


def _fits_better(ctx: Context, other: Answer, named: Answer) -> bool:
    """Whether another plan's answer fits the question clearly better than the answer of the
    plan named only by its title words ("… phát thải khí nhà kính" of a decision titled so,
    asked about what another plan of the field says): its cited clause covers clearly more
    of the question's words, the title's too, than any clause the named plan's answer
    cites (or offers when it declines), and no less of the whole question. A clause merely
    restating the named plan's title (its heading line) fits only by those words: the words
    beyond its theme are compared."""
    if other.abstained or other.intent == "ambiguous" or not other.citations:
        return False
    if {c.document_id for c in other.citations} & set(ctx.scope.doc_ids):
        return False
    whole, asked = ctx.topic([]), ctx.topic(ctx.scope.doc_ids, theme=False)

    def fit(answer: Answer, topic: Sequence[str]) -> float:
        ids = [c.clause_id for c in answer.citations if c.clause_id]
        clauses = ctx.search.by_ids(ids) if ids else []
        return max((ctx.coverage(topic, c) for c in clauses), default=0.0)

    clearer = fit(other, asked) >= fit(named, asked) + _BETTER_FIT
    return clearer and fit(other, whole) >= fit(named, whole)


def _shares_the_title_words(ctx: Context, offered: Answer) -> bool:
    """Whether every other plan's clause offered says the words that named the plan ("hỗ
    trợ nhà ở … người có công" in QĐ 773's duty too): then they are the topic, not a name."""
    named = set(ctx.scope.doc_ids)
    titles = " ".join(
        folded(info.title) for info in map(ctx.documents.get, named) if info is not None
    )
    words = {w for w in ctx.query.keywords if w in titles.split()}
    others: dict[str, bool] = {}
    for c in offered.citations:  # a plan's clause, or the heading it is cited under
        if c.document_id not in named:
            says = len(words & set(folded(c.text).split())) >= 0.8 * len(words)
            others[c.document_id] = others.get(c.document_id, False) or says
    return bool(words and others) and all(others.values())


def _search_answer(ctx: Context) -> Answer:
    query, scope, documents = ctx.query, ctx.scope, ctx.documents
    text, ranking = query.text, query
    if scope.named and scope.doc_ids:
        # the plan is settled: search (and rank) by what the question asks about it
        naming = naming_words(documents, query, scope.doc_ids)
        stripped = documents.without_naming(query.text, scope.doc_ids)
        if len(ctx.library.topic_words(understand(stripped), scope.doc_ids)) >= 2:
            text = stripped  # unless the plan's name was all the question said
        ranking = replace(query, keywords=tuple(w for w in query.keywords if w not in naming))
    hits = ctx.search.hybrid(text, scope.doc_ids, limit=25)
    topic = ctx.topic(scope.doc_ids)
    reranked = by_stage(query.folded, ctx.rank(hits, ranking))  # never mix stages
    reranked = totals_first(query.folded, reranked)  # "tổng …": the table's total row
    if reranked and _left_to_missing_appendix(ctx, topic, reranked[0].clause):
        return abstain(
            query,
            [reranked[0].clause],
            documents,
            "Kế hoạch để nội dung này ở phụ lục, nhưng văn bản đã nạp không có nội dung "
            "phụ lục đó.",
        )
    absent = _units_the_plan_never_names(ctx, [c.clause for c in reranked])
    if absent:  # "Sở Y tế phối hợp … việc gì?" of a plan that gives Sở Y tế nothing
        names = ", ".join(ctx.units.display_name(k, query.text) for k in absent)
        labels = ", ".join(ctx.label(d) for d in scope.doc_ids)
        return with_candidates(
            abstain(
                query,
                [c.clause for c in reranked[:3]],
                documents,
                f"{labels} không giao nhiệm vụ nào cho {names} (văn bản không nêu tên đơn vị này).",
            ),
            [c.clause for c in reranked],
        )
    grouped = _the_group_asked(ctx, reranked)
    if grouped is not None:
        return with_candidates(grouped, [c.clause for c in reranked])
    ranked = [
        c
        for c in reranked
        if c.clause.kind not in NOT_ANSWERS
        and ctx.has_content(c.clause)
        and answers_content(c.clause, query.folded)
    ]
    if not ranked:
        return abstain(query, [], documents, "Các kế hoạch đã nạp không nêu thông tin này.")
    kept = {c.clause_id for c in in_appendix_asked(query.folded, [c.clause for c in ranked])}
    ranked = [c for c in ranked if c.clause.clause_id in kept]
    covering = _covering(ctx, topic, ranked)
    if not covering and scope.named:
        # none covers the plan's theme words too ("… hỗ trợ nhà ở người có công" of the plan
        # on it, which its clauses seldom repeat): what the question asks beyond the theme
        topic = ctx.topic(scope.doc_ids, theme=False)
        covering = _by_phrases_said(topic, _covering(ctx, topic, ranked))
    if not covering and scope.named and len(scope.doc_ids) == 1:
        # the plan's theme shared with other plans' titles ("phát triển các khu, cụm công
        # nghiệp" of a resolution and the plan carrying it out) is not asked either
        untitled = ctx.topic(scope.doc_ids, theme=False, whole_title=True)
        covering = _by_phrases_said(untitled, _covering(ctx, untitled, ranked), at_least=1)
        topic = untitled if covering else topic
    if not covering and amount_asked(query) is not None:
        covering = _covering_under_lead_in(ctx, topic, ranked)
    covering = _advising_the_named_unit(ctx, ranked, covering) + covering

    def enclosing(clause: StoredClause) -> list[StoredClause]:
        return ancestors(clause, ctx.search)

    # "Tại kỳ họp thứ Bảy, … báo cáo gì?": the items under that session's heading, whose own
    # text does not repeat the session
    scheduled = _under_the_session_asked(ctx, topic, ranked, enclosing)
    covering = scheduled + [c for c in covering if c not in scheduled]
    if not covering:  # "… nêu những nhóm giải pháp nào?": the heading naming that list
        covering = _list_heading(ctx, ranked)
    if not covering:
        return with_candidates(
            abstain(
                query,
                [c.clause for c in ranked[:3]],
                documents,
                "Các kế hoạch đã nạp không nêu thông tin này.",
            ),
            [c.clause for c in ranked],
        )

    # "- Kết quả: Hồ sơ nhân sự …" found: the task's row, which that line is a cell of
    covering = rows_for_labelled_lines(ctx.search, covering)
    # "Trụ sở chính của Công ty X ở đâu?": the record's "- Địa chỉ trụ sở chính: …" line
    covering = asked_field_first(ctx.search, query.folded, covering)
    covering = _named_rows_first(ctx, covering)
    covering = _partners_of_the_subject(ctx, covering)
    if query.intent is Intent.WHO_COOPERATE:
        coverages = [ctx.coverage(topic, c.clause) for c in covering]
        covering = [
            covering[i] for i in partners_named_first([c.clause for c in covering], coverages)
        ]
    covering = _what_a_heading_holds(ctx, topic, covering)
    covering = _heading_naming_the_list(ctx, covering, ranked)
    covering = _nth_item_first(ctx, covering, ranked)
    if asks_session(query.folded):  # "kỳ họp nào …?": the session the item is set for
        session = _session_of(ctx, covering[0].clause)
        if session is not None:
            return with_candidates(session, [c.clause for c in ranked])
    if query.intent is Intent.DEADLINE:
        shares = [ctx.coverage(topic, c.clause) for c in covering]
        untimed = covering[shares.index(max(shares))]  # the clause saying most of the task
        covering = _timed_first(covering, query.folded, shares)
        covering = _task_before_its_condition(ctx, topic, covering)
        covering = _timed_round_first(
            query.folded, covering, lambda clause: ancestors(clause, ctx.search)
        )
        if _passed_over(ctx, topic, untimed, covering[0]):
            return with_candidates(
                abstain(
                    query,
                    [untimed.clause, covering[0].clause],
                    documents,
                    f"{ctx.label(untimed.clause.document_id)} nêu việc được hỏi nhưng không "
                    "ghi thời hạn cho việc đó; điều khoản có thời hạn gần nhất nói về việc khác.",
                ),
                [c.clause for c in ranked],
            )
    if query.intent is Intent.DEADLINE and asked_figure(query.folded) is YEAR_FIGURE:
        # "Tầm nhìn … đến năm nào?" under "2.2. Tầm nhìn đến năm 2045": the heading's year
        holder = stating_heading(
            query.text,
            covering[0].clause,
            enclosing(covering[0].clause),
            lambda clause: ctx.coverage(topic, clause),
            lambda clause: YEAR_FIGURE.search(heading_line(clause)) is not None,
        )
        if holder is not None:
            covering = heading_first(
                covering, lambda c: c.clause, holder, lambda h, c: Candidate(h, c.score, c.source)
            )
    if query.intent is Intent.TARGET and ctx.reading.figure:
        covering = _figured_first(covering, [ctx.coverage(topic, c.clause) for c in covering])
        # "Vốn NSNN … bao nhiêu?" of an item under "1. Vốn ngân sách nhà nước: 1.280 tỷ đồng"
        holder = stating_heading(
            query.text,
            covering[0].clause,
            enclosing(covering[0].clause),
            lambda clause: ctx.coverage(topic, clause),
        )
        if holder is not None:
            covering = heading_first(
                covering, lambda c: c.clause, holder, lambda h, c: Candidate(h, c.score, c.source)
            )
    if _ASKS_PLACE.search(query.folded):
        covering = _placed_first(covering)
    office = asked_office(query.folded)
    if office is not None:
        # "Ai làm Trưởng Ban Chỉ đạo … ở các quân khu?": a clause the search ranks near the
        # top that names the office answers, though it does not repeat the body's full name
        # ("… do đồng chí Phó Chính ủy … làm Trưởng Ban Chỉ đạo"); it comes first
        holders = [
            c
            for c in ranked[:_OFFICE_RANKED]
            if c not in covering and names_office(c.clause, office)
        ]
        covering = office_first([*holders, *covering], office, lambda c: c.clause)
    covering = _naming_the_unit(ctx, covering)
    covering = asked_part_first(query.folded, covering, lambda c: c.clause)
    covering = asked_session_first(query.folded, covering, lambda c: c.clause, enclosing)
    covering = _excluding_the_asked_last(covering, query.folded)
    twins = _twins_asked(ctx, covering)
    if twins is not None:  # one name, two rows of the table: both offered
        return with_candidates(twins, [c.clause for c in ranked])
    scoped = _same_line_scoped(ctx, covering, enclosing)
    if isinstance(scoped, Answer):  # one source under two headings, the question naming none
        return with_candidates(scoped, [c.clause for c in ranked])
    covering = scoped
    best = covering[0].clause
    if not scope.doc_ids:
        per_doc = _strong_per_document(ctx, topic, covering)
        if len(per_doc) > 1:
            per_doc = _same_wording(ctx, per_doc)
            best = per_doc[0]
        if len(per_doc) > MANY:  # a country's plans: counted, grouped, narrowed
            examples = answer_per_document(query, per_doc[:FEW], documents, "")
            doc_ids = [c.document_id for c in per_doc]
            # the search keeps MAX_PER_DOCUMENT plans: the count is a floor
            at_least = len(per_doc) >= MAX_PER_DOCUMENT
            ambiguous = narrowed(examples, doc_ids, documents, "nội dung này", query.text, at_least)
            return with_candidates(ambiguous, [c.clause for c in ranked])
        if len(per_doc) > 1:
            ambiguous = answer_per_document(
                query,
                per_doc,
                documents,
                f"Nội dung này có trong {len(per_doc)} kế hoạch; bạn hỏi kế hoạch nào? "
                "Giá trị theo từng kế hoạch:",
            )
            return with_candidates(
                replace(ambiguous, intent="ambiguous"), [c.clause for c in ranked]
            )
    chosen = [best]
    children = ctx.children_of(chosen)
    same_doc = [c.clause for c in covering[:5] if c.clause.document_id == best.document_id]
    listed = _enclosing_list(ctx, same_doc) if query.wants_items else None
    rows = _rows_alike(ctx, topic, covering) if query.wants_items and listed is None else []
    if listed is not None:
        chosen, children = [listed[0]], {listed[0].clause_id: listed[1]}
    elif len(rows) > 1:  # "những CSDL chuyên ngành nào": every row of the group that says it
        chosen, children = rows, ctx.children_of(rows)
    elif query.intent is Intent.GUIDANCE or query.wants_list:
        chosen = [c.clause for c in covering if c.clause.document_id == best.document_id][:4]
        children = ctx.children_of(chosen)
    elif _ASKS_UNITS.search(query.folded):
        # "… được giao cho những bộ nào?": the task as each unit's part says it, every unit
        chosen = _each_units_part(ctx, topic, covering, best)
        children = ctx.children_of(chosen)
    intent = (
        query.intent
        if query.intent not in (Intent.SEARCH, Intent.LIST_BY_UNIT, Intent.LIST_BY_PERIOD)
        else Intent.TARGET
    )
    reason = absent_role_answer_reason(ctx.reading, chosen, ctx.search, ctx.label)
    if reason is None:  # "Học kỳ III …" of a plan of two terms
        reason = missing_ordinal(query.folded, [c.clause for c in covering[:5]] + chosen)
    if reason is None:  # "tại kỳ họp thứ Chín" of a programme for the seventh and eighth
        reason = missing_session(query.folded, [c.clause for c in covering[:5]], enclosing)
    if reason is not None:  # "ai trực tiếp chỉ đạo …" of a plan without a directing column
        return with_candidates(
            abstain(query, chosen, documents, reason),
            [c.clause for c in ranked],
        )
    answered = answer_clauses(query, chosen, documents, intent, children)
    return with_candidates(answered, [c.clause for c in ranked])


def _under_the_session_asked(
    ctx: Context,
    topic: list[str],
    ranked: list[Candidate],
    enclosing: Callable[[StoredClause], list[StoredClause]],
) -> list[Candidate]:
    """The first ten ranked clauses under the heading of the session the question names that
    cover its topic read with that heading ("a) Tại kỳ họp thứ Bảy:" says the session, the
    item what is reported there); none when it names no session."""
    asked = sessions_named(ctx.query.folded)
    if not asked:
        return []
    found = []
    for candidate in ranked[:10]:
        clause = candidate.clause
        heading = session_heading(clause, enclosing)
        if heading is None or heading.clause_id == clause.clause_id:
            continue
        line = heading.text.strip().split("\n", 1)[0]
        if not sessions_named(folded(line)) & asked:
            continue
        read = replace(clause, search_text=f"{line} {clause.search_text}")
        if ctx.coverage(topic, read) >= MIN_COVERAGE:
            found.append(candidate)
    return found


def _session_of(ctx: Context, item: StoredClause) -> Answer | None:
    """ "Kỳ họp nào … lấy phiếu tín nhiệm?": the session heading the item sits under ("b)
    Tại kỳ họp thứ Tám:") with the item, or the session its own text sets ("… trình Hội đồng
    nhân dân vào kỳ họp giữa năm 2019"); None when neither says one."""
    cite = CitationBuilder(ctx.documents)
    own = said_session(item.body, ctx.query.folded)
    if own is not None:
        lines = [
            f"{ctx.label(item.document_id)}: “{_one_line(item.body[own[0] : own[1]])}” "
            f"[{cite.cite(item, item.body[own[0] : own[1]])}]"
        ]
    else:
        heading = session_heading(item, lambda c: ancestors(c, ctx.search))
        if heading is None or heading.clause_id == item.clause_id:
            return None
        line = heading.text.strip().split("\n", 1)[0].strip()
        quote = _words_cut(item.body.strip(), _ITEM_QUOTE)
        lines = [
            f"{_one_line(line).rstrip(':')} [{cite.cite(heading, line)}]: "
            f"{_one_line(quote)} [{cite.cite(item, quote)}]"
        ]
    return Answer(
        "\n".join(lines),
        False,
        ctx.query.intent.value,
        cite.citations,
        (item.clause_id,),
    )


_ITEM_QUOTE = 300


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _words_cut(text: str, limit: int) -> str:
    """At most `limit` characters of `text`, cut after a word (still verbatim)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


def _twins_asked(ctx: Context, covering: list[Candidate]) -> Answer | None:
    """ "Hạn ngạch của Nhà máy Duyên Hải 3 là bao nhiêu?" of a table listing "Nhà máy Duyên
    Hải 3" and "Nhà máy Duyên Hải 3 MR": each row the name fits, the question telling none
    apart (`retrieval.twin_rows`); None when one row is named."""
    query = ctx.query
    if amount_asked(query) is None or query.wants_items:
        return None
    best = covering[0].clause
    twins = twin_rows(query.text, best, [c.clause for c in covering[1:_TWINS_SEARCHED]])
    if len(twins) < 2:
        return None
    answered = answer_clauses(query, twins, ctx.documents, Intent.TARGET, ctx.children_of(twins))
    heading = f"Bảng có {len(twins)} dòng cùng tên này; bạn hỏi dòng nào? Giá trị theo từng dòng:"
    return replace(answered, answer=f"{heading}\n{answered.answer}", intent="ambiguous")


_TWINS_SEARCHED = 10


def _same_line_scoped(
    ctx: Context,
    covering: list[Candidate],
    enclosing: Callable[[StoredClause], list[StoredClause]],
) -> list[Candidate] | Answer:
    """An amount asked of a line the plan writes twice under two headings ("d) Nguồn thu
    …:" under the whole plan and under the province's share, `retrieval.twin_points`): the
    one whose heading the question's words name comes first; both offered, each with its
    place, when the question names neither."""
    query = ctx.query
    if amount_asked(query) is None or query.wants_items or not covering:
        return covering
    best = covering[0].clause
    elsewhere = same_line_elsewhere(best, [c.clause for c in covering[1:_TWINS_SEARCHED]])
    if not elsewhere:
        return covering
    info = ctx.documents.get(best.document_id)
    title = info.title if info is not None else best.document_title
    picks = scope_picks(query.text, [best, *elsewhere], enclosing, title)
    if len(picks) == 1:
        first = next(c for c in covering if c.clause.clause_id == picks[0].clause_id)
        return [first, *(c for c in covering if c is not first)]
    picks = sorted(picks, key=lambda c: c.start)
    answered = answer_clauses(query, picks, ctx.documents, Intent.TARGET, ctx.children_of(picks))
    heading = (
        f"Văn bản ghi nội dung này ở {len(picks)} phần, mỗi phần một con số; "
        "bạn hỏi phần nào? Giá trị theo từng phần:"
    )
    return replace(answered, answer=f"{heading}\n{answered.answer}", intent="ambiguous")


def _the_group_asked(ctx: Context, reranked: list[Candidate]) -> Answer | None:
    """ "Huyện Tây Sơn được phân bổ bao nhiêu vốn?" of a table whose group row is that
    district with its subtotal: the group's figure; "… có những dự án nào?": its rows
    (`retrieval.group_rows`)."""
    query = ctx.query
    asks_figure = amount_asked(query) is not None and not query.wants_items
    if not asks_figure and not query.wants_items:
        return None
    if asks_figure:  # the district in two tables, told apart by nothing asked: both
        groups = named_groups(ctx.search, query.text, reranked, with_figure=True)
        return answer_clauses(query, groups, ctx.documents, Intent.TARGET, {}) if groups else None
    group = named_group(ctx.search, query.text, reranked, with_figure=asks_figure)
    if group is None:
        return None
    rows = ctx.search.children(group.clause_id)[:_MAX_LIST_ITEMS]
    return answer_clauses(query, rows, ctx.documents, Intent.TARGET, ctx.children_of(rows))


def _named_rows_first(ctx: Context, covering: list[Candidate]) -> list[Candidate]:
    """The covering table rows whose whole name the question says before the others (a
    sibling that only mentions that name, "Lập hồ sơ mời thầu … gói thầu xây lắp bổ sung",
    is another package)."""
    rows = [c.clause for c in covering if c.clause.target is not None]
    named = {c.clause_id for c in named_rows_first(ctx.query.text, rows)}
    if not named:
        return covering
    first = sorted(
        (c for c in covering if c.clause.clause_id in named),
        key=lambda c: -len(row_name(c.clause)),
    )
    return first + [c for c in covering if c.clause.clause_id not in named]


# which units (more than one) a task is given to: "những bộ nào", "các cơ quan nào"
_ASKS_UNITS = re.compile(
    r"\b(?:nhung|cac) (?:bo|so|co quan|don vi|ban|nganh|dia phuong|to chuc)(?: [a-z]+)? nao\b"
)
_MAX_UNITS = 6


def _each_units_part(
    ctx: Context, topic: list[str], covering: list[Candidate], best: StoredClause
) -> list[StoredClause]:
    """The best clause, then each other clause of its plan that covers the topic as fully
    and gives the task to other units (one per unit set): a task shared out under several
    units' headings ("Sơ kết … Chỉ thị 31" under Bộ LĐTBXH, "Tham gia sơ kết …" under Bộ
    Quốc phòng)."""
    top = ctx.coverage(topic, best)
    chosen, seen = [best], {_units_of(best)}
    for c in covering[1:]:
        units = _units_of(c.clause)
        if (
            c.clause.document_id == best.document_id
            and units
            and units not in seen
            and ctx.coverage(topic, c.clause) >= top - 1e-9
        ):
            chosen.append(c.clause)
            seen.add(units)
        if len(chosen) == _MAX_UNITS:
            break
    return chosen


def _units_of(clause: StoredClause) -> frozenset[str]:
    """The units a row gives the task to: its leads, else (a task written "Phối hợp với Sở
    B …" under Sở A, which names no lead) its co-operating units."""
    target = clause.target
    if target is None:
        return frozenset()
    return frozenset(target.lead_units or target.cooperating_units)


def _units_the_plan_never_names(ctx: Context, found: Sequence[StoredClause]) -> list[str]:
    """The units the question names that the settled plan names nowhere: in no row (of any
    role) and in none of the clauses found for the question (the search weighs the unit's
    name, so a clause naming it is found)."""
    doc_ids = ctx.scope.doc_ids
    if not ctx.scope.named or not doc_ids or not found:
        return []
    absent = []
    for key in ctx.reading.units:
        if ctx.search.unit_rows(doc_ids, [key], 0)[0]:  # counted, no row read
            continue
        if any(cites_unit([clause], key) for clause in found):
            continue
        absent.append(key)
    return absent


def _by_phrases_said(
    topic: list[str], covering: list[Candidate], at_least: int = 0
) -> list[Candidate]:
    """Covering clauses, those repeating more of the question's adjacent topic word pairs
    first ("vốn doanh nghiệp … bao nhiêu?": "2. Vốn doanh nghiệp: 5.800 tỷ đồng" before a
    line on "vốn ngân sách" under the same part); ties keep their rank. A clause repeating
    fewer than `at_least` pairs is left out (single words shared are no match then: "… các
    CCN … bằng vốn ngân sách, … 447 tỷ đồng" answers no "vốn doanh nghiệp")."""
    pairs = [f"{a} {b}" for a, b in pairwise(topic)]

    def said(candidate: Candidate) -> int:
        text = " ".join(re.findall(r"[a-z0-9]+", folded(candidate.clause.text)))
        return sum(f" {pair} " in f" {text} " for pair in pairs)

    kept = [c for c in covering if said(c) >= at_least]
    return sorted(kept, key=lambda c: -said(c))


def _covering(ctx: Context, topic: list[str], ranked: list[Candidate]) -> list[Candidate]:
    """The first ten ranked clauses that cover the topic and state the amount asked."""
    return [
        c
        for c in ranked[:10]
        if ctx.coverage(topic, c.clause) >= MIN_COVERAGE
        and states_asked_amount(ctx.query, c.clause)
    ]


def _timed_round_first(
    query_folded: str,
    covering: list[Candidate],
    enclosing: Callable[[StoredClause], list[StoredClause]],
) -> list[Candidate]:
    """ "Đợt 1 kiểm tra, giám sát từ ngày nào đến ngày nào?": the heading that names the
    round asked and states its time ("1. Đợt 1: Từ ngày 05/12/2025 đến ngày 20/02/2026")
    answers, not a task under it with a date range of its own ("… (từ 17/12/2025 đến
    25/01/2026)")."""
    asked = steps_named(query_folded)
    if not asked or not covering:
        return covering
    # the best candidate's round first; another round's heading ranked first ("1.2. Đợt 2:
    # …" for "Đợt 1 … khi nào?") gives way to the round asked found lower in the list
    for candidate in covering[:_ROUND_CANDIDATES]:
        for holder in (candidate.clause, *enclosing(candidate.clause)):
            line = (holder.heading or holder.body.strip().split("\n", 1)[0]).strip()
            if steps_named(folded(line)) & asked and states_own_time(line):
                first = Candidate(holder, covering[0].score, covering[0].source)
                rest = (c for c in covering if c.clause.clause_id != holder.clause_id)
                return [first, *rest]
    return covering


# how far down the covering clauses a round's heading is looked for
_ROUND_CANDIDATES = 8


def _figured_first(covering: list[Candidate], coverages: Sequence[float]) -> list[Candidate]:
    """ "Tỷ lệ xã, phường làm tốt công tác thương binh …?": the covering clauses that state a
    figure of their own ("… 98% xã phường làm tốt công tác …") before those that only name
    the topic, when they cover it nearly as well as the best one."""
    best = max(coverages, default=0.0)
    figured = [
        c
        for c, share in zip(covering, coverages, strict=True)
        if share >= best - _TIMED_MARGIN and states_figure(own_text(c.clause))
    ]
    return figured + [c for c in covering if c not in figured] if figured else covering


def _covering_under_lead_in(
    ctx: Context, topic: list[str], ranked: list[Candidate]
) -> list[Candidate]:
    """ "… phải có diện tích sử dụng tối thiểu bao nhiêu?": an item stating the amount asked
    under a lead-in that says what it is about ("4.1.b. Việc hỗ trợ người có công … phải bảo
    đảm yêu cầu sau đây:" over "- Đối với trường hợp nhà ở phải phá dỡ … tối thiểu là
    30m2"), its coverage measured with that lead-in's words too."""
    stating = [
        c for c in ranked[:10] if c.clause.parent_id and states_asked_amount(ctx.query, c.clause)
    ]
    parents = {
        p.clause_id: p for p in ctx.search.by_ids([c.clause.parent_id or "" for c in stating])
    }
    covering = []
    for c in stating:
        parent = parents.get(c.clause.parent_id or "")
        if parent is None or not parent.body.strip():
            continue
        joined = replace(c.clause, search_text=f"{parent.body} {c.clause.search_text}")
        if ctx.coverage(topic, joined) >= MIN_COVERAGE:
            covering.append(c)
    return covering


def _naming_the_unit(ctx: Context, covering: list[Candidate]) -> list[Candidate]:
    """ "Sở Xây dựng phải lập xong Đề án … trước ngày nào?": the covering clauses that name a
    unit the question names (in their text or under its heading) before those that do not,
    each group in its order — an answer must name the unit asked about."""
    keys = ctx.reading.units
    if keys and ctx.query.intent.value.startswith("who"):
        # "cơ quan nào làm thường trực Ban Chỉ đạo": another unit is asked; but a unit the
        # question names as the one advised, reported to or worked with ("cơ quan nào …
        # tham mưu UBND tỉnh …") is named by the clause of the duty asked
        keys = tuple(
            m.key
            for m in ctx.reading.unit_mentions
            if m.part in _NOT_THE_ASKED and not m.collective
        )
        if not keys:
            return covering
        named = [c for c in covering if any(cites_unit([c.clause], key) for key in keys)]
        return named + [c for c in covering if c not in named] if named else covering
    if not keys:
        return covering
    named = [c for c in covering if any(cites_unit([c.clause], key) for key in keys)]
    # of those, the clauses the unit leads first: "Trên cơ sở đề nghị của Sở Xây dựng …, Sở
    # Tài chính thẩm định …" names the unit but is another unit's task
    # (only of a unit the question makes the doer: "Sở Xây dựng phải lập xong …", not "… gửi
    # kết quả về Sở TTTT trước ngày nào?", where the unit receives)
    # a named unit ("Sở Xây dựng"), not a collective ("các đơn vị" names no one unit)
    doers = ctx.reading.doers
    if doers:
        leading = [c for c in named if _led_by(c.clause, doers)]
        named = leading + [c for c in named if c not in leading]
    return named + [c for c in covering if c not in named] if named else covering


def _advising_the_named_unit(
    ctx: Context, ranked: list[Candidate], covering: list[Candidate]
) -> list[Candidate]:
    """ "Cơ quan nào … tham mưu UBND tỉnh thực hiện Nghị định 180 về dịch vụ hấp thụ …
    các-bon của rừng?" of the plan carrying it out, where no covering clause names UBND
    tỉnh: the ranked clauses of that plan naming the unit the question advises, reports to or
    works with, covering what it asks beyond the plan's theme (the decree's name, which the
    duty asked need not repeat) — not a clause merely repeating the theme."""
    if not ctx.scope.named or not ctx.query.intent.value.startswith("who"):
        return []
    keys = [
        m.key for m in ctx.reading.unit_mentions if m.part in _NOT_THE_ASKED and not m.collective
    ]
    if not keys or any(cites_unit([c.clause], k) for c in covering for k in keys):
        return []
    topic = ctx.topic(ctx.scope.doc_ids, theme=False, whole_title=True)
    return [
        c
        for c in ranked[:10]
        if c not in covering
        and any(cites_unit([c.clause], k) for k in keys)
        and ctx.coverage(topic, c.clause) >= MIN_COVERAGE
    ]


# the parts of a unit named in a "who" question that are not the unit asked for
_NOT_THE_ASKED = frozenset([UnitPart.RECEIVER, UnitPart.PARTNER, UnitPart.MONITOR])


def _led_by(clause: StoredClause, keys: Sequence[str]) -> bool:
    """Whether the clause's row names one of the unit keys (folded names) as its lead (not
    as the tail of a standing body's name, `retrieval.standing_body`)."""
    target = clause.target
    if target is None or not target.lead_units:
        return False
    leads = re.sub(r"[^\w\s]", " ", folded(expand_abbreviations(" ; ".join(target.lead_units))))
    # "Thường trực HĐND tỉnh" leads as a body of its own, not as "HĐND tỉnh"
    return any(names_itself(leads, key) for key in keys)


def _timed_first(
    covering: list[Candidate], query_folded: str, coverages: Sequence[float] = ()
) -> list[Candidate]:
    """ "… thực hiện khi nào?": the covering clauses that state a time (a row's deadline, a
    date or term in their own words) before those that state none, each group in its order.
    A clause that repeats the task without its time ("2. Tổ chức quán triệt … Chỉ thị số
    24-CT/TW ngày 15/5/2013 …" in a summary part) does not answer when. A clause that covers
    the topic far less than the best one does not come first for a year it names ("… Kế
    hoạch thời gian năm học 2024-2025" over "Thời gian nghỉ phép năm của giáo viên …")."""
    shares = list(coverages) or [1.0] * len(covering)
    best = max(shares, default=0.0)
    timed = [
        c
        for c, share in zip(covering, shares, strict=True)
        if share >= best - _TIMED_MARGIN and _states_its_time(c.clause)
    ]
    if not timed and covering and not _states_its_time(covering[0].clause):
        # the best clause names the task without its time ("Kết thúc thời gian thí điểm, tổ
        # chức tổng kết, đánh giá hoàn thiện Mô hình …"): the schedule's line naming the same
        # task with its dates ("- Từ 01/3/2023 đến 31/3/2023: Tổ chức tổng kết, đánh giá hoàn
        # thiện …") answers when, the one sharing the longest run of its words first
        timed = _same_task_timed(covering)
    if _ASKS_RECURRENCE.search(query_folded):  # "bao lâu một lần": how often, not by when
        recurring = [c for c in timed if _RECURRENCE.search(folded(c.clause.body))]
        timed = recurring + [c for c in timed if c not in recurring]
    return timed + [c for c in covering if c not in timed] if timed else covering


def _task_before_its_condition(
    ctx: Context, topic: list[str], covering: list[Candidate]
) -> list[Candidate]:
    """ "Phương án chi tiết … phải lập trong thời hạn nào?": a row put first that covers the
    topic only through its time cell ("Trong 18-24 tháng kể từ khi … chấp thuận phương án
    chi tiết …", the time of a later task counted from the one asked) gives way to a row of
    its plan whose own task covers the topic as fully."""
    if len(covering) < 2:
        return covering
    first = covering[0]
    full = ctx.coverage(topic, first.clause)
    if _task_share(ctx, topic, first.clause) >= full - _CONDITION_MARGIN:
        return covering
    for other in covering[1:_CONDITION_RIVALS]:
        if (
            other.clause.document_id == first.clause.document_id
            and _states_its_time(other.clause)
            and _task_share(ctx, topic, other.clause) >= full - _TIMED_MARGIN
        ):
            return [other, *(c for c in covering if c is not other)]
    return covering


def _task_share(ctx: Context, topic: list[str], clause: StoredClause) -> float:
    """How much of the topic a clause covers without its row's time cell."""
    target = clause.target
    if target is None or target.deadline is None or not target.deadline.raw.strip():
        return ctx.coverage(topic, clause)
    untimed = replace(clause, search_text=clause.search_text.replace(target.deadline.raw, " "))
    return ctx.coverage(topic, untimed)


# how much of the topic a row's time cell must hold for the row to cover it only through it
_CONDITION_MARGIN = 0.3
_CONDITION_RIVALS = 6  # the covering clauses read for the task's own row


def _passed_over(ctx: Context, topic: list[str], untimed: Candidate, first: Candidate) -> bool:
    """Whether "… khi nào?" put first a timed clause over the clause that says the task
    asked without a time, covering the question by `_PASSED_OVER` less: another task sharing
    a phrase ("hạn chót hoàn thiện Đề án phát triển thị trường các-bon" of a plan whose "h)
    … hoàn thiện dự thảo Đề án …" gives no time, not the row "Thiết lập … chuyên trang …
    phát triển thị trường các-bon | 2024 - 2025"). Such an answer would give another task's
    deadline."""
    if first is untimed or _states_its_time(untimed.clause):
        return False
    if any(_states_its_time(a) for a in ancestors(untimed.clause, ctx.search)):
        return False  # its time is its heading's ("2. Đợt 2: Từ ngày 23/02 đến ngày 14/3")
    gap = ctx.coverage(topic, untimed.clause) - ctx.coverage(topic, first.clause)
    return gap >= _PASSED_OVER


# how much better the untimed clause covers the question than the timed one put first
_PASSED_OVER = 0.4


def _same_task_timed(covering: list[Candidate]) -> list[Candidate]:
    """The covering clauses of the best one's plan that state a time and name its task: a
    run of at least `_SAME_TASK_WORDS` of its words in order, the longest run first."""
    best = covering[0].clause
    words = _plain_words(best.body)
    runs = []
    for c in covering[1:]:
        if c.clause.document_id != best.document_id or not _states_its_time(c.clause):
            continue
        run = _longest_run(words, _plain_words(c.clause.body))
        if run >= _SAME_TASK_WORDS:
            runs.append((run, c))
    runs.sort(key=lambda pair: -pair[0])
    return [c for _, c in runs]


def _plain_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", folded(text))


def _longest_run(a: Sequence[str], b: Sequence[str]) -> int:
    """The length of the longest run of words `a` and `b` share in order."""
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


# the fewest words in order a clause must share with the best one to name the same task
_SAME_TASK_WORDS = 5


# what a clause sets aside: "(trừ hệ thống giáo dục nghề nghiệp)", "ngoại trừ …", "không bao
# gồm …", up to a bracket or a stop ("trụ sở", "trụ điện" fold onto "trừ": a bare "trừ"
# counts only in brackets)
_EXCLUDES = re.compile(
    r"(?:\(\s*(?:ngoai\s+)?tru|\bngoai tru|\bkhong bao gom|\bkhong ap dung (?:doi )?voi)"
    r"\s+([^();:.,]+)"
)
# the fewest words a set-aside phrase must have to count as said by the question
_EXCLUDED_WORDS = 2


def _excluding_the_asked_last(covering: list[Candidate], query_folded: str) -> list[Candidate]:
    """ "Trong hệ thống giáo dục nghề nghiệp, ai chủ trì ưu tiên tuyển sinh …?": a clause
    that sets aside what the question is about ("Chủ trì chỉ đạo hệ thống giáo dục quốc dân
    (trừ hệ thống giáo dục nghề nghiệp): …") goes after the others, which answer it."""
    asked = f" {query_folded} "

    def excludes(candidate: Candidate) -> bool:
        for m in _EXCLUDES.finditer(folded(candidate.clause.body)):
            words = re.findall(r"[a-z0-9]+", m.group(1))
            if len(words) >= _EXCLUDED_WORDS and f" {' '.join(words)} " in asked:
                return True
        return False

    out = [c for c in covering if excludes(c)]
    return [c for c in covering if c not in out] + out if out else covering


# how far below the best coverage a clause stating a time may be and still come first
_TIMED_MARGIN = 0.3
# "họp ở đâu", "tổ chức tại đâu", "địa điểm nào": a place is asked
# the first ranked clauses read for one naming the office a question asks the holder of
_OFFICE_RANKED = 5
_ASKS_PLACE = re.compile(r"\b(?:o dau|tai dau|dia diem nao|dia diem o dau)\b")
# a clause stating where: "tại Thủ đô Hà Nội", "đặt tại tỉnh Cà Mau"
_STATES_PLACE = re.compile(
    r"\btại\s+(?:(?:Thủ đô|thủ đô|tỉnh|thành phố|huyện|quận|xã|phường|thị xã|trụ sở)\s+)?"
    r"[A-ZĐÂĂÊÔƠƯ]"
)


def _placed_first(covering: list[Candidate]) -> list[Candidate]:
    """ "Hội nghị … họp ở đâu?": the covering clauses that name a place ("… tại Thủ đô Hà
    Nội") before those that only repeat the subject (the resolution's caption)."""
    placed = [c for c in covering if _STATES_PLACE.search(c.clause.body)]
    return placed + [c for c in covering if c not in placed] if placed else covering


# "bao lâu một lần", "mấy lần một năm", "với tần suất nào": a recurrence is asked
_ASKS_RECURRENCE = re.compile(
    r"\bbao lau (?:mot|1) lan\b|\bmay lan\b|\bbao nhieu lan\b|\btan suat\b"
)
_RECURRENCE = re.compile(
    r"thuong xuyen|\bhang (?:ngay|tuan|thang|quy|nam)\b|dinh k[iy]|\bmoi (?:tuan|thang|quy|nam)\b"
    r"|\b\d+ (?:tuan|thang|nam) (?:mot|1) lan\b"
)


def _states_its_time(clause: StoredClause) -> bool:
    target = clause.target
    if target is not None and (target.deadline is not None or target.cells_for("deadline")):
        return True
    return states_own_time(clause.body)


def _what_a_heading_holds(
    ctx: Context, topic: list[str], covering: list[Candidate]
) -> list[Candidate]:
    """A heading ranked first ("PHỤ LỤC … CSDL CHUYÊN NGÀNH") whose own clauses found below
    it cover the question more fully: those clauses come first, the heading after them —
    the title of a table says less than its rows that name the thing asked."""
    head = covering[0].clause
    if not head.child_count or head.target is not None:
        return covering
    own = ctx.coverage(topic, head)
    below = [
        c
        for c in covering[1:10]
        if c.clause.document_id == head.document_id
        and ctx.coverage(topic, c.clause) > own
        and any(a.clause_id == head.clause_id for a in ancestors(c.clause, ctx.search))
    ]
    return below + [c for c in covering if c not in below] if below else covering


def _heading_naming_the_list(
    ctx: Context, covering: list[Candidate], ranked: list[Candidate]
) -> list[Candidate]:
    """ "… có những hình thức tuyên truyền nào?" of a settled plan: the heading whose own
    line names that list ("1. Hình thức tuyên truyền") first, its items being the answer
    (`retrieval.list_headings`)."""
    said = _heading_said(ctx, ranked)
    if said is not None:  # "Về thị trường các-bon, … làm những việc gì?"
        return [said, *(c for c in covering if c.clause.clause_id != said.clause.clause_id)]
    words = asked_list(ctx.query.folded)
    if not words or not ctx.scope.named or not covering or ctx.reading.units:
        return covering  # a unit's list ("Sở Y tế có những nhiệm vụ nào") is its own
    for candidate in ranked[:_LIST_HEADINGS_SEARCHED]:
        if names_list(candidate.clause, words):
            rest = [c for c in covering if c.clause.clause_id != candidate.clause.clause_id]
            return [candidate, *rest]
    listing = _heading_of_items_named(ctx, ranked, words)
    if listing is not None:
        rest = [c for c in covering if c.clause.clause_id != listing.clause.clause_id]
        return [listing, *rest]
    return covering


def _nth_item_first(
    ctx: Context, covering: list[Candidate], ranked: list[Candidate]
) -> list[Candidate]:
    """ "Ưu tiên đầu tiên … là gì?": the item at the place asked of the list whose heading
    (ranked, or the parent of a clause ranked) names what is counted (`retrieval.nth_item`),
    first; the covering clauses as they are when no such list is near."""
    asked = asked_position(ctx.query.text)
    if asked is None or ctx.query.wants_items or not covering:
        return covering
    noun, place = asked
    for candidate, head in _near_headings(ctx, ranked):
        if head.child_count < place or not names_list_of(head, noun):
            continue
        items = sorted(ctx.children_of([head]).get(head.clause_id, []), key=lambda c: c.start)
        if len(items) >= place:
            item = Candidate(items[place - 1], candidate.score, candidate.source)
            rest = [c for c in covering if c.clause.clause_id != item.clause.clause_id]
            return [item, *rest]
    return covering


def _near_headings(
    ctx: Context, ranked: list[Candidate]
) -> Iterator[tuple[Candidate, StoredClause]]:
    """Each heading near the top of the ranking once — a ranked clause with children, or
    the parent of a ranked clause — with the candidate that led to it."""
    seen: set[str] = set()
    for candidate in ranked[:_LIST_HEADINGS_SEARCHED]:
        clause = candidate.clause
        if clause.child_count:
            heads = [clause]
        else:
            heads = ctx.search.by_ids([clause.parent_id]) if clause.parent_id else []
        for head in heads:
            if head.clause_id not in seen:
                seen.add(head.clause_id)
                yield candidate, head


def _heading_said(ctx: Context, ranked: list[Candidate]) -> Candidate | None:
    """The heading of a settled plan (ranked, or the parent of a clause ranked) whose whole
    own line the question repeats, asked what lies under it (a list, a duty, guidance, not
    an amount or a time); None when no such heading is near."""
    query = ctx.query
    if not ctx.scope.named or amount_asked(query) is not None or query.intent in _NOT_UNDER:
        return None
    for candidate, head in _near_headings(ctx, ranked):
        # a heading over one lead-in ("I. ĐỐI TƯỢNG" › "Đối tượng …, gồm có:") is not the
        # list: its lead-in's items are, and the plain search finds them
        if head.child_count > 1 and heading_said(head, query.folded):
            return Candidate(head, candidate.score, candidate.source)
    return None


# what is asked of a heading's items one at a time, not of the list under it
_NOT_UNDER = frozenset([Intent.DEADLINE, Intent.DOCUMENT_FACTS, *WHO_INTENTS])


def _heading_of_items_named(
    ctx: Context, ranked: list[Candidate], words: list[str]
) -> Candidate | None:
    """The heading (ranked, or the parent of an item ranked) whose items are each one of the
    things asked ("những nguồn vốn nào": "a) Nguồn vốn …", "b) Nguồn thu …"), as a
    candidate at the rank of the first of them found; None when no such heading is near."""
    for candidate, head in _near_headings(ctx, ranked):
        if not head.child_count:
            continue
        items = ctx.children_of([head]).get(head.clause_id, [])
        if items_name_list(items, words):
            return Candidate(head, candidate.score, candidate.source)
    return None


_LIST_HEADINGS_SEARCHED = 15


def _list_heading(ctx: Context, ranked: list[Candidate]) -> list[Candidate]:
    """The heading of a settled plan whose own line names the list asked, its items being
    the answer though no clause repeats the question's words ("nhóm", "nêu"); else none."""
    said = _heading_said(ctx, ranked)
    if said is not None:
        return [said]
    words = asked_list(ctx.query.folded)
    if not words or not ctx.scope.named or ctx.reading.units:
        return []
    found = next((c for c in ranked[:_LIST_HEADINGS_SEARCHED] if names_list(c.clause, words)), None)
    found = found or _heading_of_items_named(ctx, ranked, words)
    return [found] if found is not None else []


def _rows_alike(ctx: Context, topic: list[str], covering: list[Candidate]) -> list[StoredClause]:
    """For a question asking for several things: the table rows of one group (the best row's)
    that cover the topic as fully as the best row, in table order."""
    best = covering[0].clause
    if best.target is None or not best.parent_id:
        return []
    full = ctx.coverage(topic, best)
    rows = [
        c.clause
        for c in covering[:10]
        if c.clause.target is not None
        and c.clause.parent_id == best.parent_id
        and ctx.coverage(topic, c.clause) >= full
    ]
    return sorted(rows, key=lambda c: c.start)[:_MAX_LIST_ITEMS]


def _partners_of_the_subject(ctx: Context, covering: list[Candidate]) -> list[Candidate]:
    """ "Sở Y tế phối hợp với sở nào …?" asks for the partners of a unit that acts: a clause
    saying "… phối hợp với Sở Y tế …" has that unit as the partner of someone else, so it
    comes after the clauses where the unit itself works with others."""
    subject = _SUBJECT_PARTNERS.search(ctx.query.folded)
    if subject is None:
        return covering
    keys = ctx.units.find(subject.group("subject"))
    if not keys:
        return covering
    partnered = re.compile(r"phoi hop voi (?:cac )?(?:" + "|".join(map(re.escape, keys)) + r")\b")
    other = [c for c in covering if not partnered.search(folded(c.clause.text))]
    return other + [c for c in covering if c not in other] if other else covering


# "<đơn vị> phối hợp với (những) sở/cơ quan/đơn vị nào"
_SUBJECT_PARTNERS = re.compile(
    r"^(?P<subject>.+?)\s+(?:se |can |phai )?phoi hop voi\s+(?:nhung |cac )?"
    r"(?:so|bo|co quan|don vi|ban|nganh|ai)\b(?:.*\bnao\b)?"
)


def _enclosing_list(
    ctx: Context, found: Sequence[StoredClause]
) -> tuple[StoredClause, list[StoredClause]] | None:
    """For a question asking for several things: the short list (its heading and every
    item under it) that the best clauses found are items of, when two or more are."""
    best = found[0] if found else None
    if best is None or best.child_count or best.kind not in _LIST_ITEMS or not best.parent_id:
        return None  # a heading is answered with its items already
    parent_id = best.parent_id
    siblings = sum(1 for c in found if c.parent_id == parent_id and c.target is None)
    headings = ctx.search.by_ids([parent_id]) if siblings >= 2 else []
    if not headings:
        return None
    # a duty of another kind after the list ("Giao Bộ Chính trị … hoàn thiện các dự thảo văn
    # kiện trên" after the dashes) is no item of it; a duty among the items: no plain list
    children = ctx.search.children(parent_id)
    if any(c.target is not None and c.kind == best.kind for c in children):
        return None
    items = [c for c in children if c.target is None]
    if len(items) > _MAX_LIST_ITEMS:
        return None
    return headings[0], items


def _strong_per_document(
    ctx: Context, topic: list[str], covering: list[Candidate]
) -> list[StoredClause]:
    """The best clause of each plan whose match is as strong as the best one's; once two
    plans share the topic and fewer than MAX_PER_DOCUMENT (the most shown) do, the other
    plans with the best hits (found by one search grouped by plan in the engine) are
    searched on their own too, so that the choice offered is complete however many plans
    are loaded."""
    query = ctx.query
    scores = {id(c): ctx.coverage(topic, c.clause) for c in covering}
    floor = max(0.65, scores[id(covering[0])] - 0.1)
    per_doc: dict[str, StoredClause] = {}
    for candidate in covering:
        if scores[id(candidate)] >= floor:
            per_doc.setdefault(candidate.clause.document_id, candidate.clause)
    if len(per_doc) < 2 or len(per_doc) >= MAX_PER_DOCUMENT:
        return list(per_doc.values())[:MAX_PER_DOCUMENT]  # alone, or no place left
    others = ctx.search.documents_matching(query.text, _OTHER_PLANS, exclude=list(per_doc))
    waiting = ctx.documents.in_catalog_order(others)
    # in catalog order, only as many plans at a time as places are left: a plan adds at
    # most one clause, and those after the first MAX_PER_DOCUMENT are never shown
    while waiting and len(per_doc) < MAX_PER_DOCUMENT:
        batch, waiting = _split(waiting, MAX_PER_DOCUMENT - len(per_doc))
        for doc_id, hits in ctx.search.hybrid_each(query.text, batch).items():
            for candidate in ctx.rank(hits)[:5]:
                clause = candidate.clause
                if (
                    clause.kind not in NOT_ANSWERS
                    and ctx.has_content(clause)
                    and answers_content(clause, query.folded)
                    and ctx.coverage(topic, clause) >= floor
                    and states_asked_amount(query, clause)
                ):
                    per_doc[doc_id] = clause
                    break
    return list(per_doc.values())[:MAX_PER_DOCUMENT]


def _split(items: list[str], size: int) -> tuple[list[str], list[str]]:
    return items[:size], items[size:]


_FEW_PAIRS = 2


def _same_wording(ctx: Context, clauses: list[StoredClause]) -> list[StoredClause]:
    """Of the plans sharing the topic's words, those that also say it in the question's
    wording: "làm sạch dữ liệu đất đai" is one plan's row, not every plan's "làm sạch dữ
    liệu", when only that row has the question's word pairs."""
    tokens = ctx.query.folded.split()
    noise = INTENT_WORDS | FOLLOW_UP_WORDS | naming_words(ctx.documents, ctx.query, [])
    pairs = [f"{a} {b}" for a, b in pairwise(tokens) if a not in noise and b not in noise]
    if len(pairs) < _FEW_PAIRS:  # one pair ("kế hoạch") is no wording of the question's own
        return clauses
    scores = [
        ctx.weights.phrase_match(pairs, clause_pairs(f"{c.path} {c.search_text}")) for c in clauses
    ]
    best = max(scores, default=0.0)
    if best < _PHRASE_SETTLES:
        return clauses
    return [c for c, score in zip(clauses, scores, strict=True) if score >= best - _PHRASE_GAP]


def _left_to_missing_appendix(ctx: Context, topic: Sequence[str], clause: StoredClause) -> bool:
    """Whether the best match is an appendix title without rows, or a pointer to an
    appendix the plan's text does not carry: the answer is in what is missing."""
    if ctx.library.appendix_rows.has_appendix_rows(clause.document_id):
        return False
    empty = clause.kind == "appendix" and not clause.child_count
    return (empty or is_pointer(clause)) and ctx.coverage(topic, clause) >= MIN_COVERAGE
