"""Each plan its own part: "… KH 09 giao Cục BĐKH phối hợp với cơ quan nào, còn QĐ 2200 giao
ai chủ trì?" asks two questions, one of each plan (`retrieval.plan_parts`). Each part is
answered over its plan alone, from the top of the strategies; a part its plan does not
answer, or answers from a clause that does not cover it, makes the whole a decline that
says which part — never one plan's answer given for both."""

from __future__ import annotations

import re
from dataclasses import replace

from retrieval.answers import Answer, Citation
from retrieval.compose import abstain
from retrieval.plan_parts import parts_per_plan
from retrieval.query import Intent, understand
from retrieval.scope import Scope
from retrieval.strategies.context import Context

# the share of a part's topic the clause its answer cites first must state
_PART_COVERED = 0.8


def answer(ctx: Context) -> Answer | None:
    """The parts' answers, one block per plan; None unless the question asks two or more
    plans named in it a part of its own."""
    scope = ctx.scope
    if not scope.named or len(scope.doc_ids) < 2:
        return None
    in_scope = set(scope.doc_ids)
    documents = ctx.documents

    def names(text: str) -> frozenset[str]:
        by_number = set(documents.named_by_number(text)) & in_scope
        return frozenset(by_number or set(documents.named_places(text)) & in_scope)

    def unnamed(text: str, docs: frozenset[str]) -> str:
        return documents.without_naming(text, sorted(docs))

    parts = parts_per_plan(ctx.query.text, names, unnamed)
    if parts is None:
        return None
    lines: list[str] = []
    citations: list[Citation] = []
    candidates: list[str] = []
    unanswered: list[str] = []
    for part in parts:
        asked = understand(part.question)
        part_scope = Scope(list(part.doc_ids), named=True)
        found = ctx.answer_as(asked, part_scope)
        cited = ctx.search.by_ids([c.clause_id for c in found.citations[:1] if c.clause_id])
        topic = ctx.library.topic_words(asked, part_scope.doc_ids)
        candidates += [c for c in found.candidates if c not in candidates]
        if found.abstained or not cited or ctx.coverage(topic, cited[0]) < _PART_COVERED:
            unanswered.append(part.question)
            continue
        shift = len(citations)
        lines.append(f"- {part.question}\n{_renumbered(found.answer, shift)}")
        citations.extend(found.citations)
    if unanswered:
        said = "; ".join(f"“{q}”" for q in unanswered)
        clauses = ctx.search.by_ids(candidates[:3])
        reason = f"Không tìm thấy câu trả lời có căn cứ cho phần: {said}."
        declined = abstain(ctx.query, clauses, documents, reason)
        return replace(declined, intent=Intent.COMPARE.value, candidates=tuple(candidates))
    text = "Trả lời theo từng văn bản:\n" + "\n".join(lines)
    return Answer(text, False, Intent.COMPARE.value, tuple(citations), tuple(candidates))


def _renumbered(text: str, shift: int) -> str:
    """An answer's citation marks ("[1]") moved after the `shift` citations before it."""
    return re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + shift}]", text)
