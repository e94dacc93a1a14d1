"""Cited document: a fact of a document the plans cite, answered with the plan's own
mention of it, as written — never with the plan's own date or number.

- Named by number ("Nghị định 26/2020/NĐ-CP mà QĐ 254 căn cứ ban hành ngày nào?", "KH 165
  có nhắc Nghị quyết 21-NQ/TW …; nghị quyết đó ban hành ngày nào?"): the document is not
  loaded, but a loaded plan writes its date beside its number; the answer is that
  mention, dated, and says the document itself is not loaded. The question's subject is
  the cited document when the question opens with it or refers back to it by its kind
  ("nghị quyết đó"); else the loaded plan's own facts answer.
- Named by kind and name as what a named plan rests on ("QĐ 254 căn cứ Luật Bảo vệ bí
  mật nhà nước ban hành ngày nào?", "QĐ 986 ban hành theo Tờ trình số mấy?"): the plan's
  basis line naming it. A document asked as the plan's basis that no basis line names is
  said not to be cited.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ingest.dates import DateAsked, asked_date
from ingest.normalize_vi import folded, folded_with_offsets
from retrieval.answers import Answer
from retrieval.candidates import is_legal_basis
from retrieval.citations import CitationBuilder
from retrieval.cited_documents import (
    CitedDate,
    CitedDocument,
    CitedRef,
    OwnPlan,
    best_cited,
    cited_asked,
    cited_documents,
    cited_refs,
    dates_before,
    dates_beside,
    fits_any,
    mention_around,
)
from retrieval.compose import abstain
from retrieval.constraints import documents_named
from retrieval.documents import DocumentInfo
from retrieval.query import Intent, MetaField, content_words
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context

_KIND_NAMES = {
    "nghi quyet": "Nghị quyết",
    "quyet dinh": "Quyết định",
    "chi thi": "Chỉ thị",
    "ket luan": "Kết luận",
    "nghi dinh": "Nghị định",
    "thong tu": "Thông tư",
    "cong van": "Công văn",
    "quy dinh": "Quy định",
    "ke hoach": "Kế hoạch",
    "de an": "Đề án",
    "huong dan": "Hướng dẫn",
    "thong bao": "Thông báo",
    "chuong trinh": "Chương trình",
    "van ban": "Văn bản",
    "luat": "Luật",
    "bo luat": "Bộ luật",
    "phap lenh": "Pháp lệnh",
    "to trinh": "Tờ trình",
    "bao cao": "Báo cáo",
    "hien phap": "Hiến pháp",
    "cong dien": "Công điện",
}
_SEARCHED = 20
_SHOWN = 3


def answer(ctx: Context) -> Answer | None:
    """The cited document's mention, by number or by name; None when the question asks no
    fact of a document a plan cites."""
    return _by_number(ctx) or _by_name(ctx)


# ---- named by number, not loaded ---------------------------------------------------------


# what a cited document is about: "thông tư đó hướng dẫn nội dung gì?", "về việc gì?"
# (folded); the verb, when given, must be the mention's own ("… hướng dẫn việc cung cấp …")
# ("những nội dung gì" alone asks what the document says, which its mention does not)
_ASKS_ABOUT = re.compile(
    r"\bve (?:viec |noi dung |van de )?gi\b|\bnoi ve (?:noi dung |van de )?gi\b"
    r"|\b(?P<verb>huong dan|quy dinh|de xuat|de nghi|phe duyet|yeu cau)\s+"
    r"(?:nhung |cac )?(?:noi dung |van de |viec )?(?:gi|nao)\b"
)


def _by_number(ctx: Context) -> Answer | None:
    """The cited document's date, or what it is about, as the plans write it; None when the
    question asks neither of a document that is cited but not loaded, or no plan dates it."""
    query = ctx.query
    about = _ASKS_ABOUT.search(query.folded)
    # the date of a named document asked outright: "Quyết định 5689/QĐ-SLĐTBXH phê duyệt …
    # ban hành ngày nào?", whose "phê duyệt" keeps it from reading as the plan's own date
    asks_date = (
        MetaField.DATE in query.meta_fields
        or asked_date(query.folded) is DateAsked.ISSUED
        or _ASKS_EFFECT_DAY.search(query.folded) is not None
    )
    if not asks_date and about is None:
        return _amended(ctx)
    refs = cited_refs(query.folded)
    ref = _subject(query.folded, refs)
    if ref is None:
        return None
    loaded = ctx.documents.loaded_numbered(ref.number, ref.symbol or None)
    if loaded and not _of_another_place(query.folded[ref.end :], loaded):
        return None
    # a loaded plan of that number, but of another place than the question says the asked
    # one is of ("KH 16/KH-MTTQ-BTT của MTTQ tỉnh Quảng Ninh" beside the loaded KH 16 of a
    # xã): the asked one is cited, not loaded; its mentions are read outside the namesake
    namesakes = frozenset(info.id for info in loaded)
    found = _best_matched_first(query.folded[ref.end :], _dated_mentions(ctx, ref, namesakes))
    if not found:
        return None  # the plans cite it without a date: `not_loaded` says so
    if asks_date and _ASKS_EFFECT.search(query.folded):
        # "… có hiệu lực từ ngày nào?": the day it takes effect, never the day it was issued
        return _effect_answer(ctx, ref, [clause for clause, _ in found])
    if not asks_date and about is not None:
        return _about_answer(ctx, ref, found[0], about.group("verb"))
    # "Chỉ thị 14-CT/TW … và Chỉ thị 24-CT/TW … ban hành ngày nào?": every cited document
    # the question names after it is dated too, or said not to be
    others = [
        other
        for other in refs
        if other.start > ref.start
        and (other.number, other.symbol) != (ref.number, ref.symbol)
        and not ctx.documents.is_loaded(other.number, other.symbol or None)
    ]
    return _dated_answer(ctx, [(ref, found), *((o, _dated_mentions(ctx, o)) for o in others)])


# what a cited document amends or replaces is asked: "Thông tư 08/2025/TT-BNNMT sửa đổi, bổ
# sung thông tư nào?", "Nghị định 119 thay thế nghị định nào?" (folded)
_ASKS_AMENDED = re.compile(
    r"\b(?P<verb>sua doi,? bo sung|sua doi|bo sung|thay the)\s+(?:mot so dieu cua\s+)?"
    rf"(?P<kind>{'|'.join(_KIND_NAMES)})\s+(?:so\s+)?(?:nao|gi|so may)\b"
)
# the mention's verb, of the kind asked: replacing is not amending
_REPLACING = r"thay the"
_AMENDING = r"(?:sua doi,? bo sung|sua doi|bo sung)"


def _amended(ctx: Context) -> Answer | None:
    """What a cited, unloaded document amends or replaces, as a loaded plan writes when it
    cites it ("… Thông tư số 08/2025/TT-BNNMT sửa đổi, bổ sung một số điều của Thông tư số
    01/2022/TT-BTNMT …"), quoted; None when the question asks no such thing, the document
    is loaded, or no plan writes it."""
    asked = _ASKS_AMENDED.search(ctx.query.folded)
    if asked is None:
        return None
    refs = [r for r in cited_refs(ctx.query.folded) if r.end <= asked.start()]
    if not refs or ctx.documents.is_loaded(refs[0].number, refs[0].symbol or None):
        return None
    ref = refs[0]
    number = f"{ref.number}/{ref.symbol}" if ref.symbol else f"{ref.number}/"
    verb = _REPLACING if asked.group("verb") == "thay the" else _AMENDING
    written = re.compile(
        rf"\b{ref.kind}\s+(?:so\s+)?(?<![\d/]){re.escape(number)}[\w/.-]*\s*,?\s*"
        rf"{verb}\b[^.;]{{0,80}}?\b{asked.group('kind')}\s+(?:so\s+)?\d+[\w.-]*/[\w/.-]*\w"
    )
    name = f"{_KIND_NAMES.get(ref.kind, ref.kind.capitalize())} {ref.number}"
    query_text = f"{name}/{ref.symbol} {asked.group('verb')}" if ref.symbol else name
    for hit in ctx.search.hybrid(query_text, ctx.scope.doc_ids, limit=_SEARCHED):
        clause = hit.clause
        flat, offsets = folded_with_offsets(clause.text)
        match = written.search(flat)
        if match is None:
            continue
        quote = clause.text[offsets[match.start()] : offsets[match.end() - 1] + 1]
        cite = CitationBuilder(ctx.documents)
        n = cite.cite(clause, quote)
        label = ctx.label(clause.document_id)
        text = (
            f"Theo {label}: “{' '.join(quote.split())}” [{n}].\n"
            f"{name} chưa được nạp; nội dung trên là điều {label} ghi khi dẫn nó."
        )
        return Answer(text, False, Intent.DOCUMENT_FACTS.value, cite.citations)
    return None


# when a document takes effect is asked ("… có hiệu lực từ ngày nào?", "ngày có hiệu lực")
_ASKS_EFFECT = re.compile(r"\bhieu luc\b")
# the day asked outright ("… có hiệu lực thi hành từ ngày nào?", "hiệu lực kể từ khi nào"),
# which reads as a task's deadline unless a document is its subject
_ASKS_EFFECT_DAY = re.compile(
    r"\bhieu luc(?: thi hanh)?(?: (?:ke )?tu)? (?:ngay (?:nao|may|thang nao)|khi nao)\b"
)
# where a plan says when a document it cites takes effect: "…, có hiệu lực thi hành kể từ
# ngày 15 tháng 7 năm 2026", "có hiệu lực từ ngày 01/7/2025"
_EFFECT = re.compile(
    r"\bco hieu luc(?: thi hanh)?(?: ke)? tu ngay\s+"
    r"(?:\d{1,2}/\d{1,2}/\d{4}|\d{1,2} thang \d{1,2} nam \d{4})"
)


def _effect_answer(ctx: Context, ref: CitedRef, mentions: Sequence[StoredClause]) -> Answer:
    """When a cited document takes effect, as a plan mentioning it writes ("…, có hiệu lực
    thi hành kể từ ngày 15 tháng 7 năm 2026"); declined when no mention says it, with the
    mentions as the closest clauses: its issue date is another fact."""
    name = f"{_KIND_NAMES.get(ref.kind, ref.kind.capitalize())} {ref.number}"
    cite = CitationBuilder(ctx.documents)
    # a plan's account of the document ("Ngày 21 tháng 5 năm 2026, Chính phủ ban hành Nghị
    # định số 180/2026/NĐ- CP …, có hiệu lực thi hành kể từ ngày …") is found by its words
    # the plans named by their title words alone (the decree's subject, which a letter
    # carrying it out repeats) are no plan asked: every plan may write it
    within = [] if ctx.scope.by_title_words else ctx.scope.doc_ids
    hits = ctx.search.hybrid(f"{name} có hiệu lực thi hành kể từ ngày", within, 10)
    number = re.compile(rf"(?<![\d/]){re.escape(ref.number)}/")
    for clause in [*mentions, *(h.clause for h in hits)]:
        flat, offsets = folded_with_offsets(clause.text)
        match = _EFFECT.search(flat)
        if match is None or not number.search(flat[: match.start()]):
            continue
        quote = clause.text[offsets[match.start()] : offsets[match.end() - 1] + 1]
        n = cite.cite(clause, quote)
        line = f"{name} {quote} (theo {ctx.label(clause.document_id)}: “{quote}” [{n}])."
        note = f"{name} chưa được nạp; ngày trên là ngày kế hoạch đã nạp ghi khi dẫn nó."
        return Answer(f"{line}\n{note}", False, Intent.DOCUMENT_FACTS.value, cite.citations)
    reason = (
        f"{name} chưa được nạp; các kế hoạch đã nạp dẫn nó nhưng không ghi ngày nó có hiệu lực."
    )
    return abstain(ctx.query, list(mentions[:3]), ctx.documents, reason)


def _subject(question: str, refs: Sequence[CitedRef]) -> CitedRef | None:
    """The document whose date is asked: the first one the question names (nothing named
    before it), or one it refers back to by kind ("… Nghị quyết 21-NQ/TW …; nghị quyết đó
    ban hành ngày nào?")."""
    # "Kế hoạch … triển khai Chỉ thị 11 ban hành ngày nào?": a document named as what the
    # asked plan carries out describes that plan; it is not the one asked
    refs = [r for r in refs if not _CARRIED_OUT_BY.search(question[: r.start])]
    if not refs:
        return None
    # (a document the question opens reading from, "Theo CV 7103, NĐ 178 quy định gì?", is
    # its source, not its subject)
    named = [
        d.span.start
        for d in documents_named(question)
        if not _SOURCE_FIRST.match(question[: d.span.start])
    ]
    first = min([r.start for r in refs] + named, default=0)
    for ref in refs:
        if re.search(rf"\b{ref.kind} (?:do|nay|ay|tren|noi tren)\b", question[ref.end :]):
            return ref
    if len(refs) > 1 and _SOURCE_FIRST.match(question[: refs[0].start]):
        # "Theo KH kèm QĐ 2200/QĐ-BNNMT, NĐ 180/2026/NĐ-CP có hiệu lực từ ngày nào?": the
        # document the question reads from, then the one it asks about
        return refs[1]
    return refs[0] if refs[0].start <= first else None


# a plan described by what it carries out: "(kế hoạch) triển khai (thực hiện) …"
_CARRIED_OUT_BY = re.compile(r"\b(?:trien khai|thuc hien|cu the hoa)(?: thuc hien)?\s*$")
# the question opens by naming where it reads from: "theo (kế hoạch kèm theo) …"
_SOURCE_FIRST = re.compile(r"^\s*theo\s+(?:[a-z]+\s+){0,4}$")


def _dated_mentions(
    ctx: Context, ref: CitedRef, namesakes: frozenset[str] = frozenset()
) -> list[tuple[StoredClause, CitedDate]]:
    """Clauses citing the document with a date beside it, outside `namesakes` (loaded plans
    of its number that are not it): in the plans in scope, else (the plans were only named,
    not fixed) in every plan."""
    text = f"{ref.kind} {ref.number}/{ref.symbol}" if ref.symbol else f"{ref.kind} {ref.number}"
    scope = ctx.scope
    within = [d for d in scope.doc_ids if d not in namesakes]
    found = _search(ctx, text, ref, within) if within or not scope.doc_ids else []
    if not found and scope.doc_ids and scope.named and not (scope.given or scope.scoped):
        found = _search(ctx, text, ref, [])
    return [pair for pair in found if pair[0].document_id not in namesakes]


# the issuer a question gives the document it names ("… của MTTQ tỉnh Quảng Ninh"), up to
# the place it is of: the level and the name's words that follow
_ISSUER_PLACE = re.compile(
    r"^\s*(?:cua|do)\s+(?:[a-z0-9]+\s+){0,8}?"
    r"(?P<level>tinh|thanh pho|huyen|quan|thi xa|xa|phuong)\s+(?P<name>[a-z]+(?:\s+[a-z]+)?)"
)


def _of_another_place(after: str, loaded: Sequence[DocumentInfo]) -> bool:
    """Whether the question gives the document it names an issuer of a place ("… của MTTQ
    tỉnh Quảng Ninh") that none of the loaded plans of that number is of."""
    match = _ISSUER_PLACE.match(after)
    if match is None:
        return False
    level, name = match.group("level"), match.group("name")
    for info in loaded:
        own = folded(info.place_name or "")
        if folded(info.place_level or "") == level and own and name.startswith(own.split()[0]):
            return False
        if not info.place_level and not info.place_name:
            return False  # a plan of no place: nothing to tell it apart by
    return True


def _search(
    ctx: Context, text: str, ref: CitedRef, doc_ids: Sequence[str]
) -> list[tuple[StoredClause, CitedDate]]:
    found = []
    for hit in ctx.search.hybrid(text, doc_ids, limit=_SEARCHED):
        for date in dates_beside(hit.clause.text, ref) or dates_before(hit.clause.text, ref):
            found.append((hit.clause, date))
    # the plan's basis line ("Căn cứ Nghị định số …") is where it cites the document as such
    return sorted(found, key=lambda pair: _basis_rank(*pair))


def _basis_rank(clause: StoredClause, date: CitedDate) -> int:
    """0: the mention follows "Căn cứ" on its line; 1: a clause of the basis; 2: else."""
    at = clause.text.find(date.quote)
    line = clause.text[clause.text.rfind("\n", 0, max(at, 0)) + 1 : max(at, 0)]
    if at >= 0 and re.search(r"\bcan cu\b", folded(line)):
        return 0
    return 1 if _is_basis(clause) else 2


def _is_basis(clause: StoredClause) -> bool:
    return (
        clause.kind == "preamble"
        or is_legal_basis(clause)
        or bool(re.match(r"\s*căn cứ\b", clause.text, re.IGNORECASE))
    )


def _best_matched_first(
    asked: str, found: list[tuple[StoredClause, CitedDate]]
) -> list[tuple[StoredClause, CitedDate]]:
    """The dates whose mentions' words after the date ("… về công tác bảo vệ BMNN trên không
    gian mạng") share most words with what the question says after the number come first:
    two documents of one number ("Chỉ thị 02/CT-TTg" of 2018 and of 2019) are told apart by
    their subjects. Mentions of one date keep their order (the basis line first)."""
    words = set(content_words(asked))
    best: dict[str, int] = {}
    for _, date in found:
        shared = len(words & set(content_words(date.subject)))
        best[date.text] = max(best.get(date.text, 0), shared)
    return sorted(found, key=lambda pair: -best[pair[1].text])


def _dated_answer(
    ctx: Context, asked: list[tuple[CitedRef, list[tuple[StoredClause, CitedDate]]]]
) -> Answer:
    """Per document asked, one line per distinct date (one date: the usual case), each
    quoting the whole mention (its issuer and subject with it) from up to three plans; two
    dates: the plans cite two documents of that number, both said. A document no plan dates
    is said to be undated."""
    cite = CitationBuilder(ctx.documents)
    lines = []
    for ref, found in asked:
        if not found:
            name = f"{_KIND_NAMES.get(ref.kind, ref.kind.capitalize())} {ref.number}"
            lines.append(f"Các kế hoạch đã nạp không ghi ngày ban hành của {name}.")
            continue
        by_date: dict[str, list[tuple[StoredClause, CitedDate]]] = {}
        for clause, date in found:
            by_date.setdefault(date.text, []).append((clause, date))
        name = _name_as_written(ref, found[0][1])
        if len(by_date) > 1:
            lines.append(f"Các kế hoạch đã nạp ghi {len(by_date)} ngày khác nhau cho {name}:")
        for mentions in by_date.values():
            sources = []
            seen: set[str] = set()
            for clause, date in mentions:
                if clause.document_id in seen or len(seen) == _SHOWN:
                    continue
                seen.add(clause.document_id)
                mention = mention_around(clause.text, date.quote, ref.kind)
                n = cite.cite(clause, mention)
                sources.append(f"{ctx.label(clause.document_id)}: “{mention}” [{n}]")
            said = mentions[0][1].said
            lines.append(f"{name} ban hành ngày {said} (theo {'; '.join(sources)}).")
    several = "Các văn bản này" if len(asked) > 1 else "Văn bản này"
    lines.append(f"{several} chưa được nạp; ngày trên là ngày các kế hoạch đã nạp ghi khi dẫn nó.")
    return Answer("\n".join(lines), False, Intent.DOCUMENT_FACTS.value, cite.citations)


def _about_answer(
    ctx: Context, ref: CitedRef, found: tuple[StoredClause, CitedDate], verb: str | None
) -> Answer:
    """What a cited document is about, from its mention's trích yếu; declined when the
    question asks what it does ("đề xuất những nội dung gì") and the mention does not say."""
    clause, date = found
    mention = mention_around(clause.text, date.quote, ref.kind)
    name = _name_as_written(ref, date)
    label = ctx.label(clause.document_id)
    tail = folded(mention[mention.find(date.quote) + len(date.quote) :])
    if verb is not None and not re.search(rf"\b{verb}\b", tail):
        reason = (
            f"{name} chưa được nạp; {label} chỉ dẫn nó là “{mention}”, không nêu nó "
            f"{_verb_as_written(verb)} những nội dung gì."
        )
        declined = abstain(ctx.query, [clause], ctx.documents, reason)
        return replace(declined, intent=Intent.DOCUMENT_FACTS.value)
    cite = CitationBuilder(ctx.documents)
    n = cite.cite(clause, mention)
    text = (
        f"Theo {label}: “{mention}” [{n}].\n"
        f"{name} chưa được nạp; nội dung trên là trích yếu các kế hoạch đã nạp ghi khi dẫn nó."
    )
    return Answer(text, False, Intent.DOCUMENT_FACTS.value, cite.citations)


_VERBS = {
    "huong dan": "hướng dẫn",
    "quy dinh": "quy định",
    "de xuat": "đề xuất",
    "de nghi": "đề nghị",
    "phe duyet": "phê duyệt",
    "yeu cau": "yêu cầu",
}


def _verb_as_written(verb: str) -> str:
    return _VERBS.get(verb, verb)


def _name_as_written(ref: CitedRef, date: CitedDate) -> str:
    """ "Nghị định 26/2020/NĐ-CP" from the quote "26/2020/NĐ-CP ngày 28 tháng 02 năm 2020"
    (a quote that starts with the kind keeps it as written)."""
    written = re.split(r",?\s+ngày\s", date.quote, maxsplit=1, flags=re.IGNORECASE)[0]
    written = " ".join(written.split())
    if folded(written).startswith(ref.kind):
        return written
    return f"{_KIND_NAMES.get(ref.kind, ref.kind.capitalize())} {written}"


# ---- named by kind and name, as a named plan's basis -------------------------------------


def _by_name(ctx: Context) -> Answer | None:
    """The mention of the cited document the question names, from the basis lines of the
    plans it names; None when it names no plan or asks no such fact."""
    if not ctx.scope.named or not ctx.scope.doc_ids:
        return None
    infos = [info for info in map(ctx.documents.get, ctx.scope.doc_ids) if info is not None]
    own = [OwnPlan(info.number, info.kind, info.title) for info in infos]
    asked = cited_asked(ctx.query.folded, own)
    if asked is None:
        return None
    by_plan = [cited_documents(ctx.library.structure.fact_clauses(info.id)) for info in infos]
    each = _each_plans_mention(ctx, [best_cited(own_cited, asked) for own_cited in by_plan])
    if each is not None:
        return each
    cited = [document for own_cited in by_plan for document in own_cited]
    found = best_cited(cited, asked)
    if found is None:
        if not any(named.as_basis for named in asked.named) or not cited:
            return None
        if fits_any(cited, asked):
            return None  # several fit: the plan cites it, the facts' list answers
        labels = ", ".join(info.label for info in infos)
        reason = (
            f"Phần căn cứ của {labels} không nêu văn bản được hỏi, nên không trả lời "
            "được ngày hay số hiệu của văn bản đó."
        )
        closest = list(dict.fromkeys(document.clause for document in cited))[:3]
        declined = abstain(ctx.query, closest, ctx.documents, reason)
        return replace(declined, intent=Intent.DOCUMENT_FACTS.value)
    cite = CitationBuilder(ctx.documents)
    n = cite.cite(found.clause, found.mention)
    label = ctx.library.label(found.clause.document_id)
    text = f"{label} nêu ở phần căn cứ: “{found.mention}” [{n}]."
    # read from the plan's opening lines, as the plan's other facts are
    return Answer(text, False, Intent.DOCUMENT_FACTS.value, cite.citations)


def _each_plans_mention(ctx: Context, founds: Sequence[CitedDocument | None]) -> Answer | None:
    """ "KH kiểm tra giám sát và KH tiếp công dân căn cứ những kế hoạch số mấy của …?":
    several plans named, each citing a document that fits: each plan's own mention, one
    line a plan; None unless two or more plans are named and every one has its mention."""
    if len(founds) < 2 or any(found is None for found in founds):
        return None
    cite = CitationBuilder(ctx.documents)
    lines = []
    for found in founds:
        assert found is not None
        n = cite.cite(found.clause, found.mention)
        label = ctx.library.label(found.clause.document_id)
        lines.append(f"{label} nêu ở phần căn cứ: “{found.mention}” [{n}].")
    return Answer("\n".join(lines), False, Intent.DOCUMENT_FACTS.value, cite.citations)
