"""`Assistant.ask`: the one answering service the CLI, the API and the bots call."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from ingest.normalize_vi import folded
from retrieval.answers import Answer
from retrieval.citations import QuoteNotVerifiedError
from retrieval.compose import (
    abstain,
    answer_ambiguous,
    answer_clauses,
    answer_document_facts,
    answer_list,
    covers,
)
from retrieval.conversation import Conversation
from retrieval.documents import DocumentDirectory
from retrieval.query import ClauseRef, Intent, Period, Query, understand
from retrieval.rerank import Reranker
from retrieval.search import Candidate, ClauseSearch
from retrieval.stored import StoredClause
from retrieval.units import UnitMatcher

logger = logging.getLogger(__name__)

_TABLE_KINDS = ("table_row", "table_group")
_BODY_KINDS = ("item", "section", "point", "part", "bullet", "paragraph", "appendix")
_MIN_COVERAGE = 0.5
_BARE_HEADING_CHARS = 160
_NOT_ANSWERS = ("preamble", "signature")
_ROLE_FIELDS = {
    "monitoring": "units_monitoring",
    "lead": "units_lead",
    "cooperating": "units_cooperating",
}
_ROLE_VERBS = {
    "monitoring": ("theo doi", "chi dao", "don doc"),
    "lead": ("chu tri", "thuc hien"),
    "cooperating": ("phoi hop",),
}


class Assistant:
    """Answers questions about the ingested plans with verified citations."""

    def __init__(
        self,
        search: ClauseSearch,
        documents: DocumentDirectory,
        units: UnitMatcher,
        reranker: Reranker,
    ) -> None:
        self._search = search
        self._documents = documents
        self._units = units
        self._reranker = reranker

    @property
    def documents(self) -> DocumentDirectory:
        return self._documents

    def ask(
        self,
        question: str,
        conversation: Conversation | None = None,
        document: str | None = None,
    ) -> Answer:
        """Answer one question; `conversation` carries follow-up context, `document` scopes it."""
        query = understand(question)
        doc_ids = [document] if document else self._documents.resolve(query.folded)
        if conversation is not None and not doc_ids and query.is_follow_up:
            doc_ids = list(conversation.document_ids)
        try:
            answer = self._answer(query, doc_ids, conversation, scoped=bool(document))
        except QuoteNotVerifiedError:
            logger.exception("a quote failed verification; abstaining")
            answer = abstain(
                query,
                [],
                self._documents,
                "Không trả lời được câu hỏi này với trích dẫn đã kiểm chứng.",
            )
        if conversation is not None:
            conversation.record(question, answer, doc_ids)
        return answer

    # ---- dispatch ---------------------------------------------------------------------

    def _answer(
        self, query: Query, doc_ids: list[str], conversation: Conversation | None, scoped: bool
    ) -> Answer:
        intent = query.intent
        if intent is Intent.DOCUMENT_FACTS:
            return self._document_facts(query, doc_ids, conversation)
        if query.clause_refs:
            return self._by_reference(query, doc_ids, conversation, scoped)
        if conversation is not None and query.is_follow_up and conversation.clause_ids:
            clauses = self._search.by_ids(conversation.clause_ids)
            if clauses:
                follow_intent = (
                    intent
                    if intent is not Intent.SEARCH
                    else Intent(conversation.intent or "target")
                )
                return answer_clauses(query, clauses, self._documents, follow_intent)
        if intent in (Intent.LIST_BY_UNIT, Intent.LIST_BY_PERIOD) or (
            query.wants_list and self._units.find(query.text)
        ):
            listed = self._list(query, doc_ids)
            if listed is not None:
                return listed
        if intent is Intent.COMPARE:
            return self._compare(query, doc_ids)
        return self._search_answer(query, doc_ids)

    # ---- clause numbers -------------------------------------------------------------------

    def _by_reference(
        self, query: Query, doc_ids: list[str], conversation: Conversation | None, scoped: bool
    ) -> Answer:
        ref = query.clause_refs[0]
        candidates = self._search.by_number(ref.number, doc_ids)
        if (
            not candidates
            and not doc_ids
            and conversation is not None
            and conversation.document_ids
        ):
            candidates = self._search.by_number(ref.number, conversation.document_ids)
        if ref.point:
            candidates = self._points_under(candidates, ref.point)
        if not candidates:
            related = [c.clause for c in self._search.hybrid(query.text, doc_ids, limit=3)]
            where = (
                f" trong {self._documents.get(doc_ids[0]).label}"
                if len(doc_ids) == 1 and self._documents.get(doc_ids[0])
                else ""
            )
            return abstain(
                query,
                related,
                self._documents,
                f"Không tìm thấy mục/chỉ tiêu {ref.number}{where} trong các kế hoạch đã nạp.",
            )
        best_per_doc = self._best_per_document(candidates, ref, query)
        if len(best_per_doc) > 1 and not scoped:
            if conversation is not None and conversation.document_ids:
                preferred = [c for c in best_per_doc if c.document_id in conversation.document_ids]
                if len(preferred) == 1:
                    return self._answer_settled(query, preferred)
            return answer_ambiguous(query, best_per_doc, self._documents, ref.number)
        return self._answer_settled(query, best_per_doc[:1])

    def _answer_settled(self, query: Query, clauses: Sequence[StoredClause]) -> Answer:
        intent = query.intent
        if intent in (
            Intent.SEARCH,
            Intent.LIST_BY_UNIT,
            Intent.LIST_BY_PERIOD,
            Intent.COMPARE,
            Intent.GUIDANCE,
        ):
            intent = Intent.TARGET
        return answer_clauses(query, clauses, self._documents, intent)

    def _points_under(self, candidates: list[StoredClause], point: str) -> list[StoredClause]:
        found: list[StoredClause] = []
        for parent in candidates:
            for child in self._search.by_number(point, [parent.document_id]):
                if child.parent_id == parent.clause_id:
                    found.append(child)
        return found

    @staticmethod
    def _best_per_document(
        candidates: list[StoredClause], ref: ClauseRef, query: Query
    ) -> list[StoredClause]:
        """One clause per document: table rows for "chỉ tiêu/nhiệm vụ", body items for "mục"."""
        who_or_when = query.intent in (
            Intent.WHO,
            Intent.WHO_LEAD,
            Intent.WHO_COOPERATE,
            Intent.WHO_MONITOR,
            Intent.DEADLINE,
        )

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

    def _list_by_unit(self, query: Query, doc_ids: list[str], unit_keys: list[str]) -> Answer:
        verbs = [
            role for role, words in _ROLE_VERBS.items() if any(w in query.folded for w in words)
        ]
        rows = self._search.rows(doc_ids, "units", unit_keys)
        roles_of: dict[str, list[str]] = {}
        kept: list[StoredClause] = []
        for row in rows:
            assert row.target is not None
            roles = []
            for cell in row.target.cells:
                if cell.role not in _ROLE_FIELDS:
                    continue
                from ingest.parser.units import split_units, unit_key

                if not any(unit_key(u) in unit_keys for u in split_units(cell.text)):
                    continue
                header = folded(cell.header)
                if verbs and not any(
                    role == cell.role or any(w in header for w in _ROLE_VERBS[role])
                    for role in verbs
                ):
                    continue
                roles.append(cell.header)
            if roles:
                kept.append(row)
                roles_of[row.clause_id] = roles
        names = ", ".join(self._units.display_name(k) for k in unit_keys)
        if not kept:
            related = [c.clause for c in self._search.hybrid(query.text, doc_ids, limit=3)]
            return abstain(
                query,
                related,
                self._documents,
                f"Không có chỉ tiêu/nhiệm vụ nào trong bảng phân công ghi {names} với vai trò được hỏi.",
            )
        heading = f"Có {len(kept)} chỉ tiêu/nhiệm vụ ghi {names} ở vai trò được hỏi:"
        answer = answer_list(query, kept, self._documents, heading, roles_of)
        return Answer(
            answer.answer, False, Intent.LIST_BY_UNIT.value, answer.citations, answer.candidates
        )

    def _list_by_period(self, query: Query, doc_ids: list[str], period: Period) -> Answer:
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
        label = _period_label(period)
        if not rows:
            related = [c.clause for c in self._search.hybrid(query.text, doc_ids, limit=3)]
            return abstain(
                query,
                related,
                self._documents,
                f"Không có chỉ tiêu/nhiệm vụ nào có thời hạn {label} trong các bảng phân công.",
            )
        heading = f"Có {len(rows)} chỉ tiêu/nhiệm vụ có thời hạn hoàn thành {label}:"
        answer = answer_list(query, rows, self._documents, heading)
        return Answer(
            answer.answer, False, Intent.LIST_BY_PERIOD.value, answer.citations, answer.candidates
        )

    # ---- compare, facts, search --------------------------------------------------------------

    def _compare(self, query: Query, doc_ids: list[str]) -> Answer:
        targets = doc_ids if len(doc_ids) >= 2 else list(self._documents.documents)
        topic = _strip_document_words(query.folded, [self._documents.get(d) for d in targets])
        ignore = self._naming_words(targets) | _COMPARE_WORDS
        picked: list[StoredClause] = []
        for doc_id in targets:
            ranked = [c for c in self._rank(query, self._search.hybrid(topic, [doc_id], limit=10))
                      if c.clause.kind not in _NOT_ANSWERS]
            if ranked and covers(query, ranked[0].clause, ignore) >= _MIN_COVERAGE:
                picked.append(ranked[0].clause)
        if len(picked) < 2:
            related = [
                c.clause for c in self._rank(query, self._search.hybrid(topic, targets, limit=5))
            ]
            return abstain(
                query,
                related,
                self._documents,
                f"Không đủ căn cứ để so sánh: chỉ tìm thấy nội dung này ở {len(picked)} kế hoạch.",
            )
        answer = answer_clauses(query, picked, self._documents, Intent.TARGET)
        text = "So sánh theo từng kế hoạch:\n" + answer.answer
        return Answer(text, False, Intent.COMPARE.value, answer.citations, answer.candidates)

    def _document_facts(
        self, query: Query, doc_ids: list[str], conversation: Conversation | None
    ) -> Answer:
        ids = (
            doc_ids
            or (list(conversation.document_ids) if conversation else [])
            or list(self._documents.documents)
        )
        infos = [self._documents.get(d) for d in ids]
        infos = [i for i in infos if i is not None]
        clauses_by_doc = {info.id: self._document_clauses(info.id) for info in infos}
        return answer_document_facts(query, infos, clauses_by_doc, self._documents)

    def _document_clauses(self, document_id: str) -> list[StoredClause]:
        clauses = self._search.document_clauses(document_id)
        order = {"preamble": 0, "signature": 1}
        return sorted(clauses, key=lambda c: (order.get(c.kind, 2), c.start))

    def _search_answer(self, query: Query, doc_ids: list[str]) -> Answer:
        hits = self._search.hybrid(query.text, doc_ids, limit=20)
        ranked = [c for c in self._rank(query, hits) if c.clause.kind not in _NOT_ANSWERS]
        if not ranked:
            return abstain(query, [], self._documents, "Chưa có kế hoạch nào được nạp để trả lời.")
        ignore = self._naming_words(doc_ids)
        best = ranked[0].clause
        if covers(query, best, ignore) < _MIN_COVERAGE or not _states_asked_amount(query, best):
            return abstain(
                query,
                [c.clause for c in ranked[:3]],
                self._documents,
                "Các kế hoạch đã nạp không nêu thông tin này.",
            )
        chosen = [best]
        if query.intent is Intent.GUIDANCE:
            chosen = [
                c.clause for c in ranked[:6] if covers(query, c.clause, ignore) >= _MIN_COVERAGE
            ][:4]
        intent = query.intent if query.intent is not Intent.SEARCH else Intent.TARGET
        return answer_clauses(query, chosen, self._documents, intent, self._children_of(chosen))

    def _children_of(self, clauses: Sequence[StoredClause]) -> dict[str, list[StoredClause]]:
        """Sub-clauses of chosen clauses that are bare headings (their content is below)."""
        return {
            clause.clause_id: self._search.children(clause.clause_id)
            for clause in clauses
            if clause.target is None and len(clause.body.strip()) < _BARE_HEADING_CHARS
        }

    def _naming_words(self, doc_ids: Sequence[str]) -> frozenset[str]:
        """Words of the question that only name documents (place, number, year)."""
        words: set[str] = set()
        for doc_id in doc_ids:
            info = self._documents.get(doc_id)
            if info is not None:
                words |= info.naming_words
        return frozenset(words)

    def _rank(self, query: Query, candidates: list[Candidate]) -> list[Candidate]:
        return self._reranker.rerank(query, candidates)


_COMPARE_WORDS = frozenset({"sanh", "khac", "nhau", "giua", "voi", "hai"})


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
    text = re.sub(r"so sanh|khac nhau|khac gi|giua|cua|va|voi|so voi", " ", text)
    return " ".join(text.split())


_AMOUNT = re.compile(r"bao nhieu(?:\s+([a-z%]+(?:\s+[a-z]+)?))?")
_AMOUNT_UNITS = {"phan tram": "%", "ti dong": "dong", "trieu dong": "dong"}
_NOT_UNITS = ("chi tieu", "nhiem vu", "phan", "muc", "nam", "so", "la")


def _states_asked_amount(query: Query, clause: StoredClause) -> bool:
    """A "how much" question needs a figure in the clause, in the unit asked when one is named."""
    match = _AMOUNT.search(query.folded)
    if match is None:
        return True
    text = folded(clause.search_text)
    if not re.search(r"\d", text):
        return False
    unit = (match.group(1) or "").strip()
    if not unit or unit.startswith(_NOT_UNITS):
        return True
    needed = _AMOUNT_UNITS.get(unit) or _AMOUNT_UNITS.get(unit.split()[0]) or unit.split()[0]
    return needed in text
