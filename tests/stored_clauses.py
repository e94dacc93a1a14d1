"""A `StoredClause` for unit tests: one clause of text, every other field a plain default."""

from __future__ import annotations

from typing import Any

from retrieval.stored import StoredClause


def stored_clause(text: str, **fields: Any) -> StoredClause:
    """A clause holding `text` whole (offsets from 0, no children, no target row); `fields`
    override any other field ("path", "kind", "document_id", "search_text" …)."""
    values: dict[str, Any] = {
        "clause_id": "c",
        "document_id": "d",
        "document_title": "d",
        "document_number": None,
        "kind": "paragraph",
        "number": None,
        "heading": None,
        "path": "",
        "text": text,
        "start": 0,
        "end": len(text),
        "body_end": len(text),
        "parent_id": None,
        "child_count": 0,
        "search_text": text,
        "target": None,
    }
    values.update(fields)
    return StoredClause(**values)


def stored_from_parsed(clause: Any, target: Any, title: str = "Nghị quyết") -> StoredClause:
    """A parsed plan's clause (`ingest.domain.Clause`) as the index stores it, with its row."""
    return stored_clause(
        clause.text,
        clause_id=clause.id,
        document_id=clause.document_id,
        document_title=title,
        kind=clause.kind.value,
        number=clause.number,
        heading=clause.heading,
        path=clause.path,
        start=clause.start,
        end=clause.end,
        body_end=clause.body_end,
        parent_id=clause.parent_id,
        search_text="",
        target=target,
    )
