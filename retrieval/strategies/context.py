"""What every answer strategy is given: the ingested plans with the services that read
them (`Library`, one per `Assistant`), and one question's `Context` (the question, its
typed reading, its scope and the conversation)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from ingest.facts import TermCover
from retrieval.answers import Answer
from retrieval.appendix_rows import AppendixRows
from retrieval.clause_content import children_of, has_content
from retrieval.constraints import Reading, read_question
from retrieval.conversation import Conversation
from retrieval.coverage import Coverage
from retrieval.documents import DocumentDirectory
from retrieval.query import Query
from retrieval.ranking import rank, rank_text
from retrieval.relevance import TermWeights
from retrieval.rerank import Reranker
from retrieval.row_lists import FIRST_PAGE, RowWindow
from retrieval.scope import Scope
from retrieval.search import Candidate, ClauseSearch
from retrieval.stored import StoredClause
from retrieval.structure import DocumentStructure
from retrieval.topic import topic_words
from retrieval.units import UnitMatcher


@dataclass(frozen=True)
class Library:
    """The ingested plans and the services that read them, shared by every question."""

    search: ClauseSearch
    documents: DocumentDirectory
    units: UnitMatcher
    weights: TermWeights
    reranker: Reranker
    coverage: Coverage
    structure: DocumentStructure
    appendix_rows: AppendixRows

    @classmethod
    def over(
        cls,
        search: ClauseSearch,
        documents: DocumentDirectory,
        units: UnitMatcher,
        reranker: Reranker,
        weights: TermWeights,
    ) -> Library:
        structure = DocumentStructure(documents.facts, search)
        return cls(
            search,
            documents,
            units,
            weights,
            reranker,
            Coverage(units, weights),
            structure,
            AppendixRows(structure),
        )

    def topic_words(
        self, query: Query, doc_ids: Sequence[str], theme: bool = True, whole_title: bool = False
    ) -> list[str]:
        """The question's content words (`retrieval.topic.topic_words`), worked out once
        per question (`DocumentDirectory.one_question`)."""
        documents = self.documents
        key = ("topic", query, tuple(doc_ids), theme, whole_title)
        words = documents.remembered(
            key, lambda: topic_words(documents, query, doc_ids, theme, whole_title)
        )
        return list(words)

    def read(self, query: Query) -> Reading:
        """The question's constraints (documents, location path, units and roles …), read
        once per question (`DocumentDirectory.one_question`)."""
        key = ("reading", query)
        return self.documents.remembered(
            key,
            lambda: read_question(
                query, self.units.find(query.text), self.topic_words(query, []), self.weights.knows
            ),
        )

    def label(self, doc_id: str) -> str:
        """The plan's label ("Kế hoạch 19/KH-UBND …"), or its id when unknown."""
        info = self.documents.get(doc_id)
        return info.label if info else doc_id


@dataclass(frozen=True)
class Context:
    """One question as the strategies see it. `route` answers a context from the top of
    the strategy list: a follow-up turn is answered as the question it stands for."""

    library: Library
    query: Query
    scope: Scope
    conversation: Conversation | None
    route: Callable[[Context], Answer]
    rows: RowWindow = FIRST_PAGE  # the page of a long list to answer with

    @cached_property
    def reading(self) -> Reading:
        """The typed reading of `query` (its constraints with their spans)."""
        return self.library.read(self.query)

    @property
    def search(self) -> ClauseSearch:
        return self.library.search

    @property
    def documents(self) -> DocumentDirectory:
        return self.library.documents

    @property
    def units(self) -> UnitMatcher:
        return self.library.units

    @property
    def weights(self) -> TermWeights:
        return self.library.weights

    def asking(self, query: Query, scope: Scope | None = None) -> Context:
        """This context for another question (and scope), with no conversation."""
        return replace(self, query=query, scope=scope or self.scope, conversation=None)

    def answer_as(self, query: Query, scope: Scope) -> Answer:
        """The answer to `query` over `scope`, routed from the top with no conversation."""
        return self.route(self.asking(query, scope))

    def topic(
        self, doc_ids: Sequence[str] = (), theme: bool = True, whole_title: bool = False
    ) -> list[str]:
        """The question's content words, without those naming `doc_ids` (and, `theme`
        False, without their plans' theme words: with `whole_title`, any pair of their
        titles' words the question repeats)."""
        return self.library.topic_words(self.query, doc_ids, theme, whole_title)

    def coverage(self, topic: Sequence[str], clause: StoredClause) -> float:
        """How much of `topic` (this question's concepts) the clause covers."""
        return self.library.coverage.of(self.query, topic, clause)

    def topic_cover(self, topic: Sequence[str]) -> TermCover:
        """The rows covering enough of `topic` (`coverage`), as the facts store selects them."""
        return self.library.coverage.cover(self.query, topic)

    def rank(self, candidates: list[Candidate], query: Query | None = None) -> list[Candidate]:
        return rank(self.library.reranker, query or self.query, candidates)

    def rank_text(self, text: str, candidates: list[Candidate]) -> list[Candidate]:
        return rank_text(self.library.reranker, text, candidates)

    def has_content(self, clause: StoredClause) -> bool:
        return has_content(clause, self.library.appendix_rows.has_appendix_rows)

    def children_of(self, clauses: Sequence[StoredClause]) -> dict[str, list[StoredClause]]:
        return children_of(self.search, clauses)

    def label(self, doc_id: str) -> str:
        return self.library.label(doc_id)
