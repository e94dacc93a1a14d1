"""Intent words that are topic words in some phrases ("khai giảng", "lần thứ hai"), and the
units a question names that are the cited plan's own issuer."""

from __future__ import annotations

from unittest.mock import MagicMock

import pytest

from retrieval.confidence import not_issuers
from retrieval.query import understand
from retrieval.topic import topic_words


def _topic(question: str) -> list[str]:
    documents = MagicMock()
    documents.naming_words.return_value = set()
    documents.words_beside_places.return_value = set()
    documents.is_loaded.return_value = False
    return topic_words(documents, understand(question), [])


@pytest.mark.parametrize(
    ("question", "kept", "dropped"),
    [
        ("Năm học mới khai giảng ngày nào?", {"khai", "giang"}, set()),
        ("Công khai kết quả ở đâu?", {"khai"}, set()),
        ("Sở nào triển khai hệ thống một cửa?", set(), {"khai", "trien"}),
        ("Hiệp thương lần thứ hai chậm nhất ngày nào?", {"hai", "hiep"}, set()),
        ("So sánh hai kế hoạch về chuyển đổi số", set(), {"hai"}),
    ],
)
def test_intent_words_in_topic_phrases(question: str, kept: set[str], dropped: set[str]) -> None:
    words = set(_topic(question))
    assert kept <= words and not dropped & words, words


def test_a_unit_that_is_the_plans_issuer_names_the_plan() -> None:
    issuer = ["Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh"]
    assert not_issuers(["mat tran to quoc viet nam xa"], [], issuer) == ()
    # a key keeping its short form is spelled out
    assert not_issuers(["dang uy ubnd tinh"], [], ["Đảng ủy Ủy ban nhân dân tỉnh Lào Cai"]) == ()
    # another level's unit is not the issuer
    assert not_issuers(["uy ban nhan dan xa"], [], ["Ủy ban nhân dân tỉnh Ninh Bình"]) == (
        "uy ban nhan dan xa",
    )
    assert not_issuers(["so y te"], [], []) == ("so y te",)
