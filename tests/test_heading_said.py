"""A heading its path names by number alone ("… › 2.3" of "2.3. Đợt 3: Sau ngày bầu cử
15/3/2026") is answered with its words, then its items; a heading its path already names
keeps the path alone."""

from __future__ import annotations

from retrieval.citations import CitationBuilder
from retrieval.compose import describe_clause
from retrieval.documents import DocumentDirectory, DocumentInfo
from tests.stored_clauses import stored_clause

_INFO = DocumentInfo.from_plain({"id": "d", "title": "Kế hoạch tuyên truyền", "number": "01/KH"})


def _lines(heading: str, path: str) -> list[str]:
    documents = DocumentDirectory({"d": _INFO}, None)
    clause = stored_clause(heading, clause_id="h", kind="item", path=path)
    child = stored_clause("- Tuyên truyền kết quả bầu cử.", clause_id="h/b1", kind="bullet")
    return describe_clause(clause, documents, CitationBuilder(documents), (), [child])


def test_a_heading_named_by_number_alone_is_said() -> None:
    lines = _lines("2.3. Đợt 3: Sau ngày bầu cử 15/3/2026", "II. LỘ TRÌNH › 2.3")
    assert "Đợt 3: Sau ngày bầu cử 15/3/2026 [1]" in lines[0]
    assert lines[1].startswith("- Tuyên truyền kết quả bầu cử.")


def test_a_heading_its_path_names_keeps_the_path_alone() -> None:
    lines = _lines("2. Tổ chức thực hiện", "II. NỘI DUNG › 2. Tổ chức thực hiện")
    assert lines[0].endswith("› 2. Tổ chức thực hiện [1]:")
