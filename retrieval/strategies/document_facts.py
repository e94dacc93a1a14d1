"""Document facts: who signed a plan, when and by whom it was issued, its số hiệu ("Kế
hoạch 19 do ai ký?"), read from its preamble and signature block."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ingest.abbreviations import expand_abbreviations
from ingest.normalize_vi import folded
from retrieval.answers import Answer
from retrieval.basis_lines import basis_asked, basis_lines, issued_in_opening
from retrieval.citations import CitationBuilder
from retrieval.compose import abstain, answer_document_facts
from retrieval.documents import DocumentInfo
from retrieval.narrowing import FEW, MANY, groups_in_store, narrowed_groups
from retrieval.query import ISSUED_FIRST, Intent, MetaField, Query, content_words, understand
from retrieval.scope import Scope
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context


def answer(ctx: Context) -> Answer | None:
    """The facts of the plans in scope (else the conversation's, else every plan's); None
    when the question does not ask for a plan's facts."""
    if ctx.query.intent is not Intent.DOCUMENT_FACTS:
        return None
    conversation = ctx.conversation
    ids = ctx.scope.doc_ids or (list(conversation.document_ids) if conversation else [])
    ids = ids or _of_kind_named(ctx)
    dated = None if ids else _dated_as_asked(ctx)
    if dated is not None and not dated[1]:
        reason = f"Không có văn bản nào đã nạp được ký {dated[0]}."
        return abstain(ctx.query, [], ctx.documents, reason)
    ids = ids or (dated[1] if dated else [])
    if not ids and len(ctx.documents.documents) > MANY:
        ids = _titled_as_asked(ctx)
        if not ids:
            return _which_plan(ctx)  # a country's plans: never every plan's facts
    ids = ids or list(ctx.documents.documents)
    infos = [info for info in (ctx.documents.get(d) for d in ids) if info is not None]
    if ctx.query.meta_fields == (MetaField.BASED_ON,) and not any(i.based_on for i in infos):
        # the header gave no basis: the plan's basis lines of the kind asked, else searched
        return _from_basis_lines(ctx, infos) if ctx.scope.named else None
    if ctx.query.meta_fields == (MetaField.BASED_ON,) and ctx.scope.named:
        if _NEW_ASKED.search(ctx.query.folded):  # the new documents: the opening's, if any
            opening = _from_basis_lines(ctx, infos)
            if opening is not None:
                return opening
        # the header's basis names none of the kind asked ("căn cứ những luật nào?" of a plan
        # whose header lists a Kế hoạch only, the laws written without a number): its lines
        lines = None if _kind_in_header(ctx, infos) else _from_basis_lines(ctx, infos)
        if lines is not None:
            return lines
    clauses_by_doc = {info.id: _document_clauses(ctx, info.id) for info in infos}
    answered = answer_document_facts(ctx.query, infos, clauses_by_doc, ctx.documents)
    answered = _with_basis_of_kind_asked(ctx, infos, answered)
    first = _issued_first(ctx.query, infos) if not answered.abstained else None
    if first is not None:  # "văn bản nào ban hành trước?": said, then each one's date
        answered = replace(answered, answer=f"{first}\n{answered.answer}")
    if ctx.scope.named and not answered.abstained:
        answered = _with_other_parts(ctx, answered)
    if _day_left_blank(ctx.query, infos) and not answered.abstained:
        # "ký ngày nào?" of a plan dated "ngày … tháng 4 năm 2026": the day is not given
        return replace(answered, answer=_BLANK_DAY + answered.answer, abstained=True)
    return answered


# kinds a question may name as its subject ("nghị quyết được thông qua ngày nào?"); a
# "kế hoạch" may be issued by a decision, so that word narrows nothing
_KINDS = {
    "nghi quyet": "Nghị quyết",
    "quyet dinh": "Quyết định",
    "chi thi": "Chỉ thị",
    "de an": "Đề án",
    "chuong trinh": "Chương trình",
}


def _of_kind_named(ctx: Context) -> list[str]:
    """No plan named: the plans of the kind the question names ("nghị quyết … ngày nào?":
    every loaded Nghị quyết), empty when it names none or none is of that kind."""
    words = {kind for word, kind in _KINDS.items() if re.search(rf"\b{word}\b", ctx.query.folded)}
    if not words:
        return []
    return [
        d for d in ctx.documents.documents if (info := ctx.documents.get(d)) and info.kind in words
    ]


# the day a document was signed, as a question names it to pick the document ("văn bản
# ký ngày 26 do ai ký?", "ban hành ngày 26/11/2025"): day, then month and year if written
_DATED = re.compile(
    r"\b(?:ki|ban hanh|ky ban hanh|ki ban hanh)(?: vao)? ngay (\d{1,2})"
    r"(?:(?:/| thang )(\d{1,2}))?(?:(?:/| nam )(\d{4}))?(?![\d/])"
)


def _dated_as_asked(ctx: Context) -> tuple[str, list[str]] | None:
    """No plan named, but the day it was signed ("ký ngày 26"): the date as asked and the
    plans issued on it (none: the caller says so); None when the question names no day."""
    match = _DATED.search(ctx.query.folded)
    if match is None or MetaField.DATE in ctx.query.meta_fields:
        return None
    day, month, year = match.groups()
    asked = [int(day), int(month) if month else None, int(year) if year else None]
    found = []
    for doc_id in ctx.documents.documents:
        info = ctx.documents.get(doc_id)
        parts = (info.issued_date or "").split("-") if info else []
        if len(parts) != 3:
            continue
        issued = [int(parts[2]), int(parts[1]), int(parts[0])]
        if all(a is None or a == b for a, b in zip(asked, issued, strict=True)):
            found.append(doc_id)
    written = "ngày " + "/".join(g for g in (day, month, year) if g)
    return written, found


def _titled_as_asked(ctx: Context) -> list[str]:
    """No plan named among many, but a phrase of their titles ("kế hoạch về bầu cử đại biểu
    Quốc hội khóa XVI … do ai ký?"): the few plans whose titles share it (`titled_alike`),
    kept to those issued on the day asked when one is named; empty when none or too many."""
    ids = ctx.documents.titled_alike(ctx.query.folded, MANY)
    match = _DATED.search(ctx.query.folded)
    if ids and match is not None:
        day, month, year = match.groups()
        asked = [int(day), int(month) if month else None, int(year) if year else None]
        on_day = [d for d in ids if _issued_on(ctx.documents.get(d), asked)]
        ids = on_day or ids
    return ids


def _issued_on(info: DocumentInfo | None, asked: Sequence[int | None]) -> bool:
    """Whether a plan's header date is the day asked (month and year where given)."""
    parts = (info.issued_date or "").split("-") if info else []
    if len(parts) != 3:
        return False
    issued = [int(parts[2]), int(parts[1]), int(parts[0])]
    return all(a is None or a == b for a, b in zip(asked, issued, strict=True))


def _issued_first(query: Query, infos: Sequence[DocumentInfo]) -> str | None:
    """ "CTr 31 và CTr 104, văn bản nào ban hành trước?": the one issued first (or last,
    "sau"), from the dates in their headers; None unless asked of two or more documents
    whose days are all known and differ."""
    if not ISSUED_FIRST.search(query.folded) or len(infos) < 2:
        return None
    dated = [(i.issued_date, i) for i in infos if i.issued_date and i.issued_date.count("-") == 2]
    if len(dated) != len(infos) or len({d for d, _ in dated}) != len(dated):
        return None
    last = bool(re.search(r"\b(?:sau|muon hon)\b", query.folded))
    day, info = (
        max(dated, key=lambda item: item[0]) if last else min(dated, key=lambda item: item[0])
    )
    shown = "/".join(reversed(day.split("-")))
    return f"Văn bản ban hành {'sau' if last else 'trước'}: {info.label} (ngày {shown})."


# a part of the question asking something: "… là ai", "… bao nhiêu", "… khi nào"
_ASKS = re.compile(r"\b(?:ai|gi|nao|bao nhieu|khi nao|may|dau)\b")
_PART_COVERED = 0.8  # the share of a part's topic its answer's clause must state
_CITED = re.compile(r"\[(\d+)\]")


def _with_other_parts(ctx: Context, answered: Answer) -> Answer:
    """ "Chủ đầu tư dự án … (QĐ 1544) là ai, QĐ ban hành theo đề nghị của ai?": the parts
    asking no document fact answered from the named plan's text and added, each cited;
    a part no clause covers is said to be unanswered, never left out in silence."""
    lines = [answered.answer]
    citations = list(answered.citations)
    for part in re.split(r"[,;?]", ctx.query.text):
        asked = understand(part)
        if asked.intent is Intent.DOCUMENT_FACTS or not _ASKS.search(asked.folded):
            continue
        if len(content_words(asked.folded)) < _PART_WORDS:
            continue
        scope = Scope(list(ctx.scope.doc_ids), named=True)
        found = ctx.answer_as(asked, scope)
        cited = ctx.search.by_ids([c.clause_id for c in found.citations[:1] if c.clause_id])
        topic = ctx.library.topic_words(asked, scope.doc_ids)
        if found.abstained or not cited or ctx.coverage(topic, cited[0]) < _PART_COVERED:
            lines.append(f"Các văn bản không nêu rõ: “{part.strip()}”.")
            continue
        lines.append(_renumbered(found.answer, len(citations)))
        citations.extend(found.citations)
    return replace(answered, answer="\n".join(lines), citations=tuple(citations))


_PART_WORDS = 3


def _renumbered(text: str, shift: int) -> str:
    """An answer's citation marks ("[1]") moved after the `shift` citations before it."""
    return _CITED.sub(lambda m: f"[{int(m.group(1)) + shift}]", text)


_BLANK_DAY = "Văn bản để trống ngày ban hành, chỉ ghi tháng và năm: "
# a question asking the day itself: "ngày nào", "ngày mấy", "ngày bao nhiêu"
_ASKS_DAY = re.compile(r"\bngay (?:nao|may|bao nhieu)\b")


def _day_left_blank(query: Query, infos: Sequence[DocumentInfo]) -> bool:
    """Whether the question asks only the day a plan was issued and every plan asked about
    is dated by month and year alone (a date line left "ngày … tháng 4 năm 2026")."""
    if query.meta_fields != (MetaField.DATE,) or not _ASKS_DAY.search(query.folded):
        return False
    dates = [info.issued_date for info in infos]
    return bool(dates) and all(d is not None and d.count("-") == 1 for d in dates)


def _which_plan(ctx: Context) -> Answer:
    """No plan named among many: the count grouped by level and place, the facts of the
    few latest plans, and a request to name the plan."""
    store = ctx.documents.facts  # counted and grouped by indexed queries, not plan by plan
    few = [ctx.documents.get(d) for d in store.latest_documents(FEW)]
    infos = [info for info in few if info is not None]
    clauses_by_doc = {info.id: _document_clauses(ctx, info.id) for info in infos}
    facts = answer_document_facts(ctx.query, infos, clauses_by_doc, ctx.documents)
    rows = [f"- {line}" for line in facts.answer.split("\n") if line.strip()]
    examples = replace(facts, answer="\n".join(["", *rows]), abstained=False)
    return narrowed_groups(examples, groups_in_store(store), "thông tin này", ctx.query.text)


def _document_clauses(ctx: Context, document_id: str) -> Sequence[StoredClause]:
    """The plan's clauses, its preamble and signature first, then in document order
    (fetched from the facts store a page at a time, as they are read)."""
    return ctx.library.structure.fact_clauses(document_id)


def _kind_in_header(ctx: Context, infos: Sequence[DocumentInfo]) -> bool:
    """Whether a basis document of the kind the question asks for is among the basis the
    headers give (true when the question names no kind)."""
    asked = basis_asked(ctx.query.folded)
    if asked is None:
        return True
    return any(
        folded(expand_abbreviations(ref)).startswith(asked.kind)
        for info in infos
        for ref in info.based_on
    )


def _with_basis_of_kind_asked(
    ctx: Context, infos: Sequence[DocumentInfo], answered: Answer
) -> Answer:
    """ "… cùng ban hành ngày nào, cùng căn cứ luật nào?": a basis kind asked that the
    headers' "thực hiện" lists never name (laws cited only in the "Căn cứ" lines) is read
    from the plans' basis lines and added, each cited."""
    if answered.abstained or MetaField.BASED_ON not in ctx.query.meta_fields:
        return answered
    asked = basis_asked(ctx.query.folded)
    if asked is None or ctx.query.meta_fields == (MetaField.BASED_ON,):
        return answered  # (asked alone, the header's list or the basis lines answer it)
    if any(folded(b).startswith(asked.kind) for info in infos for b in info.based_on):
        return answered
    found = _from_basis_lines(ctx, infos)
    if found is None:
        return answered
    shifted = _renumbered(found.answer, len(answered.citations))
    shift = len(answered.citations)
    cited = (*answered.citations, *(replace(c, n=c.n + shift) for c in found.citations))
    return replace(answered, answer=f"{answered.answer}\n{shifted}", citations=cited)


# the documents asked are the newly issued ones: "triển khai những văn bản pháp luật mới nào?",
# "thực hiện các quy định mới ban hành nào?"
_NEW_ASKED = re.compile(r"\bmoi(?: (?:duoc )?ban hanh)? nao\b|\bmoi (?:duoc )?ban hanh\b")


def _from_basis_lines(ctx: Context, infos: Sequence[DocumentInfo]) -> Answer | None:
    """ "… dựa trên nghị quyết nào của HĐND tỉnh?": the plan's basis lines citing such a
    document, each cited (a plan with no basis: the documents its opening says were
    issued); None when no line has one."""
    asked = basis_asked(ctx.query.folded)
    cite = CitationBuilder(ctx.documents)
    lines = []
    for info in infos:
        clauses = _document_clauses(ctx, info.id)
        found = basis_lines(clauses, asked) if asked is not None else []
        lead = "căn cứ"
        if not found and (not info.based_on or _NEW_ASKED.search(ctx.query.folded)):
            # a letter citing no basis lines: the documents its opening says were issued,
            # which it goes on to carry out ("Ngày 09/6/2025, Chính phủ ban hành Nghị định
            # số …"); the new documents asked are those, whatever the header's "thực hiện"
            found, lead = issued_in_opening(clauses, asked), "nêu ở phần mở đầu việc ban hành"
        if found:
            names = "; ".join(
                f"{' '.join(name.split())} [{cite.cite(clause, name)}]" for clause, name in found
            )
            lines.append(f"{info.label}: {lead} {names}.")
    if not lines:
        return None
    return Answer("\n".join(lines), False, ctx.query.intent.value, cite.citations)
