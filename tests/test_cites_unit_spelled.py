"""A unit key keeping a short form is found where the clause spells it out."""

from __future__ import annotations

from retrieval.confidence import cites_unit
from retrieval.stored import StoredClause


def _clause(text: str) -> StoredClause:
    return StoredClause(
        clause_id="c",
        document_id="d",
        document_title="Nghị quyết",
        document_number=None,
        kind="item",
        number="2.1",
        heading=None,
        path="IV. TỔ CHỨC THỰC HIỆN › 2.1",
        text=text,
        start=0,
        end=len(text),
        body_end=len(text),
        parent_id=None,
        child_count=0,
        search_text=text,
        target=None,
    )


def test_a_party_committee_key_with_a_short_form_is_found_spelled_out() -> None:
    clause = _clause("2.1. Đảng ủy Hội đồng nhân dân tỉnh lãnh đạo Hội đồng nhân dân tỉnh …")
    assert cites_unit([clause], "dang uy hdnd tinh")
    assert not cites_unit([clause], "dang uy ubnd tinh")
