"""A "còn …" follow-up asking the previous question of another topic, and a folded "thu"
that is no ordinal."""

from __future__ import annotations

from ingest.normalize_vi import folded
from retrieval.constraints import numbered_names
from retrieval.topic_swap import asked_of_another_topic

_REVENUE = (
    "Đề án đặt mục tiêu thu ngân sách từ sử dụng đất giai đoạn 2026-2030 bình quân bao nhiêu?"
)


def test_the_topic_after_the_framing_words_is_swapped() -> None:
    swapped = asked_of_another_topic("Còn thu từ tài nguyên nước thì sao?", _REVENUE)
    assert swapped == (
        "Đề án đặt mục tiêu thu ngân sách từ tài nguyên nước giai đoạn 2026-2030 bình quân"
        " bao nhiêu?"
    )


def test_a_swapped_question_is_swapped_again_by_its_last_framing_word() -> None:
    first = asked_of_another_topic("Còn thu từ tài nguyên nước thì sao?", _REVENUE)
    assert first is not None
    again = asked_of_another_topic("Con tu khoang san?", first)
    assert again is not None
    assert "từ khoang san giai đoạn 2026-2030" in again
    assert "nước" not in again


def test_a_rate_asked_of_another_group() -> None:
    assert (
        asked_of_another_topic("Còn tỷ lệ hộ nghèo?", "Tỷ lệ che phủ rừng năm 2025 là bao nhiêu?")
        == "Tỷ lệ hộ nghèo năm 2025 là bao nhiêu?"
    )


def test_no_swap_without_a_framing_word_or_without_còn() -> None:
    assert asked_of_another_topic("Còn thời hạn thì sao?", _REVENUE) is None
    assert asked_of_another_topic("Thu từ tài nguyên nước bao nhiêu?", _REVENUE) is None
    # the turn names the previous topic again: nothing swapped
    assert asked_of_another_topic("Còn thu từ sử dụng đất?", _REVENUE) is None


def test_a_folded_thu_is_an_ordinal_only_where_it_can_be_thứ() -> None:
    typed = "Còn thu từ tài nguyên nước thì sao?"
    assert numbered_names(folded(typed), typed) == []
    ordinal = "Nội dung thứ tư của kế hoạch là gì?"
    assert numbered_names(folded(ordinal), ordinal) == ["thu tu|thu 4"]
    bare = "noi dung thu tu cua ke hoach la gi"
    assert numbered_names(bare, bare) == ["thu tu|thu 4"]


def test_the_conversation_keeps_the_question_a_follow_up_was_read_as() -> None:
    from retrieval.answers import Answer
    from retrieval.conversation import Conversation

    conversation = Conversation()
    whole = "Đề án đặt mục tiêu thu ngân sách từ tài nguyên nước bao nhiêu?"
    conversation.record(
        "Còn thu từ tài nguyên nước?", Answer("…", False, "target", asked_as=whole), []
    )
    assert conversation.last_question == whole
    conversation.record("Kế hoạch 19 do ai ký?", Answer("…", False, "document_facts"), [])
    assert conversation.last_question == "Kế hoạch 19 do ai ký?"


def test_a_report_of_another_period() -> None:
    """ "Còn báo cáo 6 tháng thì sao?" after the yearly report's deadline asks the half-year
    report's: the period after "báo cáo" is the topic swapped, not a time ("năm 2026")."""
    previous = "Các đơn vị gửi báo cáo năm cho Sở Tài chính trước ngày nào?"
    assert (
        asked_of_another_topic("Còn báo cáo 6 tháng thì sao?", previous)
        == "Các đơn vị gửi báo cáo 6 tháng cho Sở Tài chính trước ngày nào?"
    )
    assert (
        asked_of_another_topic("Còn báo cáo quý?", previous)
        == "Các đơn vị gửi báo cáo quý cho Sở Tài chính trước ngày nào?"
    )
    dated = "Các đơn vị gửi báo cáo năm 2026 cho Sở Tài chính trước ngày nào?"
    assert asked_of_another_topic("Còn báo cáo 6 tháng thì sao?", dated) is None
