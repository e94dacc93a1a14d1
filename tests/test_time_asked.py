"""The intent of a question asking a time whose task is worded with role words."""

from __future__ import annotations

import pytest

from retrieval.asked_phrases import asking_words
from retrieval.query import Intent, understand


@pytest.mark.parametrize(
    "question",
    [
        # "Ban Chỉ đạo" is the task's object, "chỉ đạo" no role asked
        "UBND huyện phải kiện toàn Ban Chỉ đạo chuyển đổi số trước ngày nào?",
        "Việc lắp camera giám sát giao thông hoàn thành khi nào?",
        "Sở Nội vụ phối hợp rà soát bộ máy trong tháng nào?",
        # a table's column label asked as the question
        "Xây dựng cơ sở dữ liệu kiểm kê rừng: thời gian thực hiện?",
        "Tap huan can bo co so thoi gian thuc hien the nao?",
    ],
)
def test_a_time_asked_of_a_task_worded_with_role_words(question: str) -> None:
    assert understand(question).intent is Intent.DEADLINE


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Ai theo dõi việc lắp camera, hạn khi nào?", Intent.WHO_MONITOR),
        ("Thời hạn và đơn vị theo dõi?", Intent.WHO_MONITOR),
        ("Cơ quan nào phối hợp tập huấn, trước ngày nào?", Intent.WHO_COOPERATE),
    ],
)
def test_a_unit_asked_beside_a_time_is_still_asked(question: str, intent: Intent) -> None:
    assert understand(question).intent is intent


def test_a_time_of_doing_named_inside_the_question_asks_no_time() -> None:
    query = understand("Trong thời gian thực hiện kế hoạch, đơn vị nào chủ trì tập huấn?")
    assert query.intent is not Intent.DEADLINE


def test_a_list_attached_to_a_plan_is_where_to_look_not_a_list_asked() -> None:
    query = understand("Theo danh sách kèm Nghị quyết 60, tỉnh Lạng Sơn giữ nguyên hay hợp nhất?")
    assert not query.wants_list
    assert {"danh", "sach", "kem"} <= asking_words(query.folded)


def test_the_plans_citing_and_the_part_it_is_in_are_where_to_look() -> None:
    """A clause cites a law without saying it cites it: "viện dẫn ở phần" is no topic."""
    query = understand("Luật số 146/2025/QH15 được KH 134 viện dẫn ở phần xử lý nước thải là gì?")
    words = asking_words(query.folded)
    assert {"vien", "dan", "phan"} <= words
    assert not {"xu", "nuoc", "thai", "luat"} & words


def test_a_list_asked_for_is_still_a_list() -> None:
    assert understand("Danh sách các nhiệm vụ của Sở Y tế?").wants_list


def test_a_party_number_is_one_word_not_its_expanded_symbols() -> None:
    keywords = understand("Theo NQ 60-NQ/TW, tỉnh Yên Bái hợp nhất với tỉnh nào?").keywords
    assert "trung" not in keywords and "uong" not in keywords
