"""A plan's basis lines answer "dựa trên nghị quyết nào của HĐND tỉnh?" when its header
gives no basis: the lines of the kind and issuer asked, each document once."""

from __future__ import annotations

from retrieval.basis_lines import basis_asked, basis_lines, issued_in_opening
from retrieval.query import MetaField, understand
from retrieval.stored import StoredClause
from tests.stored_clauses import stored_clause


def _line(text: str, path: str = "2. Các Nghị quyết, Kế hoạch của Tỉnh › ý 1") -> StoredClause:
    return stored_clause(text, clause_id=text[:20], kind="bullet", path=path)


_LINES = [
    _line("- Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển;"),
    _line("- Nghị quyết số 03/NQ-HĐND ngày 01/7/2025 của HĐND tỉnh Ninh Bình về việc thành lập."),
    _line("- Nghị quyết số 03/NQ-HĐND ngày 01/7/2025 của HĐND tỉnh Ninh Bình về việc thành lập."),
    _line("- Quyết định số 292/QĐ-BKHCN ngày 25/3/2025 của Bộ trưởng Bộ KHCN về việc ban hành;"),
    _line("- Nghị quyết của HĐND tỉnh được triển khai đồng bộ.", "III › 1 › ý 2"),
]


def test_the_basis_line_of_the_kind_and_issuer_asked_is_the_answer() -> None:
    asked = basis_asked(
        understand("Kế hoạch 19 được xây dựng dựa trên nghị quyết nào của HĐND tỉnh?").folded
    )
    assert asked is not None and asked.kind == "nghi quyet"
    found = basis_lines(_LINES, asked)
    assert [name for _, name in found] == [
        "Nghị quyết số 03/NQ-HĐND ngày 01/7/2025 của HĐND tỉnh Ninh Bình"
    ]


def test_a_kind_without_issuer_lists_every_such_line_and_none_is_none() -> None:
    every = basis_asked(understand("KH 19 căn cứ nghị quyết nào?").folded)
    assert every is not None and every.issuer is None
    assert len(basis_lines(_LINES, every)) == 2  # the two resolutions, not the task line
    prime = basis_asked(understand("KH 19 can cu quyet dinh nao cua Thu tuong?").folded)
    assert prime is not None and basis_lines(_LINES, prime) == []
    assert basis_asked(understand("Kế hoạch 19 do ai ký?").folded) is None


# a preamble holding the basis lines, one of them citing three documents at its semicolons
_PREAMBLE = stored_clause(
    "ỦY BAN MTTQ VIỆT NAM\nXÃ AN HÒA\nBAN THƯỜNG TRỰC\n\nKẾ HOẠCH\nTiếp công dân phục vụ bầu cử\n\n"
    "Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân; Luật Mặt trận Tổ "
    "quốc Việt Nam; Căn cứ Kế hoạch số 07/KH-MTTQ-BTT ngày 02/12/2025 của Ban Thường trực "
    "Ủy ban MTTQ Việt Nam tỉnh về tiếp công dân.\n\nBan Thường trực xây dựng kế hoạch như sau:",
    clause_id="pre",
    kind="preamble",
    path="Phần mở đầu",
)


def test_the_laws_of_a_preamble_basis_line_are_read_one_by_one() -> None:
    asked = basis_asked(understand("KH tiếp công dân căn cứ những luật nào?").folded)
    assert asked is not None and asked.kind == "luat"
    found = basis_lines([_PREAMBLE], asked)
    assert [name for _, name in found] == [
        "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân",
        "Luật Mặt trận Tổ quốc Việt Nam",
    ]
    plan = basis_asked(understand("KH tiếp công dân căn cứ kế hoạch nào?").folded)
    assert plan is not None
    assert [name for _, name in basis_lines([_PREAMBLE], plan)] == [
        "Kế hoạch số 07/KH-MTTQ-BTT ngày 02/12/2025 của Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh"
    ]


def test_a_plural_before_the_kind_still_asks_the_basis() -> None:
    from retrieval.query import MetaField

    for question in ("KH 07 căn cứ những luật nào?", "KH 07 căn cứ các văn bản nào?"):
        assert MetaField.BASED_ON in understand(question).meta_fields


def test_a_preambles_basis_line_listing_several_documents_gives_each() -> None:
    preamble = stored_clause(
        "KẾ HOẠCH\nKiểm tra, giám sát công tác bầu cử\n\nCăn cứ Luật Bầu cử đại biểu Quốc hội và"
        " đại biểu Hội đồng nhân dân; Luật Mặt trận Tổ quốc Việt Nam; Căn cứ Kế hoạch số"
        " 04/KH-MTTQ-BTT ngày 04/12/2025 của Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng"
        " Ninh về kiểm tra, giám sát.\n\nBan Thường trực xây dựng kế hoạch như sau:",
        clause_id="pre",
        kind="preamble",
        path="Phần mở đầu",
    )
    laws = basis_asked(understand("KH kiểm tra giám sát căn cứ luật nào?").folded)
    assert laws is not None
    assert [name for _, name in basis_lines([preamble], laws)] == [
        "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân",
        "Luật Mặt trận Tổ quốc Việt Nam",
    ]
    plans = basis_asked(understand("KH kiểm tra giám sát căn cứ kế hoạch nào?").folded)
    assert plans is not None
    (found,) = basis_lines([preamble], plans)
    assert found[1].startswith("Kế hoạch số 04/KH-MTTQ-BTT")
    # the preamble's other lines ("Ban Thường trực xây dựng …") cite nothing
    decrees = basis_asked("can cu nghi dinh nao")
    assert decrees is not None and basis_lines([preamble], decrees) == []


def test_a_hard_wrapped_preamble_line_is_read_whole() -> None:
    preamble = stored_clause(
        "NGHỊ QUYẾT\nCăn cứ Luật Tổ chức chính\nquyền địa phương ngày 19 tháng 6 năm 2015;\n"
        "Căn cứ Luật Hoạt động giám\nsát của Quốc hội ngày 20 tháng 11 năm 2015;\nQUYẾT NGHỊ:",
        kind="preamble",
    )
    asked = basis_asked(understand("NQ chat van can cu nhung luat nao?").folded)
    assert asked is not None
    names = [" ".join(name.split()) for _, name in basis_lines([preamble], asked)]
    assert names == [
        "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
        "Luật Hoạt động giám sát của Quốc hội ngày 20 tháng 11 năm 2015",
    ]


_OPENING = stored_clause(
    "V/v triển khai thực hiện các quy định pháp luật\n"
    "Ngày 09 tháng 6 năm 2025, Chính phủ ban hành Nghị định số 119/2025/NĐ-CP\n"
    "sửa đổi, bổ sung một số điều của Nghị định số 06/2022/NĐ-CP. Triển khai thực hiện\n"
    "Nghị định số 06/2022/NĐ-CP, Bộ trưởng đã ban\n"
    "hành Thông tư số 08/2025/TT-BNNMT sửa đổi, bổ sung Thông tư số 01/2022/TT-BTNMT.",
    clause_id="preamble",
    kind="preamble",
    path="",
)


def test_a_letters_opening_gives_the_documents_it_says_were_issued() -> None:
    # batch 12o: "Công văn 9389 … triển khai những văn bản pháp luật mới nào?"
    question = understand("Công văn 9389 triển khai những văn bản pháp luật mới nào?")
    assert question.meta_fields == (MetaField.BASED_ON,)
    found = issued_in_opening([_OPENING], basis_asked(question.folded))
    # the documents issued, as written (a line break kept), not the ones they amend
    assert [name for _, name in found] == [
        "Nghị định số 119/2025/NĐ-CP",
        "Thông tư số 08/2025/TT-BNNMT",
    ]


def test_the_opening_of_the_kind_asked_and_not_a_numbered_clause() -> None:
    asked = basis_asked(understand("CV 9389 triển khai thông tư nào?").folded)
    assert [n for _, n in issued_in_opening([_OPENING], asked)] == ["Thông tư số 08/2025/TT-BNNMT"]
    body = stored_clause(_OPENING.text, clause_id="c1", kind="item", path="1")
    assert issued_in_opening([body], None) == []
