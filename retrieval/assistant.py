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

from ingest.normalize_vi import folded
from ingest.parser.units import split_units, unit_key
from retrieval.answers import Answer
from retrieval.citations import QuoteNotVerifiedError
from retrieval.compose import (
    abstain,
    answer_ambiguous,
    answer_clauses,
    answer_document_facts,
    answer_list,
    answer_per_document,
)
from retrieval.conversation import Conversation
from retrieval.documents import DocumentDirectory
from retrieval.query import ClauseRef, Intent, Period, Query, understand
from retrieval.relevance import TermWeights, clause_words
from retrieval.rerank import Reranker
from retrieval.search import Candidate, ClauseSearch
from retrieval.stored import StoredClause
from retrieval.units import UnitMatcher

logger = logging.getLogger(__name__)

_TABLE_KINDS = ("table_row", "table_group")
_NOT_ANSWERS = ("preamble", "signature")
_HEADINGS = ("part", "section", "item", "point", "appendix", "table_group", "bullet")
_MIN_COVERAGE = 0.5
_MAX_PER_DOCUMENT = 6
_LIST_ITEMS = ("bullet", "point", "item", "paragraph")
_MAX_LIST_ITEMS = 8
_BARE_HEADING_CHARS = 160
_ROLE_FIELDS = ("monitoring", "lead", "cooperating")
_ROLE_VERBS = {
    "monitoring": ("theo doi", "chi dao", "don doc"),
    "lead": ("chu tri", "thuc hien"),
    "cooperating": ("phoi hop",),
}
_WHO = (Intent.WHO, Intent.WHO_LEAD, Intent.WHO_COOPERATE, Intent.WHO_MONITOR)
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
_FOLLOW_UP_WORDS = frozenset(["con", "thi", "sao", "the", "nao", "vay", "do", "nay", "kia", "tren"])
# "chỉ tiêu đó", "nhiệm vụ này": the turn names its referent, the previous answer.
_POINTS_BACK = re.compile(
    r"\b(?:chi tieu|nhiem vu|muc|noi dung|co quan|don vi|van ban|ke hoach|viec) "
    r"(?:do|nay|ay|tren|vua roi|vua neu)\b"
)
_REFERS_BACK = re.compile(rf"{_POINTS_BACK.pattern}|\b(?:con|vay con|the con)\b")
_CONTINUES = re.compile(r"^(?:con|the con|vay con|so voi|con o|con tai)\b|thi sao|the nao")
_EARLIEST = re.compile(r"som nhat|gan nhat|truoc nhat|dau tien")
_LATEST = re.compile(r"muon nhat|cuoi cung|sau cung|xa nhat")


@dataclass(frozen=True)
class _Scope:
    """Which documents a question is about, and how that was settled."""

    doc_ids: list[str]
    named: bool  # the question or the caller named them
    from_conversation: bool = False


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
        if conversation is not None:
            conversation.record(question, answer, scope.doc_ids)
        return answer

    # ---- scope ------------------------------------------------------------------------

    def _scope(
        self, query: Query, conversation: Conversation | None, document: str | None
    ) -> _Scope:
        if document:
            return _Scope([document], named=True)
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
        if query.is_follow_up or _REFERS_BACK.search(query.folded):
            return True
        return len(self._topic_words(query, [])) <= 3

    # ---- dispatch ---------------------------------------------------------------------

    def _answer(self, query: Query, scope: _Scope, conversation: Conversation | None) -> Answer:
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
        if query.intent in (Intent.LIST_BY_UNIT, Intent.LIST_BY_PERIOD) or (
            query.wants_list and self._units.find(query.text)
        ):
            listed = self._list(query, scope.doc_ids)
            if listed is not None:
                return listed
        if self._names_several_places(query, scope) or (
            query.intent is Intent.COMPARE and not (scope.named and len(scope.doc_ids) == 1)
        ):
            return self._compare(query, scope.doc_ids)  # one named plan: "so với năm 2024"
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
        refers_back = bool(_REFERS_BACK.search(query.folded)) or len(topic) <= 1
        if scope.from_conversation and refers_back and conversation.clause_ids:
            clauses = self._search.by_ids(conversation.clause_ids)
            if _EARLIEST.search(query.folded) or _LATEST.search(query.folded):
                return self._pick_by_deadline(
                    query, clauses, latest=bool(_LATEST.search(query.folded))
                )
            # "chỉ tiêu đó do ai …": the clause referred to answers who, when and what to do
            fields = bool(_POINTS_BACK.search(query.folded)) and query.intent in (
                *_WHO,
                Intent.DEADLINE,
                Intent.GUIDANCE,
            )
            if clauses and (fields or self._answers_from(query, topic, clauses)):
                intent = self._inherited_intent(query, conversation)
                return answer_clauses(
                    query, clauses, self._documents, intent, self._children_of(clauses)
                )
            if clauses and _POINTS_BACK.search(query.folded):
                return abstain(  # "kinh phí cho chỉ tiêu đó": that clause does not say it
                    query,
                    clauses,
                    self._documents,
                    "Nội dung được hỏi không nêu thông tin này.",
                )
        if scope.named and previous and len(topic) <= 1 and _CONTINUES.search(query.folded):
            # "Còn xã Xuân Trường năm 2026?": the previous question, about another plan
            earlier = understand(previous)
            if re.search(r"so voi|so sanh|khac", query.folded):
                docs = list(dict.fromkeys([*conversation.document_ids, *scope.doc_ids]))
                return self._compare(earlier, docs)
            return self._answer(earlier, _Scope(scope.doc_ids, named=True), None)
        if scope.from_conversation:
            inherited = self._inherited_intent(query, conversation)
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

    @staticmethod
    def _inherited_intent(query: Query, conversation: Conversation) -> Intent:
        """A bare topic ("Còn báo cáo năm?") keeps the previous question's intent."""
        if query.intent not in (Intent.SEARCH, Intent.TARGET) or not conversation.intent:
            return query.intent
        try:
            previous = Intent(conversation.intent)
        except ValueError:
            return query.intent
        if previous in (Intent.DEADLINE, *_WHO, Intent.GUIDANCE, Intent.TARGET):
            return previous
        return query.intent

    def _pick_by_deadline(
        self, query: Query, clauses: Sequence[StoredClause], latest: bool
    ) -> Answer | None:
        dated = [c for c in clauses if c.target and c.target.deadline and c.target.deadline.due]
        if not dated:
            return None
        key = lambda c: c.target.deadline.due  # noqa: E731
        chosen = max(dated, key=key) if latest else min(dated, key=key)
        tied = [c for c in dated if key(c) == key(chosen)]
        return answer_clauses(query, tied, self._documents, Intent.DEADLINE)

    # ---- clause numbers -------------------------------------------------------------------

    def _by_reference(
        self, query: Query, scope: _Scope, conversation: Conversation | None
    ) -> Answer:
        ref = query.clause_refs[0]
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
        intent = query.intent
        if intent in (Intent.SEARCH, Intent.LIST_BY_UNIT, Intent.LIST_BY_PERIOD, Intent.COMPARE):
            intent = Intent.TARGET
        return answer_clauses(query, clauses, self._documents, intent, self._children_of(clauses))

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
        who_or_when = query.intent in (*_WHO, Intent.DEADLINE)

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
        verbs = [
            role for role, words in _ROLE_VERBS.items() if any(w in query.folded for w in words)
        ]
        roles_of: dict[str, list[str]] = {}
        kept: list[StoredClause] = []
        for row in self._search.rows(doc_ids, "units", unit_keys):
            roles = self._matching_roles(row, unit_keys, verbs)
            if roles:
                kept.append(row)
                roles_of[row.clause_id] = roles
        if not kept:
            return None  # not in any table: the body text may still say it
        topic = [
            w for w in self._topic_words(query, doc_ids) if not self._is_unit_word(w, unit_keys)
        ]
        if topic:
            on_topic = [r for r in kept if self._coverage(topic, r) >= 0.5]
            kept = on_topic or kept
        names = ", ".join(self._units.display_name(k) for k in unit_keys)
        heading = f"Có {len(kept)} chỉ tiêu/nhiệm vụ ghi {names} ở vai trò được hỏi:"
        answer = answer_list(query, kept, self._documents, heading, roles_of)
        return replace(answer, intent=Intent.LIST_BY_UNIT.value)

    @staticmethod
    def _is_unit_word(word: str, unit_keys: list[str]) -> bool:
        return any(word in key.split() for key in unit_keys)

    @staticmethod
    def _matching_roles(row: StoredClause, unit_keys: list[str], verbs: list[str]) -> list[str]:
        """Headers of the row's columns that name one of the units in an asked role."""
        assert row.target is not None
        roles = []
        for cell in row.target.cells:
            if cell.role not in _ROLE_FIELDS:
                continue
            if not any(unit_key(u) in unit_keys for u in split_units(cell.text)):
                continue
            header = folded(cell.header)
            if verbs and not any(
                role == cell.role or any(w in header for w in _ROLE_VERBS[role]) for role in verbs
            ):
                continue
            roles.append(cell.header)
        return roles

    def _list_by_period(self, query: Query, doc_ids: list[str], period: Period) -> Answer | None:
        rows = [
            row
            for row in self._search.rows(doc_ids)
            if row.target is not None
            and row.target.deadline is not None
            and row.target.deadline.year is not None
            and period.contains(
                row.target.deadline.year, row.target.deadline.month, row.target.deadline.quarter
            )
        ]
        if not rows:
            return None
        label = _period_label(period)
        heading = f"Có {len(rows)} chỉ tiêu/nhiệm vụ có thời hạn hoàn thành {label}:"
        answer = answer_list(query, rows, self._documents, heading)
        return replace(answer, intent=Intent.LIST_BY_PERIOD.value)

    # ---- compare, facts ----------------------------------------------------------------------

    def _compare(self, query: Query, doc_ids: list[str]) -> Answer:
        targets = doc_ids if len(doc_ids) >= 2 else list(self._documents.documents)
        topic_text = _strip_document_words(query.folded, [self._documents.get(d) for d in targets])
        topic = self._topic_words(query, targets)
        picked: list[StoredClause] = []
        for doc_id in targets:
            best = self._best_in(topic_text, topic, [doc_id])
            if best is not None:
                picked.append(best)
        if len(picked) < 2:
            related = [
                c.clause
                for c in self._rank(query, self._search.hybrid(topic_text, targets, limit=5))
            ]
            return abstain(
                query,
                related,
                self._documents,
                f"Không đủ căn cứ để so sánh: chỉ tìm thấy nội dung này ở {len(picked)} kế hoạch.",
            )
        answer = answer_per_document(query, picked, self._documents, "So sánh theo từng kế hoạch:")
        return replace(answer, intent=Intent.COMPARE.value)

    def _best_in(self, text: str, topic: list[str], doc_ids: list[str]) -> StoredClause | None:
        """The best answering clause within these documents, if it covers the topic."""
        ranked = [
            c
            for c in self._rank_text(text, self._search.hybrid(text, doc_ids, limit=15))
            if c.clause.kind not in _NOT_ANSWERS and self._has_content(c.clause)
        ]
        for candidate in ranked[:3]:
            if self._coverage(topic, candidate.clause) >= _MIN_COVERAGE:
                return candidate.clause
        return None

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
        ranked = [
            c
            for c in self._rank(ranking, hits)
            if c.clause.kind not in _NOT_ANSWERS and self._has_content(c.clause)
        ]
        if not ranked:
            return abstain(
                query, [], self._documents, "Các kế hoạch đã nạp không nêu thông tin này."
            )
        topic = self._topic_words(query, scope.doc_ids)
        covering = [
            c
            for c in ranked[:10]
            if self._coverage(topic, c.clause) >= _MIN_COVERAGE
            and _states_asked_amount(query, c.clause)
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
        scores = {id(c): self._coverage(topic, c.clause) for c in covering}
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
                    and self._coverage(topic, clause) >= floor
                    and _states_asked_amount(query, clause)
                ):
                    per_doc[doc_id] = clause
                    break
        return list(per_doc.values())[:_MAX_PER_DOCUMENT]

    def _has_content(self, clause: StoredClause) -> bool:
        """A bare heading with nothing under it (an appendix title without rows) answers nothing."""
        if clause.kind in ("appendix", "part", "table_group"):
            return clause.child_count > 0  # their own text is only a title
        if clause.kind in ("item", "point") and not clause.child_count:
            return True  # a lettered or numbered point with nothing under it is content
        if (
            clause.kind in _HEADINGS
            and clause.kind != "bullet"
            and len(clause.body.strip()) < _BARE_HEADING_CHARS
        ):
            return clause.child_count > 0
        return True

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

    def _topic_words(self, query: Query, doc_ids: Sequence[str]) -> list[str]:
        """The question's content words: without intent words and words naming documents."""
        naming = self._naming_words(query, doc_ids)
        return [
            w
            for w in query.keywords
            if w not in _INTENT_WORDS
            and w not in naming
            and w not in _FOLLOW_UP_WORDS
            and not re.fullmatch(r"20\d\d", w)
        ]

    def _coverage(self, topic: Sequence[str], clause: StoredClause) -> float:
        """Weighted share of the topic words found in the clause (path included)."""
        return self._weights.coverage(topic, clause_words(f"{clause.path} {clause.search_text}"))

    def _rank(self, query: Query, candidates: list[Candidate]) -> list[Candidate]:
        return self._reranker.rerank(query, candidates)

    def _rank_text(self, text: str, candidates: list[Candidate]) -> list[Candidate]:
        return self._reranker.rerank(understand(text), candidates)


def _with_candidates(answer: Answer, ranked: Sequence[StoredClause], limit: int = 10) -> Answer:
    """The answer with its ranked candidate list: what it cites first, then the runners-up."""
    ids = list(dict.fromkeys([*answer.candidates, *(c.clause_id for c in ranked)]))[:limit]
    return replace(answer, candidates=tuple(ids))


def _period_label(period: Period) -> str:
    if period.month is not None:
        return f"tháng {period.month}" + (f"/{period.year}" if period.year else "")
    if period.quarter is not None:
        return f"quý {period.quarter}" + (f"/{period.year}" if period.year else "")
    return f"năm {period.year}"


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


_AMOUNT = re.compile(r"bao nhieu(?:\s+([a-z%]+(?:\s+[a-z]+)?))?|\bmay\s+([a-z]+)")
# Accent-free "may tinh" is "máy tính" (a computer) far more often than "mấy tỉnh".
_MACHINE = re.compile(r"\bmay\s+(?:tinh|chu|tram|in|quet|moc|chieu|anh)\b")
_PERCENT_WORDS = ("phan tram", "%")
_NOT_UNITS = ("chi tieu", "nhiem vu", "phan", "muc", "nam", "so", "la", "thi", "vay", "dat")
# Words after "bao nhiêu" that are not a unit of count ("bao nhiêu trong tổng …").
_NOT_UNIT_WORDS = frozenset(
    ["trong", "tren", "cho", "voi", "doi", "moi", "vao", "tai", "o", "de", "khi", "nua", "va"]
)
# A figure that is an amount: not a year, not part of a date or a document number.
_FIGURE = re.compile(r"(?<![\d/.\-])(\d+(?:[.,]\d+)?)(\s*%)?(?![\d/\-])")


def _amount_asked(query: Query) -> re.Match[str] | None:
    """The "bao nhiêu …" / "mấy …" of a question; "máy tính" is a computer, not "mấy"."""
    accented = any(ch.isalpha() and not ch.isascii() for ch in query.text)
    for match in _AMOUNT.finditer(query.folded):
        if match.group(2) is None:
            return match
        if accented and "mấy" not in query.text.lower():
            continue
        if not accented and _MACHINE.match(query.folded, match.start()):
            continue
        return match
    return None


def _states_asked_amount(query: Query, clause: StoredClause) -> bool:
    """A "how much" question needs a figure in the clause, in the unit asked when one is named."""
    match = _amount_asked(query)
    if match is None:
        return True
    text = folded(_own_text(clause))
    figures = [
        m
        for m in _FIGURE.finditer(text)
        if m.group(2) or not re.fullmatch(r"(?:19|20)\d\d", m.group(1))
    ]
    if not figures:
        return False
    unit = (match.group(1) or match.group(2) or "").strip()
    if unit.startswith(_PERCENT_WORDS):
        return any(m.group(2) for m in figures)
    if not unit or unit.startswith(_NOT_UNITS) or unit.split()[0] in _NOT_UNIT_WORDS:
        return True
    head = unit.split()[0]
    # "bao nhiêu thành viên" is a count: "100% thành viên" does not answer it
    return bool(re.search(rf"\d[\d.,]*\s+{re.escape(unit)}|\d[\d.,]*\s+{re.escape(head)}\b", text))


_LEADING_NUMBER = re.compile(
    r"^\s*(?:[-–+•*|]\s*)*(?:[a-zđ]\)|\d+(?:\.\d+)*[.)](?=\s)|[IVX]+\.)?\s*"
)


def _own_text(clause: StoredClause) -> str:
    """What a clause itself states: a row's content and note, or a body without its number
    (the path's and the marker's numbers are not figures)."""
    if clause.target is not None:
        return " ".join(p for p in (clause.target.content, clause.target.note or "") if p)
    return _LEADING_NUMBER.sub("", clause.body, count=1)
