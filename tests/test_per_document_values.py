"""Each plan offered beside the others ("Giá trị theo từng kế hoạch", a comparison) shows
its row's value: "Tỷ lệ che phủ rừng phải đạt bao nhiêu?" of two indicator tables gives 42%
and 60%, not the two indicators' names alone."""

from __future__ import annotations

from ingest.domain import Target, TargetCell
from retrieval.compose import answer_per_document
from retrieval.documents import DocumentDirectory, DocumentInfo
from retrieval.query import understand
from retrieval.stored import StoredClause


def _row(doc_id: str, number: str, *cells: tuple[str, str, str]) -> StoredClause:
    text = " | ".join(text for _, _, text in cells)
    target = Target(
        clause_id=f"{doc_id}:r{number}",
        document_id=doc_id,
        number=number,
        content=cells[0][2],
        cells=tuple(TargetCell(header, role, text, 0, 1) for header, role, text in cells),
    )
    return StoredClause(
        *(f"{doc_id}:r{number}", doc_id, doc_id, None, "table_row", number, None),
        f"Phụ lục 1 › {number}",
        text,
        start=0,
        end=len(text),
        body_end=len(text),
        parent_id=None,
        child_count=0,
        search_text=text,
        target=target,
    )


def _directory() -> DocumentDirectory:
    def info(doc_id: str, number: str) -> DocumentInfo:
        return DocumentInfo.from_plain(
            {"id": doc_id, "title": f"Chương trình {number}", "number": number, "kind": "Kết luận"}
        )

    return DocumentDirectory({"kl": info("kl", "75-KL/TW"), "ctr": info("ctr", "104-CTr/TU")})


def test_each_plans_row_shows_its_value() -> None:
    rows = [
        _row(
            "kl", "9", ("Chỉ tiêu", "content", "Tỉ lệ che phủ rừng"), ("Mục tiêu", "value", "42%")
        ),
        _row(
            "ctr",
            "7",
            ("Chỉ tiêu", "content", "Tỷ lệ che phủ rừng"),
            ("Mục tiêu", "value", "60%"),
            ("Chủ trì", "lead", "Đảng ủy UBND tỉnh"),
        ),
    ]
    query = understand("Tỷ lệ che phủ rừng phải đạt bao nhiêu?")
    text = answer_per_document(query, rows, _directory(), "Giá trị theo từng kế hoạch:").answer
    lines = text.splitlines()
    assert "Tỉ lệ che phủ rừng (Mục tiêu: 42%)" in lines[1]
    assert "Tỷ lệ che phủ rừng (Mục tiêu: 60%; chủ trì: Đảng ủy UBND tỉnh)" in lines[2]


def test_only_the_stage_asked_is_shown() -> None:
    row = _row(
        "kl",
        "3",
        ("Chỉ tiêu", "content", "Tỉ lệ đô thị hóa"),
        ("Năm 2025", "value", "40%"),
        ("Năm 2030", "value", "50%"),
    )
    query = understand("Tỉ lệ đô thị hóa năm 2030 là bao nhiêu?")
    text = answer_per_document(query, [row], _directory(), "So sánh:").answer
    assert "Năm 2030: 50%" in text and "40%" not in text
