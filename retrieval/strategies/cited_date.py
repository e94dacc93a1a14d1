"""The date of a document the plans cite: "Nghị định 26/2020/NĐ-CP mà QĐ 254 căn cứ ban
hành ngày nào?", "KH 165 có nhắc Nghị quyết 21-NQ/TW …; nghị quyết đó ban hành ngày nào?".
That document is not loaded, but a loaded plan writes its date beside its number ("Nghị
định số 26/2020/NĐ-CP ngày 28 tháng 02 năm 2020 …"): the answer is that date, quoted from
the plan. The question's subject is the cited document when the question opens with it or
refers back to it by its kind ("nghị quyết đó"); else the loaded plan's own facts answer."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import folded
from retrieval.answers import Answer
from retrieval.candidates import is_legal_basis
from retrieval.citations import CitationBuilder
from retrieval.cited_dates import CitedDate, CitedRef, cited_refs, dates_beside
from retrieval.constraints import documents_named
from retrieval.query import MetaField
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
    "to trinh": "Tờ trình",
    "bao cao": "Báo cáo",
    "cong dien": "Công điện",
}
# the date of a named document asked outright: "Quyết định 5689/QĐ-SLĐTBXH phê duyệt … ban
# hành ngày nào?", whose "phê duyệt" keeps it from reading as the plan's own date
_ASKS_ITS_DATE = re.compile(
    r"\b(?:ban hanh|ky|de|thong qua)\s+(?:vao\s+)?ngay nao|\bngay ban hanh\b"
)
_SEARCHED = 20
_SHOWN = 3


def answer(ctx: Context) -> Answer | None:
    """The cited document's date as the plans write it; None when the question does not ask
    the date of a document that is cited but not loaded, or no plan dates it."""
    query = ctx.query
    if MetaField.DATE not in query.meta_fields and not _ASKS_ITS_DATE.search(query.folded):
        return None
    ref = _subject(query.folded, cited_refs(query.folded))
    if ref is None or ctx.documents.is_loaded(ref.number, ref.symbol or None):
        return None
    found = _dated_mentions(ctx, ref)
    if not found:
        return None  # the plans cite it without a date: `not_loaded` says so
    return _answer(ctx, ref, _best_matched_first(query.folded[ref.end :], found))


def _subject(question: str, refs: Sequence[CitedRef]) -> CitedRef | None:
    """The document whose date is asked: the first one the question names (nothing named
    before it), or one it refers back to by kind ("… Nghị quyết 21-NQ/TW …; nghị quyết đó
    ban hành ngày nào?")."""
    if not refs:
        return None
    first = min(
        [r.start for r in refs] + [d.span.start for d in documents_named(question)], default=0
    )
    for ref in refs:
        if re.search(rf"\b{ref.kind} (?:do|nay|ay|tren|noi tren)\b", question[ref.end :]):
            return ref
    return refs[0] if refs[0].start <= first else None


def _dated_mentions(ctx: Context, ref: CitedRef) -> list[tuple[StoredClause, CitedDate]]:
    """Clauses citing the document with a date beside it: in the plans in scope, else (the
    plans were only named, not fixed) in every plan."""
    text = f"{ref.kind} {ref.number}/{ref.symbol}" if ref.symbol else f"{ref.kind} {ref.number}"
    scope = ctx.scope
    found = _search(ctx, text, ref, scope.doc_ids)
    if not found and scope.doc_ids and scope.named and not (scope.given or scope.scoped):
        found = _search(ctx, text, ref, [])
    return found


def _search(
    ctx: Context, text: str, ref: CitedRef, doc_ids: Sequence[str]
) -> list[tuple[StoredClause, CitedDate]]:
    found = []
    for hit in ctx.search.hybrid(text, doc_ids, limit=_SEARCHED):
        for date in dates_beside(hit.clause.text, ref):
            found.append((hit.clause, date))
    # the plan's basis line ("Căn cứ Nghị định số …") is where it cites the document as such
    return sorted(found, key=lambda pair: not _is_basis(pair[0]))


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
    words = _content_words(asked)
    best: dict[str, int] = {}
    for _, date in found:
        shared = len(words & _content_words(date.subject))
        best[date.text] = max(best.get(date.text, 0), shared)
    return sorted(found, key=lambda pair: -best[pair[1].text])


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text) if len(w) > 1} - _FUNCTION_WORDS


_FUNCTION_WORDS = frozenset(
    [
        "ve",
        "viec",
        "cua",
        "cac",
        "va",
        "theo",
        "tai",
        "trong",
        "ma",
        "nhac",
        "toi",
        "den",
        "ban",
        "hanh",
        "ngay",
        "nao",
        "duoc",
        "la",
        "co",
    ]
)


def _answer(ctx: Context, ref: CitedRef, found: list[tuple[StoredClause, CitedDate]]) -> Answer:
    """One line per distinct date (one date: the usual case), each quoted from up to three
    plans; two dates: the plans cite two documents of that number, both said."""
    cite = CitationBuilder(ctx.documents)
    by_date: dict[str, list[tuple[StoredClause, CitedDate]]] = {}
    for clause, date in found:
        by_date.setdefault(date.text, []).append((clause, date))
    name = _name_as_written(ref, found[0][1])
    lines = []
    if len(by_date) > 1:
        lines.append(f"Các kế hoạch đã nạp ghi {len(by_date)} ngày khác nhau cho {name}:")
    for mentions in by_date.values():
        sources = []
        seen: set[str] = set()
        for clause, date in mentions:
            if clause.document_id in seen or len(seen) == _SHOWN:
                continue
            seen.add(clause.document_id)
            sources.append(f"{ctx.label(clause.document_id)} [{cite.cite(clause, date.quote)}]")
        date = mentions[0][1]
        issuer = next((d.issuer for _, d in mentions if d.issuer), "")
        by = f", của {issuer}" if issuer else ""
        lines.append(f"{name} ban hành ngày {date.said}{by} (theo {'; '.join(sources)}).")
    lines.append("Văn bản này chưa được nạp; ngày trên là ngày các kế hoạch đã nạp ghi khi dẫn nó.")
    return Answer("\n".join(lines), False, "document_facts", cite.citations)


def _name_as_written(ref: CitedRef, date: CitedDate) -> str:
    """ "Nghị định 26/2020/NĐ-CP" from the quote "26/2020/NĐ-CP ngày 28 tháng 02 năm 2020"
    (a quote that starts with the kind keeps it as written)."""
    written = re.split(r",?\s+ngày\s", date.quote, maxsplit=1, flags=re.IGNORECASE)[0]
    written = " ".join(written.split())
    if folded(written).startswith(ref.kind):
        return written
    return f"{_KIND_NAMES.get(ref.kind, ref.kind.capitalize())} {written}"
