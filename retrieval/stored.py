"""Typed views of what the index stores for each clause (its payload)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ingest.domain import Deadline, DeadlineKind, Target, TargetCell, TargetValue, TimedWork


@dataclass(frozen=True)
class StoredClause:
    """A clause as read back from the index, with its target row when it has one."""

    clause_id: str
    document_id: str
    document_title: str
    document_number: str | None
    kind: str
    number: str | None
    heading: str | None
    path: str
    text: str
    start: int
    end: int
    body_end: int
    parent_id: str | None
    child_count: int
    search_text: str
    target: Target | None
    period: str | None = None  # the stage the clause sits in ("2030", "2026-2030")
    # clauses holding cells of the row outside its own text (a body duty's unit heading)
    context: tuple[StoredClause, ...] = ()

    @property
    def body(self) -> str:
        return self.text[: self.body_end - self.start]

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> StoredClause:
        raw_target = payload.get("target")
        return cls(
            clause_id=payload["clause_id"],
            document_id=payload["document_id"],
            document_title=payload.get("document_title") or payload["document_id"],
            document_number=payload.get("document_number"),
            kind=payload["kind"],
            number=payload.get("number"),
            heading=payload.get("heading"),
            path=payload["path"],
            text=payload["text"],
            start=int(payload["start"]),
            end=int(payload["end"]),
            body_end=int(payload.get("body_end", payload["end"])),
            parent_id=payload.get("parent_id"),
            child_count=int(payload.get("child_count", 0)),
            search_text=payload.get("search_text", ""),
            target=_target(raw_target) if raw_target else None,
            period=payload.get("period"),
            context=tuple(
                cls.from_payload({**raw, "document_title": payload.get("document_title")})
                for raw in payload.get("context", ())
            ),
        )


def _target(raw: Mapping[str, Any]) -> Target:
    deadline = raw.get("deadline")
    return Target(
        clause_id=raw["clause_id"],
        document_id=raw["document_id"],
        number=raw.get("number"),
        content=raw.get("content", ""),
        monitoring_units=tuple(raw.get("monitoring_units", ())),
        lead_units=tuple(raw.get("lead_units", ())),
        cooperating_units=tuple(raw.get("cooperating_units", ())),
        deadline=Deadline(
            raw=deadline["raw"],
            kind=DeadlineKind(deadline["kind"]),
            year=deadline.get("year"),
            quarter=deadline.get("quarter"),
            month=deadline.get("month"),
            day=deadline.get("day"),
        )
        if deadline
        else None,
        note=raw.get("note"),
        group=raw.get("group"),
        cells=tuple(TargetCell(**cell) for cell in raw.get("cells", ())),
        period=raw.get("period"),
        source=raw.get("source", "table"),
        values=tuple(TargetValue(**value) for value in raw.get("values", ())),
        measure_unit=raw.get("measure_unit"),
        highest_units=tuple(raw.get("highest_units", ())),
        works=tuple(TimedWork(**work) for work in raw.get("works", ())),
    )
