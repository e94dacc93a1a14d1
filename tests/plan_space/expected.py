"""What a parser must read back from a generated plan, and the same facts taken from a parse,
in comparable form (offsets left out: they differ between formats)."""

from __future__ import annotations

import re
from typing import Any

from ingest.domain import ClauseKind, ParsedPlan
from ingest.parser.markers import is_article
from tests.plan_space.spec import Node, PlanSpec

_KINDS = {"part": ClauseKind.PART, "section": ClauseKind.SECTION, "point": ClauseKind.POINT}


def _fold(text: str | None) -> str | None:
    return " ".join(text.casefold().split()).strip(" .;:") if text is not None else None


def _symbols(text: str | None) -> set[str]:
    """Words with digits and capitals ("57-NQ/TW", "5G"): their case is part of them."""
    return {
        w.strip(".,;:()")
        for w in (text or "").split()
        if re.search(r"\d", w) and re.search(r"[A-ZĐ]", w)
    }


def metadata(spec: PlanSpec) -> dict[str, Any]:
    """A plan issued by a Quyết định is that decision's document: its kind, number and title
    are the decision's, and what it issues is the plan (the two kept apart)."""
    issuer = spec.issuer
    subject = " ".join(spec.title.lines)
    title = f"Quyết định Ban hành Kế hoạch {subject}" if spec.decision else spec.title.expected
    return {
        "number": spec.number.value,
        "issued_date": spec.date.iso,
        "issuer": issuer.name,
        "kind": "Quyết định" if spec.decision else spec.kind,
        "issues": _fold(f"Kế hoạch {subject}") if spec.decision else None,
        "title": _fold(title),
        "title symbols": _symbols(title),
        "signer": spec.signer.name,
        "signer_title": _fold(spec.signer.title),
        "place": issuer.place,
    }


def read_metadata(plan: ParsedPlan) -> dict[str, Any]:
    document = plan.document
    return {
        "number": document.number,
        "issued_date": document.issued_date,
        "issuer": document.issuer,
        "kind": document.kind,
        "issues": _fold(document.issues),
        "title": _fold(document.title),
        "title symbols": _symbols(document.title),
        "signer": document.signer,
        "signer_title": _fold(document.signer_title),
        "place": document.place,
    }


def _numbered(nodes: tuple[Node, ...]) -> list[tuple[str, str | None, str | None]]:
    found = []
    for node in nodes:
        if node.kind in _KINDS:
            found.append(
                (_KINDS[node.kind].value, node.number, _fold(node.text) if node.headed else None)
            )
        found += _numbered(node.children)
    return found


def clauses(spec: PlanSpec) -> list[tuple[str, str | None, str | None]]:
    """(kind, number, heading of a headed clause) of the numbered body, in order."""
    return _numbered(spec.parts)


def read_clauses(plan: ParsedPlan, spec: PlanSpec) -> list[tuple[str, str | None, str | None]]:
    """The same from a parse (a heading compared only where the spec has one)."""
    wanted = clauses(spec)
    found: list[tuple[str, str | None, str | None]] = []
    for clause in plan.clauses:
        if clause.kind not in _KINDS.values() or clause.path.startswith("Phụ lục"):
            continue
        if is_article(clause.number):  # the issuing decision's "Điều 1. Ban hành …", no plan's
            continue
        headed = len(found) < len(wanted) and wanted[len(found)][2] is not None
        found.append((clause.kind.value, clause.number, _fold(clause.heading) if headed else None))
    return found


def _leaves(nodes: tuple[Node, ...]) -> list[Node]:
    found = []
    for node in nodes:
        if node.kind in ("bullet", "point", "section", "paragraph") and not node.headed:
            found.append(node)
        if node.kind == "section" and node.headed and node.period:
            found.append(node)
        found += _leaves(node.children)
    return found


def periods(spec: PlanSpec) -> list[tuple[str, str | None]]:
    """(first words, stage) of every clause under parts II–IV."""
    return [(_fold(node.text)[:40], node.period) for node in _leaves(spec.parts[1:])]  # type: ignore[index]


def _opening(text: str) -> str:
    """A clause's folded words after its numbering marker and any markup."""
    text = re.sub(r"^[\s*_#>\\]*(?:(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])\\?[.)])?[\s*_\\-]*", "", text)
    return _fold(text.replace("*", "").replace("\\", "")) or ""


def read_periods(plan: ParsedPlan, spec: PlanSpec) -> list[tuple[str, str | None]]:
    found = []
    body = [c for c in plan.clauses if not c.path.startswith("Phụ lục")]
    for key, _ in periods(spec):
        clause = next((c for c in body if _opening(c.body).startswith(key)), None)
        found.append((key, clause.period if clause else "(no clause)"))
    return found


def duties(spec: PlanSpec) -> list[tuple[Any, ...]]:
    """(task words, lead units, co-operating units, deadline) of the body's duties, sorted."""
    restated = {(_fold(row.content), row.lead) for row in (spec.table.tasks if spec.table else ())}
    return sorted(
        (_fold(d.content)[:40], d.lead, d.cooperating, _fold(d.deadline))  # type: ignore[index]
        for d in spec.duties
        # a body task that repeats an appendix row with the same lead: the row answers
        if (_fold(d.content), d.lead) not in restated
    )


def read_duties(plan: ParsedPlan, spec: PlanSpec) -> list[tuple[Any, ...]]:
    rows = [t for t in plan.targets if t.source == "body"]
    found = []
    for row in rows:
        content = _fold(row.content) or ""
        key = next((k[0] for k in duties(spec) if k[0] in content), content[:40])
        deadline = _fold(row.deadline.raw) if row.deadline else None
        found.append((key, row.lead_units, row.cooperating_units, deadline))
    return sorted(found)


def table_rows(spec: PlanSpec) -> list[tuple[Any, ...]]:
    if spec.table is None:
        return []
    return [
        (
            row.number,
            row.content,
            row.lead,
            row.cooperating,
            row.deadline,
            row.note,
            row.group_title,
            row.measure_unit,
            row.values,
        )
        for row in spec.table.tasks
    ]


def read_table_rows(plan: ParsedPlan) -> list[tuple[Any, ...]]:
    return [
        (
            (t.number or "").rstrip("."),
            t.content,
            t.lead_units,
            t.cooperating_units,
            t.deadline.raw if t.deadline else None,
            t.note,
            t.group,
            t.measure_unit,
            tuple((v.period, v.text) for v in t.values),
        )
        for t in plan.targets
        if t.source == "table"
    ]
