"""`Assistant.ask`: the one answering service the CLI, the API and the bots call.

The order of work: understand the question; settle which documents it is about (named,
scoped, or carried over from the conversation); then structure first — clause numbers,
the responsibility tables, document facts — and hybrid search last. Every answer is
composed from the settled clauses only, with verified quotes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from ingest.normalize_vi import folded
from retrieval import confidence
from retrieval.amounts import states_asked_amount
from retrieval.answers import Answer
from retrieval.appendices import appendix_asked, appendix_number, is_pointer
from retrieval.candidates import answers_content
from retrieval.citations import QuoteNotVerifiedError
from retrieval.compose import (
    abstain,
    answer_ambiguous,
    answer_clauses,
    answer_document_facts,
    answer_list,
    answer_per_document,
    answer_unit_duties,
)
from retrieval.constraint_check import (
    absent_role_reason,
    missing_path_reason,
    plans_of_named_places,
    satisfies_path,
    unloaded_document,
    unmet_place,
    unmet_year,
)
from retrieval.constraints import Reading, read_question
from retrieval.conversation import Conversation
from retrieval.documents import DocumentDirectory
from retrieval.follow_ups import (
    CONTINUES,
    EARLIEST,
    FOLLOW_UP_WORDS,
    LATEST,
    POINTS_BACK,
    REFERS_BACK,
    WHO,
    by_deadline,
    inherited_intent,
)
from retrieval.periods import by_stage
from retrieval.query import ClauseRef, Intent, Period, Query, understand
from retrieval.relevance import Concept, TermWeights, clause_pairs, clause_words
from retrieval.rerank import Reranker
from retrieval.roles import Role, roles_present, rows_for_unit, unit_cells
from retrieval.row_lists import due_in, period_label
from retrieval.search import Candidate, ClauseSearch
from retrieval.stored import StoredClause
from retrieval.strategies.list_by_unit import ListByUnit
from retrieval.units import UnitMatcher, heads_unit

logger = logging.getLogger(__name__)

_TABLE_KINDS = ("table_row", "table_group")
_NOT_ANSWERS = ("preamble", "signature")
_HEADINGS = ("part", "section", "item", "point", "appendix", "table_group", "bullet")
_MIN_COVERAGE = 0.5
# Answers settled by structure (a table, the document's facts): certain once matched.
_STRUCTURED_INTENTS = frozenset(["list_by_unit", "list_by_period", "document_facts", "ambiguous"])
_MAX_PER_DOCUMENT = 6
_LIST_ITEMS = ("bullet", "point", "item", "paragraph")
_MAX_LIST_ITEMS = 8
_BARE_HEADING_CHARS = 160
# Words that carry the question's intent, not its topic.
_INTENT_WORDS = frozenset(
    [
        "chu",
        "tri",
        "phoi",
        "hop",
        "theo",
        "doi",
        "thoi",
        "han",
        "han",
        "hoan",
        "thanh",
        "don",
        "vi",
        "co",
        "quan",
        "phu",
        "trach",
        "trach",
        "nhiem",
        "lam",
        "thuc",
        "hien",
        "khi",
        "bao",
        "gio",
        "nhieu",
        "nam",
        "thang",
        "quy",
        "ai",
        "nguoi",
        "sanh",
        "giua",
        "voi",
        "hai",
        "ti",
        "le",
        "muc",
        "tieu",
        "trien",
        "khai",
        "giao",
        "nhiem",
        "vu",
        "gi",
        "nao",
        "thi",
        "sao",
        "con",
        "ra",
        "truc",
        "tiep",
        "chot",
    ]
)
# A plan whose clause has the question's word pairs settles a topic that several plans share
# when the others have far fewer of them.
_PHRASE_SETTLES = 0.6
_PHRASE_GAP = 0.5


@dataclass(frozen=True)
class _Scope:
    """Which documents a question is about, and how that was settled."""

    doc_ids: list[str]
    named: bool  # the question or the caller named them
    from_conversation: bool = False
    given: bool = False  # the caller fixed the document


class Assistant:
    """Answers questions about the ingested plans with verified citations."""

    def __init__(
        self,
        search: ClauseSearch,
        documents: DocumentDirectory,
        units: UnitMatcher,
        reranker: Reranker,
        weights: TermWeights,
    ) -> None:
        self._search = search
        self._documents = documents
        self._units = units
        self._reranker = reranker
        self._weights = weights
        self._appendix_rows: dict[str, bool] = {}
        self._unit_lists = ListByUnit(search, documents, units)
        # a question's concepts, reused for every clause its coverage is measured on
        self._concept_cache: dict[tuple[str, tuple[str, ...]], list[Concept]] = {}

    @property
    def documents(self) -> DocumentDirectory:
        return self._documents

    @property
    def search(self) -> ClauseSearch:
        return self._search

    def ask(
        self,
        question: str,
        conversation: Conversation | None = None,
        document: str | None = None,
    ) -> Answer:
        """Answer one question; `conversation` carries follow-up context, `document` scopes it."""
        query = understand(question)
        scope = self._scope(query, conversation, document)
        try:
            answer = self._answer(query, scope, conversation)
        except QuoteNotVerifiedError:
            logger.exception("a quote failed verification; abstaining")
            answer = abstain(
                query,
                [],
                self._documents,
                "Không trả lời được câu hỏi này với trích dẫn đã kiểm chứng.",
            )
        answer = self._with_confidence(query, answer)
        if conversation is not None:
            conversation.record(question, answer, scope.doc_ids)
        return answer

    # ---- confidence ---------------------------------------------------------------------

    def _with_confidence(self, query: Query, answer: Answer) -> Answer:
        """The answer with its confidence; a clause answer below `confidence.ANSWER` is
        marked "Có thể" (hedged)."""
        ids = list(dict.fromkeys(c.clause_id for c in answer.citations if c.clause_id))
        cited = self._search.by_ids(ids) if ids else []
        reading = self._read(query)
        topic = self._topic_words(query, [])
        coverage = max((self._coverage(query, topic, c) for c in cited), default=0.0)
        if answer.abstained and not cited and answer.candidates:
            ranked = self._search.by_ids(list(answer.candidates[:1]))
            coverage = max((self._coverage(query, topic, c) for c in ranked), default=0.0)
        structured = answer.intent in _STRUCTURED_INTENTS or self._by_number(query, cited)
        year = (
            None if answer.abstained or structured else unmet_year(reading, cited, self._documents)
        )
        if year is not None:  # a hard constraint no cited clause meets: said, not answered
            labels = ", ".join(dict.fromkeys(self._label(c.document_id) for c in cited))
            reason = f"{labels} không nêu nội dung này cho năm {year}."
            answer = replace(abstain(query, cited, self._documents, reason), intent=answer.intent)
        place = None if answer.abstained else unmet_place(query.folded, cited, self._documents)
        if place is not None and answer.intent != Intent.COMPARE.value:
            # a place named in the question is a hard constraint: another place's plan is
            # offered as the closest, never as the answer
            reason = f"Không tìm thấy nội dung này trong kế hoạch của {place} đã nạp."
            answer = replace(abstain(query, cited, self._documents, reason), intent=answer.intent)
        value = confidence.score(reading, cited, coverage, structured, answer.abstained)
        unmet = confidence.unmet_checks(reading, cited, structured)
        if not answer.abstained and value < confidence.ABSTAIN and unmet:
            # an asked part (a time, a figure, the unit in its role …) is not in the cited
            # clauses and little else of the question is: they are the closest, not the answer
            reason = confidence.unsure_reason(reading, unmet)
            answer = replace(abstain(query, cited, self._documents, reason), intent=answer.intent)
            value = confidence.score(reading, cited, coverage, structured, True)
        answer = replace(answer, confidence=value)
        if not answer.abstained and value < confidence.ANSWER:
            answer = confidence.hedged(answer)
        return answer

    @staticmethod
    def _by_number(query: Query, cited: Sequence[StoredClause]) -> bool:
        """Whether the answer cites the clause the question named by number."""
        numbers = {ref.number for ref in query.clause_refs}
        return any(c.number in numbers for c in cited)

    # ---- scope ------------------------------------------------------------------------

    def _scope(
        self, query: Query, conversation: Conversation | None, document: str | None
    ) -> _Scope:
        if document:
            return _Scope([document], named=True, given=True)
        named = self._documents.resolve(query.folded)
        if named:
            return _Scope(named, named=True)
        if self._leans_on_previous(query, conversation):
            assert conversation is not None
            return _Scope(list(conversation.document_ids), named=False, from_conversation=True)
        return _Scope([], named=False)

    def _leans_on_previous(self, query: Query, conversation: Conversation | None) -> bool:
        """Whether a question (naming no plan) continues the conversation."""
        if conversation is None or not conversation.document_ids or query.clause_refs:
            return False
        if query.is_follow_up or REFERS_BACK.search(query.folded):
            return True
        return len(self._topic_words(query, [])) <= 3

    # ---- dispatch ---------------------------------------------------------------------

    def _read(self, query: Query) -> Reading:
        """The question's constraints (documents, location path, units and roles …)."""
        return read_question(
            query, self._units.find(query.text), self._topic_words(query, []), self._weights.knows
        )

    def _answer(self, query: Query, scope: _Scope, conversation: Conversation | None) -> Answer:
        reading = self._read(query)
        unloaded = (
            None if scope.given else unloaded_document(reading, self._documents, self._search)
        )
        if unloaded is not None:
            return abstain(query, unloaded.mentions, self._documents, unloaded.reason)
        unknown = self._documents.unknown_places(query.text)
        if unknown and not self._documents.names_any(query.folded):
            return abstain(
                query,
                [],
                self._documents,
                f"Chưa có kế hoạch nào của {', '.join(unknown)} trong các văn bản đã nạp, "
                "nên không thể trả lời.",
            )
        if query.intent is Intent.DOCUMENT_FACTS:
            return self._document_facts(query, scope, conversation)
        if (
            conversation is not None
            and not query.clause_refs
            and (scope.from_conversation or (scope.named and conversation.turns))
        ):
            follow = self._follow_up(query, scope, conversation)
            if follow is not None:
                return follow
        if query.clause_refs:
            return self._by_reference(query, scope, conversation)
        missing = self._missing_appendix(query, scope)
        if missing is not None:  # "phụ lục 1 của …" that the loaded text does not carry
            return missing
        if query.intent in (Intent.LIST_BY_UNIT, Intent.LIST_BY_PERIOD) or (
            query.wants_list and self._units.find(query.text)
        ):
            listed = self._list(query, scope.doc_ids)
            if listed is not None:
                return listed
        placed = plans_of_named_places(query.folded, self._documents)
        if query.intent is Intent.COMPARE and len(self._by_named_place(query, placed)) >= 2:
            # every place named is compared, even one a year or a title left out of scope
            return self._compare(query, list(dict.fromkeys([*scope.doc_ids, *placed])))
        if self._names_several_places(query, scope) or (
            query.intent is Intent.COMPARE and not (scope.named and len(scope.doc_ids) == 1)
        ):
            return self._compare(query, scope.doc_ids)  # one named plan: "so với năm 2024"
        if query.intent is Intent.GUIDANCE:
            duties = self._unit_duties(query, scope)
            if duties is not None:
                return duties
        return self._search_answer(query, scope)

    def _names_several_places(self, query: Query, scope: _Scope) -> bool:
        """ "… Ninh Bình 2025 và Xuân Trường 2026 …": a question about two plans is a comparison."""
        if not scope.named or len(scope.doc_ids) < 2:
            return False
        places = {
            info.place_name
            for info in (self._documents.get(d) for d in scope.doc_ids)
            if info is not None and info.place_name and folded(info.place_name) in query.folded
        }
        return len(places) >= 2

    # ---- follow-ups --------------------------------------------------------------------

    def _follow_up(self, query: Query, scope: _Scope, conversation: Conversation) -> Answer | None:
        """Resolve a turn that leans on the previous one; None when it stands on its own."""
        topic = self._topic_words(query, scope.doc_ids)
        previous = conversation.last_question
        refers_back = bool(REFERS_BACK.search(query.folded)) or len(topic) <= 1
        if scope.from_conversation and refers_back and conversation.clause_ids:
            clauses = self._search.by_ids(conversation.clause_ids)
            if EARLIEST.search(query.folded) or LATEST.search(query.folded):
                return self._pick_by_deadline(
                    query, clauses, latest=bool(LATEST.search(query.folded))
                )
            # "chỉ tiêu đó do ai …": the clause referred to answers who, when and what to do
            fields = bool(POINTS_BACK.search(query.folded)) and query.intent in (
                *WHO,
                Intent.DEADLINE,
                Intent.GUIDANCE,
            )
            if clauses and (fields or self._answers_from(query, topic, clauses)):
                intent = inherited_intent(query, conversation)
                return answer_clauses(
                    query, clauses, self._documents, intent, self._children_of(clauses)
                )
            if clauses and POINTS_BACK.search(query.folded):
                return abstain(  # "kinh phí cho chỉ tiêu đó": that clause does not say it
                    query,
                    clauses,
                    self._documents,
                    "Nội dung được hỏi không nêu thông tin này.",
                )
        if scope.named and previous and len(topic) <= 1 and CONTINUES.search(query.folded):
            # "Còn xã Xuân Trường năm 2026?": the previous question, about another plan
            earlier = understand(previous)
            if re.search(r"so voi|so sanh|khac", query.folded):
                docs = list(dict.fromkeys([*conversation.document_ids, *scope.doc_ids]))
                return self._compare(earlier, docs)
            return self._answer(earlier, _Scope(scope.doc_ids, named=True), None)
        if scope.from_conversation:
            inherited = inherited_intent(query, conversation)
            return self._answer(replace(query, intent=inherited), scope, None)
        return None

    def _answers_from(
        self, query: Query, topic: list[str], clauses: Sequence[StoredClause]
    ) -> bool:
        """Whether the previous clauses can answer this turn (its topic words are in them):
        "còn thời hạn?" has none of its own, "còn Trưởng các thôn?" names a new topic."""
        if not topic:
            return True
        text = " ".join(f"{c.path} {c.search_text}" for c in clauses)
        return self._weights.coverage(topic, clause_words(text)) >= 0.8

    def _pick_by_deadline(
        self, query: Query, clauses: Sequence[StoredClause], latest: bool
    ) -> Answer | None:
        tied = by_deadline(clauses, latest)
        return answer_clauses(query, tied, self._documents, Intent.DEADLINE) if tied else None

    # ---- clause numbers -------------------------------------------------------------------

    def _by_reference(
        self, query: Query, scope: _Scope, conversation: Conversation | None
    ) -> Answer:
        ref = query.clause_refs[0]
        reading = self._read(query)
        located = [s for s in reading.path if s.level != "appendix"]
        if len(reading.path) >= 2 and located and not ref.point:
            # "chỉ tiêu 3 mục IV phụ lục 01": the innermost step is the clause, the others
            # must enclose it
            inner = located[-1]
            ref = ClauseRef(inner.label, "table" if inner.level == "row" else "body")
            outer = [s for s in reading.path if s is not inner]
            found = self._search.by_number(ref.number, scope.doc_ids)
            candidates = [c for c in found if satisfies_path(c, outer, self._search)]
            if not candidates:
                return self._missing_path(query, scope, reading, found)
        else:
            candidates = self._search.by_number(ref.number, scope.doc_ids)
        if ref.point:
            candidates = self._points_under(candidates, ref.point)
        if not candidates:
            related = [c.clause for c in self._search.hybrid(query.text, scope.doc_ids, limit=3)]
            where = ""
            if len(scope.doc_ids) == 1 and self._documents.get(scope.doc_ids[0]):
                where = f" trong {self._documents.get(scope.doc_ids[0]).label}"  # type: ignore[union-attr]
            return abstain(
                query,
                related,
                self._documents,
                f"Không tìm thấy mục/chỉ tiêu {ref.number}{where} trong các kế hoạch đã nạp.",
            )
        best_per_doc = self._best_per_document(candidates, ref, query)
        if len(best_per_doc) > 1:
            settled = self._disambiguate_by_content(query, best_per_doc)
            if settled is not None:
                return self._answer_settled(query, [settled])
            if conversation is not None and conversation.document_ids:
                preferred = [c for c in best_per_doc if c.document_id in conversation.document_ids]
                if len(preferred) == 1:
                    return self._answer_settled(query, preferred)
            return answer_ambiguous(query, best_per_doc, self._documents, ref.number)
        return self._answer_settled(query, best_per_doc[:1])

    def _missing_path(
        self, query: Query, scope: _Scope, reading: Reading, elsewhere: list[StoredClause]
    ) -> Answer:
        """No clause has the number inside the path asked: say which part is missing and
        offer the clauses with that number elsewhere in the plan."""
        infos = [self._documents.get(d) for d in scope.doc_ids]
        labels = [i.label for i in infos if i is not None]
        where = labels[0] if len(labels) == 1 else "Các kế hoạch đã nạp"
        return abstain(
            query,
            [c for c in elsewhere if self._has_content(c)],
            self._documents,
            missing_path_reason(where, reading.path),
        )

    def _disambiguate_by_content(
        self, query: Query, candidates: list[StoredClause]
    ) -> StoredClause | None:
        """ "khi nào hoàn thành chuyển mạng LAN sang IPv6 (chỉ tiêu 2.3)": the words settle it."""
        topic = [w for w in self._topic_words(query, []) if not re.fullmatch(r"[\d.]+", w)]
        if len(topic) < 2:
            return None
        scored = sorted(
            ((self._weights.coverage(topic, clause_words(c.search_text)), c) for c in candidates),
            key=lambda item: -item[0],
        )
        (best_score, best), (second_score, _) = scored[0], scored[1]
        return best if best_score >= 0.6 and best_score - second_score >= 0.3 else None

    def _answer_settled(self, query: Query, clauses: Sequence[StoredClause]) -> Answer:
        undirected = self._undirected(query, clauses)
        if undirected is not None:
            return undirected
        intent = query.intent
        if intent in (Intent.SEARCH, Intent.LIST_BY_UNIT, Intent.LIST_BY_PERIOD, Intent.COMPARE):
            intent = Intent.TARGET
        return answer_clauses(query, clauses, self._documents, intent, self._children_of(clauses))

    def _undirected(self, query: Query, clauses: Sequence[StoredClause]) -> Answer | None:
        """ "Ai trực tiếp chỉ đạo chỉ tiêu 6.8?" of a row whose table has no directing
        column: say so, and show the row (its other columns are the closest)."""
        if Role.DIRECT not in self._read(query).roles:
            return None
        rows = [c for c in clauses if c.target is not None]
        plans = list(dict.fromkeys(r.document_id for r in rows))
        if not rows or any(Role.DIRECT in roles_present(self._search.rows([d])) for d in plans):
            return None
        reasons = [absent_role_reason(self._label(d), Role.DIRECT) for d in plans]
        return abstain(query, rows, self._documents, "\n".join(reasons))

    def _points_under(self, candidates: list[StoredClause], point: str) -> list[StoredClause]:
        found: list[StoredClause] = []
        for parent in candidates:
            found.extend(c for c in self._search.children(parent.clause_id) if c.number == point)
        return found

    @staticmethod
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

    # ---- lists ------------------------------------------------------------------------------

    def _list(self, query: Query, doc_ids: list[str]) -> Answer | None:
        unit_keys = self._units.find(query.text)
        if unit_keys:
            return self._list_by_unit(query, doc_ids, unit_keys)
        if query.period is not None:
            return self._list_by_period(query, doc_ids, query.period)
        return None

    def _list_by_unit(
        self, query: Query, doc_ids: list[str], unit_keys: list[str]
    ) -> Answer | None:
        """Every table row naming the unit in the role the question asks about."""
        topic = [
            w for w in self._topic_words(query, doc_ids) if not self._is_unit_word(w, unit_keys)
        ]

        def on_topic(rows: list[StoredClause]) -> list[StoredClause]:
            if not topic:
                return rows
            return [r for r in rows if self._coverage(query, topic, r) >= 0.5] or rows

        asked = self._read(query).roles
        return self._unit_lists.answer(query, asked, doc_ids, unit_keys, on_topic)

    @staticmethod
    def _is_unit_word(word: str, unit_keys: list[str]) -> bool:
        return any(word in key.split() for key in unit_keys)

    def _list_by_period(self, query: Query, doc_ids: list[str], period: Period) -> Answer | None:
        rows = due_in(self._search.rows(doc_ids), period)
        if not rows:
            return None
        label = period_label(period)
        heading = f"Có {len(rows)} chỉ tiêu/nhiệm vụ có thời hạn hoàn thành {label}:"
        answer = answer_list(query, rows, self._documents, heading)
        return replace(answer, intent=Intent.LIST_BY_PERIOD.value)

    # ---- a unit's tasks -------------------------------------------------------------------

    def _unit_duties(self, query: Query, scope: _Scope) -> Answer | None:
        """ "Sở Tư pháp có nhiệm vụ gì?": the clauses headed by that unit, then the rows where
        it leads or co-operates; None when no clause is headed by it, or the question asks
        about something more specific than the unit's tasks."""
        unit_keys = self._units.find(query.text)
        if not unit_keys or query.clause_refs:
            return None
        asked = query
        if scope.named and scope.doc_ids:  # "… trong kế hoạch Đề án 06": the plan's name
            asked = understand(self._documents.without_naming(query.text, scope.doc_ids))
        topic = self._topic_words(asked, scope.doc_ids)
        if any(not self._is_unit_word(w, unit_keys) for w in topic):
            return None
        doc_ids = scope.doc_ids or list(self._documents.documents)
        headed: dict[str, list[StoredClause]] = {}
        found = sorted(self._search.headings(doc_ids), key=lambda c: c.start)
        for doc_id in doc_ids:  # in the order of the plans, each in document order
            for clause in found:
                if clause.document_id == doc_id and heads_unit(clause, unit_keys):
                    headed.setdefault(doc_id, []).append(clause)
        if not headed:
            return None
        if len(headed) > 1 and not scope.named:
            first = [self._first_content(clauses[0]) for clauses in headed.values()]
            answer = answer_per_document(
                query,
                first[:_MAX_PER_DOCUMENT],
                self._documents,
                f"Nội dung này có trong {len(first)} kế hoạch; bạn hỏi kế hoạch nào? "
                "Nhiệm vụ theo từng kế hoạch:",
            )
            return replace(answer, intent="ambiguous")
        chosen = [c for clauses in headed.values() for c in clauses]
        roles_of: dict[str, list[str]] = {}
        rows: list[StoredClause] = []
        for row in rows_for_unit(self._search, list(headed), unit_keys):
            roles = unit_cells(row, unit_keys, [Role.LEAD, Role.COOPERATING])
            if roles:
                rows.append(row)
                roles_of[row.clause_id] = roles
        name = ", ".join(self._units.display_name(k) for k in unit_keys)
        return answer_unit_duties(
            query, chosen, self._children_of(chosen), rows, roles_of, self._documents, name
        )

    def _first_content(self, clause: StoredClause) -> StoredClause:
        """A bare heading's first sub-clause (what it says), else the clause itself."""
        if clause.child_count and len(clause.body.strip()) < _BARE_HEADING_CHARS:
            children = self._search.children(clause.clause_id)
            if children:
                return children[0]
        return clause

    def _missing_appendix(self, query: Query, scope: _Scope) -> Answer | None:
        """ "Phụ lục 1 của kế hoạch … gồm gì?" about a plan whose Phụ lục 1 was not
        ingested (or is a title without rows): say so instead of answering from the body."""
        number = appendix_asked(query.folded)
        if number is None or not scope.named or not scope.doc_ids:
            return None
        for doc_id in scope.doc_ids:
            for clause in self._search.document_clauses(doc_id):
                carried = clause.kind == "appendix" and clause.child_count
                if carried and appendix_number(clause) in (None, number):
                    return None
        return abstain(
            query,
            [],
            self._documents,
            f"Văn bản đã nạp không kèm nội dung Phụ lục {number} nên không thể trả lời.",
        )

    # ---- compare, facts ----------------------------------------------------------------------

    def _compare(self, query: Query, doc_ids: list[str]) -> Answer:
        targets = doc_ids if len(doc_ids) >= 2 else list(self._documents.documents)
        topic_text = _strip_document_words(query.folded, [self._documents.get(d) for d in targets])
        topic = self._topic_words(query, targets)
        picked: list[StoredClause] = []
        missing: list[str] = []
        for group in self._by_named_place(query, targets):
            found = [
                (self._coverage(query, topic, best), best)
                for best in (self._best_in(query, topic_text, topic, [d]) for d in group)
                if best is not None
            ]
            if found:  # a place named once is answered by its best-covering plan
                picked.append(max(found, key=lambda item: item[0])[1])
            elif len(group) == 1 or self._place_of(group[0]):
                missing.append(self._place_of(group[0]) or self._label(group[0]))
        if len(picked) < 2:
            related = [
                c.clause
                for c in self._rank(query, self._search.hybrid(topic_text, targets, limit=5))
            ]
            return abstain(
                query,
                related,
                self._documents,
                f"Không đủ căn cứ để so sánh: chỉ tìm thấy nội dung này ở {len(picked)} kế hoạch"
                + (f"; không tìm thấy ở kế hoạch của {', '.join(missing)}." if missing else "."),
            )
        answer = answer_per_document(query, picked, self._documents, "So sánh theo từng kế hoạch:")
        if missing:  # every plan named is answered, or said to be missing
            note = f"Không tìm thấy nội dung này trong kế hoạch của {', '.join(missing)}."
            answer = replace(answer, answer=f"{answer.answer}\n{note}")
        return replace(answer, intent=Intent.COMPARE.value)

    def _by_named_place(self, query: Query, doc_ids: list[str]) -> list[list[str]]:
        """The plans grouped by the place the question names them by ("Ninh Bình và Tiền
        Giang": one group per place); a plan whose place is not named stands alone."""
        groups: dict[str, list[str]] = {}
        text = f" {query.folded} "
        for doc_id in doc_ids:
            place = self._place_of(doc_id)
            key = place if place and f" {folded(place)} " in text else doc_id
            groups.setdefault(key, []).append(doc_id)
        return list(groups.values())

    def _place_of(self, doc_id: str) -> str | None:
        info = self._documents.get(doc_id)
        return info.place_name if info else None

    def _label(self, doc_id: str) -> str:
        info = self._documents.get(doc_id)
        return info.label if info else doc_id

    def _best_in(
        self, query: Query, text: str, topic: list[str], doc_ids: list[str]
    ) -> StoredClause | None:
        """The best answering clause within these documents, if it covers the topic."""
        ranked = [
            c
            for c in self._rank_text(text, self._search.hybrid(text, doc_ids, limit=15))
            if c.clause.kind not in _NOT_ANSWERS
            and self._has_content(c.clause)
            and answers_content(c.clause, query.folded)
        ]
        covering = [
            c.clause for c in ranked[:3] if self._coverage(query, topic, c.clause) >= _MIN_COVERAGE
        ]
        # a group's title ("7. Về kinh tế số") says less than a row under it that covers too
        stated = [c for c in covering if not (c.child_count and _is_bare_heading(c))]
        best = stated or covering
        return best[0] if best else None

    def _document_facts(
        self, query: Query, scope: _Scope, conversation: Conversation | None
    ) -> Answer:
        ids = (
            scope.doc_ids
            or (list(conversation.document_ids) if conversation else [])
            or list(self._documents.documents)
        )
        infos = [info for info in (self._documents.get(d) for d in ids) if info is not None]
        clauses_by_doc = {info.id: self._document_clauses(info.id) for info in infos}
        return answer_document_facts(query, infos, clauses_by_doc, self._documents)

    def _document_clauses(self, document_id: str) -> list[StoredClause]:
        clauses = self._search.document_clauses(document_id)
        order = {"preamble": 0, "signature": 1}
        return sorted(clauses, key=lambda c: (order.get(c.kind, 2), c.start))

    # ---- search --------------------------------------------------------------------------

    def _search_answer(self, query: Query, scope: _Scope) -> Answer:
        text, ranking = query.text, query
        if scope.named and scope.doc_ids:
            # the plan is settled: search (and rank) by what the question asks about it
            naming = self._naming_words(query, scope.doc_ids)
            stripped = self._documents.without_naming(query.text, scope.doc_ids)
            if len(self._topic_words(understand(stripped), scope.doc_ids)) >= 2:
                text = stripped  # unless the plan's name was all the question said
            ranking = replace(query, keywords=tuple(w for w in query.keywords if w not in naming))
        hits = self._search.hybrid(text, scope.doc_ids, limit=25)
        topic = self._topic_words(query, scope.doc_ids)
        reranked = by_stage(query.folded, self._rank(ranking, hits))  # never mix stages
        if reranked and self._left_to_missing_appendix(query, topic, reranked[0].clause):
            return abstain(
                query,
                [reranked[0].clause],
                self._documents,
                "Kế hoạch để nội dung này ở phụ lục, nhưng văn bản đã nạp không có nội dung "
                "phụ lục đó.",
            )
        ranked = [
            c
            for c in reranked
            if c.clause.kind not in _NOT_ANSWERS
            and self._has_content(c.clause)
            and answers_content(c.clause, query.folded)
        ]
        if not ranked:
            return abstain(
                query, [], self._documents, "Các kế hoạch đã nạp không nêu thông tin này."
            )
        covering = [
            c
            for c in ranked[:10]
            if self._coverage(query, topic, c.clause) >= _MIN_COVERAGE
            and states_asked_amount(query, c.clause)
        ]
        if not covering:
            return _with_candidates(
                abstain(
                    query,
                    [c.clause for c in ranked[:3]],
                    self._documents,
                    "Các kế hoạch đã nạp không nêu thông tin này.",
                ),
                [c.clause for c in ranked],
            )
        best = covering[0].clause
        if not scope.doc_ids:
            per_doc = self._strong_per_document(query, topic, covering)
            if len(per_doc) > 1:
                per_doc = self._same_wording(query, per_doc)
                best = per_doc[0]
            if len(per_doc) > 1:
                answer = answer_per_document(
                    query,
                    per_doc,
                    self._documents,
                    f"Nội dung này có trong {len(per_doc)} kế hoạch; bạn hỏi kế hoạch nào? "
                    "Giá trị theo từng kế hoạch:",
                )
                return _with_candidates(
                    replace(answer, intent="ambiguous"), [c.clause for c in ranked]
                )
        chosen = [best]
        children = self._children_of(chosen)
        same_doc = [c.clause for c in covering[:5] if c.clause.document_id == best.document_id]
        listed = self._enclosing_list(same_doc) if query.wants_items else None
        if listed is not None:
            chosen, children = [listed[0]], {listed[0].clause_id: listed[1]}
        elif query.intent is Intent.GUIDANCE or query.wants_list:
            chosen = [c.clause for c in covering if c.clause.document_id == best.document_id][:4]
            children = self._children_of(chosen)
        intent = (
            query.intent
            if query.intent not in (Intent.SEARCH, Intent.LIST_BY_UNIT, Intent.LIST_BY_PERIOD)
            else Intent.TARGET
        )
        answer = answer_clauses(query, chosen, self._documents, intent, children)
        return _with_candidates(answer, [c.clause for c in ranked])

    def _enclosing_list(
        self, found: Sequence[StoredClause]
    ) -> tuple[StoredClause, list[StoredClause]] | None:
        """For a question asking for several things: the short list (its heading and every
        item under it) that the best clauses found are items of, when two or more are."""
        best = found[0] if found else None
        if best is None or best.child_count or best.kind not in _LIST_ITEMS or not best.parent_id:
            return None  # a heading is answered with its items already
        parent_id = best.parent_id
        siblings = sum(1 for c in found if c.parent_id == parent_id and c.target is None)
        headings = self._search.by_ids([parent_id]) if siblings >= 2 else []
        if not headings or headings[0].child_count > _MAX_LIST_ITEMS:
            return None
        items = self._search.children(parent_id)
        return (headings[0], items) if all(i.target is None for i in items) else None

    def _strong_per_document(
        self, query: Query, topic: list[str], covering: list[Candidate]
    ) -> list[StoredClause]:
        """The best clause of each plan whose match is as strong as the best one's; once two
        plans share the topic, every other plan is searched on its own too, so that the
        choice offered is complete."""
        scores = {id(c): self._coverage(query, topic, c.clause) for c in covering}
        floor = max(0.65, scores[id(covering[0])] - 0.1)
        per_doc: dict[str, StoredClause] = {}
        for candidate in covering:
            if scores[id(candidate)] >= floor:
                per_doc.setdefault(candidate.clause.document_id, candidate.clause)
        if len(per_doc) < 2:
            return list(per_doc.values())
        for doc_id in self._documents.documents:
            if doc_id in per_doc:
                continue
            hits = self._search.hybrid(query.text, [doc_id], limit=10)
            for candidate in self._rank(query, hits)[:5]:
                clause = candidate.clause
                if (
                    clause.kind not in _NOT_ANSWERS
                    and self._has_content(clause)
                    and answers_content(clause, query.folded)
                    and self._coverage(query, topic, clause) >= floor
                    and states_asked_amount(query, clause)
                ):
                    per_doc[doc_id] = clause
                    break
        return list(per_doc.values())[:_MAX_PER_DOCUMENT]

    def _same_wording(self, query: Query, clauses: list[StoredClause]) -> list[StoredClause]:
        """Of the plans sharing the topic's words, those that also say it in the question's
        wording: "làm sạch dữ liệu đất đai" is one plan's row, not every plan's "làm sạch dữ
        liệu", when only that row has the question's word pairs."""
        tokens = query.folded.split()
        noise = _INTENT_WORDS | FOLLOW_UP_WORDS | self._naming_words(query, [])
        pairs = [f"{a} {b}" for a, b in pairwise(tokens) if a not in noise and b not in noise]
        scores = [
            self._weights.phrase_match(pairs, clause_pairs(f"{c.path} {c.search_text}"))
            for c in clauses
        ]
        best = max(scores, default=0.0)
        if best < _PHRASE_SETTLES:
            return clauses
        return [c for c, score in zip(clauses, scores, strict=True) if score >= best - _PHRASE_GAP]

    def _has_content(self, clause: StoredClause) -> bool:
        """A bare heading with nothing under it (an appendix title without rows) answers nothing,
        nor does a short pointer to an appendix the plan's text does not carry."""
        if clause.kind in ("appendix", "part", "table_group"):
            return clause.child_count > 0  # their own text is only a title
        if is_pointer(clause) and not self._has_appendix_rows(clause.document_id):
            return False
        if clause.kind in ("section", "item", "point") and not clause.child_count:
            # a numbered line with nothing under it is content: "2. Tỷ lệ … đạt 70%."
            return True
        if (
            clause.kind in _HEADINGS
            and clause.kind != "bullet"
            and len(clause.body.strip()) < _BARE_HEADING_CHARS
        ):
            return clause.child_count > 0
        return True

    def _left_to_missing_appendix(
        self, query: Query, topic: Sequence[str], clause: StoredClause
    ) -> bool:
        """Whether the best match is an appendix title without rows, or a pointer to an
        appendix the plan's text does not carry: the answer is in what is missing."""
        if self._has_appendix_rows(clause.document_id):
            return False
        empty = clause.kind == "appendix" and not clause.child_count
        return (empty or is_pointer(clause)) and self._coverage(
            query, topic, clause
        ) >= _MIN_COVERAGE

    def _has_appendix_rows(self, document_id: str) -> bool:
        """Whether any appendix of the document has content under its title."""
        known = self._appendix_rows.get(document_id)
        if known is None:
            known = any(
                c.kind == "appendix" and c.child_count > 0
                for c in self._search.document_clauses(document_id)
            )
            self._appendix_rows[document_id] = known
        return known

    def _children_of(self, clauses: Sequence[StoredClause]) -> dict[str, list[StoredClause]]:
        """Sub-clauses of chosen clauses that are bare headings (their content is below)."""
        return {
            clause.clause_id: self._search.children(clause.clause_id)
            for clause in clauses
            if clause.target is None
            and clause.child_count
            and len(clause.body.strip()) < _BARE_HEADING_CHARS
        }

    def _naming_words(self, query: Query, doc_ids: Sequence[str]) -> set[str]:
        """Words naming these documents, or a plan whose place the question mentions."""
        naming: set[str] = set()
        for doc_id, info in self._documents.documents.items():
            mentioned = info.place_name and f" {folded(info.place_name)} " in f" {query.folded} "
            if doc_id in doc_ids or mentioned:
                naming |= info.naming_words
        return naming

    def _words_beside_places(self, query: Query) -> set[str]:
        """Words of a place name that the question also uses elsewhere: "Trưởng" in "Trưởng
        Ban Chỉ đạo … xã Xuân Trường" is a topic word, the place's "Trường" is not."""
        text = f" {query.folded} "
        places = set()
        for info in self._documents.documents.values():
            if info.place_name and f" {folded(info.place_name)} " in text:
                places.add(folded(info.place_name))
                text = text.replace(f" {folded(info.place_name)} ", " | ")
        left = set(text.split())
        return {w for place in places for w in place.split() if w in left}

    def _topic_words(self, query: Query, doc_ids: Sequence[str]) -> list[str]:
        """The question's content words: without intent words and words naming documents."""
        naming = self._naming_words(query, doc_ids) - self._words_beside_places(query)
        return [
            w
            for w in query.keywords
            if w not in _INTENT_WORDS
            and w not in naming
            and w not in FOLLOW_UP_WORDS
            and not re.fullmatch(r"20\d\d", w)
        ]

    def _concepts(self, query: Query, topic: Sequence[str]) -> list[Concept]:
        """The topic words as concepts: names and two-syllable words count once."""
        key = (query.text, tuple(topic))
        found = self._concept_cache.get(key)
        if found is None:
            names = [
                tuple(w for w in name.split() if w in topic)
                for name in self._units.find(query.text)
            ]
            found = self._weights.concepts(query.phrases, topic, names)
            if len(self._concept_cache) >= 512:
                self._concept_cache.clear()  # a bound, not an LRU: questions rarely repeat
            self._concept_cache[key] = found
        return found

    def _coverage(self, query: Query, topic: Sequence[str], clause: StoredClause) -> float:
        """Weighted share of the topic's concepts found in the clause (path included)."""
        text = f"{clause.path} {clause.search_text}"
        concepts = self._concepts(query, topic)
        return self._weights.concept_coverage(concepts, clause_words(text), clause_pairs(text))

    def _rank(self, query: Query, candidates: list[Candidate]) -> list[Candidate]:
        return self._reranker.rerank(query, candidates)

    def _rank_text(self, text: str, candidates: list[Candidate]) -> list[Candidate]:
        return self._reranker.rerank(understand(text), candidates)


def _with_candidates(answer: Answer, ranked: Sequence[StoredClause], limit: int = 10) -> Answer:
    """The answer with its ranked candidate list: what it cites first, then the runners-up."""
    ids = list(dict.fromkeys([*answer.candidates, *(c.clause_id for c in ranked)]))[:limit]
    return replace(answer, candidates=tuple(ids))


def _is_bare_heading(clause: StoredClause) -> bool:
    return clause.kind in _HEADINGS and len(clause.body.strip()) < _BARE_HEADING_CHARS


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
