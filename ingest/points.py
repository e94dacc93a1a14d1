"""Turning a parsed plan into index points: the text to embed and the payload to store."""

from __future__ import annotations

from collections.abc import Sequence

from ingest.domain import Clause, ParsedPlan, Target, to_plain
from ingest.embedding.protocol import Embedder
from ingest.index.ids import point_id_for
from ingest.index.protocol import IndexPoint
from ingest.lexical import LexicalEncoder
from ingest.parser.units import unit_key

_MAX_EMBED_CHARS = 1500


def _flat(text: str) -> str:
    return " ".join(text.replace("|", " ").replace("\t", " ").split())


def period_label(period: str) -> str:
    """How a stage reads in text: "năm 2030", "giai đoạn 2026-2030"."""
    return f"giai đoạn {period}" if "-" in period else f"năm {period}"


def search_text(clause: Clause, target: Target | None) -> str:
    """What gets embedded and tokenised for a clause: its path, its stage and its own words."""
    stage = f" ({period_label(clause.period)})" if clause.period else ""
    if target is not None:
        parts = [f"{clause.path}{stage}. {target.content}"]
        for value in target.values:
            label = f" {period_label(value.period)}" if value.period else ""
            # the column names what the figure is ("Kế hoạch vốn năm 2023", "Năm 2030")
            header = next((c.header for c in target.cells if c.start == value.start), "")
            named = f"{header} — " if header else ""
            parts.append(f"{named}Giá trị{label}: {target.with_unit(value.text)}")
        if target.highest_units:
            parts.append("Cơ quan chịu trách nhiệm cao nhất: " + "; ".join(target.highest_units))
        if target.monitoring_units:
            parts.append("Đơn vị theo dõi, chỉ đạo: " + "; ".join(target.monitoring_units))
        if target.lead_units:
            parts.append("Đơn vị chủ trì thực hiện: " + "; ".join(target.lead_units))
        if target.cooperating_units:
            parts.append("Đơn vị phối hợp: " + "; ".join(target.cooperating_units))
        if target.deadline:
            parts.append("Thời gian hoàn thành: " + target.deadline.raw)
        if target.note:
            parts.append("Ghi chú: " + target.note)
        # columns no role names ("Giá gói thầu (đồng)", "Hình thức lựa chọn nhà thầu") are
        # searched under their own headers
        parts += [f"{c.header}: {c.text}" for c in target.cells if c.role == "unknown" and c.header]
        return ". ".join(parts)[:_MAX_EMBED_CHARS]
    return f"{clause.path}{stage}\n{_flat(clause.body)}"[:_MAX_EMBED_CHARS]


def indexable(clause: Clause) -> bool:
    """Clauses with text of their own (headings implied by numbering have none)."""
    return bool(clause.body.strip())


def clause_payload(
    plan: ParsedPlan, clause: Clause, target: Target | None, text: str, version: str | None = None
) -> dict:
    """Everything retrieval needs about a clause, stored beside its vectors.

    `version` is the id of the write storing it (default: the content hash)."""
    document = plan.document
    payload: dict = {
        "document_id": document.id,
        "document_title": document.title,
        "document_number": document.number,
        "version": version or document.content_hash,
        "clause_id": clause.id,
        "parent_id": clause.parent_id,
        "child_count": len(clause.children),
        "number": clause.number,
        "kind": clause.kind.value,
        "heading": clause.heading,
        "path": clause.path,
        "text": clause.text,
        "start": clause.start,
        "end": clause.end,
        "body_end": clause.body_end,
        "search_text": text,
        "units": [],
        "period": clause.period,
    }
    if target is not None:
        roles = {
            "units_monitoring": target.monitoring_units,
            "units_lead": target.lead_units,
            "units_cooperating": target.cooperating_units,
            "units_highest": target.highest_units,
        }
        for field_name, units in roles.items():
            payload[field_name] = sorted({unit_key(unit) for unit in units})
        payload["units"] = sorted({key for name in roles for key in payload[name]})
        payload["target"] = to_plain(target)
        payload["row_source"] = target.source  # "table" or "body": row lists filter on it
        context = _cells_context(plan, clause, target)
        if context:
            payload["context"] = context
        due = target.deadline.due if target.deadline else None
        if due is not None:
            payload["due"] = due.year * 10000 + due.month * 100 + due.day
    return payload


def _cells_context(plan: ParsedPlan, clause: Clause, target: Target) -> list[dict]:
    """The clauses holding a row's cells that lie outside its own clause (the unit heading a
    body duty sits under), as stored clauses, so that answers can cite them verbatim."""
    found: dict[str, dict] = {}
    for cell in target.cells:
        if clause.start <= cell.start and cell.end <= clause.end:
            continue
        holders = [c for c in plan.clauses if c.start <= cell.start and cell.end <= c.body_end]
        if not holders:
            continue
        holder = min(holders, key=lambda c: c.body_end - c.start)
        found.setdefault(
            holder.id,
            {
                "clause_id": holder.id,
                "document_id": holder.document_id,
                "kind": holder.kind.value,
                "number": holder.number,
                "heading": holder.heading,
                "path": holder.path,
                "text": holder.body,  # the heading's own text: exactly source[start:body_end]
                "start": holder.start,
                "end": holder.body_end,
                "parent_id": holder.parent_id,
            },
        )
    return list(found.values())


def build_points(
    plan: ParsedPlan,
    embedder: Embedder,
    lexical: LexicalEncoder,
    batch_size: int = 32,
    on_batch: object = None,
    version: str | None = None,
) -> list[IndexPoint]:
    """Index points for every clause with text of its own, embedded in batches.

    With a `version` id the points are that write's own (ids and payload `version`)."""
    targets = {target.clause_id: target for target in plan.targets}
    clauses = [clause for clause in plan.clauses if indexable(clause)]
    texts = [search_text(clause, targets.get(clause.id)) for clause in clauses]
    vectors = _embed_by_length(embedder, texts, batch_size, on_batch)
    return [
        IndexPoint(
            id=point_id_for(clause.id, version),
            dense=vector,
            sparse=lexical.encode_passage(text),
            payload=clause_payload(plan, clause, targets.get(clause.id), text, version),
        )
        for clause, text, vector in zip(clauses, texts, vectors, strict=True)
    ]


def _embed_by_length(
    embedder: Embedder, texts: list[str], batch_size: int, on_batch: object
) -> list[Sequence[float]]:
    """Embed in batches of similar length (little padding), returning vectors in input order.

    Clauses range from a heading to a long table row; batching them in document order
    pads every short text to the longest one in its batch, which doubles the work.
    """
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    vectors: list[Sequence[float]] = [()] * len(texts)
    for first in range(0, len(order), batch_size):
        chunk = order[first : first + batch_size]
        for index, vector in zip(
            chunk, embedder.embed_passages([texts[i] for i in chunk]), strict=True
        ):
            vectors[index] = vector
        if callable(on_batch):
            on_batch(min(first + batch_size, len(order)))
    return vectors
