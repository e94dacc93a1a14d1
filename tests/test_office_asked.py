"""A question asking who holds an office is answered by the clause naming that office."""

from __future__ import annotations

import pytest

from retrieval.office_asked import asked_office, names_office, office_first
from retrieval.query import understand
from tests.stored_clauses import stored_clause


@pytest.mark.parametrize(
    ("question", "office"),
    [
        ("Ai làm Trưởng Ban Chỉ đạo tìm kiếm, quy tập ở các quân khu?", "truong ban"),
        ("Trưởng đoàn kiểm tra, giám sát bầu cử của MTTQ xã là ai?", "truong doan"),
        ("Còn Phó Trưởng tiểu ban Thường trực là ai?", "pho truong tieu ban"),
        ("Ai giữ chức Giám đốc Trung tâm?", "giam doc"),
        ("Ai làm đầu mối giải đáp các nội dung?", None),
        ("Ai chủ trì thành lập Ban Chỉ đạo ở các quân khu?", None),
    ],
)
def test_the_office_asked(question: str, office: str | None) -> None:
    assert asked_office(understand(question).folded) == office


def test_the_clause_naming_the_office_comes_first() -> None:
    task = stored_clause(
        "a) Xây dựng, ban hành Quy chế của Ban Chỉ đạo quốc gia; Ban Chỉ đạo các quân khu.",
        clause_id="a",
    )
    office = stored_clause(
        "b) Thành lập Ban Chỉ đạo ở các quân khu do đồng chí Phó Chính ủy hoặc Phó Tư lệnh "
        "quân khu làm Trưởng Ban Chỉ đạo.",
        clause_id="b",
    )
    assert office_first([task, office], "truong ban", lambda c: c) == [office, task]
    assert office_first([task], "truong ban", lambda c: c) == [task]


def test_a_signature_over_a_name_gives_no_office() -> None:
    signature = stored_clause("- VPCP: BTCN, các PCN. | TRƯỞNG BAN PHÓ THỦ TƯỚNG Nguyễn Văn A |")
    listed = stored_clause("- Phó Trưởng tiểu ban Thường trực: Phó Trưởng phòng Văn hóa - Xã hội.")
    assert not names_office(signature, "truong ban")
    assert names_office(listed, "pho truong tieu ban")
