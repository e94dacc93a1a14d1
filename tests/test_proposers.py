"""Who proposed a decision ("Xét đề nghị của …"), asked as a document fact."""

from __future__ import annotations

from retrieval.proposers import proposers
from retrieval.query import Intent, MetaField, understand
from tests.stored_clauses import stored_clause


def test_the_proposer_is_read_from_the_preamble() -> None:
    basis = stored_clause("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    proposed = stored_clause(
        "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 12/TTr-SNV ngày 3 tháng 3 năm 2024,"
    )
    assert proposers([basis, proposed]) == ([proposed], ["Giám đốc Sở Nội vụ"])
    assert proposers([basis]) == ([], [])


def test_a_proposer_ending_its_line() -> None:
    line = stored_clause("Theo đề nghị của Bộ trưởng Bộ Tài chính.")
    assert proposers([line])[1] == ["Bộ trưởng Bộ Tài chính"]


def test_who_proposed_is_a_document_fact() -> None:
    query = understand("Quyết định 15 được ban hành theo đề nghị của cơ quan nào?")
    assert query.intent is Intent.DOCUMENT_FACTS
    assert query.meta_fields == (MetaField.PROPOSER,)


def test_a_plan_implementing_a_directive_by_its_number() -> None:
    query = understand("kế hoạch này thực hiện chỉ thị số mấy của Thủ tướng")
    assert query.meta_fields == (MetaField.BASED_ON,)


def test_a_proposer_line_in_emphasis_marks() -> None:
    """A converted copy sets the preamble line in italics ("*Theo đề nghị của …*", QĐ
    2200/QĐ-BNNMT in tests/real_plans_12h)."""
    line = stored_clause("*Theo đề nghị của Cục trưởng Cục Lâm nghiệp và Kiểm lâm.*")
    assert proposers([line])[1] == ["Cục trưởng Cục Lâm nghiệp và Kiểm lâm"]
