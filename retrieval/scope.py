"""Which plans a question is about: fixed by the caller, named in the question, carried
over from the conversation, or the plans of a scope (`retrieval.plan_scope`: the
deployment's, the API key's, the chat's, or a level the question names)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ingest.normalize_vi import folded
from retrieval.constraint_check import text_before
from retrieval.constraints import DocumentRef, documents_named
from retrieval.conversation import Conversation
from retrieval.documents import DocumentDirectory, DocumentInfo, number_figures
from retrieval.follow_ups import REFERS_BACK
from retrieval.plan_scope import PlanScope, documents_within, level_in_question, with_level
from retrieval.query import Intent, Query


@dataclass(frozen=True)
class Scope:
    """Which documents a question is about, and how that was settled."""

    doc_ids: list[str]
    named: bool  # the question or the caller named them
    from_conversation: bool = False
    given: bool = False  # the caller fixed the document
    scoped: bool = False  # the plans of a scope (doc_ids), none named
    unmatched: str | None = None  # a scope no ingested plan lies in, in words
    # named only by words of its title, with no kind, number or place ("việc hỗ trợ nhà ở
    # cho người có công" of the plan titled so): those words may be the topic other plans
    # share; set only where no scope limits the plans
    by_title_words: bool = False


@dataclass(frozen=True)
class ScopeLimits:
    """The scopes a question is answered within: `hard` ones always hold (an API key's);
    `preferred` (the chat's, the request's, else the deployment's) holds unless the
    question names its plans."""

    hard: tuple[PlanScope, ...] = ()
    preferred: PlanScope | None = None

    def describe(self) -> str:
        """The scopes in words ("tỉnh Ninh Bình; năm 2026")."""
        parts = [s for s in (*self.hard, self.preferred) if s is not None and not s.empty]
        return "; ".join(s.describe() for s in parts) or "mọi kế hoạch"


TopicWords = Callable[[Query, Sequence[str]], list[str]]


def settle_scope(
    query: Query,
    conversation: Conversation | None,
    document: str | None,
    documents: DocumentDirectory,
    topic_words: TopicWords,
    limits: ScopeLimits | None = None,
) -> Scope:
    """The caller's document, else the plans the question names, else the conversation's
    plans when the question leans on it, else the plans of the scope in force, else every
    plan (an empty list). The hard scopes of `limits` hold throughout."""
    if document:
        return Scope([document], named=True, given=True)
    limits = limits or ScopeLimits()
    allowed = documents_within(documents, limits.hard)
    named = documents.resolve(query.folded)
    if named and _keeps_conversation(query, conversation, named, documents):
        named = []  # title words of another plan, in a turn continuing this one's plan
    if len(named) > 1 and query.intent is not Intent.COMPARE:
        named = _national_plan_named(query, named, documents) or named
        named = _without_implemented(query, named, documents)
        named = _carrying_out_unloaded(query, named, documents)
    if named:
        if allowed is not None:
            inside = set(allowed)
            named = [d for d in named if d in inside]
            if not named:
                return Scope([], named=True, unmatched=limits.describe())
        by_title = (
            allowed is None
            and limits.preferred is None
            and documents.named_by_title_words_only(query.folded)
            and not _kind_fits(query.folded, named, documents)
        )
        return Scope(named, named=True, by_title_words=by_title)
    if _leans_on_previous(query, conversation, topic_words):
        assert conversation is not None
        return Scope(list(conversation.document_ids), named=False, from_conversation=True)
    preferred = with_level(limits.preferred, level_in_question(query.folded))
    scoped = documents_within(documents, [*limits.hard, *([preferred] if preferred else [])])
    if scoped is None:
        return Scope([], named=False)
    if not scoped:
        return Scope([], named=False, unmatched=ScopeLimits(limits.hard, preferred).describe())
    return Scope(scoped, named=False, scoped=True)


def _national_plan_named(
    query: Query, named: Sequence[str], documents: DocumentDirectory
) -> list[str]:
    """ "Theo NQ 60, tỉnh Tiền Giang hợp nhất với tỉnh nào?": plans of no place (a
    resolution of the Party or the National Assembly) named by number are the ones asked;
    a province named beside them is what the question is about, not its own plan. Empty
    when a plan named by number has a place ("KH 19 Ninh Bình, KH 466 Tiền Giang và xã
    Xuân Trường …" names three plans)."""
    by_number = [d for d in named if d in documents.named_by_number(query.folded)]
    infos = [documents.get(d) for d in by_number]
    if not by_number or any(info is None or info.place_name for info in infos):
        return []
    return by_number


# the verb before a document the question names as what is carried out ("xây dựng KH thực
# hiện CTr 104", "cụ thể hóa CTr 104 thành …"), or whose carrying out is reviewed ("báo cáo
# sơ kết CTr 104")
_CARRIED_OUT = re.compile(
    r"\b(?:thuc hien|trien khai|cu the hoa|quan triet|so ket|tong ket)(?: thuc hien)?"
    r"(?: (?:chuong trinh|hanh dong|ctr|ke hoach|kh|nghi quyet|nq|quyet dinh|qd|chi thi|ct"
    r"|ket luan|kl|de an|so))* $"
)


def _without_implemented(
    query: Query, named: Sequence[str], documents: DocumentDirectory
) -> list[str]:
    """ "Theo CV 9387, ai chủ trì xây dựng KH thực hiện CTr 104?": a document the question
    names only after "thực hiện / triển khai / cụ thể hóa", while another document named
    carries it out (its basis or title cites that number), is what the letter is about, not
    a plan asked; the named documents that carry it out are. All kept when none drops."""
    text = query.folded
    dropped = set()
    for doc_id in named:
        info = documents.get(doc_id)
        if info is None:
            continue
        figures = "|".join(re.escape(number_figures(n)) for n in info.numbers)
        mentions = [m.start() for m in re.finditer(rf"(?<![\w/.-])(?:{figures})\b", text)]
        if not figures or not mentions:
            continue
        if not all(_CARRIED_OUT.search(text[:at]) for at in mentions):
            continue
        if any(_carries_out(documents.get(other), info) for other in named if other != doc_id):
            dropped.add(doc_id)
    return [d for d in named if d not in dropped] or list(named)


def _carrying_out_unloaded(
    query: Query, named: Sequence[str], documents: DocumentDirectory
) -> list[str]:
    """ "Công văn triển khai NĐ 180 của UBND tỉnh Lào Cai gửi đến đâu?": of the plans named
    (here every letter of that province), those whose title or basis cites the document the
    question names, not loaded, after "triển khai / thực hiện" — that is how the question
    tells its plan apart; a plan it names by its own số hiệu beside it stays ("KH triển khai
    Chỉ thị 11 và CV 7103 có cùng người ký không?"). All kept when none cites it."""
    text = query.folded
    cited = []
    for ref in documents_named(text):
        if _CARRIED_OUT.search(text_before(query, ref)) and not documents.is_loaded(
            ref.number, ref.symbol
        ):
            cited.append(ref)
    if not cited:
        return list(named)
    own = set(documents.named_by_own_number(text))
    kept = [d for d in named if d in own or any(_cites(documents.get(d), ref) for ref in cited)]
    return kept if set(kept) - own else list(named)


def _cites(info: DocumentInfo | None, ref: DocumentRef) -> bool:
    """Whether the plan's title or basis cites the document by its kind and number
    ("Nghị định số 180/2026/NĐ-CP")."""
    if info is None:
        return False
    kind = re.escape(ref.kind) + r"\s+(?:so\s+)?" if ref.kind else ""
    number = rf"(?<![\d/.]){kind}0*{re.escape(ref.number.lstrip('0') or '0')}(?![\d.])"
    return re.search(number, folded(" ".join([info.title, *info.based_on]))) is not None


def _carries_out(other: DocumentInfo | None, info: DocumentInfo) -> bool:
    """Whether `other` cites `info`'s số hiệu in its title or basis ("Thực hiện Chương trình
    hành động số 104-CTr/TU …")."""
    if other is None or not info.number:
        return False
    cited = re.sub(r"\s+", "", folded(" ".join([other.title, *other.based_on])))
    return re.sub(r"\s+", "", folded(info.number)) in cited


def _keeps_conversation(
    query: Query,
    conversation: Conversation | None,
    named: Sequence[str],
    documents: DocumentDirectory,
) -> bool:
    """Whether a follow-up turn ("còn … thì sao?") that names another plan only by words
    of its title stays with the conversation's plans: those words are its topic."""
    if conversation is None or not conversation.document_ids or not query.is_follow_up:
        return False
    if set(named) & set(conversation.document_ids) or _KIND_WORD.search(query.folded):
        return False  # "còn kế hoạch thí điểm … thì sao?" switches plan
    return documents.named_by_title_words_only(query.folded)


# a word naming a document's kind: the plan is named, not only its topic
_KIND_WORD = re.compile(r"\b(?:ke hoach|kh|de an|nghi quyet|nq|quyet dinh|qd|chuong trinh)\b")
# a kind word any plan may be called by ("kế hoạch …" of a decision): it names the plan
_ANY_KIND = frozenset(["ke hoach", "kh"])
_KIND_LONG = {"nq": "nghi quyet", "qd": "quyet dinh"}


def _kind_fits(question_folded: str, named: Sequence[str], documents: DocumentDirectory) -> bool:
    """Whether the question names its plan's kind too ("đề án …", "quyết định …" of the
    plan so titled or of that kind): the plan is then named, not only its topic. A kind
    that no plan named has, in its kind or title ("theo phụ lục đề án" of a decision on
    another subject), does not name it."""
    said = {_KIND_LONG.get(m, m) for m in _KIND_WORD.findall(question_folded)}
    if not said or said & _ANY_KIND:
        return bool(said)
    for doc_id in named:
        info = documents.get(doc_id)
        if info is not None and any(
            f" {kind} " in f" {folded(info.kind or '')} {folded(info.title)} " for kind in said
        ):
            return True
    return False


def _leans_on_previous(
    query: Query, conversation: Conversation | None, topic_words: TopicWords
) -> bool:
    """Whether a question (naming no plan) continues the conversation."""
    if conversation is None or not conversation.document_ids or query.clause_refs:
        return False
    if query.is_follow_up or REFERS_BACK.search(query.folded):
        return True
    return len(topic_words(query, [])) <= 3
