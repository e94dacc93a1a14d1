"""Which plans a question is about: fixed by the caller, named in the question, or carried
over from the conversation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from retrieval.conversation import Conversation
from retrieval.documents import DocumentDirectory
from retrieval.follow_ups import REFERS_BACK
from retrieval.query import Query


@dataclass(frozen=True)
class Scope:
    """Which documents a question is about, and how that was settled."""

    doc_ids: list[str]
    named: bool  # the question or the caller named them
    from_conversation: bool = False
    given: bool = False  # the caller fixed the document


TopicWords = Callable[[Query, Sequence[str]], list[str]]


def settle_scope(
    query: Query,
    conversation: Conversation | None,
    document: str | None,
    documents: DocumentDirectory,
    topic_words: TopicWords,
) -> Scope:
    """The caller's document, else the plans the question names, else the conversation's
    plans when the question leans on it, else every plan (an empty list)."""
    if document:
        return Scope([document], named=True, given=True)
    named = documents.resolve(query.folded)
    if named:
        return Scope(named, named=True)
    if _leans_on_previous(query, conversation, topic_words):
        assert conversation is not None
        return Scope(list(conversation.document_ids), named=False, from_conversation=True)
    return Scope([], named=False)


def _leans_on_previous(
    query: Query, conversation: Conversation | None, topic_words: TopicWords
) -> bool:
    """Whether a question (naming no plan) continues the conversation."""
    if conversation is None or not conversation.document_ids or query.clause_refs:
        return False
    if query.is_follow_up or REFERS_BACK.search(query.folded):
        return True
    return len(topic_words(query, [])) <= 3
