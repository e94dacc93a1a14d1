"""Copy note: "Bản NQ 34 đang có là bản gốc hay bản trích chữ tự động?" of a named plan is
answered with the transcription note its loaded text opens with, quoted; a text opening
with none is not called the original (nothing says so): declined, saying why."""

from __future__ import annotations

from retrieval.answers import Answer
from retrieval.citations import CitationBuilder
from retrieval.compose import abstain
from retrieval.copy_note import asks_copy_kind, transcription_note
from retrieval.query import Intent
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context


def answer(ctx: Context) -> Answer | None:
    """The named plans' transcription notes; None unless the question asks what kind of
    copy a named plan's loaded text is."""
    scope = ctx.scope
    if not scope.named or not scope.doc_ids or not asks_copy_kind(ctx.query.folded):
        return None
    cite = CitationBuilder(ctx.documents)
    lines: list[str] = []
    unmarked: list[str] = []
    for doc in scope.doc_ids:
        opening = _opening(ctx, doc)
        note = transcription_note(opening.text) if opening is not None else None
        if opening is None or note is None:
            unmarked.append(ctx.label(doc))
            continue
        n = cite.cite(opening, note)
        lines.append(
            f"Bản đã nạp của {ctx.label(doc)} là bản trích chữ tự động, không phải bản gốc; "
            f"văn bản ghi: “{note}” [{n}]."
        )
    if not lines:
        reason = "Văn bản đã nạp không ghi nó là bản gốc hay bản trích chữ: " + ", ".join(unmarked)
        return abstain(ctx.query, [], ctx.documents, reason + ".")
    if unmarked:
        lines.append("Không ghi là bản gốc hay bản trích chữ: " + ", ".join(unmarked) + ".")
    return Answer("\n".join(lines), False, Intent.DOCUMENT_FACTS.value, cite.citations)


def _opening(ctx: Context, doc: str) -> StoredClause | None:
    """The document's preamble (its first clause), where a transcription note stands."""
    for clause in ctx.library.structure.fact_clauses(doc):
        return clause if clause.kind == "preamble" else None
    return None
