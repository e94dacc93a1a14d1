"""The answering service on the questions officials ask, with the deterministic embedder.

Structural paths (clause numbers, the responsibility tables, document facts, follow-ups)
do not depend on the embedding model, so these tests pin them exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.answers import Answer
from retrieval.conversation import Conversation
from retrieval.query import understand
from retrieval.runtime import BUNDLED_CORPUS
from retrieval.topic import topic_words


@pytest.fixture(scope="module")
def assistant(corpus_runtime):
    return corpus_runtime.assistant()


def _assert_citations_verified(answer: Answer) -> None:
    assert answer.citations or answer.abstained
    for citation in answer.citations:
        source = (BUNDLED_CORPUS / f"{citation.document_id}.txt").read_text(encoding="utf-8")
        assert source[citation.start : citation.end] == citation.text
        assert citation.quote and citation.quote in citation.text
        assert f"[{citation.n}]" in answer.answer


@pytest.mark.parametrize(
    "question",
    ["Sở nào chủ trì chỉ tiêu 6.6?", "so nao chu tri chi tieu 6.6", "SỞ NÀO CHỦ TRÌ CHỈ TIÊU 6.6"],
)
def test_who_leads_target_6_6_names_every_role(assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained
    first_line = answer.answer.splitlines()[0]
    assert "Sở Khoa học và Công nghệ" in first_line and "Văn phòng UBND tỉnh" in first_line
    assert "Tháng 11/2025" in answer.answer and "Sở KHCN chủ trì, chủ động" in answer.answer
    assert answer.citations[0].clause == "6.6"
    assert answer.citations[0].path == "Phụ lục 1 › 6. Về Chính quyền số › 6.6"
    _assert_citations_verified(answer)


def test_list_by_unit_returns_every_row(assistant) -> None:
    answer = assistant.ask("Công an tỉnh chủ trì những chỉ tiêu nào?")
    numbers = {c.clause for c in answer.citations}
    assert {"3.4", "5.1", "6.8", "1", "9"} <= numbers
    assert answer.intent == "list_by_unit"
    _assert_citations_verified(answer)


def test_list_by_unit_respects_the_role_asked(assistant) -> None:
    answer = assistant.ask("VP UBND tỉnh theo dõi những chỉ tiêu nào?")
    numbers = {c.clause for c in answer.citations}
    assert {"6.3", "6.6", "6.7", "6.9"} <= numbers
    assert "6.8" not in numbers  # Công an tỉnh monitors 6.8


def test_list_by_period(assistant) -> None:
    answer = assistant.ask("Những nhiệm vụ nào phải hoàn thành trong tháng 10/2025?")
    assert {c.clause for c in answer.citations} == {"6.8", "7.3", "6", "7"}
    assert all("10/2025" in c.quote for c in answer.citations)


def test_clause_number_in_several_plans_is_shown_not_chosen(assistant) -> None:
    answer = assistant.ask("chỉ tiêu 2.1 là gì?")
    assert answer.intent == "ambiguous" and not answer.abstained
    assert len({c.document_id for c in answer.citations}) >= 3
    _assert_citations_verified(answer)


def test_content_words_settle_a_shared_clause_number(assistant) -> None:
    answer = assistant.ask("khi nao phai hoan thanh chuyen doi mang LAN sang IPv6 (chi tieu 2.3)?")
    assert answer.intent == "deadline"
    assert answer.citations[0].document_id == "ninh-binh-19-KH-UBND-2025"
    assert "Tháng 12/2025" in answer.answer.splitlines()[0]


@pytest.mark.parametrize(
    "question",
    [
        "Chỉ tiêu 12.5 do ai chủ trì?",
        "Kế hoạch chuyển đổi số tỉnh Hà Nam năm 2026 đặt chỉ tiêu phủ sóng 5G bao nhiêu?",
    ],
)
def test_questions_the_plans_do_not_answer_abstain(assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.abstained
    assert "12.5" not in "".join(c.quote for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Kế hoạch 466 do ai ký?", "Nguyễn Thành Diệu"),
        ("Số hiệu kế hoạch chuyển đổi số Tiền Giang?", "466/KH-UBND"),
        ("Kế hoạch 19/KH-UBND ban hành ngày nào?", "31/07/2025"),
        ("Kế hoạch 19/KH-UBND thay thế những kế hoạch nào?", "156/KH-UBND"),
        ("nguoi ky ke hoach chuyen doi so Tien Giang giu chuc vu gi", "Phó Chủ tịch"),
        # no issuer box: the body signs "TM. ỦY BAN NHÂN DÂN" and writes itself "UBND xã …"
        ("co quan nao ban hanh ke hoach chuyen doi so xa Xuan Truong 2026", "xã Xuân Trường ["),
    ],
)
def test_document_facts_are_cited_from_the_text(assistant, question: str, expected: str) -> None:
    answer = assistant.ask(question)
    assert answer.intent == "document_facts" and expected in answer.answer
    _assert_citations_verified(answer)


def test_a_missing_document_fact_is_said_plainly(assistant) -> None:
    answer = assistant.ask(
        "Kế hoạch thí điểm mô hình Chính quyền số cấp sở, ngành tỉnh Ninh Bình có số hiệu là gì?"
    )
    assert answer.abstained and "không ghi" in answer.answer.lower()


def test_follow_ups_resolve_against_the_previous_clause(assistant) -> None:
    conversation = Conversation()
    assistant.ask("Sở nào chủ trì chỉ tiêu 6.6?", conversation=conversation)
    deadline = assistant.ask("còn thời hạn thì sao?", conversation=conversation)
    assert "Tháng 11/2025" in deadline.answer.splitlines()[0]
    cooperating = assistant.ask("đơn vị phối hợp là ai?", conversation=conversation)
    assert cooperating.citations[0].clause == "6.6"
    assert "không có cột đơn vị phối hợp" in cooperating.answer


def test_follow_up_about_another_plan_reuses_the_question(assistant) -> None:
    conversation = Conversation()
    assistant.ask("Công an tỉnh Ninh Bình chủ trì những chỉ tiêu nào?", conversation=conversation)
    earliest = assistant.ask("Trong đó chỉ tiêu nào có hạn sớm nhất?", conversation=conversation)
    assert earliest.citations[0].clause == "6.8"


def test_scoping_to_a_document(assistant) -> None:
    answer = assistant.ask("chỉ tiêu 2.1 là gì?", document="xa-xuan-truong-chuyen-doi-so-2026")
    assert {c.document_id for c in answer.citations} == {"xa-xuan-truong-chuyen-doi-so-2026"}


def test_a_plan_never_seen_before_is_answered_like_the_bundled_ones(tmp_path: Path) -> None:
    from tests.conftest import make_runtime

    plan = tmp_path / "huyen-mau-son-2027.md"
    plan.write_text(
        "KẾ HOẠCH\nChuyển đổi số huyện Mẫu Sơn năm 2027\n\nI. MỤC TIÊU\n"
        "1. Chỉ tiêu\n- Phủ sóng 5G đạt 90% dân số.\n\nPHỤ LỤC 1\n"
        "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |\n|---|---|---|---|---|\n"
        "| 1 | Xây dựng kho dữ liệu dùng chung | Phòng Văn hóa và Thông tin | Công an huyện "
        "| Quý II/2027 |\n",
        encoding="utf-8",
    )
    runtime = make_runtime(tmp_path / "home")
    runtime.ingest_paths([plan])
    answer = runtime.assistant().ask("Ai phối hợp nhiệm vụ 1 của huyện Mẫu Sơn?")
    assert "Công an huyện" in answer.answer.splitlines()[0]
    deadline = runtime.assistant().ask("nhiem vu 1 Mau Son han khi nao")
    assert "Quý II/2027" in deadline.answer.splitlines()[0]
    runtime.close()


def test_a_question_naming_two_places_compares_them(assistant) -> None:
    answer = assistant.ask(
        "Giao dịch hành chính phi tiếp xúc: mục tiêu của tỉnh Ninh Bình 2025 và "
        "xã Xuân Trường 2026 là bao nhiêu?"
    )
    assert answer.intent == "compare"
    assert {c.document_id for c in answer.citations} == {
        "ninh-binh-19-KH-UBND-2025",
        "xa-xuan-truong-chuyen-doi-so-2026",
    }
    assert "70%" in answer.answer and "80%" in answer.answer


def test_a_word_of_a_place_name_used_elsewhere_stays_a_topic_word(assistant) -> None:
    # "Trưởng thôn" is about a head of village; "Xuân Trường" names the plan.
    query = understand("Trưởng thôn ở xã Xuân Trường báo cáo gì?")
    topic = topic_words(assistant.documents, query, [])
    assert "truong" in topic
    assert "xuan" not in topic
