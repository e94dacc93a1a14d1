"""`Assistant.ask`: the one answering service the CLI, the API and the bots call.

The order of work: read the question; settle which documents it is about (named, scoped,
or carried over from the conversation); try the answer strategies of
`retrieval.strategies` in the order of `STRATEGIES` (structure first — clause numbers,
the responsibility tables, document facts — and hybrid search last); then score the
answer's confidence. Every answer is composed from the settled clauses only, with
verified quotes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace

from retrieval import calibration, confidence
from retrieval.addressees import unsaid_doers
from retrieval.answers import Answer
from retrieval.calibration import Decision, Evidence
from retrieval.citations import QuoteNotVerifiedError
from retrieval.compose import abstain
from retrieval.constraints import Reading
from retrieval.conversation import Conversation
from retrieval.decline_checks import HEDGE_CHECKS, Checked, first_decline
from retrieval.documents import DocumentDirectory
from retrieval.plan_owner import without_plan_owner
from retrieval.plan_scope import PlanScope
from retrieval.query import Intent, Query, understand
from retrieval.relevance import TermWeights
from retrieval.rerank import Reranker
from retrieval.row_lists import FIRST_PAGE, RowWindow
from retrieval.scope import ScopeLimits, settle_scope
from retrieval.search import ClauseSearch
from retrieval.stored import StoredClause
from retrieval.strategies import (
    assigner,
    attached_details,
    cited_document,
    clause_lookup,
    compare,
    copy_note,
    count_items,
    document_facts,
    effective_date,
    follow_up,
    list_by_period,
    list_by_unit,
    measure_unit,
    missing_appendix,
    not_loaded,
    numbered_absent,
    partners,
    plan_parts,
    row_groups,
    search_answer,
    unit_duties,
    units_assigned,
    unnamed_place,
    unnamed_unit,
)
from retrieval.strategies.context import Context, Library
from retrieval.units import UnitMatcher

logger = logging.getLogger(__name__)

Strategy = Callable[[Context], Answer | None]

# The strategies in the order they are tried; the first that answers wins (None: not
# mine). The search answer, last, always answers.
STRATEGIES: tuple[Strategy, ...] = (
    cited_document.answer,  # "Nghị định 26/2020/NĐ-CP …", "QĐ 254 căn cứ Luật … ngày nào?"
    not_loaded.answer,  # a plan only mentioned, a place with no plan: declined
    # "KH 09 giao … cơ quan nào, còn QĐ 2200 giao ai chủ trì?": each part routed from the
    # top, before one plan's fact is given for both ("NQ 34 yêu cầu … khi nào, và KH 134
    # ban hành ngày nào?")
    plan_parts.answer,
    effective_date.answer,  # "Quyết định 3210 có hiệu lực từ khi nào?"
    copy_note.answer,  # "bản gốc hay bản trích chữ tự động?": the transcription note
    document_facts.answer,  # who signed, when issued, số hiệu
    assigner.answer,  # "ai là người giao nhiệm vụ?": "… Chủ tịch UBND tỉnh giao:"
    follow_up.answer,  # a turn leaning on the previous one
    clause_lookup.answer,  # "chỉ tiêu 6.6", "chỉ tiêu 3 mục IV phụ lục 01"
    missing_appendix.answer,  # "Phụ lục 2 gồm gì?" of a plan without it
    numbered_absent.answer,  # "Bước 7 …" of a plan whose steps run 1 to 6: declined
    measure_unit.answer,  # "Phụ lục … tính theo đơn vị nào?": its "ĐVT: triệu đồng" line
    attached_details.answer,  # "Chi tiết … nêu ở đâu?": "(Chi tiết có các biểu số … kèm theo)"
    unnamed_place.answer,  # "… xã Ân Hảo …" of a plan never naming it: declined
    count_items.answer,  # "có bao nhiêu …" counted under the heading that names it
    row_groups.answer,  # "Phụ lục 01 chia các chỉ tiêu thành những nhóm nào?"
    unnamed_unit.answer,  # "Thanh tra Chính phủ được giao gì?" of a plan never naming it
    partners.answer,  # "Bộ Ngoại giao phối hợp với những bộ nào?"
    list_by_unit.answer,  # "Sở Y tế chủ trì những chỉ tiêu nào?"
    units_assigned.answer,  # "… phân công nhiệm vụ cho những cơ quan nào?"
    list_by_period.answer,  # "Những nhiệm vụ nào hạn tháng 10/2025?"
    compare.answer,  # "So sánh … Ninh Bình và Tiền Giang"
    unit_duties.answer,  # "Sở Tư pháp có nhiệm vụ gì?"
)

# Answers settled by structure (a table, the document's facts): certain once matched.
# the first clauses a search ranked, read for a rival the answer does not cite
_RIVALS = 6
_STRUCTURED_INTENTS = frozenset(["list_by_unit", "list_by_period", "document_facts", "ambiguous"])


def route(context: Context) -> Answer:
    """The first strategy's answer, else the search answer."""
    for strategy in STRATEGIES:
        answer = strategy(context)
        if answer is not None:
            return answer
    return search_answer.answer(context)


def _unmatched(context: Context) -> Answer:
    """No ingested plan lies in the scope in force: said, with how to widen it."""
    reason = (
        f"Không có kế hoạch nào đã nạp thuộc phạm vi “{context.scope.unmatched}”. "
        "Hãy đổi phạm vi (ví dụ /phamvi tất cả) hoặc nêu kế hoạch khác."
    )
    return abstain(context.query, [], context.documents, reason)


class Assistant:
    """Answers questions about the ingested plans with verified citations."""

    def __init__(
        self,
        search: ClauseSearch,
        documents: DocumentDirectory,
        units: UnitMatcher,
        reranker: Reranker,
        weights: TermWeights,
        default_scope: PlanScope | None = None,
    ) -> None:
        self._library = Library.over(search, documents, units, reranker, weights)
        # the deployment's scope (`KEHOACH_DEFAULT_SCOPE`), used when a question has none
        self.default_scope = default_scope

    @property
    def documents(self) -> DocumentDirectory:
        return self._library.documents

    @property
    def search(self) -> ClauseSearch:
        return self._library.search

    def ask(
        self,
        question: str,
        conversation: Conversation | None = None,
        document: str | None = None,
        scope: PlanScope | None = None,
        within: Sequence[PlanScope] = (),
        rows: RowWindow = FIRST_PAGE,
    ) -> Answer:
        """Answer one question; `conversation` carries follow-up context, `document` scopes it.

        `scope` (a chat's or a request's, else the deployment's `default_scope`) narrows the
        plans unless the question names its own; `within` (an API key's) always holds.
        `rows`: the page of a long list to answer with (a list of at most
        `row_lists.WHOLE_LIST` rows is always whole).
        """
        limits = ScopeLimits(tuple(within), scope or self.default_scope)
        # a clause read by id, and what the question's words name, worked out once per question
        with self.search.one_question(), self.documents.one_question():
            context = replace(self.context(question, conversation, document, limits), rows=rows)
            try:
                answer = route(context) if context.scope.unmatched is None else _unmatched(context)
            except QuoteNotVerifiedError:
                logger.exception("a quote failed verification; abstaining")
                answer = abstain(
                    context.query,
                    [],
                    self.documents,
                    "Không trả lời được câu hỏi này với trích dẫn đã kiểm chứng.",
                )
            answer = self._with_confidence(context.query, answer)
        if answer.partial:  # a page of a long list: its other pages are asked for again
            answer = replace(answer, page_of=question)
        if conversation is not None:
            settled = context.scope
            named = settled.named and not settled.given
            conversation.record(question, answer, settled.doc_ids, named)
        return answer

    def read(self, question: str, document: str | None = None) -> Reading:
        """The typed reading of a question (its constraints with their spans, the words no
        plan uses), as the strategies see it."""
        with self.search.one_question(), self.documents.one_question():
            return self.context(question, document=document).reading

    def context(
        self,
        question: str,
        conversation: Conversation | None = None,
        document: str | None = None,
        limits: ScopeLimits | None = None,
    ) -> Context:
        """The question as the strategies see it: understood, and its scope settled (the
        caller's document, the plans it names, the conversation's, or a scope's)."""
        library = self._library
        query = understand(question)
        scope = settle_scope(
            query, conversation, document, library.documents, library.topic_words, limits
        )
        return Context(library, query, scope, conversation, route)

    # ---- confidence ---------------------------------------------------------------------

    def _with_confidence(self, query: Query, answer: Answer) -> Answer:
        """The answer with its calibrated confidence (`retrieval.calibration`), and the
        table's decision: stated, stated with "Có thể" (the middle band), or declined with
        the cited clauses as the closest candidates."""
        library = self._library
        ids = list(dict.fromkeys(c.clause_id for c in answer.citations if c.clause_id))
        cited = library.search.by_ids(ids) if ids else []
        issuers = {
            info.issuer
            for c in cited
            if (info := library.documents.get(c.document_id)) is not None and info.issuer
        }
        reading = without_plan_owner(library.read(query), issuers)
        topic = library.topic_words(query, [])
        coverage = max((library.coverage.of(query, topic, c) for c in cited), default=0.0)
        if answer.abstained and not cited and answer.candidates:
            ranked = library.search.by_ids(list(answer.candidates[:1]))
            coverage = max((library.coverage.of(query, topic, c) for c in ranked), default=0.0)
        structured = (
            answer.settled or answer.intent in _STRUCTURED_INTENTS or self._by_number(query, cited)
        )
        checked = Checked(library, query, reading, answer, cited, structured)
        decline = first_decline(checked)
        if decline is not None:  # a hard constraint no cited clause meets: said, not answered
            declined = abstain(query, cited, library.documents, decline.reason)
            answer = replace(declined, intent=answer.intent)
        rival = None if answer.abstained else self._rival(query, topic, answer, ids)
        owners = sorted(issuers)
        # a letter's duties naming no doer are its addressees' ("Kính gửi: UBND các tỉnh")
        addressed = unsaid_doers(cited, library.search.by_ids) if reading.units else []
        value = confidence.score(
            reading, cited, coverage, structured, answer.abstained, rival, owners, addressed
        )
        # a plan's own facts (who issued it, what it implements) are read from its header: the
        # unit a question names there is the issuer, not a role the cited clause must hold
        facts = answer.intent == Intent.DOCUMENT_FACTS.value
        unmet = (
            ()
            if facts
            else confidence.unmet_checks(
                reading, cited, structured, coverage, rival, owners, addressed
            )
        )
        if answer.abstained:
            return replace(answer, confidence=value)
        table = calibration.fitted()
        evidence = Evidence(value, structured, unmet)
        chance = table.probability(evidence)
        decision = table.decide(evidence)
        # a hedge naming a thing its clauses do not write is declined (`HEDGE_CHECKS`)
        unsure = first_decline(checked, HEDGE_CHECKS) if decision is Decision.HEDGE else None
        if decision is Decision.ABSTAIN or unsure is not None:
            # an asked part (a time, a figure, the unit in its role …) is not in the cited
            # clauses, or answers like this one are seldom right: a hedge would still state
            # a wrong fact, so the clauses are offered as the closest, with the reason
            reason = unsure.reason if unsure else confidence.unsure_reason(reading, unmet)
            answer = replace(abstain(query, cited, library.documents, reason), intent=answer.intent)
            value = confidence.score(reading, cited, coverage, structured, True)
            return replace(answer, confidence=value, evidence=evidence)
        answer = replace(answer, confidence=chance, evidence=evidence)
        return confidence.hedged(answer) if decision is Decision.HEDGE else answer

    def _rival(
        self, query: Query, topic: Sequence[str], answer: Answer, cited_ids: Sequence[str]
    ) -> float:
        """The best coverage among the first clauses the search ranked that the answer does
        not cite (0.0 when none): a rival covering the question better makes it unsure."""
        library = self._library
        cited = set(cited_ids)
        others = [i for i in answer.candidates[:_RIVALS] if i not in cited]
        ranked = library.search.by_ids(others) if others else []
        return max((library.coverage.of(query, topic, c) for c in ranked), default=0.0)

    @staticmethod
    def _by_number(query: Query, cited: Sequence[StoredClause]) -> bool:
        """Whether the answer cites the clause the question named by number."""
        numbers = {ref.number for ref in query.clause_refs}
        return any(c.number in numbers for c in cited)
