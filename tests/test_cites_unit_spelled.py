"""A unit key keeping a short form is found where the clause spells it out."""

from __future__ import annotations

from retrieval.confidence import cites_unit
from retrieval.stored import StoredClause
from tests.stored_clauses import stored_clause


def _clause(text: str) -> StoredClause:
    return stored_clause(
        text,
        document_title="Nghị quyết",
        kind="item",
        number="2.1",
        path="IV. TỔ CHỨC THỰC HIỆN › 2.1",
    )


def test_a_party_committee_key_with_a_short_form_is_found_spelled_out() -> None:
    clause = _clause("2.1. Đảng ủy Hội đồng nhân dân tỉnh lãnh đạo Hội đồng nhân dân tỉnh …")
    assert cites_unit([clause], "dang uy hdnd tinh")
    assert not cites_unit([clause], "dang uy ubnd tinh")
