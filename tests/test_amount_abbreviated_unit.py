"""A count asked with the short form of what is counted ("bao nhiêu KCN") is met by the
plan's figure before the long form ("02 Khu công nghiệp"), and by nothing else."""

from __future__ import annotations

from retrieval.amounts import states_asked_amount
from retrieval.query import understand
from tests.stored_clauses import stored_clause


def test_the_short_form_asked_is_counted_in_its_long_form() -> None:
    query = understand("Nghị quyết đặt mục tiêu thành lập mới bao nhiêu KCN?")
    assert states_asked_amount(query, stored_clause("+ Thành lập mới ít nhất 02 Khu công nghiệp."))
    assert not states_asked_amount(query, stored_clause("Thành lập mới 05 cụm công nghiệp."))


def test_a_cluster_asked_without_accents_is_counted_too() -> None:
    query = understand("NQ dat muc tieu thanh lap moi bao nhieu CCN nam 2026?")
    assert states_asked_amount(query, stored_clause("Thành lập mới ít nhất 05 cụm công nghiệp."))
