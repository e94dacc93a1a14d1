"""A document a plan cites, read from the plan's own mention of it (batch 12f's failures):

- a proposal asked by kind only ("Tờ trình số mấy?") is the plan's one document of that
  kind, its kind read where its number is written ("… Sở Kế hoạch và Đầu tư tại Tờ trình
  số 18/…": a tờ trình, not a kế hoạch);
- "căn cứ quyết định nào của <issuer> <subject>": the words after "của" tell documents
  apart without being required;
- a basis listed under "I. CĂN CỨ LẬP KẾ HOẠCH", one document per wrapped line, is read;
- a cited document's date comes with its whole mention (issuer, "về việc …"), as written;
- "Thông tư 98/2013" names "98/2013/TT-BTC" (the symbol's start is enough).

The texts are lines of the real plans in tests/real_plans4 and corpus/.
"""

from __future__ import annotations

from retrieval.cited_documents import (
    CitedAsked,
    OwnPlan,
    best_cited,
    cited_asked,
    cited_documents,
    cited_refs,
    dates_beside,
    fits_any,
    mention_around,
)
from retrieval.query import understand
from retrieval.stored import StoredClause


def _clause(text: str, kind: str = "preamble", path: str = "") -> StoredClause:
    return StoredClause(
        clause_id="c",
        document_id="d",
        document_title="d",
        document_number=None,
        kind=kind,
        number=None,
        heading=None,
        path=path,
        text=text,
        start=0,
        end=len(text),
        body_end=len(text),
        parent_id=None,
        child_count=0,
        search_text=text,
        target=None,
    )


# tests/real_plans4/binh-dinh-518-QD-UBND-2023-ke-hoach-von-nam-2023.txt, its basis lines
BINH_DINH = _clause(
    "Căn cứ Luật Đầu tư công ngày 13/6/2019;\n\n"
    "Căn cứ Quyết định số 4279/QĐ-UBND ngày 19/12/2022 của UBND tỉnh về việc phân bổ và "
    "giao kế hoạch đầu tư công vốn ngân sách nhà nước năm 2023;\n\n"
    "Theo đề nghị của Sở Kế hoạch và Đầu tư tại Tờ trình số 18/TTr-SKHĐT ngày 22/02/2023."
)
OWN_518 = OwnPlan("518/QĐ-UBND", "Quyết định", "Về việc phân bổ chi tiết kế hoạch vốn năm 2023")


def _asked(question: str, own: OwnPlan = OWN_518) -> CitedAsked:
    asked = cited_asked(understand(question).folded, [own])
    assert asked is not None, question
    return asked


def test_a_proposal_asked_by_kind_is_the_plans_one_proposal() -> None:
    documents = cited_documents([BINH_DINH])
    assert [d.kind for d in documents] == ["luat", "quyet dinh", "to trinh"]
    for question in (
        "To trinh de nghi ban hanh QD 518 Binh Dinh la to trinh so may, ngay nao?",
        "QĐ 518 Bình Định ban hành theo Tờ trình số mấy của Sở KHĐT?",
    ):
        found = best_cited(documents, _asked(question))
        assert found is not None and "18/TTr-SKHĐT ngày 22/02/2023" in found.mention


def test_a_kind_asked_by_date_alone_still_needs_its_name() -> None:
    # no name, no number asked: "căn cứ luật … ngày nào" of a law not named is not guessed
    asked = cited_asked(understand("QĐ 518 căn cứ luật nào ban hành ngày nào?").folded, [OWN_518])
    assert asked is not None  # "luật nào" asks which law: the plan's one law answers
    found = best_cited(cited_documents([BINH_DINH]), asked)
    assert found is not None and found.mention.startswith("Căn cứ Luật Đầu tư công")
    assert cited_asked(understand("QĐ 518 thực hiện ngày nào?").folded, [OWN_518]) is None


def test_the_words_after_cua_tell_two_decisions_apart() -> None:
    # tests/real_plans4/bo-ldtbxh-1544-QD-BLDTBXH-2024-ke-hoach-lua-chon-nha-thau.txt
    clause = _clause(
        "Căn cứ Quyết định số 5689/QĐ-SLĐTBXH ngày 29/8/2024 của Sở Lao động - Thương binh "
        "và Xã hội tỉnh Bạc Liêu về việc phê duyệt điều chỉnh dự án;\n"
        "Căn cứ Quyết định số 5762a/QĐ-SLĐTBXH ngày 04/9/2024 của Sở Lao động - Thương binh "
        "và Xã hội tỉnh Bạc Liêu về việc phê duyệt dự toán một số gói thầu phát sinh;"
    )
    own = OwnPlan("1544/QĐ-BLĐTBXH", "Quyết định", "Phê duyệt kế hoạch lựa chọn nhà thầu")
    asked = _asked(
        "QĐ 1544 căn cứ quyết định nào của Sở LĐTBXH Bạc Liêu phê duyệt dự toán một số gói "
        "thầu phát sinh?",
        own,
    )
    found = best_cited(cited_documents([clause]), asked)
    assert found is not None and "5762a/QĐ-SLĐTBXH" in found.mention
    # nothing telling them apart: no guess
    tie = _asked("QĐ 1544 căn cứ quyết định nào của Sở LĐTBXH Bạc Liêu?", own)
    assert best_cited(cited_documents([clause]), tie) is None


def test_a_basis_listed_one_document_per_wrapped_line_under_its_heading() -> None:
    # corpus/tien-giang-466-KH-UBND-2025.txt, under "I. CĂN CỨ LẬP KẾ HOẠCH"
    text = (
        "Quyết định số 146/QĐ-TTg ngày 28 tháng 01 năm 2022\n"
        "của Thủ tướng Chính phủ phê duyệt Đề án “Nâng cao nhận thức, phổ cập kỹ năng và\n"
        "phát triển nguồn nhân lực chuyển đổi số quốc gia đến năm 2025”;\n"
        "Quyết định số 411/QĐ-TTg ngày 31 tháng 3 năm 2022\n"
        "của Thủ tướng Chính phủ Phê duyệt Chiến lược quốc gia phát triển kinh tế số và\n"
        "xã hội số đến năm 2025, định hướng đến năm 2030;"
    )
    listed = _clause(text, kind="paragraph", path="I. CĂN CỨ LẬP KẾ HOẠCH")
    documents = cited_documents([listed])
    assert len(documents) == 2
    assert documents[1].mention.endswith("định hướng đến năm 2030")
    assert documents[1].mention in text  # verbatim, line breaks kept
    # the same lines in a task are no basis
    assert cited_documents([_clause(text, kind="paragraph", path="II › 1")]) == []
    own = OwnPlan("466/KH-UBND", "Kế hoạch", "Chuyển đổi số tỉnh Tiền Giang năm 2025")
    asked = _asked(
        "KH 466 Tiền Giang căn cứ quyết định nào của Thủ tướng phê duyệt Chiến lược quốc gia "
        "phát triển kinh tế số và xã hội số?",
        own,
    )
    found = best_cited(documents, asked)
    assert found is not None and found.mention.startswith("Quyết định số 411/QĐ-TTg")


def test_a_cited_date_comes_with_its_whole_mention() -> None:
    # corpus/ninh-binh-19-KH-UBND-2025.txt
    text = (
        "- Nghị quyết số 03/NQ-HĐND ngày 01/7/2025 của HĐND tỉnh Ninh Bình về việc thành lập "
        "các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh Ninh Bình sau khi sắp xếp đơn vị "
        "hành chính cấp tỉnh.\n- Trên cơ sở tổng hợp …"
    )
    (ref,) = cited_refs(understand("Nghi quyet 03/NQ-HDND ban hanh ngay nao?").folded)
    (date,) = dates_beside(text, ref)
    mention = mention_around(text, date.quote, ref.kind)
    assert mention.startswith("Nghị quyết số 03/NQ-HĐND ngày 01/7/2025 của HĐND tỉnh")
    assert mention.endswith("sau khi sắp xếp đơn vị hành chính cấp tỉnh")


def test_a_symbols_start_names_the_document() -> None:
    # tests/real_plans3/tp-hcm-3210-QD-UBND-2014-ke-hoach-nha-o-nguoi-co-cong.txt
    text = "… và Thông tư số 98/2013/TT-BTC ngày 24 tháng 7 năm 2013 của Bộ Tài chính."
    (ref,) = cited_refs(understand("Thông tư 98/2013 do bộ nào ban hành, ngày nào?").folded)
    (date,) = dates_beside(text, ref)
    assert date.text == "24/07/2013"
    assert mention_around(text, date.quote, ref.kind) == (
        "Thông tư số 98/2013/TT-BTC ngày 24 tháng 7 năm 2013 của Bộ Tài chính"
    )


def test_which_decision_is_told_by_the_document_it_issues() -> None:
    # "căn cứ quyết định nào ban hành Đề án …": the words after it, another kind's included
    clause = _clause(
        "Căn cứ Quyết định số 3208/QĐ-UBND ngày 03/10/2022 của UBND tỉnh ban hành Đề án đảm bảo "
        "cơ sở vật chất cho chương trình giáo dục mầm non và giáo dục phổ thông;\n"
        "Căn cứ Quyết định số 3101/QĐ-UBND ngày 23/9/2022 của UBND tỉnh ban hành Đề án nâng cao "
        "năng lực hoạt động hệ thống y tế cơ sở;"
    )
    documents = cited_documents([clause])
    asked = _asked(
        "QĐ 518 Bình Định căn cứ quyết định nào ban hành Đề án đảm bảo cơ sở vật chất cho "
        "giáo dục mầm non và phổ thông?"
    )
    found = best_cited(documents, asked)
    assert found is not None and "3208/QĐ-UBND" in found.mention
    # two fit equally: none picked, but the plan does cite one (no "not cited" decline)
    tie = _asked("QĐ 518 Bình Định căn cứ quyết định nào của UBND tỉnh?")
    assert best_cited(documents, tie) is None and fits_any(documents, tie)


def test_a_tasks_deadline_is_no_cited_documents_date() -> None:
    # gold nb19-when-008: "… thực hiện Nghị quyết 57-NQ/TW phải xong khi nào?" asks a task's
    # deadline; a cited document's date is asked "ban hành ngày nào / khi nào"
    own = OwnPlan("19/KH-UBND", "Kế hoạch", "Chuyển đổi số tỉnh Ninh Bình năm 2025")
    question = (
        "Việc rà soát tổng thể, điều chỉnh các chương trình, kế hoạch của tỉnh Ninh Bình về "
        "thực hiện Nghị quyết 57-NQ/TW phải xong khi nào?"
    )
    assert cited_asked(understand(question).folded, [own]) is None
