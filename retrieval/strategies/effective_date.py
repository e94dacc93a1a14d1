"""When a document takes effect: "Quyết định 3210/QĐ-UBND có hiệu lực từ khi nào?" is
answered by the document's own article ("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
with the date it was signed when it takes effect on signing. A plan that writes no such
article is left to the document facts (an attribute table's "Ngày có hiệu lực")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ingest.dates import written_dates
from ingest.normalize_vi import folded, folded_with_offsets
from retrieval.answers import Answer
from retrieval.citations import CitationBuilder
from retrieval.compose import answer_document_facts
from retrieval.documents import DocumentInfo
from retrieval.query import Intent, MetaField
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context

_ASKS = re.compile(
    r"\bco hieu luc\b.*\b(?:khi nao|ngay nao|bao gio|luc nao|tu ngay|tu thoi diem)\b"
    r"|\bhieu luc (?:tu|ke tu|thi hanh)\b.*\b(?:khi nao|ngay nao|bao gio|luc nao)\b"
    r"|\bngay (?:co )?hieu luc\b"
    # "NQ 89 và NQ 94 có hiệu lực cùng ngày không?"
    r"|\bhieu luc\b.*\bcung (?:ngay|mot ngay|thoi diem)\b"
)
_SAME_DAY = re.compile(r"\bcung (?:ngay|mot ngay|thoi diem)\b")
# "Quyết định này có hiệu lực kể từ ngày ký (ban hành).", "… có hiệu lực thi hành từ ngày …"
# also when the executing article says it ("… chịu trách nhiệm thi hành Quyết định này kể từ
# ngày ký./.", NĐ 30/2020 lets the two articles be one)
_KINDS = r"(?:quyet dinh|ke hoach|nghi quyet|chi thi|van ban|thong tu|nghi dinh)"
_ARTICLE = re.compile(
    rf"\b{_KINDS} nay co hieu luc[^.;\n]*|\bthi hanh {_KINDS} nay (?:ke )?tu ngay[^.;\n/]*"
)
_ON_SIGNING = re.compile(r"\bke tu ngay ki\b|\btu ngay ki\b")


def answer(ctx: Context) -> Answer | None:
    """The effect article of each plan in scope, quoted; None unless the question asks when
    a named plan takes effect and that plan writes it."""
    scope = ctx.scope
    if not scope.named or not scope.doc_ids or not _ASKS.search(ctx.query.folded):
        return None
    cite = CitationBuilder(ctx.documents)
    lines = []
    missing: list[str] = []
    days: list[str | None] = []
    several = len(scope.doc_ids) > 1
    for doc_id in scope.doc_ids:
        for clause in _where_written(ctx, doc_id):
            text = clause.text
            flat, offsets = folded_with_offsets(text)
            match = _ARTICLE.search(flat)
            if match is None:
                continue
            quote = text[offsets[match.start()] : offsets[match.end() - 1] + 1].strip()
            info = ctx.documents.get(doc_id)
            line = f"{_named(ctx, doc_id, several)}: {quote} [{cite.cite(clause, quote)}]"
            days.append(_day(quote, info))
            if _ON_SIGNING.search(folded(quote)) and info is not None and info.issued_date:
                line += f" — văn bản ký ngày {_shown(info.issued_date)}"
            lines.append(line + ".")
            break
        else:
            missing.append(ctx.label(doc_id))
    if not lines:
        return None
    # several plans asked: one that writes no such article is said to be silent
    lines += [f"{label}: văn bản không ghi thời điểm có hiệu lực." for label in missing]
    if _SAME_DAY.search(ctx.query.folded) and len(days) > 1 and not missing and all(days):
        same = len(set(days)) == 1
        lines.insert(0, "Có, cùng ngày." if same else "Không, khác ngày.")
    others = _other_facts(ctx, cite)
    if others is not None:  # "… có hiệu lực từ khi nào, ban hành theo đề nghị của ai?"
        lines.append(others)
    return Answer("\n".join(lines), False, "document_facts", cite.citations)


def _other_facts(ctx: Context, cite: CitationBuilder) -> str | None:
    """The other document facts the question asks beside the date of effect (who proposed
    it, who signed it …), cited with `cite`; None when it asks none or the plans do not say."""
    query = ctx.query
    asked = tuple(f for f in query.meta_fields if f is not MetaField.DATE)
    if query.intent is not Intent.DOCUMENT_FACTS or not asked:
        return None
    infos = [i for i in (ctx.documents.get(d) for d in ctx.scope.doc_ids) if i is not None]
    clauses = {info.id: ctx.library.structure.fact_clauses(info.id) for info in infos}
    facts = answer_document_facts(
        replace(query, meta_fields=asked, meta_field=asked[0]), infos, clauses, ctx.documents, cite
    )
    return None if facts.abstained else facts.answer


def _where_written(ctx: Context, doc_id: str) -> Iterator[StoredClause]:
    """Where a plan says when it takes effect: its preamble and signature block (a
    decision's articles sit there), then the clauses a search finds."""
    for n, clause in enumerate(ctx.library.structure.fact_clauses(doc_id)):
        if n == _HEAD or clause.kind not in ("preamble", "signature"):
            break
        yield clause
    for hit in ctx.search.hybrid("có hiệu lực kể từ ngày ký", [doc_id], limit=10):
        yield hit.clause


_HEAD = 3


def _named(ctx: Context, doc_id: str, several: bool) -> str:
    """The plan's label, with its title when several plans are answered and the label does
    not say it ("Nghị quyết 89NQ-HĐND (…) — Nghị quyết Thông qua quy hoạch …")."""
    label = ctx.label(doc_id)
    info = ctx.documents.get(doc_id)
    if not several or info is None or not info.title or info.title in label:
        return label
    return f"{label} — {info.title}"


def _day(quote: str, info: DocumentInfo | None) -> str | None:
    """The day an effect article names ("kể từ ngày 14 tháng 7 năm 2017"), or the day the
    plan was signed when it takes effect on signing; None when neither is known."""
    if _ON_SIGNING.search(folded(quote)):
        return info.issued_date if info is not None else None
    dates = written_dates(quote)
    return dates[0].iso if dates else None


def _shown(iso: str) -> str:
    """ "2014-06-28" → "28/06/2014 (ngày 28 tháng 6 năm 2014)": the figures, then the date
    written as NĐ 30/2020 writes it (a zero before a day under 10 and months 1 and 2); a
    month-only date as "06/2014"."""
    parts = iso.split("-")
    figures = "/".join(reversed(parts))
    if len(parts) != 3:
        return figures
    year, month, day = (int(p) for p in parts)
    written_month = f"{month:02d}" if month < 3 else str(month)
    return f"{figures} (ngày {day:02d} tháng {written_month} năm {year})"
